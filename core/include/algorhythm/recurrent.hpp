// Recurrent networks over a vocabulary of notes: an Elman (tanh) or LSTM cell reads one token per time
// step as a one-hot vector, and a softmax layer predicts the next token. Each step is a forward /
// backward pair of plain loops in a fixed order (same bits natively and in WebAssembly).
//
// Dimension letters: T = time steps of a window, H = hidden units, V = vocabulary size (one-hot inputs
// and softmax outputs), G = blocks of pre-activations per hidden unit (Elman 1, LSTM 4: i, f, g, o).
//
// Elman step:  h_t = tanh(W_x[:, x_t] + W_h h_{t-1} + b)
// LSTM step:   [i; f; g; o] = [σ; σ; tanh; σ](W_x[:, x_t] + W_h h_{t-1} + b)
//              c_t = f ⊙ c_{t-1} + i ⊙ g,   h_t = o ⊙ tanh(c_t)
// Output:      p_t = softmax(W_y h_t + b_y),   loss_t = -ln p_t[target_t]
//
// Parameter layout, one contiguous buffer (all matrices row-major):
//   W_x (G·H, V) at input_weights: the weight from token v to pre-activation r is at input_weights + r·V + v
//   W_h (G·H, H) at recurrent_weights,  b (G·H) at hidden_bias,
//   W_y (V, H) at output_weights,       b_y (V) at output_bias.
// For the LSTM, rows [0, H) feed the input gate i, [H, 2H) the forget gate f, [2H, 3H) the candidate g,
// [3H, 4H) the output gate o.
//
// The step functions are templates over the scalar type: training runs in float, and the gradient
// checks run the very same code in double (explicit instantiations for both live in core/src).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace algorhythm {

enum class Cell { Elman, Lstm };
const char* to_string(Cell);                     // "elman", "lstm"
bool parse(std::string_view name, Cell& out);    // false (out untouched) for another name

inline constexpr int kMaxHiddenUnits = 64;

struct RecurrentShape {
  RecurrentShape() = default;
  // Throws std::invalid_argument unless 1 <= hidden <= kMaxHiddenUnits and 1 <= vocabulary <= kMaxVocabulary.
  RecurrentShape(Cell cell, int vocabulary, int hidden);

  Cell cell = Cell::Elman;
  int vocabulary = 0;       // V
  int hidden = 0;           // H
  int gates = 1;            // G: 1 (Elman) or 4 (LSTM)
  int input_weights = 0;    // offsets into the parameter buffer (see above)
  int recurrent_weights = 0;
  int hidden_bias = 0;
  int output_weights = 0;
  int output_bias = 0;
  int parameter_count = 0;  // P

  int pre_activations() const { return gates * hidden; }  // G·H: rows of W_x and W_h
  bool is_weight(int parameter_index) const;               // false for the two biases
};

// Initial parameters from a seed: each weight matrix Glorot-uniform in ±sqrt(6 / (fan_in + fan_out)),
// biases 0 except the LSTM forget gate's, 1 (so the cell starts by remembering).
std::vector<float> initial_parameters(const RecurrentShape& shape, std::uint64_t seed);

// ---- one time step of the cell ----------------------------------------------------------------
// h_prev, c_prev (H): the state after step t-1. gates (G·H): LSTM only, the gate activations i, f, g, o
// of step t (Elman: ignored, may be null). c (H): LSTM only, the cell state (Elman: ignored, may be null).
template <typename Real>
void cell_forward(const RecurrentShape& shape, const Real* parameters, int token, const Real* h_prev,
                  const Real* c_prev, Real* gates, Real* c, Real* h);

// dh (H) = dL/dh_t (from the output at t and from step t+1); dc (H) = dL/dc_t arriving from step t+1
// (LSTM only). Adds dL/dW_x, dL/dW_h, dL/db into gradients (P); writes dh_prev (H) = dL/dh_{t-1} and,
// for the LSTM, dc_prev (H) = dL/dc_{t-1}.
template <typename Real>
void cell_backward(const RecurrentShape& shape, const Real* parameters, int token, const Real* h_prev,
                   const Real* c_prev, const Real* gates, const Real* c, const Real* h, const Real* dh, const Real* dc,
                   Real* gradients, Real* dh_prev, Real* dc_prev);

// ---- the softmax output of one time step -------------------------------------------------------
// h (H) -> z (V) = W_y h + b_y, the weighted sums the softmax turns into probabilities.
template <typename Real>
void output_weighted_sums(const RecurrentShape& shape, const Real* parameters, const Real* h, Real* z);

// h (H) -> probabilities (V) = softmax(W_y h + b_y).
template <typename Real>
void output_forward(const RecurrentShape& shape, const Real* parameters, const Real* h, Real* probabilities);

// With dz = scale · (p - onehot(target)) (V): adds dz h^T to dL/dW_y and dz to dL/db_y, and writes
// dh (H) = W_y^T dz. (scale = 1/T turns a sum over the window into the mean.)
template <typename Real>
void output_backward(const RecurrentShape& shape, const Real* parameters, const Real* h, const Real* probabilities,
                     int target, Real scale, Real* gradients, Real* dh);

// -ln p[target], with p clamped to at least 1e-7 (as the feed-forward loss), so at most about 16.1.
template <typename Real>
Real step_loss(const Real* probabilities, int target);

// ---- a whole window: the reference the trainer's ticks reproduce --------------------------------
// inputs, targets (T) are tokens; h0, c0 (H) the state entering the window (c0 ignored for Elman).
// Returns the mean loss over the T steps. window_gradient also overwrites gradients (P) with the
// gradient of that mean. Truncated backpropagation: nothing flows back into h0 or c0.
template <typename Real>
Real window_loss(const RecurrentShape& shape, const Real* parameters, const int* inputs, const int* targets, int T,
                 const Real* h0, const Real* c0);
template <typename Real>
Real window_gradient(const RecurrentShape& shape, const Real* parameters, const int* inputs, const int* targets, int T,
                     const Real* h0, const Real* c0, Real* gradients);

// ---- generating ---------------------------------------------------------------------------------
struct GeneratedSequence {
  std::vector<int> tokens;           // (N): tokens[0] is the starting token
  std::vector<float> distributions;  // (N-1, V): the tempered distribution tokens[t+1] was drawn from
};

// Runs the network from a zero state, feeding each drawn token back in. The distribution at each step is
// softmax(z / temperature) of the output's weighted sums z: below 1 sharper, above 1 flatter. The draw
// uses Random(seed), so the same arguments always give the same tokens. Throws std::invalid_argument
// for a start token outside 0..V-1, a length outside 1..kMaxMelodyNotes, or a temperature outside (0, 100].
GeneratedSequence sample_sequence(const RecurrentShape& shape, const std::vector<float>& parameters, int start_token,
                                  int length, float temperature, std::uint64_t seed);

}  // namespace algorhythm
