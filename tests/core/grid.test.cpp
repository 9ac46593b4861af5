// Tests of Trainer::evaluate_grid (core/src/grid.cpp): every channel against an independent
// computation — the input features from grid.hpp's formula for cell centres, the output from
// predict(), every neuron from the test's own double-precision forward pass.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "algorhythm/trainer.hpp"
#include "support.hpp"

namespace {

using namespace algorhythm;
using namespace algorhythm::test;

// Planar points in [-6, 6]² labelled by a circle, hand-made so no generator is involved.
Dataset planar_circle(Task task = Task::Binary) {
  std::vector<float> features, targets;
  for (int i = 0; i < 24; ++i) {
    const float x = -5.5f + 0.47f * static_cast<float>(i), y = 5.0f - 0.41f * static_cast<float>((i * 7) % 24);
    features.push_back(x);
    features.push_back(y);
    const float radius = std::sqrt(x * x + y * y);
    targets.push_back(task == Task::Binary ? (radius < 4.0f ? 1.0f : 0.0f) : static_cast<float>(i % 3));
  }
  Dataset data = hand_made(task, 2, features, targets);
  data.feature_names = {"x", "y"};
  data.planar = true;
  data.domain_min = -6.0f;
  data.domain_max = 6.0f;
  return data;
}

// All seven derived features, so each one's channel is checked.
constexpr std::uint32_t kAllFeatures = 0x7F;

std::vector<double> derived_features(double x, double y) {
  return {x, y, x * x, y * y, x * y, std::sin(x), std::sin(y)};  // the order of enum Feature
}

// A trained-a-little network, so no parameter is at its initial zero.
Trainer planar_trainer(Task task = Task::Binary) {
  Settings settings = settings_of(network_of(0, 0, Activation::Tanh), Loss::CrossEntropy, 0.03f, 4);
  settings.network.hidden = {{3, Activation::Tanh}, {2, Activation::Relu}, {4, Activation::Sigmoid}};
  settings.feature_mask = kAllFeatures;
  Trainer trainer;
  trainer.reset(settings, planar_circle(task));
  trainer.step(Granularity::Epoch, 5);
  return trainer;
}

GridSpec small_grid() {
  GridSpec grid;
  grid.x_min = -6.0f;
  grid.x_max = 6.0f;
  grid.y_min = -4.0f;
  grid.y_max = 5.0f;
  grid.columns = 8;
  grid.rows = 5;
  return grid;
}

// The test's forward pass in double for network inputs x (I0): every neuron's activation, all layers
// concatenated, straight from network.hpp's parameter layout.
std::vector<double> reference_activations(const NetworkShape& shape, const std::vector<float>& parameters,
                                          std::vector<double> x) {
  std::vector<double> all;
  for (int l = 0; l < shape.layer_count(); ++l) {
    const LayerShape& layer = shape.layer(l);
    std::vector<double> z(layer.neurons), a(layer.neurons);
    for (int o = 0; o < layer.neurons; ++o) {
      z[o] = parameters[layer.bias_offset + o];
      for (int i = 0; i < layer.inputs; ++i) z[o] += parameters[layer.weight_offset + o * layer.inputs + i] * x[i];
    }
    if (layer.softmax) {
      double total = 0.0;
      for (int o = 0; o < layer.neurons; ++o) total += std::exp(z[o]);
      for (int o = 0; o < layer.neurons; ++o) a[o] = std::exp(z[o]) / total;
    } else {
      for (int o = 0; o < layer.neurons; ++o) {
        switch (layer.activation) {
          case Activation::Sigmoid: a[o] = 1.0 / (1.0 + std::exp(-z[o])); break;
          case Activation::Tanh: a[o] = std::tanh(z[o]); break;
          case Activation::Relu: a[o] = std::max(z[o], 0.0); break;
          case Activation::Linear: a[o] = z[o]; break;
        }
      }
    }
    all.insert(all.end(), a.begin(), a.end());
    x = a;
  }
  return all;
}

TEST_CASE("grid channels: derived inputs at cell centres, then every neuron", "[grid]") {
  Trainer trainer = planar_trainer();
  const GridSpec grid = small_grid();
  const std::vector<float>& channels = trainer.evaluate_grid(grid);
  const NetworkShape& shape = trainer.shape();
  const int N = grid.rows * grid.columns, I0 = shape.input_count();
  REQUIRE(I0 == 7);
  REQUIRE(channels.size() == static_cast<std::size_t>((I0 + shape.neuron_count()) * N));
  auto at = [&](int channel, int r, int c) { return channels[static_cast<std::size_t>(channel) * N + r * grid.columns + c]; };

  double worst_neuron = 0.0;
  for (int r = 0; r < grid.rows; ++r) {
    for (int c = 0; c < grid.columns; ++c) {
      // grid.hpp: x = x_min + (c + 0.5)(x_max - x_min)/columns, y = y_max - (r + 0.5)(y_max - y_min)/rows
      const double x = grid.x_min + (c + 0.5) * (grid.x_max - grid.x_min) / grid.columns;
      const double y = grid.y_max - (r + 0.5) * (grid.y_max - grid.y_min) / grid.rows;
      INFO("row " << r << ", column " << c << ": (" << x << ", " << y << ")");
      const std::vector<double> features = derived_features(x, y);
      for (int i = 0; i < I0; ++i) {
        INFO("input channel " << i);
        CHECK(at(i, r, c) == Approx(features[i]).epsilon(1e-6).margin(1e-6));
      }
      // The output channel is what predict() says for the same point.
      const float output = trainer.predict({at(0, r, c), at(1, r, c)})[0];
      CHECK(std::fabs(at(I0 + shape.output_layer().neuron_offset, r, c) - output) <= 1e-6f);
      // Every neuron against the double-precision reference.
      std::vector<double> x_in;
      for (int i = 0; i < I0; ++i) x_in.push_back(at(i, r, c));
      const std::vector<double> expected = reference_activations(shape, trainer.parameters(), x_in);
      for (int n = 0; n < shape.neuron_count(); ++n) {
        INFO("neuron " << n);
        CHECK(at(I0 + n, r, c) == Approx(expected[n]).margin(1e-5));
        worst_neuron = std::max(worst_neuron, std::fabs(at(I0 + n, r, c) - expected[n]));
      }
    }
  }
  WARN("grid neurons: largest difference from the double-precision reference " << worst_neuron);
}

TEST_CASE("a grid evaluated again reuses its inputs only for the same spec: same bits as a fresh evaluation",
          "[grid]") {
  Trainer trainer = planar_trainer(), fresh = planar_trainer();
  const GridSpec grid = small_grid();
  GridSpec other = grid;
  other.x_min = -2.0f;
  trainer.evaluate_grid(grid);
  trainer.step(Granularity::Batch, 3);
  fresh.step(Granularity::Batch, 3);
  // Same spec: the inputs are kept, and only the neurons are computed again.
  CHECK(trainer.evaluate_grid(grid) == fresh.evaluate_grid(grid));
  // Another spec, then the first again: the inputs are computed again each time.
  const std::vector<float> moved = trainer.evaluate_grid(other);
  CHECK(moved != planar_trainer().evaluate_grid(other));  // (not stepped: the comparisons below can fail)
  fresh.evaluate_grid(other);
  CHECK(trainer.evaluate_grid(grid) == fresh.evaluate_grid(grid));
  CHECK(moved == fresh.evaluate_grid(other));
}

TEST_CASE("row 0 of the grid is its top", "[grid]") {
  Trainer trainer = planar_trainer();
  GridSpec grid = small_grid();
  const std::vector<float> channels = trainer.evaluate_grid(grid);
  const int N = grid.rows * grid.columns;
  // Channel 1 is y: falling from row to row, the same along a row, the first row just under y_max.
  const float first_row_y = channels[N + 0];
  CHECK(first_row_y == Approx(5.0 - 0.5 * 9.0 / 5).epsilon(1e-6));
  for (int r = 1; r < grid.rows; ++r) CHECK(channels[N + r * grid.columns] < channels[N + (r - 1) * grid.columns]);
  for (int c = 1; c < grid.columns; ++c) {
    CHECK(channels[N + c] == first_row_y);
    CHECK(channels[c] > channels[c - 1]);  // x grows to the right
  }
}

TEST_CASE("a multi-class grid gives predict()'s probabilities in each class channel", "[grid]") {
  Trainer trainer = planar_trainer(Task::MultiClass);
  const GridSpec grid = small_grid();
  const std::vector<float>& channels = trainer.evaluate_grid(grid);
  const NetworkShape& shape = trainer.shape();
  const int N = grid.rows * grid.columns, I0 = shape.input_count();
  const LayerShape& out = shape.output_layer();
  REQUIRE(out.neurons == 3);
  for (int n = 0; n < N; ++n) {
    const std::vector<float> expected = trainer.predict({channels[n], channels[N + n]});
    double total = 0.0;
    for (int k = 0; k < 3; ++k) {
      const float value = channels[static_cast<std::size_t>(I0 + out.neuron_offset + k) * N + n];
      CHECK(std::fabs(value - expected[k]) <= 1e-6f);
      total += value;
    }
    CHECK(total == Approx(1.0).epsilon(1e-5));
  }
}

TEST_CASE("a grid over two of three raw features holds the third at its fixed value", "[grid]") {
  Trainer trainer;
  trainer.reset(settings_of(network_of(1, 4, Activation::Tanh), Loss::CrossEntropy, 0.2f), binary_rows());
  trainer.step(Granularity::Epoch, 10);
  GridSpec grid;
  grid.x_feature = 2;
  grid.y_feature = 0;
  grid.x_min = -1.0f;
  grid.x_max = 1.0f;
  grid.y_min = -2.0f;
  grid.y_max = 0.5f;
  grid.columns = 7;
  grid.rows = 3;
  grid.fixed = {100.0f, 0.3f, -100.0f};  // the values of the axes' own features are ignored
  const std::vector<float>& channels = trainer.evaluate_grid(grid);
  const int N = grid.rows * grid.columns, I0 = 3;
  const int output = I0 + trainer.shape().output_layer().neuron_offset;
  for (int r = 0; r < grid.rows; ++r) {
    for (int c = 0; c < grid.columns; ++c) {
      const int n = r * grid.columns + c;
      const double x = -1.0 + (c + 0.5) * 2.0 / 7, y = 0.5 - (r + 0.5) * 2.5 / 3;
      INFO("row " << r << ", column " << c);
      CHECK(channels[0 * N + n] == Approx(y).epsilon(1e-6));
      CHECK(channels[1 * N + n] == 0.3f);
      CHECK(channels[2 * N + n] == Approx(x).epsilon(1e-6).margin(1e-7));
      const float expected = trainer.predict({channels[n], 0.3f, channels[2 * N + n]})[0];
      CHECK(std::fabs(channels[static_cast<std::size_t>(output) * N + n] - expected) <= 1e-6f);
    }
  }
}

TEST_CASE("bad grid specifications are refused with a message", "[grid][errors]") {
  Trainer trainer = planar_trainer();
  const RunState before = remember(trainer);
  GridSpec grid = small_grid();

  SECTION("a feature that does not exist") {
    grid.x_feature = 2;
    REQUIRE_THROWS_WITH(trainer.evaluate_grid(grid), Catch::Contains("feature 2") && Catch::Contains("2 features"));
    grid.x_feature = -1;
    REQUIRE_THROWS_WITH(trainer.evaluate_grid(grid), Catch::Contains("-1"));
  }
  SECTION("the same feature on both axes") {
    grid.y_feature = 0;
    REQUIRE_THROWS_WITH(trainer.evaluate_grid(grid), Catch::Contains("different"));
  }
  SECTION("no columns, or too many rows") {
    grid.columns = 0;
    REQUIRE_THROWS_WITH(trainer.evaluate_grid(grid), Catch::Contains("400") && Catch::Contains("5 x 0"));
    grid.columns = 8;
    grid.rows = kMaxGridSide + 1;
    REQUIRE_THROWS_WITH(trainer.evaluate_grid(grid), Catch::Contains("401"));
  }
  SECTION("an empty or not finite range") {
    grid.x_min = grid.x_max;
    REQUIRE_THROWS_WITH(trainer.evaluate_grid(grid), Catch::Contains("min < max"));
    grid.x_min = -6.0f;
    grid.y_max = std::nanf("");
    REQUIRE_THROWS_WITH(trainer.evaluate_grid(grid), Catch::Contains("finite"));
    grid.y_max = INFINITY;
    REQUIRE_THROWS_WITH(trainer.evaluate_grid(grid), Catch::Contains("finite"));
  }
  SECTION("fixed values of the wrong count, or not finite") {
    grid.fixed = {1.0f, 2.0f, 3.0f};
    REQUIRE_THROWS_WITH(trainer.evaluate_grid(grid), Catch::Contains("(2)") && Catch::Contains("got 3"));
    grid.fixed = {1.0f, std::nanf("")};
    REQUIRE_THROWS_WITH(trainer.evaluate_grid(grid), Catch::Contains("finite"));
  }
  // The grid still works, and the run is untouched.
  CHECK(trainer.evaluate_grid(small_grid()).size() ==
        static_cast<std::size_t>((trainer.shape().input_count() + trainer.shape().neuron_count()) * 40));
  require_unchanged_and_usable(trainer, before);
}

}  // namespace
