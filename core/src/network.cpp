// Shapes of fully connected layers, their forward and backward passes for one example.
// The kernels work on four floats at a time (portable::Float4: SSE natively, SIMD128 in WebAssembly)
// but never reorder a sum: every value has the bits a plain loop gives it, on every platform.
// The block paths live in network_points.cpp (many points at once) and network_examples.cpp (a
// mini-batch, one example per lane).
#include "algorhythm/network.hpp"

#include <algorithm>
#include <cmath>

#include "algorhythm/portable_math.hpp"
#include "network_kernels.hpp"

namespace algorhythm {

using network_kernels::kUnrolledInputs;

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

}  // namespace algorhythm
