// The out-of-line part of trainer_common.hpp: the messages both trainers give.
#include "trainer_common.hpp"

#include "number_text.hpp"

namespace algorhythm {
namespace {

const char* not_finite_name(float value) { return std::isnan(value) ? "NaN" : "infinite"; }

}  // namespace

std::string loss_not_finite_message(float loss, int epoch, float learning_rate) {
  return "Training stopped: the loss became " + std::string(not_finite_name(loss)) + " in epoch " +
         std::to_string(epoch + 1) + ". The weights grew too large for the learning rate " +
         number_text(learning_rate) + ". Step back and lower the learning rate, or reset.";
}

std::string weight_not_finite_message(float weight, int epoch, float learning_rate) {
  return "Training stopped: a weight became " + std::string(not_finite_name(weight)) + " in epoch " +
         std::to_string(epoch + 1) + ". The learning rate " + number_text(learning_rate) +
         " is too large for this network. Step back and lower it, or reset.";
}

void check_parameter_edit(int index, float value, int parameter_count) {
  if (index < 0 || index >= parameter_count) {
    throw std::invalid_argument("parameter index " + std::to_string(index) + " is out of range: the network has " +
                                std::to_string(parameter_count) + " parameters");
  }
  if (!std::isfinite(value) || std::fabs(value) > 1e6f) {
    throw std::invalid_argument("a weight must be a finite number between -1000000 and 1000000, got " +
                                number_text(value));
  }
}

}  // namespace algorhythm
