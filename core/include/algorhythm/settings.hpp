// Everything that defines a training run, validated before it reaches the math.
#pragma once

#include <cstdint>
#include <vector>

#include "algorhythm/types.hpp"

namespace algorhythm {

inline constexpr int kMaxInputs = 16;
inline constexpr int kMaxHiddenLayers = 8;
inline constexpr int kMaxLayerSize = 16;
inline constexpr float kMaxLearningRate = 10.0f;

struct LayerSpec {
  int size = 4;                            // 1 .. kMaxLayerSize
  Activation activation = Activation::Tanh;
};

// The shape of the network between the inputs and the output layer. The output layer follows from
// the task: Binary -> 1 neuron with output_activation; MultiClass -> K softmax neurons; Regression ->
// 1 linear neuron.
struct NetworkSpec {
  std::vector<LayerSpec> hidden;           // 0 .. kMaxHiddenLayers layers (0 = a single perceptron)
  Activation output_activation = Activation::Sigmoid;  // Binary only
};

// Hyper-parameters may change in the middle of a run (Trainer::set_hyperparameters).
struct Hyperparameters {
  float learning_rate = 0.1f;              // (0, kMaxLearningRate]
  Optimizer optimizer = Optimizer::Sgd;
  float momentum = 0.9f;                   // [0, 1) — SGD with momentum
  float adam_beta1 = 0.9f;                 // [0, 1)
  float adam_beta2 = 0.999f;               // [0, 1)
  float adam_epsilon = 1e-8f;              // (0, 1]
  Regularization regularization = Regularization::None;
  float regularization_rate = 0.0f;        // [0, 1]
  int batch_size = 1;                      // 1 .. number of training rows (larger is clamped)
  Loss loss = Loss::CrossEntropy;          // Binary: either; MultiClass: CrossEntropy; Regression: SquaredError
};

struct Settings {
  NetworkSpec network;
  Hyperparameters hyper;
  std::uint32_t feature_mask = 0b11;       // planar data only: which derived features are inputs (see Feature)
  std::uint64_t seed = 1;                  // fixes the initial weights and the shuffling
};

// Each throws std::invalid_argument naming the bad value and the allowed range.
void validate(const NetworkSpec& network);
void validate(const Hyperparameters& hyper);

}  // namespace algorhythm
