// Validation of the network's shape and the hyper-parameters, before anything reaches the math.
#include "algorhythm/settings.hpp"

#include "number_text.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace algorhythm {
namespace {


void require_range(const char* name, float value, float low, bool low_open, float high, bool high_open) {
  const bool ok = std::isfinite(value) && (low_open ? value > low : value >= low) &&
                  (high_open ? value < high : value <= high);
  if (!ok) {
    throw std::invalid_argument(std::string(name) + " must be in " + (low_open ? "(" : "[") + number_text(low) + ", " +
                                number_text(high) + (high_open ? ")" : "]") + ", got " + number_text(value));
  }
}

}  // namespace

void validate(const NetworkSpec& network) {
  const int layers = static_cast<int>(network.hidden.size());
  if (layers > kMaxHiddenLayers) {
    throw std::invalid_argument("too many hidden layers: " + std::to_string(layers) + " (at most " +
                                std::to_string(kMaxHiddenLayers) + ")");
  }
  for (int l = 0; l < layers; ++l) {
    const int size = network.hidden[l].size;
    if (size < 1 || size > kMaxLayerSize) {
      throw std::invalid_argument("hidden layer " + std::to_string(l + 1) + " has " + std::to_string(size) +
                                  " neurons; a layer needs 1 to " + std::to_string(kMaxLayerSize));
    }
  }
}

void validate(const Hyperparameters& hyper) {
  require_range("learning rate", hyper.learning_rate, 0.0f, true, kMaxLearningRate, false);
  require_range("momentum", hyper.momentum, 0.0f, false, 1.0f, true);
  require_range("Adam beta1", hyper.adam_beta1, 0.0f, false, 1.0f, true);
  require_range("Adam beta2", hyper.adam_beta2, 0.0f, false, 1.0f, true);
  require_range("Adam epsilon", hyper.adam_epsilon, 0.0f, true, 1.0f, false);
  require_range("regularization rate", hyper.regularization_rate, 0.0f, false, 1.0f, false);
  if (hyper.batch_size < 1) {
    throw std::invalid_argument("batch size must be at least 1, got " + std::to_string(hyper.batch_size));
  }
}

}  // namespace algorhythm
