// One time step of the Elman and the LSTM cell, forward and backward (see recurrent.hpp for the math
// and the parameter layout). Plain loops in a fixed order; backward adds into the gradients.
#include "algorhythm/recurrent.hpp"
#include "recurrent_math.hpp"

namespace algorhythm {
namespace {

using recurrent_math::sigmoid_of;
using recurrent_math::tanh_of;

constexpr int kMaxPreActivations = 4 * kMaxHiddenUnits;

// ---- shared by both cells: the affine map into the pre-activations ---------------------------------

// pre (G·H) = W_x[:, token] + W_h h_prev + b. A one-hot input picks column `token` of W_x (G·H, V).
template <typename Real>
void pre_activation_forward(const RecurrentShape& shape, const Real* parameters, int token, const Real* h_prev,
                            Real* pre) {
  const int V = shape.vocabulary, H = shape.hidden, GH = shape.pre_activations();
  const Real* W_x = parameters + shape.input_weights;      // (G·H, V)
  const Real* W_h = parameters + shape.recurrent_weights;  // (G·H, H)
  const Real* b = parameters + shape.hidden_bias;          // (G·H)
  for (int r = 0; r < GH; ++r) {
    const Real* w_r = W_h + r * H;
    Real sum = b[r] + W_x[r * V + token];
    for (int k = 0; k < H; ++k) sum += w_r[k] * h_prev[k];
    pre[r] = sum;
  }
}

// dpre (G·H) = dL/dpre. Adds dL/dW_x[:, token] = dpre, dL/dW_h = dpre h_prev^T, dL/db = dpre into
// gradients; writes dh_prev (H) = W_h^T dpre.
template <typename Real>
void pre_activation_backward(const RecurrentShape& shape, const Real* parameters, int token, const Real* h_prev,
                             const Real* dpre, Real* gradients, Real* dh_prev) {
  const int V = shape.vocabulary, H = shape.hidden, GH = shape.pre_activations();
  const Real* W_h = parameters + shape.recurrent_weights;
  Real* dW_x = gradients + shape.input_weights;
  Real* dW_h = gradients + shape.recurrent_weights;
  Real* db = gradients + shape.hidden_bias;
  for (int r = 0; r < GH; ++r) {
    dW_x[r * V + token] += dpre[r];
    Real* dw_r = dW_h + r * H;
    for (int k = 0; k < H; ++k) dw_r[k] += dpre[r] * h_prev[k];
    db[r] += dpre[r];
  }
  for (int k = 0; k < H; ++k) dh_prev[k] = 0;
  for (int r = 0; r < GH; ++r) {
    const Real* w_r = W_h + r * H;
    for (int k = 0; k < H; ++k) dh_prev[k] += w_r[k] * dpre[r];
  }
}

// ---- Elman: h_t = tanh(pre) ------------------------------------------------------------------------

template <typename Real>
void elman_forward(const RecurrentShape& shape, const Real* parameters, int token, const Real* h_prev, Real* h) {
  pre_activation_forward(shape, parameters, token, h_prev, h);
  for (int j = 0; j < shape.hidden; ++j) h[j] = tanh_of(h[j]);
}

// dh (H) = dL/dh_t -> dpre = dh ⊙ (1 - h²).
template <typename Real>
void elman_backward(const RecurrentShape& shape, const Real* parameters, int token, const Real* h_prev, const Real* h,
                    const Real* dh, Real* gradients, Real* dh_prev) {
  Real dpre[kMaxHiddenUnits];
  for (int j = 0; j < shape.hidden; ++j) dpre[j] = dh[j] * (1 - h[j] * h[j]);
  pre_activation_backward(shape, parameters, token, h_prev, dpre, gradients, dh_prev);
}

// ---- LSTM: gates i, f, g, o; c_t = f c_{t-1} + i g; h_t = o tanh(c_t) --------------------------------

// gates (4H): the activations i, f, g, o of this step; c, h (H).
template <typename Real>
void lstm_forward(const RecurrentShape& shape, const Real* parameters, int token, const Real* h_prev,
                  const Real* c_prev, Real* gates, Real* c, Real* h) {
  const int H = shape.hidden;
  pre_activation_forward(shape, parameters, token, h_prev, gates);
  for (int r = 0; r < 4 * H; ++r) gates[r] = (r >= 2 * H && r < 3 * H) ? tanh_of(gates[r]) : sigmoid_of(gates[r]);
  const Real *i = gates, *f = gates + H, *g = gates + 2 * H, *o = gates + 3 * H;
  for (int j = 0; j < H; ++j) {
    c[j] = f[j] * c_prev[j] + i[j] * g[j];
    h[j] = o[j] * tanh_of(c[j]);
  }
}

// dh (H) = dL/dh_t; dc (H) = dL/dc_t arriving from step t+1. The cell state's total gradient is
// dc_t = dh ⊙ o ⊙ (1 - tanh²c) + dc; through the gates: di = dc_t g, df = dc_t c_{t-1}, dg = dc_t i,
// do = dh tanh c; dc_prev = dc_t ⊙ f. Each gate's dpre is its d· times its activation's derivative.
template <typename Real>
void lstm_backward(const RecurrentShape& shape, const Real* parameters, int token, const Real* h_prev,
                   const Real* c_prev, const Real* gates, const Real* c, const Real* dh, const Real* dc,
                   Real* gradients, Real* dh_prev, Real* dc_prev) {
  const int H = shape.hidden;
  const Real *i = gates, *f = gates + H, *g = gates + 2 * H, *o = gates + 3 * H;
  Real dpre[kMaxPreActivations];
  for (int j = 0; j < H; ++j) {
    const Real tanh_c = tanh_of(c[j]);
    const Real dc_total = dh[j] * o[j] * (1 - tanh_c * tanh_c) + dc[j];
    dpre[j] = dc_total * g[j] * i[j] * (1 - i[j]);
    dpre[H + j] = dc_total * c_prev[j] * f[j] * (1 - f[j]);
    dpre[2 * H + j] = dc_total * i[j] * (1 - g[j] * g[j]);
    dpre[3 * H + j] = dh[j] * tanh_c * o[j] * (1 - o[j]);
    dc_prev[j] = dc_total * f[j];
  }
  pre_activation_backward(shape, parameters, token, h_prev, dpre, gradients, dh_prev);
}

}  // namespace

// ---- either cell ----------------------------------------------------------------------------------

template <typename Real>
void cell_forward(const RecurrentShape& shape, const Real* parameters, int token, const Real* h_prev,
                  const Real* c_prev, Real* gates, Real* c, Real* h) {
  if (shape.cell == Cell::Lstm) {
    lstm_forward(shape, parameters, token, h_prev, c_prev, gates, c, h);
  } else {
    elman_forward(shape, parameters, token, h_prev, h);
  }
}

template <typename Real>
void cell_backward(const RecurrentShape& shape, const Real* parameters, int token, const Real* h_prev,
                   const Real* c_prev, const Real* gates, const Real* c, const Real* h, const Real* dh, const Real* dc,
                   Real* gradients, Real* dh_prev, Real* dc_prev) {
  if (shape.cell == Cell::Lstm) {
    lstm_backward(shape, parameters, token, h_prev, c_prev, gates, c, dh, dc, gradients, dh_prev, dc_prev);
  } else {
    elman_backward(shape, parameters, token, h_prev, h, dh, gradients, dh_prev);
  }
}

template void cell_forward<float>(const RecurrentShape&, const float*, int, const float*, const float*, float*, float*,
                                  float*);
template void cell_forward<double>(const RecurrentShape&, const double*, int, const double*, const double*, double*,
                                   double*, double*);
template void cell_backward<float>(const RecurrentShape&, const float*, int, const float*, const float*, const float*,
                                   const float*, const float*, const float*, const float*, float*, float*, float*);
template void cell_backward<double>(const RecurrentShape&, const double*, int, const double*, const double*,
                                    const double*, const double*, const double*, const double*, const double*, double*,
                                    double*, double*);

}  // namespace algorhythm
