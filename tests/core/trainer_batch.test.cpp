// The mini-batch fast path (core/src/trainer_batch.cpp) against the ticks it replaces: a trainer
// stepping by batches or epochs and one stepping example by example (which never takes the fast
// path) must hold the very same state, bit for bit, at every batch boundary.
#include <catch2/catch.hpp>

#include <string>

#include "algorhythm/datasets.hpp"
#include "algorhythm/trainer.hpp"
#include "support.hpp"

namespace {

using namespace algorhythm;
using namespace algorhythm::test;

void require_same_state(Trainer& fast, Trainer& ticked, const std::string& where) {
  INFO(where);
  const Snapshot a = fast.snapshot();
  const Snapshot b = ticked.snapshot();
  REQUIRE(a.tick == b.tick);
  REQUIRE(a.updates == b.updates);
  REQUIRE(a.epoch == b.epoch);
  REQUIRE(a.example_in_epoch == b.example_in_epoch);
  REQUIRE(a.example_row == b.example_row);
  REQUIRE(a.batch_position == b.batch_position);
  REQUIRE(a.phase == b.phase);
  REQUIRE(a.phase_layer == b.phase_layer);
  REQUIRE(a.diverged == b.diverged);
  REQUIRE(a.message == b.message);
  for (const auto& [name, x, y] : {std::tuple{"inputs", &a.inputs, &b.inputs}, {"target", &a.target, &b.target},
                                   {"z", &a.weighted_sums, &b.weighted_sums}, {"a", &a.activations, &b.activations},
                                   {"dL/da", &a.output_gradients, &b.output_gradients}, {"deltas", &a.deltas, &b.deltas},
                                   {"parameters", &a.parameters, &b.parameters}, {"gradients", &a.gradients, &b.gradients},
                                   {"last updates", &a.last_updates, &b.last_updates}}) {
    INFO(name);
    REQUIRE(same_bits(*x, *y));
  }
  REQUIRE(same_bits({a.example_loss, a.batch_loss, a.train_loss}, {b.example_loss, b.batch_loss, b.train_loss}));
  // Stepping back replays through the history the fast path recorded.
  fast.step_back(7);
  ticked.step_back(7);
  REQUIRE(same_bits(fast.snapshot().activations, ticked.snapshot().activations));
  fast.seek(a.tick);
  ticked.seek(b.tick);
}

// Steps `fast` by batches (and epochs), `ticked` example by example up to the same tick.
void compare_paths(const Settings& settings, const Dataset& data, int batches) {
  Trainer fast, ticked;
  fast.reset(settings, data);
  ticked.reset(settings, data);
  for (int k = 0; k < batches && !fast.diverged(); ++k) {
    if (k % 5 == 4) fast.step(Granularity::Epoch);
    else fast.step(Granularity::Batch);
    while (ticked.tick() < fast.tick() && !ticked.diverged()) ticked.step(Granularity::Example);
    if (ticked.tick() > fast.tick()) ticked.seek(fast.tick());  // an example ends where the batch's update is pending
    require_same_state(fast, ticked, "after " + std::to_string(k + 1) + " steps");
  }
}

PlanarOptions spiral_options(int points) {
  PlanarOptions options;
  options.shape = PlanarShape::Spiral;
  options.points = points;
  options.noise = 0.1f;
  return options;
}

}  // namespace

TEST_CASE("stepping by batches gives the bits of stepping by examples: binary, tanh, all features") {
  Settings settings = settings_of(network_of(3, 8, Activation::Tanh), Loss::CrossEntropy, 0.03f);
  settings.feature_mask = 127;
  settings.hyper.batch_size = 10;
  compare_paths(settings, planar_dataset(spiral_options(60)), 20);  // 30 training rows: the epoch ends mid-batch
}

TEST_CASE("stepping by batches gives the bits of stepping by examples: other tasks, activations and optimizers") {
  for (int batch_size : {1, 4, 16, 17}) {  // 17: wider than a block, so the ticks run
    Settings multi = settings_of(network_of(2, 5, Activation::Relu), Loss::CrossEntropy, 0.1f, 3);
    multi.hyper.batch_size = batch_size;
    multi.hyper.optimizer = Optimizer::Adam;
    multi.hyper.regularization = Regularization::L2;
    multi.hyper.regularization_rate = 0.01f;
    compare_paths(multi, three_class_rows(), 12);

    Settings regression = settings_of(network_of(1, 3, Activation::Sigmoid, Activation::Linear), Loss::SquaredError, 0.05f);
    regression.hyper.batch_size = batch_size;
    regression.hyper.optimizer = Optimizer::Momentum;
    regression.hyper.regularization = Regularization::L1;
    regression.hyper.regularization_rate = 0.001f;
    compare_paths(regression, regression_rows(), 12);

    Settings perceptron = settings_of(network_of(0, 1, Activation::Linear), Loss::CrossEntropy, 0.5f);
    perceptron.hyper.batch_size = batch_size;
    compare_paths(perceptron, binary_rows(), 12);
  }
}

TEST_CASE("a batch whose loss stops being finite stops at that example's loss tick, as the ticks do") {
  Settings settings = settings_of(network_of(2, 8, Activation::Linear, Activation::Linear), Loss::SquaredError, 10.0f);
  settings.hyper.batch_size = 3;
  PlanarOptions options;
  options.shape = PlanarShape::TiltedPlane;
  compare_paths(settings, planar_dataset(options), 60);
  Trainer trainer;
  trainer.reset(settings, planar_dataset(options));
  trainer.step(Granularity::Epoch, 50);
  REQUIRE(trainer.diverged());
  CHECK(trainer.snapshot().phase == Phase::Loss);
}
