// Every neuron of the network over a grid of points, computed layer by layer for all points at once.
//
// Layout: channel-major, channel = input feature or neuron, each channel a (rows, columns) image.
// A layer reads its inputs as I channels of N points and writes O channels:
//   out[o][n] = b[o] + Σ_i W[o][i] · in[i][n]
// The innermost loop runs over n with contiguous memory and no reduction, so the compiler
// vectorises it natively (SSE) and in WebAssembly (SIMD128).
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "algorhythm/portable_math.hpp"
#include "algorhythm/trainer.hpp"

namespace algorhythm {
namespace {

void check_grid(const GridSpec& grid, int raw_features) {
  auto fail = [](const std::string& message) { throw std::invalid_argument(message); };
  for (int feature : {grid.x_feature, grid.y_feature}) {
    if (feature < 0 || feature >= raw_features) {
      fail("grid feature " + std::to_string(feature) + " does not exist: the data has " + std::to_string(raw_features) +
           " features");
    }
  }
  if (grid.x_feature == grid.y_feature) fail("the grid's two axes must show different features");
  if (grid.columns < 1 || grid.columns > kMaxGridSide || grid.rows < 1 || grid.rows > kMaxGridSide) {
    fail("a grid needs 1 to " + std::to_string(kMaxGridSide) + " rows and columns, got " + std::to_string(grid.rows) +
         " x " + std::to_string(grid.columns));
  }
  const bool ranges_ok = std::isfinite(grid.x_min) && std::isfinite(grid.x_max) && std::isfinite(grid.y_min) &&
                         std::isfinite(grid.y_max) && grid.x_min < grid.x_max && grid.y_min < grid.y_max;
  if (!ranges_ok) fail("a grid's ranges must be finite with min < max");
  if (!grid.fixed.empty() && static_cast<int>(grid.fixed.size()) != raw_features) {
    fail("the grid's fixed values need one value per feature (" + std::to_string(raw_features) + "), got " +
         std::to_string(grid.fixed.size()));
  }
  for (float value : grid.fixed) {
    if (!std::isfinite(value)) fail("the grid's fixed feature values must be finite numbers");
  }
}

}  // namespace

const std::vector<float>& Trainer::evaluate_grid(const GridSpec& grid) {
  const int raw_count = state_.data->feature_count();
  check_grid(grid, raw_count);
  const int N = grid.rows * grid.columns;
  const int I0 = shape_.input_count();
  grid_buffer_.resize(static_cast<std::size_t>(I0 + shape_.neuron_count()) * N);
  float* channels = grid_buffer_.data();

  // Inputs: raw point -> derived features, written channel-major.
  std::vector<float> raw(raw_count, 0.0f), inputs(I0);
  if (!grid.fixed.empty()) raw = grid.fixed;
  const float dx = (grid.x_max - grid.x_min) / static_cast<float>(grid.columns);
  const float dy = (grid.y_max - grid.y_min) / static_cast<float>(grid.rows);
  for (int r = 0; r < grid.rows; ++r) {
    raw[grid.y_feature] = grid.y_max - (static_cast<float>(r) + 0.5f) * dy;
    for (int c = 0; c < grid.columns; ++c) {
      raw[grid.x_feature] = grid.x_min + (static_cast<float>(c) + 0.5f) * dx;
      features_.apply(raw.data(), inputs.data());
      const int n = r * grid.columns + c;
      for (int i = 0; i < I0; ++i) channels[static_cast<std::size_t>(i) * N + n] = inputs[i];
    }
  }

  const float* parameters = state_.parameters.data();
  const float* in = channels;
  for (int l = 0; l < shape_.layer_count(); ++l) {
    const LayerShape& layer = shape_.layer(l);
    float* out = channels + static_cast<std::size_t>(I0 + layer.neuron_offset) * N;
    const float* W = parameters + layer.weight_offset;  // (O, I)
    const float* b = parameters + layer.bias_offset;    // (O)
    for (int o = 0; o < layer.neurons; ++o) {
      float* out_o = out + static_cast<std::size_t>(o) * N;
      std::fill(out_o, out_o + N, b[o]);
      for (int i = 0; i < layer.inputs; ++i) {
        const float w = W[o * layer.inputs + i];
        const float* in_i = in + static_cast<std::size_t>(i) * N;
        for (int n = 0; n < N; ++n) out_o[n] += w * in_i[n];
      }
      if (!layer.softmax) {
        switch (layer.activation) {
          case Activation::Tanh: for (int n = 0; n < N; ++n) out_o[n] = portable::tanh(out_o[n]); break;
          case Activation::Sigmoid: for (int n = 0; n < N; ++n) out_o[n] = portable::sigmoid(out_o[n]); break;
          case Activation::Relu: for (int n = 0; n < N; ++n) out_o[n] = std::max(out_o[n], 0.0f); break;
          case Activation::Linear: break;
        }
      }
    }
    if (layer.softmax) {
      for (int n = 0; n < N; ++n) {
        float largest = out[n], total = 0.0f;
        for (int o = 1; o < layer.neurons; ++o) largest = std::max(largest, out[static_cast<std::size_t>(o) * N + n]);
        for (int o = 0; o < layer.neurons; ++o) {
          float& value = out[static_cast<std::size_t>(o) * N + n];
          value = static_cast<float>(portable::exp(static_cast<double>(value - largest)));
          total += value;
        }
        for (int o = 0; o < layer.neurons; ++o) out[static_cast<std::size_t>(o) * N + n] /= total;
      }
    }
    in = out;
  }
  return grid_buffer_;
}

}  // namespace algorhythm
