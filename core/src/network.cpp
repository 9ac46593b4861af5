// Shapes of fully connected layers and their forward and backward passes for one example.
// The kernels are plain loops in a fixed order: they vectorise where the compiler can do so without
// reordering sums, and they give the same bits natively and in WebAssembly.
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

// Kernels, four floats at a time where a row is long enough (portable::Float4). Each element still
// sees the same operations in the same order as a plain loop would give it, so the bits do not
// depend on the vector width: the scalar tails below compute exactly what the vector lanes compute.

void layer_forward(const LayerShape& layer, const float* parameters, const float* x, float* z, float* a) {
  const int I = layer.inputs, O = layer.neurons;
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
  o = 0;
  if (layer.activation == Activation::Tanh) {
    for (; o + 4 <= O; o += 4) portable::store4(a + o, portable::fast_tanh(portable::load4(z + o)));
  } else if (layer.activation == Activation::Sigmoid) {
    for (; o + 4 <= O; o += 4) portable::store4(a + o, portable::fast_sigmoid(portable::load4(z + o)));
  }
  for (; o < O; ++o) a[o] = activate(layer.activation, z[o]);
}

namespace {

// y[i] += s * x[i] for i < n.
void add_scaled(float s, const float* x, float* y, int n) {
  int i = 0;
  const portable::Float4 s4 = portable::splat4(s);
  for (; i + 4 <= n; i += 4) portable::store4(y + i, portable::load4(y + i) + s4 * portable::load4(x + i));
  for (; i < n; ++i) y[i] += s * x[i];
}

}  // namespace

void layer_backward(const LayerShape& layer, const float* parameters, const float* x, const float* delta,
                    float scale, float* gradients, float* input_gradient_out) {
  const int I = layer.inputs, O = layer.neurons;
  const float* W = parameters + layer.weight_offset;
  float* dW = gradients + layer.weight_offset;
  float* db = gradients + layer.bias_offset;
  for (int o = 0; o < O; ++o) {
    const float d = delta[o] * scale;
    add_scaled(d, x, dW + o * I, I);  // dL/dW[o] += d x
    db[o] += d;
  }
  if (input_gradient_out) {
    // dL/dx (I) = W^T (I, O) delta (O): for each i, 0 + W[0][i]·delta[0] + W[1][i]·delta[1] + ...
    // Four inputs at a time, their sums kept in a register while o runs.
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

}  // namespace algorhythm
