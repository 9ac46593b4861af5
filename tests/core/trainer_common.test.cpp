// What both trainers do alike (core/src/trainer_common, internal): the words that say why training
// stopped, the search for a parameter that is not finite, and the same refusal of a bad parameter
// edit from Trainer and RecurrentTrainer. (trainer.test.cpp runs a Trainer into divergence; the
// recurrent trainer's gradients are bounded, so its weights grow too slowly to overflow in a test.)
#include "../../core/src/trainer_common.hpp"

#include <catch2/catch.hpp>

#include <limits>
#include <string>
#include <vector>

#include "algorhythm/recurrent_trainer.hpp"
#include "algorhythm/trainer.hpp"

using namespace algorhythm;

namespace {

constexpr float kInfinity = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// The fields stop_if_parameters_not_finite reads and writes, as both trainers' states have them.
struct FakeState {
  std::vector<float> parameters;
  int epoch = 0;
  Hyperparameters hyper;
  bool diverged = false;
  std::string message;
};

// The message of the std::invalid_argument that `attempt` throws ("" if it does not throw).
template <typename Attempt>
std::string refusal(Attempt attempt) {
  try {
    attempt();
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("the messages say what became NaN or infinite, in which epoch, and what to do", "[trainer][divergence]") {
  CHECK(loss_not_finite_message(kNaN, 0, 10.0f) ==
        "Training stopped: the loss became NaN in epoch 1. The weights grew too large for the learning rate 10. "
        "Step back and lower the learning rate, or reset.");
  CHECK(loss_not_finite_message(-kInfinity, 4, 0.5f) ==
        "Training stopped: the loss became infinite in epoch 5. The weights grew too large for the learning rate "
        "0.5. Step back and lower the learning rate, or reset.");
  CHECK(weight_not_finite_message(kInfinity, 2, 3.0f) ==
        "Training stopped: a weight became infinite in epoch 3. The learning rate 3 is too large for this network. "
        "Step back and lower it, or reset.");
  CHECK(weight_not_finite_message(kNaN, 0, 0.25f) ==
        "Training stopped: a weight became NaN in epoch 1. The learning rate 0.25 is too large for this network. "
        "Step back and lower it, or reset.");
}

TEST_CASE("stop_if_parameters_not_finite names the first parameter that is not finite", "[trainer][divergence]") {
  FakeState s;
  s.parameters.assign(37, 1.5f);  // not a multiple of four: the tail after the vector pass counts too
  s.epoch = 1;
  s.hyper.learning_rate = 2.0f;

  stop_if_parameters_not_finite(s);
  CHECK_FALSE(s.diverged);
  CHECK(s.message.empty());

  s.parameters[36] = kNaN;      // the last one
  s.parameters[20] = -kInfinity;  // before it: this one is named
  stop_if_parameters_not_finite(s);
  CHECK(s.diverged);
  CHECK(s.message == weight_not_finite_message(-kInfinity, 1, 2.0f));

  FakeState largest;
  largest.parameters = {std::numeric_limits<float>::max(), -std::numeric_limits<float>::max()};
  stop_if_parameters_not_finite(largest);
  CHECK_FALSE(largest.diverged);
}

TEST_CASE("both trainers refuse a bad parameter edit with the same words", "[trainer][recurrent][errors]") {
  Trainer trainer;
  RecurrentTrainer recurrent;
  const int count = trainer.shape().parameter_count(), recurrent_count = recurrent.shape().parameter_count;
  const auto expected_index = [](int index, int parameters) {
    return "parameter index " + std::to_string(index) + " is out of range: the network has " +
           std::to_string(parameters) + " parameters";
  };
  CHECK(refusal([&] { trainer.set_parameter(count, 0.0f); }) == expected_index(count, count));
  CHECK(refusal([&] { recurrent.set_parameter(-1, 0.0f); }) == expected_index(-1, recurrent_count));
  const std::string too_large = "a weight must be a finite number between -1000000 and 1000000, got 2e+06";
  CHECK(refusal([&] { trainer.set_parameter(0, 2e6f); }) == too_large);
  CHECK(refusal([&] { recurrent.set_parameter(0, 2e6f); }) == too_large);
  CHECK_THAT(refusal([&] { recurrent.set_parameter(0, kNaN); }), Catch::StartsWith("a weight must be a finite number"));
  // Refused edits are not ticks.
  CHECK(trainer.tick() == 0);
  CHECK(recurrent.tick() == 0);
}
