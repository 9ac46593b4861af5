// Counting a data set's classes and rows, and validating it before it reaches the math.
#include "algorhythm/dataset.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "number_text.hpp"

namespace algorhythm {

int Dataset::class_count() const {
  switch (task) {
    case Task::Binary: return 2;
    case Task::MultiClass: return static_cast<int>(class_names.size());
    case Task::Regression: return 0;
  }
  return 0;
}

int Dataset::training_row_count() const {
  int count = 0;
  for (std::uint8_t test : is_test) count += test == 0 ? 1 : 0;
  return count;
}

namespace {

[[noreturn]] void fail(const std::string& message) { throw std::invalid_argument(message); }

std::string row_label(std::size_t row) { return "row " + std::to_string(row + 1); }  // 1-based, as people count

// Sizes of the columns, and the flags that say what they mean.
void validate_shape(const Dataset& data) {
  const std::size_t features = data.feature_names.size();
  const std::size_t rows = data.targets.size();
  if (features < 1 || features > static_cast<std::size_t>(kMaxRawFeatures)) {
    fail("a data set needs 1 to " + std::to_string(kMaxRawFeatures) + " features, got " + std::to_string(features));
  }
  if (rows == 0) fail("data set has no rows");
  if (rows > static_cast<std::size_t>(kMaxRows)) {
    fail("too many rows: " + std::to_string(rows) + " (at most " + std::to_string(kMaxRows) + ")");
  }
  const std::size_t expected_values = rows * features;
  if (data.features.size() < expected_values) {
    // The flat array runs out in the middle of the first incomplete row.
    const std::size_t short_row = data.features.size() / features;
    fail(row_label(short_row) + " has " + std::to_string(data.features.size() % features) + " values, expected " +
         std::to_string(features) + " (one per feature)");
  }
  if (data.features.size() > expected_values) {
    fail("there are " + std::to_string(data.features.size()) + " feature values, more than " + std::to_string(rows) +
         " rows of " + std::to_string(features) + " features (" + std::to_string(expected_values) + ")");
  }
  if (data.is_test.size() != rows) {
    fail("is_test has " + std::to_string(data.is_test.size()) + " entries, expected one per row (" +
         std::to_string(rows) + ")");
  }
  for (std::size_t r = 0; r < rows; ++r) {
    if (data.is_test[r] > 1) {
      fail("is_test of " + row_label(r) + " is " + std::to_string(data.is_test[r]) + ", expected 0 (training) or 1 (test)");
    }
  }
  if (!data.row_names.empty() && data.row_names.size() != rows) {
    fail("there are " + std::to_string(data.row_names.size()) + " row names, expected none or one per row (" +
         std::to_string(rows) + ")");
  }
  if (data.planar && features != 2) {
    fail("a planar data set has exactly 2 features (x and y), got " + std::to_string(features));
  }
  if (!(std::isfinite(data.domain_min) && std::isfinite(data.domain_max) && data.domain_min < data.domain_max)) {
    fail("the domain [" + number_text(data.domain_min) + ", " + number_text(data.domain_max) +
         "] is not a finite range with domain_min below domain_max");
  }
}

void validate_features(const Dataset& data) {
  const std::size_t features = data.feature_names.size();
  for (std::size_t i = 0; i < data.features.size(); ++i) {
    const float value = data.features[i];
    if (!std::isfinite(value)) {
      fail("feature '" + data.feature_names[i % features] + "' of " + row_label(i / features) + " is " +
           (std::isnan(value) ? "NaN" : "infinite"));
    }
  }
}

void validate_labels(const Dataset& data) {
  const std::size_t rows = data.targets.size();
  switch (data.task) {
    case Task::Binary:
      if (!data.class_names.empty() && data.class_names.size() != 2) {
        fail("a binary task has 2 class names (negative, positive), got " + std::to_string(data.class_names.size()));
      }
      for (std::size_t r = 0; r < rows; ++r) {
        if (data.targets[r] != 0.0f && data.targets[r] != 1.0f) {
          fail("label of " + row_label(r) + " is " + number_text(data.targets[r]) +
               ", but a binary task allows only 0 or 1");
        }
      }
      return;
    case Task::MultiClass: {
      const int classes = static_cast<int>(data.class_names.size());
      if (classes < kMinClasses || classes > kMaxClasses) {
        fail("a multi-class task needs " + std::to_string(kMinClasses) + " to " + std::to_string(kMaxClasses) +
             " classes, got " + std::to_string(classes));
      }
      for (std::size_t r = 0; r < rows; ++r) {
        const float label = data.targets[r];
        if (!(label >= 0.0f && label < static_cast<float>(classes) && label == std::floor(label))) {
          fail("label of " + row_label(r) + " is " + number_text(label) + ", but a multi-class task with " +
               std::to_string(classes) + " classes allows only the integers 0 to " + std::to_string(classes - 1));
        }
      }
      return;
    }
    case Task::Regression:
      if (!data.class_names.empty()) {
        fail("a regression task has no class names, got " + std::to_string(data.class_names.size()));
      }
      for (std::size_t r = 0; r < rows; ++r) {
        if (!std::isfinite(data.targets[r])) {
          fail("label of " + row_label(r) + " is " + number_text(data.targets[r]) +
               ", but a regression task needs a finite number");
        }
      }
      return;
  }
  fail("unknown task " + std::to_string(static_cast<int>(data.task)));
}

}  // namespace

void validate(const Dataset& data) {
  validate_shape(data);
  validate_features(data);
  validate_labels(data);
  if (data.training_row_count() == 0) fail("no training rows: every row is in the test set");
}

}  // namespace algorhythm
