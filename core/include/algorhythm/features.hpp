// Network inputs derived from a planar data set's (x, y): x, y, x², y², xy, sin x, sin y.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace algorhythm {

enum class Feature : std::uint8_t { X, Y, XSquared, YSquared, XTimesY, SinX, SinY };
inline constexpr int kFeatureKinds = 7;

class FeatureMap {
 public:
  // identity: the network's inputs are the data set's raw features, unchanged (non-planar data).
  static FeatureMap identity(int raw_feature_count);
  // planar: the inputs are the chosen derived features of (x, y), in the order of enum Feature.
  // Throws std::invalid_argument if the mask is empty or has bits beyond the seven kinds.
  static FeatureMap planar(std::uint32_t feature_mask);

  int raw_count() const { return raw_count_; }
  int input_count() const { return is_planar() ? static_cast<int>(kinds_.size()) : raw_count_; }
  bool is_planar() const { return !kinds_.empty(); }
  std::uint32_t mask() const;
  std::vector<std::string> input_names(const std::vector<std::string>& raw_names) const;

  // raw: (raw_count) -> inputs: (input_count)
  void apply(const float* raw, float* inputs) const;

 private:
  int raw_count_ = 0;
  std::vector<Feature> kinds_;  // empty for identity
};

}  // namespace algorhythm
