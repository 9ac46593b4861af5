// A mini-batch through the network with one training example per SIMD lane (forward_examples and
// backward_examples, the Trainer's fast path in trainer_batch.cpp): the forward pass is the grid's
// forward_block (network_kernels.hpp) on the lanes the batch fills; the backward pass turns the
// blocks example-major to add each example's gradients in the order layer_backward (network.cpp) adds them.
// The kernels work on four floats at a time (portable::Float4: SSE natively, SIMD128 in WebAssembly)
// but never reorder a sum: every value has the bits a plain loop gives it, on every platform.
#include <cstddef>

#include "algorhythm/network.hpp"
#include "algorhythm/portable_math.hpp"
#include "network_kernels.hpp"

namespace algorhythm {

using network_kernels::Float4;
using network_kernels::forward_block;
using network_kernels::kLanes;
using network_kernels::kUnrolledInputs;
using network_kernels::with_activation;

namespace {

// activation_derivative (network.hpp), four values at once with the same operations.
template <Activation kActivation>
[[gnu::always_inline]] inline Float4 activation_derivative4(Float4 z, Float4 a) {
  const Float4 one = portable::splat4(1.0f);
  switch (kActivation) {
    case Activation::Sigmoid: return a * (one - a);
    case Activation::Tanh: return one - a * a;
    case Activation::Relu: return z > Float4{} ? one : Float4{};
    case Activation::Linear: return one;
  }
  return one;
}

// rows (R, kBlockPoints) -> out, example-major with `out_stride` floats per example (a multiple of 4,
// >= R; the lanes from R on are zero), for the first 4 kGroups examples, 4 × 4 tiles at a time.
template <int kGroups>
void transpose_examples(const float* rows, int R, int out_stride, float* out) {
  const auto tile = [&](int r, Float4 r0, Float4 r1, Float4 r2, Float4 r3, int n) {
    Float4 columns[4];
    portable::transpose4(r0, r1, r2, r3, columns);
    for (int k = 0; k < 4; ++k) portable::store4(out + (n + k) * out_stride + r, columns[k]);
  };
  const auto row = [&](int r, int n) { return portable::load4(rows + r * kBlockPoints + n); };
  int r = 0;
  for (; r + 4 <= R; r += 4) {
    for (int n = 0; n < 4 * kGroups; n += 4) tile(r, row(r, n), row(r + 1, n), row(r + 2, n), row(r + 3, n), n);
  }
  // The last 1 to 3 rows, with rows of zeros after them.
  for (int n = 0; n < 4 * kGroups && r < R; n += 4) {
    const Float4 zero{};
    switch (R - r) {
      case 1: tile(r, row(r, n), zero, zero, zero, n); break;
      case 2: tile(r, row(r, n), row(r + 1, n), zero, zero, n); break;
      default: tile(r, row(r, n), row(r + 1, n), row(r + 2, n), zero, n); break;
    }
  }
}

// The first `count` floats of a Float4 at p (the others zero), and back. (Lane by lane, with no loop:
// compilers turn a loop into a call to memcpy.)
[[gnu::always_inline]] inline Float4 load_first(const float* p, int count) {
  if (count >= 4) return portable::load4(p);
  Float4 v{};
  v[0] = p[0];
  if (count > 1) v[1] = p[1];
  if (count > 2) v[2] = p[2];
  return v;
}
[[gnu::always_inline]] inline void store_first(float* p, Float4 v, int count) {
  if (count >= 4) return portable::store4(p, v);
  p[0] = v[0];
  if (count > 1) p[1] = v[1];
  if (count > 2) p[2] = v[2];
}

// dL/dW[o][i] += delta[o]·x[i] and dL/db[o] += delta[o] for kRows neurons o from `first`, the examples
// one after the other for each element (the order layer_backward adds them in), with those rows of dW
// (kVectors Float4 each, I <= 4 kVectors) kept in registers while the examples stream past. kInputs
// is I when it is known at compile time (so are then the partial loads and stores at the rows' ends),
// else 0.
// x: the layer's inputs example-major, 4 kVectors floats per example, zero after I; delta: the
// deltas example-major, delta_stride floats per example.
template <int kVectors, int kInputs, int kRows>
[[gnu::always_inline]] inline void add_gradient_rows(int first, int runtime_inputs, const float* x, const float* delta,
                                                     int delta_stride, int count, float* dW, float* db) {
  constexpr int kStride = 4 * kVectors;
  const int I = kInputs > 0 ? kInputs : runtime_inputs;
  Float4 rows[kRows][kVectors];
  for (int r = 0; r < kRows; ++r) {
    for (int j = 0; j < kVectors; ++j) rows[r][j] = load_first(dW + (first + r) * I + 4 * j, I - 4 * j);
  }
  // The biases, as one Float4 with four rows (delta[first .. first + 3] are contiguous).
  Float4 bias4{};
  float bias[kRows];
  if constexpr (kRows == 4) {
    bias4 = portable::load4(db + first);
  } else {
    for (int r = 0; r < kRows; ++r) bias[r] = db[first + r];
  }
  for (int n = 0; n < count; ++n) {
    Float4 x_n[kVectors];
    for (int j = 0; j < kVectors; ++j) x_n[j] = portable::load4(x + n * kStride + 4 * j);
    const float* delta_n = delta + n * delta_stride + first;
    for (int r = 0; r < kRows; ++r) {
      const Float4 d = portable::splat4(delta_n[r]);
      for (int j = 0; j < kVectors; ++j) rows[r][j] = rows[r][j] + d * x_n[j];
    }
    if constexpr (kRows == 4) {
      bias4 = bias4 + portable::load4(delta_n);
    } else {
      for (int r = 0; r < kRows; ++r) bias[r] += delta_n[r];
    }
  }
  for (int r = 0; r < kRows; ++r) {
    for (int j = 0; j < kVectors; ++j) store_first(dW + (first + r) * I + 4 * j, rows[r][j], I - 4 * j);
  }
  if constexpr (kRows == 4) {
    portable::store4(db + first, bias4);
  } else {
    for (int r = 0; r < kRows; ++r) db[first + r] = bias[r];
  }
}

// A layer's dL/dW and dL/db over the batch: add_gradient_rows over every neuron.
template <int kVectors, int kInputs>
struct AddLayerGradients {
  static void run(const LayerShape& layer, const float* x, const float* delta, int delta_stride, int count,
                  float* gradients) {
    const int I = layer.inputs, O = layer.neurons;
    float* dW = gradients + layer.weight_offset;
    float* db = gradients + layer.bias_offset;
    // As many rows at a time as registers allow (x86 has 16 SIMD registers, as V8 uses them).
    constexpr int kRowsAtOnce = kVectors <= 2 ? 4 : 2;
    int o = 0;
    for (; o + kRowsAtOnce <= O; o += kRowsAtOnce) {
      add_gradient_rows<kVectors, kInputs, kRowsAtOnce>(o, I, x, delta, delta_stride, count, dW, db);
    }
    for (; o < O; ++o) add_gradient_rows<kVectors, kInputs, 1>(o, I, x, delta, delta_stride, count, dW, db);
  }
};

// AddLayerGradients<kVectors, kInputs>::run(layer, arguments...) for the layer's input count I: kInputs = I for
// I <= kUnrolledInputs, else 0; kVectors = ceil(I / 4) Float4 per row of dW.
template <typename... Arguments>
void add_layer_gradients(const LayerShape& layer, Arguments... arguments) {
  switch (layer.inputs) {
    case 1: return AddLayerGradients<1, 1>::run(layer, arguments...);
    case 2: return AddLayerGradients<1, 2>::run(layer, arguments...);
    case 3: return AddLayerGradients<1, 3>::run(layer, arguments...);
    case 4: return AddLayerGradients<1, 4>::run(layer, arguments...);
    case 5: return AddLayerGradients<2, 5>::run(layer, arguments...);
    case 6: return AddLayerGradients<2, 6>::run(layer, arguments...);
    case 7: return AddLayerGradients<2, 7>::run(layer, arguments...);
    case 8: return AddLayerGradients<2, 8>::run(layer, arguments...);
    case 9: case 10: case 11: case 12: return AddLayerGradients<3, 0>::run(layer, arguments...);
    default: return AddLayerGradients<4, 0>::run(layer, arguments...);
  }
}
static_assert(kUnrolledInputs == 8 && kMaxBlockInputs <= 16,
              "add_layer_gradients lists the input counts up to kUnrolledInputs, then up to 4 Float4 per row");

// A hidden layer's delta = dL/da · f'(z) for O neurons of 4 kGroups examples (channel-major, stride kBlockPoints).
template <int kGroups, Activation kActivation>
struct HiddenDelta {
  static void run(int O, const float* da, const float* z, const float* a, float* delta) {
    for (int o = 0; o < O; ++o) {
      for (int k = o * kBlockPoints; k < o * kBlockPoints + 4 * kGroups; k += 4) {
        portable::store4(delta + k, portable::load4(da + k) * activation_derivative4<kActivation>(portable::load4(z + k),
                                                                                                  portable::load4(a + k)));
      }
    }
  }
};
template <int kGroups>
struct HiddenDeltaOf {
  template <Activation kActivation>
  using Kernel = HiddenDelta<kGroups, kActivation>;
};

// backward_examples for the first 4 kGroups lanes.
template <int kGroups>
void backward_block(const NetworkShape& shape, const float* parameters, const float* channels, const float* sums,
                    float* output_gradients, float* deltas, int count, float* gradients) {
  constexpr int L = kBlockPoints;
  const int I0 = shape.input_count();
  // The layer's inputs and deltas, example-major with a multiple of 4 floats per example.
  float transposed_x[L * kMaxBlockInputs], transposed_delta[L * kMaxBlockInputs];
  for (int l = shape.layer_count() - 1; l >= 0; --l) {
    const LayerShape& layer = shape.layer(l);
    const int I = layer.inputs, O = layer.neurons;
    const float* x = channels + static_cast<std::size_t>(l == 0 ? 0 : I0 + shape.layer(l - 1).neuron_offset) * L;
    float* delta = deltas + layer.neuron_offset * L;
    if (l + 1 < shape.layer_count()) {  // a hidden layer: delta = dL/da · f'(z), lane by lane
      const std::size_t first = static_cast<std::size_t>(layer.neuron_offset) * L;
      with_activation<HiddenDeltaOf<kGroups>::template Kernel>(layer.activation, O, output_gradients + first, sums + first,
                                                               channels + static_cast<std::size_t>(I0) * L + first, delta);
    }
    // dL/dW += delta xᵀ and dL/db += delta from the layer's inputs and deltas turned example-major.
    const int x_vectors = (I + 3) / 4, delta_stride = (O + 3) / 4 * 4;
    transpose_examples<kGroups>(x, I, 4 * x_vectors, transposed_x);
    transpose_examples<kGroups>(delta, O, delta_stride, transposed_delta);
    add_layer_gradients(layer, transposed_x, transposed_delta, delta_stride, count, gradients);
    if (l > 0) {
      // dL/dx of each example: 0 + W[0][i]·delta[0] + W[1][i]·delta[1] + ..., as layer_backward sums it.
      // Two inputs at a time, so each load of a delta serves both.
      const float* W = parameters + layer.weight_offset;
      float* dx = output_gradients + shape.layer(l - 1).neuron_offset * L;
      int i = 0;
      for (; i + 2 <= I; i += 2) {
        Float4 sums[kGroups] = {}, next_sums[kGroups] = {};
        for (int o = 0; o < O; ++o) {
          const Float4 w = portable::splat4(W[o * I + i]), next_w = portable::splat4(W[o * I + i + 1]);
          for (int k = 0; k < kGroups; ++k) {
            const Float4 d = portable::load4(delta + o * L + 4 * k);
            sums[k] = sums[k] + w * d;
            next_sums[k] = next_sums[k] + next_w * d;
          }
        }
        for (int k = 0; k < kGroups; ++k) {
          portable::store4(dx + i * L + 4 * k, sums[k]);
          portable::store4(dx + (i + 1) * L + 4 * k, next_sums[k]);
        }
      }
      for (; i < I; ++i) {
        Float4 sums[kGroups] = {};
        for (int o = 0; o < O; ++o) {
          const Float4 w = portable::splat4(W[o * I + i]);
          for (int k = 0; k < kGroups; ++k) sums[k] = sums[k] + w * portable::load4(delta + o * L + 4 * k);
        }
        for (int k = 0; k < kGroups; ++k) portable::store4(dx + i * L + 4 * k, sums[k]);
      }
    }
  }
}

}  // namespace

static_assert(kMaxBlockInputs >= kMaxInputs && kMaxBlockInputs >= kMaxLayerSize, "a layer's inputs fit the block buffers");

void forward_examples(const NetworkShape& shape, const float* parameters, float* channels, float* sums, int count) {
  // Only as many Float4 lanes as the examples need (a batch of 10 takes 3).
  switch ((count + 3) / 4) {
    case 1: return forward_block<1>(shape, parameters, channels, kBlockPoints, 0, sums);
    case 2: return forward_block<2>(shape, parameters, channels, kBlockPoints, 0, sums);
    case 3: return forward_block<3>(shape, parameters, channels, kBlockPoints, 0, sums);
    default: return forward_block<4>(shape, parameters, channels, kBlockPoints, 0, sums);
  }
}
static_assert(kLanes == 4, "forward_examples and backward_examples list the lane counts one by one");

void backward_examples(const NetworkShape& shape, const float* parameters, const float* channels, const float* sums,
                       float* output_gradients, float* deltas, int count, float* gradients) {
  // Only as many Float4 lanes as the examples need, as in forward_examples.
  switch ((count + 3) / 4) {
    case 1: return backward_block<1>(shape, parameters, channels, sums, output_gradients, deltas, count, gradients);
    case 2: return backward_block<2>(shape, parameters, channels, sums, output_gradients, deltas, count, gradients);
    case 3: return backward_block<3>(shape, parameters, channels, sums, output_gradients, deltas, count, gradients);
    default: return backward_block<4>(shape, parameters, channels, sums, output_gradients, deltas, count, gradients);
  }
}

}  // namespace algorhythm
