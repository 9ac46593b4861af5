// Enumerations shared by the whole engine: what a network computes and how it learns.
#pragma once

#include <string_view>

namespace algorhythm {

// What the labels mean, and therefore the output layer and the loss that fit them.
enum class Task {
  Binary,      // label 0 or 1; one output neuron; prediction = P(label = 1)
  MultiClass,  // label 0..K-1 (3 <= K <= 8); K output neurons with softmax
  Regression,  // label is any finite number; one linear output neuron
};

enum class Activation { Sigmoid, Tanh, Relu, Linear };

// Squared error is 0.5 * (prediction - target)^2 so that its derivative is (prediction - target).
// Cross-entropy is binary cross-entropy for a sigmoid output, or categorical for a softmax output.
enum class Loss { SquaredError, CrossEntropy };

enum class Optimizer { Sgd, Momentum, Adam };

enum class Regularization { None, L1, L2 };

// The phase a training tick has just completed.
enum class Phase {
  Idle,      // nothing computed yet for the current example (the start of a run)
  Forward,   // one layer's weighted sums and activations were computed (see Snapshot::phase_layer)
  Loss,      // the loss of the current example was computed from the output
  Backward,  // one layer's deltas and parameter gradients were computed (see Snapshot::phase_layer)
  Update,    // the mini-batch's gradients were applied to the parameters
  Edit,      // the reader changed a parameter, a hyper-parameter or the data
};

// How far one call to Trainer::step goes.
enum class Granularity { Phase, Example, Batch, Epoch };

// Lower-case, hyphenated names ("sigmoid", "squared-error", "cross-entropy", ...), as the JS API spells them.
const char* to_string(Task);
const char* to_string(Activation);
const char* to_string(Loss);
const char* to_string(Optimizer);
const char* to_string(Regularization);
const char* to_string(Phase);
const char* to_string(Granularity);

// The inverse of to_string: false (and `out` untouched) for a name that is not one of the above.
bool parse(std::string_view name, Task& out);
bool parse(std::string_view name, Activation& out);
bool parse(std::string_view name, Loss& out);
bool parse(std::string_view name, Optimizer& out);
bool parse(std::string_view name, Regularization& out);
bool parse(std::string_view name, Phase& out);
bool parse(std::string_view name, Granularity& out);

}  // namespace algorhythm
