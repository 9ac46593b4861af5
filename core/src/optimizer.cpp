// The optimizer's flat update loop and gradient clipping by the global norm.
#include "algorhythm/optimizer.hpp"

#include "algorhythm/portable_math.hpp"

namespace algorhythm {

void OptimizerState::reset(std::size_t parameter_count) {
  velocity.assign(parameter_count, 0.0f);
  adam_m.assign(parameter_count, 0.0f);
  adam_v.assign(parameter_count, 0.0f);
  adam_beta1_power = adam_beta2_power = 1.0;
  adam_correction1 = adam_correction2 = 1.0f;
}

void begin_update(const Hyperparameters& h, OptimizerState& s) {
  if (h.optimizer == Optimizer::Adam) {
    s.adam_beta1_power *= h.adam_beta1;
    s.adam_beta2_power *= h.adam_beta2;
  }
  s.adam_correction1 = static_cast<float>(1.0 - s.adam_beta1_power);
  s.adam_correction2 = static_cast<float>(1.0 - s.adam_beta2_power);
}

namespace {

// The update loop for one optimizer and one regularization, known at compile time: the loop body
// then has no branch, and the SGD loop vectorizes. Each parameter sees the same operations in the
// same order whichever instantiation runs.
template <Optimizer kOptimizer, Regularization kRegularization>
void update_loop(const Hyperparameters& h, OptimizerState& s, const float* gradients, float gradient_scale, int begin,
                 int end, float* parameters, float* last_updates) {
  for (int p = begin; p < end; ++p) {
    float g = gradients[p] * gradient_scale;
    if constexpr (kRegularization == Regularization::L2) g += h.regularization_rate * parameters[p];
    if constexpr (kRegularization == Regularization::L1) {
      const float w = parameters[p];
      g += h.regularization_rate * (w > 0.0f ? 1.0f : w < 0.0f ? -1.0f : 0.0f);
    }
    float change = 0.0f;
    if constexpr (kOptimizer == Optimizer::Sgd) {
      change = -h.learning_rate * g;
    } else if constexpr (kOptimizer == Optimizer::Momentum) {
      s.velocity[p] = h.momentum * s.velocity[p] + g;
      change = -h.learning_rate * s.velocity[p];
    } else {
      s.adam_m[p] = h.adam_beta1 * s.adam_m[p] + (1.0f - h.adam_beta1) * g;
      s.adam_v[p] = h.adam_beta2 * s.adam_v[p] + (1.0f - h.adam_beta2) * g * g;
      const float m_hat = s.adam_m[p] / s.adam_correction1, v_hat = s.adam_v[p] / s.adam_correction2;
      change = -h.learning_rate * m_hat / (static_cast<float>(portable::sqrt(v_hat)) + h.adam_epsilon);
    }
    const float old_value = parameters[p];
    parameters[p] = old_value + change;
    last_updates[p] = parameters[p] - old_value;
  }
}

template <Regularization kRegularization>
void update_loop_for(const Hyperparameters& h, OptimizerState& s, const float* gradients, float gradient_scale,
                     int begin, int end, float* parameters, float* last_updates) {
  switch (h.optimizer) {
    case Optimizer::Sgd:
      return update_loop<Optimizer::Sgd, kRegularization>(h, s, gradients, gradient_scale, begin, end, parameters, last_updates);
    case Optimizer::Momentum:
      return update_loop<Optimizer::Momentum, kRegularization>(h, s, gradients, gradient_scale, begin, end, parameters,
                                                               last_updates);
    case Optimizer::Adam:
      return update_loop<Optimizer::Adam, kRegularization>(h, s, gradients, gradient_scale, begin, end, parameters, last_updates);
  }
}

}  // namespace

void update_range(const Hyperparameters& h, OptimizerState& s, const float* gradients, float gradient_scale, int begin,
                  int end, bool regularize, float* parameters, float* last_updates) {
  const Regularization regularization = regularize ? h.regularization : Regularization::None;
  switch (regularization) {
    case Regularization::None:
      return update_loop_for<Regularization::None>(h, s, gradients, gradient_scale, begin, end, parameters, last_updates);
    case Regularization::L1:
      return update_loop_for<Regularization::L1>(h, s, gradients, gradient_scale, begin, end, parameters, last_updates);
    case Regularization::L2:
      return update_loop_for<Regularization::L2>(h, s, gradients, gradient_scale, begin, end, parameters, last_updates);
  }
}

float global_norm(const float* gradients, int n) {
  double sum = 0.0;
  for (int p = 0; p < n; ++p) sum += static_cast<double>(gradients[p]) * gradients[p];
  return static_cast<float>(portable::sqrt(sum));
}

float clip_scale(float norm, float max_norm) {
  if (max_norm <= 0.0f || !(norm > max_norm)) return 1.0f;
  return max_norm / norm;
}

}  // namespace algorhythm
