// The parameter layout of a recurrent network, its initial values, and the names of its cells.
#include <stdexcept>
#include <string>

#include "algorhythm/melody.hpp"
#include "algorhythm/portable_math.hpp"
#include "algorhythm/random.hpp"
#include "algorhythm/recurrent.hpp"

namespace algorhythm {

const char* to_string(Cell cell) { return cell == Cell::Lstm ? "lstm" : "elman"; }

bool parse(std::string_view name, Cell& out) {
  if (name == "elman") out = Cell::Elman;
  else if (name == "lstm") out = Cell::Lstm;
  else return false;
  return true;
}

RecurrentShape::RecurrentShape(Cell cell_kind, int vocabulary_size, int hidden_units)
    : cell(cell_kind), vocabulary(vocabulary_size), hidden(hidden_units), gates(cell_kind == Cell::Lstm ? 4 : 1) {
  if (hidden < 1 || hidden > kMaxHiddenUnits) {
    throw std::invalid_argument("hidden units must be in [1, " + std::to_string(kMaxHiddenUnits) + "], got " +
                                std::to_string(hidden));
  }
  if (vocabulary < 1 || vocabulary > kMaxVocabulary) {
    throw std::invalid_argument("vocabulary size must be in [1, " + std::to_string(kMaxVocabulary) + "], got " +
                                std::to_string(vocabulary));
  }
  const int V = vocabulary, H = hidden, GH = gates * hidden;
  input_weights = 0;                          // W_x (G·H, V)
  recurrent_weights = input_weights + GH * V;  // W_h (G·H, H)
  hidden_bias = recurrent_weights + GH * H;    // b (G·H)
  output_weights = hidden_bias + GH;           // W_y (V, H)
  output_bias = output_weights + V * H;        // b_y (V)
  parameter_count = output_bias + V;
}

bool RecurrentShape::is_weight(int p) const {
  return (p >= input_weights && p < hidden_bias) || (p >= output_weights && p < output_bias);
}

std::vector<float> initial_parameters(const RecurrentShape& shape, std::uint64_t seed) {
  std::vector<float> parameters(shape.parameter_count, 0.0f);
  Random random(seed);
  const int V = shape.vocabulary, H = shape.hidden;
  auto glorot = [&](int offset, int rows, int columns) {
    const float limit = static_cast<float>(portable::sqrt(6.0 / (rows + columns)));
    for (int k = 0; k < rows * columns; ++k) parameters[offset + k] = random.uniform(-limit, limit);
  };
  // Each gate block of W_x and W_h is its own (H, ·) matrix: an LSTM's gates start like an Elman cell's.
  for (int block = 0; block < shape.gates; ++block) glorot(shape.input_weights + block * H * V, H, V);
  for (int block = 0; block < shape.gates; ++block) glorot(shape.recurrent_weights + block * H * H, H, H);
  glorot(shape.output_weights, V, H);
  if (shape.cell == Cell::Lstm) {
    for (int j = 0; j < H; ++j) parameters[shape.hidden_bias + H + j] = 1.0f;  // forget gate
  }
  return parameters;
}

}  // namespace algorhythm
