// What several engine test files share: small hand-built data sets, settings, and the check that a
// rejected call left a run untouched.
//
// The numbers are written out here rather than generated, so a test that uses them depends on no
// generator in core/ (the built-in data sets have tests of their own).
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "algorhythm/dataset.hpp"
#include "algorhythm/settings.hpp"
#include "algorhythm/trainer.hpp"

namespace algorhythm::test {

// Row-major features (rows, feature_count), one target per row, every row a training row.
inline Dataset hand_made(Task task, int feature_count, std::vector<float> features, std::vector<float> targets) {
  Dataset data;
  data.name = "hand made";
  data.task = task;
  for (int f = 0; f < feature_count; ++f) data.feature_names.push_back("x" + std::to_string(f));
  if (task == Task::Binary) data.class_names = {"no", "yes"};
  if (task == Task::MultiClass) data.class_names = {"red", "green", "blue"};
  data.features = std::move(features);
  data.targets = std::move(targets);
  data.is_test.assign(data.targets.size(), 0);
  data.domain_min = -1.0f;
  data.domain_max = 1.0f;
  return data;
}

// Six rows of three features in [-1, 1]; the targets alternate in kind so every output is exercised.
inline std::vector<float> six_rows_of_three() {
  return {0.5f, -0.3f, 0.8f,   -0.7f, 0.2f, 0.1f,   0.9f, 0.6f, -0.4f,
          -0.2f, -0.9f, 0.3f,  0.4f, 0.7f, 0.6f,    -0.6f, -0.1f, -0.8f};
}
inline Dataset binary_rows() { return hand_made(Task::Binary, 3, six_rows_of_three(), {1, 0, 1, 0, 0, 1}); }
inline Dataset three_class_rows() { return hand_made(Task::MultiClass, 3, six_rows_of_three(), {0, 1, 2, 2, 1, 0}); }
inline Dataset regression_rows() {
  return hand_made(Task::Regression, 3, six_rows_of_three(), {1.5f, -0.7f, 2.2f, 0.3f, -1.1f, 0.8f});
}

inline NetworkSpec network_of(int hidden_layers, int size, Activation hidden, Activation output = Activation::Sigmoid) {
  NetworkSpec spec;
  for (int l = 0; l < hidden_layers; ++l) spec.hidden.push_back({size, hidden});
  spec.output_activation = output;
  return spec;
}

inline Settings settings_of(NetworkSpec network, Loss loss, float learning_rate, std::uint64_t seed = 1) {
  Settings settings;
  settings.network = std::move(network);
  settings.hyper.loss = loss;
  settings.hyper.learning_rate = learning_rate;
  settings.seed = seed;
  return settings;
}

// == on floats says 0 == -0 and NaN != NaN; history and determinism promise the very same bits.
inline bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
}

// What a rejected call must not change.
struct RunState {
  std::vector<float> parameters;
  long tick;
  Hyperparameters hyper;
  int rows;
};
inline RunState remember(const Trainer& trainer) {
  return {trainer.parameters(), trainer.tick(), trainer.hyperparameters(), trainer.data().row_count()};
}

// A rejected call must leave the run exactly as it was, and the run must still train.
inline void require_unchanged_and_usable(Trainer& trainer, const RunState& before) {
  REQUIRE(same_bits(trainer.parameters(), before.parameters));
  REQUIRE(trainer.tick() == before.tick);
  REQUIRE(trainer.hyperparameters().learning_rate == before.hyper.learning_rate);
  REQUIRE(trainer.hyperparameters().loss == before.hyper.loss);
  REQUIRE(trainer.hyperparameters().batch_size == before.hyper.batch_size);
  REQUIRE(trainer.data().row_count() == before.rows);
  REQUIRE_FALSE(trainer.diverged());
  REQUIRE(trainer.step(Granularity::Batch));
  REQUIRE(trainer.snapshot().phase == Phase::Update);
  REQUIRE(trainer.tick() > before.tick);
}

}  // namespace algorhythm::test

// Catch prints phases by name in failure messages.
namespace Catch {
template <>
struct StringMaker<algorhythm::Phase> {
  static std::string convert(algorhythm::Phase phase) { return algorhythm::to_string(phase); }
};
}  // namespace Catch
