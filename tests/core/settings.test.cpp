// Tests of settings validation (core/src/settings.cpp), directly and through the trainer: every bad
// value is named in the message together with its allowed range, and a run keeps its state.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "algorhythm/settings.hpp"
#include "algorhythm/trainer.hpp"
#include "support.hpp"

namespace {

using namespace algorhythm;
using namespace algorhythm::test;

Hyperparameters with_learning_rate(float rate) {
  Hyperparameters hyper;
  hyper.learning_rate = rate;
  return hyper;
}

// The message names the setting, its range and the bad value as the reader would write it.
void require_refused_rate(float rate, const std::string& shown_as) {
  INFO("learning rate " << rate);
  CHECK_THROWS_WITH(validate(with_learning_rate(rate)),
                    Catch::Contains("learning rate must be in (0, 10]") && Catch::Contains("got " + shown_as));
}

TEST_CASE("learning rates outside 0 < rate <= 10 are refused", "[settings][errors]") {
  require_refused_rate(std::nanf(""), "NaN");
  require_refused_rate(-0.1f, "-0.1");
  require_refused_rate(0.0f, "0");
  require_refused_rate(10.5f, "10.5");
  require_refused_rate(1e30f, "1");
  require_refused_rate(INFINITY, "infinity");
  CHECK_NOTHROW(validate(with_learning_rate(kMaxLearningRate)));
  CHECK_NOTHROW(validate(with_learning_rate(1e-6f)));
}

TEST_CASE("the other hyper-parameters are checked against their ranges", "[settings][errors]") {
  Hyperparameters hyper;
  CHECK_NOTHROW(validate(hyper));
  SECTION("momentum") {
    hyper.momentum = 1.0f;
    CHECK_THROWS_WITH(validate(hyper), Catch::Contains("momentum must be in [0, 1), got 1"));
    hyper.momentum = -0.5f;
    CHECK_THROWS_WITH(validate(hyper), Catch::Contains("got -0.5"));
  }
  SECTION("Adam") {
    hyper.adam_beta1 = 1.0f;
    CHECK_THROWS_WITH(validate(hyper), Catch::Contains("beta1") && Catch::Contains("[0, 1)"));
    hyper.adam_beta1 = 0.9f;
    hyper.adam_beta2 = std::nanf("");
    CHECK_THROWS_WITH(validate(hyper), Catch::Contains("beta2") && Catch::Contains("NaN"));
    hyper.adam_beta2 = 0.999f;
    hyper.adam_epsilon = 0.0f;
    CHECK_THROWS_WITH(validate(hyper), Catch::Contains("epsilon") && Catch::Contains("(0, 1]"));
  }
  SECTION("regularization rate") {
    hyper.regularization_rate = 1.5f;
    CHECK_THROWS_WITH(validate(hyper), Catch::Contains("regularization rate must be in [0, 1], got 1.5"));
  }
  SECTION("batch size") {
    hyper.batch_size = 0;
    CHECK_THROWS_WITH(validate(hyper), Catch::Contains("batch size must be at least 1, got 0"));
  }
}

TEST_CASE("network shapes outside the limits are refused", "[settings][errors]") {
  NetworkSpec spec;
  CHECK_NOTHROW(validate(spec));  // a perceptron
  SECTION("nine hidden layers") {
    spec.hidden.assign(9, {4, Activation::Tanh});
    CHECK_THROWS_WITH(validate(spec), Catch::Contains("too many hidden layers: 9 (at most 8)"));
    spec.hidden.assign(kMaxHiddenLayers, {kMaxLayerSize, Activation::Relu});
    CHECK_NOTHROW(validate(spec));
  }
  SECTION("an empty layer") {
    spec.hidden = {{0, Activation::Tanh}};
    CHECK_THROWS_WITH(validate(spec), Catch::Contains("hidden layer 1 has 0 neurons") && Catch::Contains("1 to 16"));
  }
  SECTION("an oversized layer") {
    spec.hidden = {{4, Activation::Tanh}, {17, Activation::Tanh}};
    CHECK_THROWS_WITH(validate(spec), Catch::Contains("hidden layer 2 has 17 neurons") && Catch::Contains("1 to 16"));
  }
}

TEST_CASE("bad settings given to a running trainer leave it as it was", "[settings][trainer][errors]") {
  Trainer trainer;
  trainer.reset(settings_of(network_of(1, 3, Activation::Tanh), Loss::CrossEntropy, 0.2f), binary_rows());
  trainer.step(Granularity::Batch, 4);
  trainer.step(Granularity::Phase, 3);
  const RunState before = remember(trainer);
  Settings settings = trainer.settings();

  SECTION("reset with a bad learning rate") {
    for (float rate : {std::nanf(""), -1.0f, 0.0f, 11.0f}) {
      settings.hyper.learning_rate = rate;
      REQUIRE_THROWS_WITH(trainer.reset(settings, binary_rows()), Catch::Contains("learning rate"));
    }
  }
  SECTION("set_hyperparameters with a bad learning rate") {
    for (float rate : {std::nanf(""), -1.0f, 0.0f, 11.0f}) {
      Hyperparameters hyper = trainer.hyperparameters();
      hyper.learning_rate = rate;
      REQUIRE_THROWS_WITH(trainer.set_hyperparameters(hyper), Catch::Contains("learning rate"));
    }
  }
  SECTION("reset with a bad network") {
    settings.network.hidden.assign(9, {4, Activation::Tanh});
    REQUIRE_THROWS_WITH(trainer.reset(settings, binary_rows()), Catch::Contains("hidden layers"));
    settings.network.hidden = {{0, Activation::Tanh}};
    REQUIRE_THROWS_WITH(trainer.reset(settings, binary_rows()), Catch::Contains("0 neurons"));
    settings.network.hidden = {{17, Activation::Tanh}};
    REQUIRE_THROWS_WITH(trainer.reset(settings, binary_rows()), Catch::Contains("17 neurons"));
  }
  SECTION("reset with a planar feature mask that chooses nothing") {
    Dataset planar = hand_made(Task::Binary, 2, {1, 2, -1, 0.5f}, {0, 1});
    planar.planar = true;
    settings.feature_mask = 0;
    REQUIRE_THROWS_WITH(trainer.reset(settings, planar), Catch::Contains("at least one input feature"));
    settings.feature_mask = 1u << 9;
    REQUIRE_THROWS_WITH(trainer.reset(settings, planar), Catch::Contains("feature mask 512 has bits beyond"));
  }
  require_unchanged_and_usable(trainer, before);
  CHECK(trainer.settings().network.hidden.size() == 1);
}

TEST_CASE("a batch larger than the training rows is one batch per epoch", "[settings][trainer]") {
  Settings settings = settings_of(network_of(1, 3, Activation::Tanh), Loss::CrossEntropy, 0.2f);
  settings.hyper.batch_size = 100;
  Trainer trainer;
  trainer.reset(settings, binary_rows());  // 6 rows
  trainer.step(Granularity::Epoch, 3);
  CHECK(trainer.snapshot().updates == 3);
  CHECK(trainer.tick() == 3 * (6 * 5 + 1));  // 6 examples of 5 phases, one update
}

}  // namespace
