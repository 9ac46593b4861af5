// Losses for one example, and where the backward pass starts.
#include "algorhythm/loss.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "algorhythm/network.hpp"
#include "algorhythm/portable_math.hpp"

namespace algorhythm {
namespace {

constexpr float kProbabilityFloor = 1e-7f;

float clamp_probability(float p) { return std::min(std::max(p, kProbabilityFloor), 1.0f - kProbabilityFloor); }
float ln(float p) { return static_cast<float>(portable::log(static_cast<double>(p))); }

}  // namespace

float example_loss(Task task, Loss loss, const float* a, const float* target, int O) {
  if (loss == Loss::SquaredError) {
    float sum = 0.0f;
    for (int o = 0; o < O; ++o) sum += 0.5f * (a[o] - target[o]) * (a[o] - target[o]);
    return sum;
  }
  if (task == Task::MultiClass) {
    float sum = 0.0f;
    for (int o = 0; o < O; ++o) {
      if (target[o] > 0.0f) sum -= target[o] * ln(clamp_probability(a[o]));
    }
    return sum;
  }
  if (!(a[0] == a[0])) return a[0];  // NaN stays NaN, so divergence is noticed
  const float p = clamp_probability(a[0]);
  // A label of 1 or 0 makes one term of the sum 0 · (a finite log) = -0, which leaves the other term's
  // bits as they are: one log instead of two, the same loss.
  if (target[0] == 1.0f) return -ln(p);
  if (target[0] == 0.0f) return -ln(1.0f - p);
  return -(target[0] * ln(p) + (1.0f - target[0]) * ln(1.0f - p));
}

void output_gradient(Task task, Loss loss, Activation activation, const float* z, const float* a, const float* target,
                     int O, float* dloss_da, float* dloss_dz) {
  for (int o = 0; o < O; ++o) {
    if (loss == Loss::SquaredError) {
      dloss_da[o] = a[o] - target[o];
      dloss_dz[o] = dloss_da[o] * activation_derivative(activation, z[o], a[o]);
    } else if (task == Task::MultiClass) {
      dloss_da[o] = -target[o] / clamp_probability(a[o]);
      dloss_dz[o] = a[o] - target[o];
    } else {
      const float p = clamp_probability(a[o]);
      dloss_da[o] = (p - target[o]) / (p * (1.0f - p));
      dloss_dz[o] = a[o] - target[o];
    }
  }
}

float example_correct(Task task, const float* a, const float* target, int O) {
  if (std::any_of(a, a + O, [](float value) { return !std::isfinite(value); })) return std::numeric_limits<float>::quiet_NaN();
  switch (task) {
    case Task::Binary: return (a[0] >= 0.5f) == (target[0] >= 0.5f) ? 1.0f : 0.0f;
    case Task::MultiClass: {
      const int predicted = static_cast<int>(std::max_element(a, a + O) - a);
      return target[predicted] > 0.5f ? 1.0f : 0.0f;
    }
    case Task::Regression: break;
  }
  return std::numeric_limits<float>::quiet_NaN();
}

}  // namespace algorhythm
