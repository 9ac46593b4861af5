// A data set: rows of raw features with one label each, split into training and test rows.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "algorhythm/types.hpp"

namespace algorhythm {

// Hard limits, enforced by validate() with a message rather than by a freeze.
inline constexpr int kMaxRawFeatures = 16;
inline constexpr int kMaxRows = 10000;
inline constexpr int kMinClasses = 3;
inline constexpr int kMaxClasses = 8;

struct Dataset {
  std::string name;                        // e.g. "Four songs"
  Task task = Task::Binary;
  std::vector<std::string> feature_names;  // one per raw feature column, e.g. {"modern", "sad", "piano"}
  std::vector<std::string> class_names;    // Binary: {negative, positive}; MultiClass: K names; Regression: empty
  std::vector<std::string> row_names;      // empty, or one per row (e.g. song titles)
  std::vector<float> features;             // (rows, feature_count) row-major
  std::vector<float> targets;              // (rows): 0/1, class index, or the regression value
  std::vector<std::uint8_t> is_test;       // (rows): 1 = held out for the test loss, 0 = training row

  // Planar data sets have exactly two raw features (x, y) and may derive more inputs from them
  // (x², sin x, ...; see FeatureMap). Their plane is drawn over [domain_min, domain_max]².
  bool planar = false;
  float domain_min = 0.0f;  // the range views draw for every raw feature
  float domain_max = 1.0f;

  int feature_count() const { return static_cast<int>(feature_names.size()); }
  int row_count() const { return static_cast<int>(targets.size()); }
  int class_count() const;  // Binary: 2, MultiClass: class_names.size(), Regression: 0
  int training_row_count() const;
  const float* row(int r) const { return features.data() + static_cast<std::size_t>(r) * feature_names.size(); }
};

// Throws std::invalid_argument naming the first problem (which row, which value, what is allowed):
// no rows, no training row, too many rows or features, rows of the wrong length, NaN/infinite
// features, labels that do not fit the task, class counts outside 3..8.
void validate(const Dataset& data);

}  // namespace algorhythm
