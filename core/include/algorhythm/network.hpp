// A fully connected network whose parameters live in one contiguous float buffer.
//
// Dimension letters used in comments: I = inputs of a layer, O = its neurons (outputs), N = rows.
// Parameter layout, layer after layer: W (O, I) row-major — the I weights of neuron o are contiguous
// at offset + o*I — followed by the bias b (O). So the weight from input i to neuron o of layer l is
// parameters[layer(l).weight_offset + o*I + i] and its bias is parameters[layer(l).bias_offset + o].
#pragma once

#include <cstddef>
#include <vector>

#include "algorhythm/settings.hpp"

namespace algorhythm {

struct LayerShape {
  int inputs = 0;          // I
  int neurons = 0;         // O
  Activation activation = Activation::Tanh;
  bool softmax = false;    // output layer of a MultiClass task: softmax over the weighted sums
  int weight_offset = 0;   // into the parameter buffer
  int bias_offset = 0;     // into the parameter buffer
  int neuron_offset = 0;   // into per-neuron arrays (all layers' neurons concatenated)
};

class NetworkShape {
 public:
  NetworkShape() = default;
  // inputs: 1 .. kMaxInputs; outputs and the output layer follow from the task (see NetworkSpec).
  NetworkShape(int inputs, const NetworkSpec& spec, Task task, int class_count);

  int input_count() const { return inputs_; }
  int layer_count() const { return static_cast<int>(layers_.size()); }  // hidden + output
  const LayerShape& layer(int l) const { return layers_[l]; }
  const LayerShape& output_layer() const { return layers_.back(); }
  int parameter_count() const { return parameter_count_; }
  int neuron_count() const { return neuron_count_; }  // hidden + output neurons
  int widest_layer() const { return widest_; }
  bool is_weight(int parameter_index) const;           // false for biases

 private:
  int inputs_ = 0;
  std::vector<LayerShape> layers_;
  int parameter_count_ = 0;
  int neuron_count_ = 0;
  int widest_ = 0;
};

// f(z) and f'(z) expressed through the activation a = f(z) where possible.
float activate(Activation activation, float z);
// (Inline: the backward pass calls it for every neuron of every example.)
inline float activation_derivative(Activation activation, float z, float a) {
  switch (activation) {
    case Activation::Sigmoid: return a * (1.0f - a);
    case Activation::Tanh: return 1.0f - a * a;
    case Activation::Relu: return z > 0.0f ? 1.0f : 0.0f;
    case Activation::Linear: return 1.0f;
  }
  return 1.0f;
}

// delta[o] = output_gradient[o] * activation_derivative(activation, z[o], a[o]) for o < n, with the
// switch outside the loop (the backward pass does this for every hidden layer of every example).
void apply_activation_derivative(Activation activation, const float* z, const float* a, const float* output_gradient,
                                 float* delta, int n);

// One layer forward for one example: z = W x + b; a = f(z) (softmax over z when layer.softmax).
// x (I), z (O), a (O).
void layer_forward(const LayerShape& layer, const float* parameters, const float* x, float* z, float* a);

// One layer backward for one example, given delta = dL/dz (O) of this layer:
// adds dL/dW = delta x^T and dL/db = delta into gradients (scaled by `scale`), and, if
// input_delta_out is not null, writes dL/dx = W^T delta (I) — the next layer down turns it into its own
// delta with its activation derivative.
void layer_backward(const LayerShape& layer, const float* parameters, const float* x, const float* delta,
                    float scale, float* gradients, float* input_gradient_out);
// Only the gradients part of layer_backward (no dL/dx): the same operations on `gradients`.
void layer_backward_gradients(const LayerShape& layer, const float* x, const float* delta, float scale, float* gradients);

// Every layer for many points at once, channel-major: channel c — the I0 inputs, then every layer's
// neurons (LayerShape::neuron_offset) — of point n is channels[c * stride + n], for n < count <= stride.
// The inputs must be filled; the neurons are written. Each point gets exactly the bits layer_forward
// gives it (the same sums in the same order, the same activation kernels), computed kBlockPoints
// points at a time with the sums in SIMD registers.
inline constexpr int kBlockPoints = 16;
inline constexpr int kMaxBlockInputs = 16;  // kMaxInputs and kMaxLayerSize (settings.hpp)
void forward_points(const NetworkShape& shape, const float* parameters, float* channels, std::size_t stride,
                    std::size_t count);

}  // namespace algorhythm

namespace algorhythm {

// The same passes for up to kBlockPoints training examples side by side, one per lane (the Trainer's
// mini-batch path, trainer_batch.cpp), channel-major with stride kBlockPoints: channels as for
// forward_points; sums, output_gradients and deltas (neuron_count × kBlockPoints).
// forward_examples: forward_points' bits for the first `count` examples (and maybe a few of the
// lanes after them), and each neuron's weighted sums z in `sums`.
void forward_examples(const NetworkShape& shape, const float* parameters, float* channels, float* sums, int count);
// backward_examples: given the output layer's output_gradients and deltas, the hidden layers' deltas
// and dL/da, and the gradients of the first `count` examples added into `gradients` example after
// example: exactly what layer_backward gives, one example at a time, in that order.
void backward_examples(const NetworkShape& shape, const float* parameters, const float* channels, const float* sums,
                       float* output_gradients, float* deltas, int count, float* gradients);

}  // namespace algorhythm
