// Loss of one example and its derivative with respect to the output layer.
#pragma once

#include "algorhythm/types.hpp"

namespace algorhythm {

// a: the output layer's activations (O); target (O): {0/1}, one-hot, or the regression value.
// Squared error: 0.5 Σ (a - t)²; binary cross-entropy: -(t ln a + (1 - t) ln(1 - a));
// categorical cross-entropy: -Σ t ln a. Probabilities are clamped to [1e-7, 1 - 1e-7] inside ln
// so a confident wrong answer costs at most about 16.1 instead of infinity.
float example_loss(Task task, Loss loss, const float* a, const float* target, int O);

// Writes dL/da (O) and dL/dz (O) of the output layer. With a sigmoid + binary cross-entropy, or a
// softmax + categorical cross-entropy, dL/dz simplifies to a - t exactly (no clamping involved).
void output_gradient(Task task, Loss loss, Activation activation, const float* z, const float* a, const float* target,
                     int O, float* dloss_da, float* dloss_dz);

// 1 if the output classifies the example right, else 0; NaN for regression, and for an output that is
// not a number (a diverged network's: it picks no class, so it is neither right nor wrong).
float example_correct(Task task, const float* a, const float* target, int O);

}  // namespace algorhythm
