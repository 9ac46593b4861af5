// The softmax output of one time step, forward and backward, and its cross-entropy loss.
#include <algorithm>

#include "algorhythm/portable_math.hpp"
#include "algorhythm/recurrent.hpp"
#include "recurrent_math.hpp"

namespace algorhythm {

template <typename Real>
void output_weighted_sums(const RecurrentShape& shape, const Real* parameters, const Real* h, Real* z) {
  const int V = shape.vocabulary, H = shape.hidden;
  const Real* W_y = parameters + shape.output_weights;  // (V, H)
  const Real* b_y = parameters + shape.output_bias;     // (V)
  for (int v = 0; v < V; ++v) {
    const Real* w_v = W_y + v * H;
    Real sum = b_y[v];
    for (int k = 0; k < H; ++k) sum += w_v[k] * h[k];
    z[v] = sum;
  }
}

template <typename Real>
void output_forward(const RecurrentShape& shape, const Real* parameters, const Real* h, Real* probabilities) {
  output_weighted_sums(shape, parameters, h, probabilities);  // z, turned into p in place
  recurrent_math::softmax(probabilities, shape.vocabulary, probabilities);
}

template <typename Real>
void output_backward(const RecurrentShape& shape, const Real* parameters, const Real* h, const Real* probabilities,
                     int target, Real scale, Real* gradients, Real* dh) {
  const int V = shape.vocabulary, H = shape.hidden;
  const Real* W_y = parameters + shape.output_weights;
  Real* dW_y = gradients + shape.output_weights;
  Real* db_y = gradients + shape.output_bias;
  for (int k = 0; k < H; ++k) dh[k] = 0;
  for (int v = 0; v < V; ++v) {
    // softmax + cross-entropy: dL/dz = p - onehot(target), exactly.
    const Real dz = scale * (probabilities[v] - (v == target ? Real(1) : Real(0)));
    const Real* w_v = W_y + v * H;
    Real* dw_v = dW_y + v * H;
    for (int k = 0; k < H; ++k) {
      dw_v[k] += dz * h[k];
      dh[k] += w_v[k] * dz;
    }
    db_y[v] += dz;
  }
}

template <typename Real>
Real step_loss(const Real* probabilities, int target) {
  const Real p = std::max(probabilities[target], Real(1e-7f));
  return static_cast<Real>(-portable::log(static_cast<double>(p)));
}

template void output_weighted_sums<float>(const RecurrentShape&, const float*, const float*, float*);
template void output_weighted_sums<double>(const RecurrentShape&, const double*, const double*, double*);
template void output_forward<float>(const RecurrentShape&, const float*, const float*, float*);
template void output_forward<double>(const RecurrentShape&, const double*, const double*, double*);
template void output_backward<float>(const RecurrentShape&, const float*, const float*, const float*, int, float,
                                     float*, float*);
template void output_backward<double>(const RecurrentShape&, const double*, const double*, const double*, int, double,
                                      double*, double*);
template float step_loss<float>(const float*, int);
template double step_loss<double>(const double*, int);

}  // namespace algorhythm
