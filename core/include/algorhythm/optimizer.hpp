// One optimizer update over a flat parameter buffer (SGD, momentum, Adam; L1/L2 on weights), and
// gradient clipping by the global norm. The formulas and their order are those of Trainer::update_tick,
// so a trainer can use these functions and keep its bits.
#pragma once

#include <cstddef>
#include <vector>

#include "algorhythm/settings.hpp"

namespace algorhythm {

// What the optimizer remembers between updates, per parameter (P).
struct OptimizerState {
  std::vector<float> velocity;              // momentum
  std::vector<float> adam_m, adam_v;        // Adam's first and second moment estimates
  double adam_beta1_power = 1.0;            // β1^t, kept as a running product: no pow(), same bits everywhere
  double adam_beta2_power = 1.0;            // β2^t
  float adam_correction1 = 1.0f, adam_correction2 = 1.0f;  // 1 - β^t of the current update

  explicit OptimizerState(std::size_t parameter_count = 0) { reset(parameter_count); }
  void reset(std::size_t parameter_count);
};

// Once per update, before update_range: advances Adam's β^t.
void begin_update(const Hyperparameters& hyper, OptimizerState& state);

// Updates parameters [begin, end): g = gradients[p] · gradient_scale, plus the L1/L2 term when
// `regularize` (weights, not biases); then the optimizer's step. Writes last_updates[p] = new - old.
void update_range(const Hyperparameters& hyper, OptimizerState& state, const float* gradients, float gradient_scale,
                  int begin, int end, bool regularize, float* parameters, float* last_updates);

// sqrt(Σ g²) over n values, summed in double in index order (the same bits everywhere).
float global_norm(const float* gradients, int n);

// The factor that brings the norm down to max_norm: min(1, max_norm / norm); 1 when max_norm is 0
// (clipping off) or the norm is 0.
float clip_scale(float norm, float max_norm);

}  // namespace algorhythm
