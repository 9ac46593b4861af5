// Shapes of fully connected layers, their forward and backward passes for one example, and the
// forward pass for many points at once (the grid, the losses over every row).
// The kernels work on four floats at a time (portable::Float4: SSE natively, SIMD128 in WebAssembly)
// but never reorder a sum: every value has the bits a plain loop gives it, on every platform.
#include "algorhythm/network.hpp"

#include <algorithm>
#include <cmath>

#include "algorhythm/portable_math.hpp"

namespace algorhythm {

NetworkShape::NetworkShape(int inputs, const NetworkSpec& spec, Task task, int class_count) : inputs_(inputs) {
  int previous = inputs;
  auto add_layer = [&](int neurons, Activation activation, bool softmax) {
    LayerShape layer;
    layer.inputs = previous;
    layer.neurons = neurons;
    layer.activation = activation;
    layer.softmax = softmax;
    layer.weight_offset = parameter_count_;
    layer.bias_offset = parameter_count_ + neurons * previous;
    layer.neuron_offset = neuron_count_;
    parameter_count_ += neurons * previous + neurons;
    neuron_count_ += neurons;
    widest_ = std::max(widest_, neurons);
    layers_.push_back(layer);
    previous = neurons;
  };
  for (const LayerSpec& hidden : spec.hidden) add_layer(hidden.size, hidden.activation, false);
  switch (task) {
    case Task::Binary: add_layer(1, spec.output_activation, false); break;
    case Task::MultiClass: add_layer(class_count, Activation::Linear, true); break;
    case Task::Regression: add_layer(1, Activation::Linear, false); break;
  }
  widest_ = std::max(widest_, inputs);
}

bool NetworkShape::is_weight(int parameter_index) const {
  for (const LayerShape& layer : layers_) {
    if (parameter_index >= layer.weight_offset && parameter_index < layer.bias_offset) return true;
  }
  return false;
}

float activate(Activation activation, float z) {
  switch (activation) {
    // The fast kernels (portable_math.hpp): the grid computes the same bits four points at a time.
    case Activation::Sigmoid: return portable::fast_sigmoid(z);
    case Activation::Tanh: return portable::fast_tanh(z);
    case Activation::Relu: return z > 0.0f ? z : 0.0f;
    case Activation::Linear: return z;
  }
  return z;
}

void apply_activation_derivative(Activation activation, const float* z, const float* a, const float* output_gradient,
                                 float* delta, int n) {
  switch (activation) {
    case Activation::Sigmoid:
      for (int o = 0; o < n; ++o) delta[o] = output_gradient[o] * activation_derivative(Activation::Sigmoid, z[o], a[o]);
      break;
    case Activation::Tanh:
      for (int o = 0; o < n; ++o) delta[o] = output_gradient[o] * activation_derivative(Activation::Tanh, z[o], a[o]);
      break;
    case Activation::Relu:
      for (int o = 0; o < n; ++o) delta[o] = output_gradient[o] * activation_derivative(Activation::Relu, z[o], a[o]);
      break;
    case Activation::Linear:
      for (int o = 0; o < n; ++o) delta[o] = output_gradient[o] * activation_derivative(Activation::Linear, z[o], a[o]);
      break;
  }
}

// Kernels, four floats at a time where a row is long enough (portable::Float4). Each element still
// sees the same operations in the same order as a plain loop would give it, so the bits do not
// depend on the vector width: the scalar tails below compute exactly what the vector lanes compute.
//
// Each kernel is written once as a template on the layer's input count: kInputs = 0 reads it from
// the layer at run time; 1 .. kUnrolledInputs fix it at compile time, so the loops over inputs unroll
// and an example's inputs stay in registers (a training example's layers are a few floats wide, and
// loop control would otherwise cost more than the arithmetic). The same code either way: same bits.

namespace {

constexpr int kUnrolledInputs = 8;

// z = W x + b for one example.
template <int kInputs>
void weighted_sums(const LayerShape& layer, const float* parameters, const float* x, float* z) {
  const int I = kInputs > 0 ? kInputs : layer.inputs, O = layer.neurons;
  const float* W = parameters + layer.weight_offset;  // (O, I) row-major
  const float* b = parameters + layer.bias_offset;    // (O)
  int o = 0;
  // Four neurons at a time: their sums advance side by side, each b[o] + W[o][0]·x[0] + ... in order.
  // Their weights for four inputs are a 4×4 block of W, transposed in registers into the columns.
  for (; o + 4 <= O; o += 4) {
    const float* w = W + o * I;
    portable::Float4 sum = portable::load4(b + o);
    int i = 0;
    for (; i + 4 <= I; i += 4) {
      portable::Float4 columns[4];
      portable::transpose4(portable::load4(w + i), portable::load4(w + I + i), portable::load4(w + 2 * I + i),
                           portable::load4(w + 3 * I + i), columns);
      for (int k = 0; k < 4; ++k) sum = sum + columns[k] * portable::splat4(x[i + k]);
    }
    for (; i < I; ++i) {
      const portable::Float4 column = {w[i], w[I + i], w[2 * I + i], w[3 * I + i]};
      sum = sum + column * portable::splat4(x[i]);
    }
    portable::store4(z + o, sum);
  }
  for (; o < O; ++o) {
    const float* w_o = W + o * I;
    float sum = b[o];
    for (int i = 0; i < I; ++i) sum += w_o[i] * x[i];
    z[o] = sum;
  }
}

// y[i] += s * x[i] for i < n.
template <int kCount>
[[gnu::always_inline]] inline void add_scaled(float s, const float* x, float* y, int count) {
  const int n = kCount > 0 ? kCount : count;
  int i = 0;
  const portable::Float4 s4 = portable::splat4(s);
  for (; i + 4 <= n; i += 4) portable::store4(y + i, portable::load4(y + i) + s4 * portable::load4(x + i));
  for (; i < n; ++i) y[i] += s * x[i];
}

template <int kInputs>
void backward(const LayerShape& layer, const float* parameters, const float* x, const float* delta, float scale,
              float* gradients, float* input_gradient_out) {
  const int I = kInputs > 0 ? kInputs : layer.inputs, O = layer.neurons;
  float* dW = gradients + layer.weight_offset;
  float* db = gradients + layer.bias_offset;
  for (int o = 0; o < O; ++o) {
    const float d = delta[o] * scale;
    add_scaled<kInputs>(d, x, dW + o * I, I);  // dL/dW[o] += d x
    db[o] += d;
  }
  if (input_gradient_out) {
    // dL/dx (I) = W^T (I, O) delta (O): for each i, 0 + W[0][i]·delta[0] + W[1][i]·delta[1] + ...
    // Four inputs at a time, their sums kept in a register while o runs.
    const float* W = parameters + layer.weight_offset;
    int i = 0;
    for (; i + 4 <= I; i += 4) {
      portable::Float4 sum = {};
      for (int o = 0; o < O; ++o) sum = sum + portable::load4(W + o * I + i) * portable::splat4(delta[o]);
      portable::store4(input_gradient_out + i, sum);
    }
    for (; i < I; ++i) {
      float sum = 0.0f;
      for (int o = 0; o < O; ++o) sum += W[o * I + i] * delta[o];
      input_gradient_out[i] = sum;
    }
  }
}

// Calls kernel<I>(arguments...) for the layer's input count I when 1 <= I <= kUnrolledInputs, else kernel<0>.
template <template <int> class Kernel, typename... Arguments>
void with_input_count(int inputs, Arguments&&... arguments) {
  switch (inputs) {
    case 1: return Kernel<1>::run(arguments...);
    case 2: return Kernel<2>::run(arguments...);
    case 3: return Kernel<3>::run(arguments...);
    case 4: return Kernel<4>::run(arguments...);
    case 5: return Kernel<5>::run(arguments...);
    case 6: return Kernel<6>::run(arguments...);
    case 7: return Kernel<7>::run(arguments...);
    case 8: return Kernel<8>::run(arguments...);
    default: return Kernel<0>::run(arguments...);
  }
}
static_assert(kUnrolledInputs == 8, "with_input_count lists the unrolled input counts one by one");

template <int kInputs>
struct WeightedSums {
  template <typename... Arguments>
  static void run(Arguments... arguments) { weighted_sums<kInputs>(arguments...); }
};
template <int kInputs>
struct Backward {
  template <typename... Arguments>
  static void run(Arguments... arguments) { backward<kInputs>(arguments...); }
};

}  // namespace

void layer_forward(const LayerShape& layer, const float* parameters, const float* x, float* z, float* a) {
  with_input_count<WeightedSums>(layer.inputs, layer, parameters, x, z);
  const int O = layer.neurons;
  if (layer.softmax) {
    // Subtract the largest z so that exp never overflows; the result is unchanged.
    const float largest = *std::max_element(z, z + O);
    float total = 0.0f;
    for (int o = 0; o < O; ++o) {
      a[o] = static_cast<float>(portable::exp(static_cast<double>(z[o] - largest)));
      total += a[o];
    }
    for (int o = 0; o < O; ++o) a[o] /= total;
    return;
  }
  int o = 0;
  if (layer.activation == Activation::Tanh) {
    for (; o + 4 <= O; o += 4) portable::store4(a + o, portable::fast_tanh(portable::load4(z + o)));
  } else if (layer.activation == Activation::Sigmoid) {
    for (; o + 4 <= O; o += 4) portable::store4(a + o, portable::fast_sigmoid(portable::load4(z + o)));
  }
  for (; o < O; ++o) a[o] = activate(layer.activation, z[o]);
}

void layer_backward(const LayerShape& layer, const float* parameters, const float* x, const float* delta,
                    float scale, float* gradients, float* input_gradient_out) {
  with_input_count<Backward>(layer.inputs, layer, parameters, x, delta, scale, gradients, input_gradient_out);
}

void layer_backward_gradients(const LayerShape& layer, const float* x, const float* delta, float scale, float* gradients) {
  with_input_count<Backward>(layer.inputs, layer, nullptr, x, delta, scale, gradients, nullptr);
}

// ---- many points at once -----------------------------------------------------------------------
//
// Points are taken kBlockPoints at a time through every layer, so a block's channels stay in the L1
// cache and each neuron's sums stay in registers (kLanes Float4 accumulators) while its inputs stream
// past. Each sum is b[o] + W[o][0]·x[0] + W[o][1]·x[1] + ... in that order, as in layer_forward.

namespace {

constexpr int kLanes = kBlockPoints / 4;
using portable::Float4;

// The activation, four values at a time, chosen at compile time: the kernels below take it as a
// template argument, so that the evaluations of several registers interleave in straight-line code
// (each alone is a long chain of dependent operations) with no switch inside the loops.
template <Activation kActivation>
[[gnu::always_inline]] inline Float4 activate4(Float4 v) {
  switch (kActivation) {
    case Activation::Tanh: return portable::fast_tanh(v);
    case Activation::Sigmoid: return portable::fast_sigmoid(v);
    case Activation::Relu: return v > Float4{} ? v : Float4{};  // as activate(): z > 0 ? z : 0
    case Activation::Linear: return v;
  }
  return v;
}

// activate4 on one neuron's kLaneCount registers, in place: their evaluations interleave.
template <Activation kActivation, int kLaneCount>
[[gnu::always_inline]] inline void activate_lanes_inline(Float4 (&values)[kLaneCount]) {
  for (Float4& v : values) v = activate4<kActivation>(v);
}
template <Activation kActivation, int kLaneCount>
[[gnu::noinline]] void activate_lanes_call(Float4 (&values)[kLaneCount]) {
  activate_lanes_inline<kActivation>(values);
}
// The training path's blocks of fewer lanes run faster in WebAssembly with the activation as a call,
// the grid's full blocks with it inlined (measured with V8: each choice costs the other ~15%).
template <Activation kActivation, int kLaneCount>
[[gnu::always_inline]] inline void activate_lanes(Float4 (&values)[kLaneCount]) {
  if constexpr (kLaneCount == kLanes) {
    activate_lanes_inline<kActivation>(values);
  } else {
    activate_lanes_call<kActivation>(values);
  }
}

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

// Calls Kernel<kActivation>::run(arguments...) for the activation given at run time.
template <template <Activation> class Kernel, typename... Arguments>
void with_activation(Activation activation, Arguments&&... arguments) {
  switch (activation) {
    case Activation::Tanh: return Kernel<Activation::Tanh>::run(arguments...);
    case Activation::Sigmoid: return Kernel<Activation::Sigmoid>::run(arguments...);
    case Activation::Relu: return Kernel<Activation::Relu>::run(arguments...);
    case Activation::Linear: return Kernel<Activation::Linear>::run(arguments...);
  }
}

// Softmax over a layer's O channels for each of the block's points, as layer_forward computes it.
void softmax_block(float* out, std::size_t stride, int O) {
  for (int n = 0; n < kBlockPoints; ++n) {
    float largest = out[n];
    for (int o = 1; o < O; ++o) largest = std::max(largest, out[o * stride + n]);
    float total = 0.0f;
    for (int o = 0; o < O; ++o) {
      float& value = out[o * stride + n];
      value = static_cast<float>(portable::exp(static_cast<double>(value - largest)));
      total += value;
    }
    for (int o = 0; o < O; ++o) out[o * stride + n] /= total;
  }
}

// One layer for 4 kLaneCount points: in (I channels) -> out (O channels), channel c of point n at
// [c * stride + n]; when z is not null, the weighted sums (before the activation) also go there.
template <int kLaneCount, Activation kActivation>
struct ForwardLayer {
  static void run(const LayerShape& layer, const float* parameters, const float* in, float* out, float* z,
                  std::size_t stride) {
    const int I = layer.inputs;
    const float* W = parameters + layer.weight_offset;  // (O, I)
    const float* b = parameters + layer.bias_offset;    // (O)
    auto keep_sums = [&](int neuron, const Float4(&values)[kLaneCount]) {
      if (z) {
        for (int k = 0; k < kLaneCount; ++k) portable::store4(z + neuron * stride + 4 * k, values[k]);
      }
    };
    int o = 0;
    // Two neurons at a time, so each load of an input serves both.
    for (; o + 2 <= layer.neurons; o += 2) {
      Float4 sums[kLaneCount], next_sums[kLaneCount];
      for (Float4& sum : sums) sum = portable::splat4(b[o]);
      for (Float4& sum : next_sums) sum = portable::splat4(b[o + 1]);
      for (int i = 0; i < I; ++i) {
        const Float4 w = portable::splat4(W[o * I + i]), next_w = portable::splat4(W[(o + 1) * I + i]);
        const float* in_i = in + i * stride;
        for (int k = 0; k < kLaneCount; ++k) {
          const Float4 x = portable::load4(in_i + 4 * k);
          sums[k] = sums[k] + w * x;
          next_sums[k] = next_sums[k] + next_w * x;
        }
      }
      keep_sums(o, sums);
      keep_sums(o + 1, next_sums);
      activate_lanes<kActivation>(sums);
      activate_lanes<kActivation>(next_sums);
      for (int k = 0; k < kLaneCount; ++k) {
        portable::store4(out + o * stride + 4 * k, sums[k]);
        portable::store4(out + (o + 1) * stride + 4 * k, next_sums[k]);
      }
    }
    for (; o < layer.neurons; ++o) {
      Float4 sums[kLaneCount];
      for (Float4& sum : sums) sum = portable::splat4(b[o]);
      for (int i = 0; i < I; ++i) {
        const Float4 w = portable::splat4(W[o * I + i]);
        const float* in_i = in + i * stride;
        for (int k = 0; k < kLaneCount; ++k) sums[k] = sums[k] + w * portable::load4(in_i + 4 * k);
      }
      keep_sums(o, sums);
      activate_lanes<kActivation>(sums);
      for (int k = 0; k < kLaneCount; ++k) portable::store4(out + o * stride + 4 * k, sums[k]);
    }
  }
};
template <int kLaneCount>
struct ForwardLayerOf {
  template <Activation kActivation>
  using Kernel = ForwardLayer<kLaneCount, kActivation>;
};

// Every layer for the kBlockPoints points starting at `first` (the first 4 kLaneCount of them, for the
// training path's smaller batches); when `sums` is not null, each neuron's
// weighted sums (before the activation) also go to sums[neuron * stride + point].
template <int kLaneCount = kLanes>
void forward_block(const NetworkShape& shape, const float* parameters, float* channels, std::size_t stride,
                   std::size_t first, float* sums_out = nullptr) {
  const float* in = channels + first;
  for (int l = 0; l < shape.layer_count(); ++l) {
    const LayerShape& layer = shape.layer(l);
    float* out = channels + static_cast<std::size_t>(shape.input_count() + layer.neuron_offset) * stride + first;
    float* z = sums_out ? sums_out + static_cast<std::size_t>(layer.neuron_offset) * stride + first : nullptr;
    // A softmax layer's sums go out as they are; softmax_block then replaces them.
    with_activation<ForwardLayerOf<kLaneCount>::template Kernel>(layer.softmax ? Activation::Linear : layer.activation,
                                                                  layer, parameters, in, out, z, stride);
    if (layer.softmax) softmax_block(out, stride, layer.neurons);
    in = out;
  }
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

void forward_points(const NetworkShape& shape, const float* parameters, float* channels, std::size_t stride,
                    std::size_t count) {
  const std::size_t whole_blocks = count / kBlockPoints * kBlockPoints;
  for (std::size_t first = 0; first < whole_blocks; first += kBlockPoints) {
    forward_block(shape, parameters, channels, stride, first);
  }
  // The last points, if count is not a multiple of kBlockPoints, go through a padded copy.
  const std::size_t tail = count - whole_blocks;
  if (tail > 0) {
    const int I0 = shape.input_count(), channel_count = I0 + shape.neuron_count();
    std::vector<float> padded(static_cast<std::size_t>(channel_count) * kBlockPoints, 0.0f);
    for (int i = 0; i < I0; ++i) std::copy_n(channels + i * stride + whole_blocks, tail, padded.data() + i * kBlockPoints);
    forward_block(shape, parameters, padded.data(), kBlockPoints, 0);
    for (int c = I0; c < channel_count; ++c) {
      std::copy_n(padded.data() + c * kBlockPoints, tail, channels + c * stride + whole_blocks);
    }
  }
}

}  // namespace algorhythm
