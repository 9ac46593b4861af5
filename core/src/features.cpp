// The network's inputs derived from a data set's raw features (see features.hpp).
#include "algorhythm/features.hpp"

#include <algorithm>
#include <iterator>
#include <stdexcept>

#include "algorhythm/dataset.hpp"
#include "algorhythm/portable_math.hpp"

namespace algorhythm {
namespace {

constexpr const char* kFeatureNames[] = {"x", "y", "x²", "y²", "xy", "sin x", "sin y"};  // in the order of Feature
static_assert(std::size(kFeatureNames) == kFeatureKinds);
constexpr std::uint32_t kAllFeatures = (1u << kFeatureKinds) - 1;

float derived_feature(Feature kind, float x, float y) {
  switch (kind) {
    case Feature::X: return x;
    case Feature::Y: return y;
    case Feature::XSquared: return x * x;
    case Feature::YSquared: return y * y;
    case Feature::XTimesY: return x * y;
    case Feature::SinX: return static_cast<float>(portable::sin(x));
    case Feature::SinY: return static_cast<float>(portable::sin(y));
  }
  return 0.0f;
}

}  // namespace

FeatureMap FeatureMap::identity(int raw_feature_count) {
  if (raw_feature_count < 1 || raw_feature_count > kMaxRawFeatures) {
    throw std::invalid_argument("the inputs need 1 to " + std::to_string(kMaxRawFeatures) + " raw features, got " +
                                std::to_string(raw_feature_count));
  }
  FeatureMap map;
  map.raw_count_ = raw_feature_count;
  return map;
}

FeatureMap FeatureMap::planar(std::uint32_t feature_mask) {
  if (feature_mask == 0) throw std::invalid_argument("choose at least one input feature");
  if ((feature_mask & ~kAllFeatures) != 0) {
    throw std::invalid_argument("feature mask " + std::to_string(feature_mask) + " has bits beyond the " +
                                std::to_string(kFeatureKinds) + " input features (x, y, x², y², xy, sin x, sin y): "
                                "it must be between 1 and " + std::to_string(kAllFeatures));
  }
  FeatureMap map;
  map.raw_count_ = 2;
  for (int kind = 0; kind < kFeatureKinds; ++kind) {
    if ((feature_mask & (1u << kind)) != 0) map.kinds_.push_back(static_cast<Feature>(kind));
  }
  return map;
}

std::uint32_t FeatureMap::mask() const {
  std::uint32_t mask = 0;
  for (Feature kind : kinds_) mask |= 1u << static_cast<int>(kind);
  return mask;
}

// Identity maps pass the raw names through; planar inputs have fixed names, as the raw features of a
// planar data set are always x and y.
std::vector<std::string> FeatureMap::input_names(const std::vector<std::string>& raw_names) const {
  if (!is_planar()) return raw_names;
  std::vector<std::string> names;
  for (Feature kind : kinds_) names.emplace_back(kFeatureNames[static_cast<int>(kind)]);
  return names;
}

void FeatureMap::apply(const float* raw, float* inputs) const {
  if (!is_planar()) {
    std::copy(raw, raw + raw_count_, inputs);
    return;
  }
  for (std::size_t i = 0; i < kinds_.size(); ++i) inputs[i] = derived_feature(kinds_[i], raw[0], raw[1]);
}

}  // namespace algorhythm
