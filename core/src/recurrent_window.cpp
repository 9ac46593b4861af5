// A whole window of T time steps, forward and backward in one call: the reference that the trainer's
// tick-by-tick pass reproduces bit for bit, and the function the gradient checks perturb.
#include <vector>

#include "algorhythm/recurrent.hpp"

namespace algorhythm {
namespace {

// The values of one window's forward pass, (T, ·) row-major. cell and gates stay empty for Elman.
template <typename Real>
struct Unrolled {
  std::vector<Real> hidden;         // (T, H)
  std::vector<Real> cell;           // (T, H)    LSTM only
  std::vector<Real> gates;          // (T, 4H)   LSTM only
  std::vector<Real> probabilities;  // (T, V)
};

// A row of a (T, width) buffer, or null for an empty one (Elman's cell and gates).
template <typename Real>
Real* row(std::vector<Real>& buffer, int t, int width) {
  return buffer.empty() ? nullptr : buffer.data() + static_cast<std::size_t>(t) * width;
}

template <typename Real>
Real forward(const RecurrentShape& shape, const Real* parameters, const int* inputs, const int* targets, int T,
             const Real* h0, const Real* c0, Unrolled<Real>& u) {
  const int H = shape.hidden, V = shape.vocabulary, GH = shape.pre_activations();
  const bool lstm = shape.cell == Cell::Lstm;
  u.hidden.assign(static_cast<std::size_t>(T) * H, 0);
  u.cell.assign(lstm ? static_cast<std::size_t>(T) * H : 0, 0);
  u.gates.assign(lstm ? static_cast<std::size_t>(T) * GH : 0, 0);
  u.probabilities.assign(static_cast<std::size_t>(T) * V, 0);
  Real loss_sum = 0;
  for (int t = 0; t < T; ++t) {
    const Real* h_prev = t == 0 ? h0 : row(u.hidden, t - 1, H);
    const Real* c_prev = !lstm ? nullptr : t == 0 ? c0 : row(u.cell, t - 1, H);
    cell_forward(shape, parameters, inputs[t], h_prev, c_prev, row(u.gates, t, GH), row(u.cell, t, H),
                 row(u.hidden, t, H));
    output_forward(shape, parameters, row(u.hidden, t, H), row(u.probabilities, t, V));
    loss_sum += step_loss(row(u.probabilities, t, V), targets[t]);
  }
  return loss_sum / static_cast<Real>(T);
}

}  // namespace

template <typename Real>
Real window_loss(const RecurrentShape& shape, const Real* parameters, const int* inputs, const int* targets, int T,
                 const Real* h0, const Real* c0) {
  Unrolled<Real> u;
  return forward(shape, parameters, inputs, targets, T, h0, c0, u);
}

template <typename Real>
Real window_gradient(const RecurrentShape& shape, const Real* parameters, const int* inputs, const int* targets, int T,
                     const Real* h0, const Real* c0, Real* gradients) {
  const int H = shape.hidden, V = shape.vocabulary, GH = shape.pre_activations();
  const bool lstm = shape.cell == Cell::Lstm;
  Unrolled<Real> u;
  const Real loss = forward(shape, parameters, inputs, targets, T, h0, c0, u);
  for (int p = 0; p < shape.parameter_count; ++p) gradients[p] = 0;
  const Real scale = Real(1) / static_cast<Real>(T);
  // dh_next, dc_next (H): the gradient flowing from step t+1 back into step t (zero after the last step).
  std::vector<Real> dh_next(H, 0), dc_next(H, 0), dh(H), dh_prev(H), dc_prev(H);
  for (int t = T - 1; t >= 0; --t) {
    output_backward(shape, parameters, row(u.hidden, t, H), row(u.probabilities, t, V), targets[t], scale, gradients,
                    dh.data());
    for (int k = 0; k < H; ++k) dh[k] += dh_next[k];
    const Real* h_prev = t == 0 ? h0 : row(u.hidden, t - 1, H);
    const Real* c_prev = !lstm ? nullptr : t == 0 ? c0 : row(u.cell, t - 1, H);
    cell_backward(shape, parameters, inputs[t], h_prev, c_prev, row(u.gates, t, GH), row(u.cell, t, H),
                  row(u.hidden, t, H), dh.data(), dc_next.data(), gradients, dh_prev.data(), dc_prev.data());
    dh_next.swap(dh_prev);
    dc_next.swap(dc_prev);
  }
  return loss;
}

template float window_loss<float>(const RecurrentShape&, const float*, const int*, const int*, int, const float*,
                                  const float*);
template double window_loss<double>(const RecurrentShape&, const double*, const int*, const int*, int, const double*,
                                    const double*);
template float window_gradient<float>(const RecurrentShape&, const float*, const int*, const int*, int, const float*,
                                      const float*, float*);
template double window_gradient<double>(const RecurrentShape&, const double*, const int*, const int*, int,
                                        const double*, const double*, double*);

}  // namespace algorhythm
