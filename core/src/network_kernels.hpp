// The pieces shared by the two block paths (internal to core/src): many points at once through every
// layer (network_points.cpp: the grid, the losses over every row) and a mini-batch with one example
// per lane (network_examples.cpp). Both take kBlockPoints points at a time through forward_block.
// The kernels work on four floats at a time (portable::Float4: SSE natively, SIMD128 in WebAssembly)
// but never reorder a sum: every value has the bits a plain loop gives it, on every platform.
#pragma once

#include <algorithm>
#include <cstddef>

#include "algorhythm/network.hpp"
#include "algorhythm/portable_math.hpp"

namespace algorhythm::network_kernels {

// Input counts up to which the per-example kernels (network.cpp) and the mini-batch gradients
// (network_examples.cpp) fix a layer's input count at compile time.
inline constexpr int kUnrolledInputs = 8;

// Points are taken kBlockPoints at a time through every layer, so a block's channels stay in the L1
// cache and each neuron's sums stay in registers (kLanes Float4 accumulators) while its inputs stream
// past. Each sum is b[o] + W[o][0]·x[0] + W[o][1]·x[1] + ... in that order, as in layer_forward.

inline constexpr int kLanes = kBlockPoints / 4;
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
inline void softmax_block(float* out, std::size_t stride, int O) {
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

// The weighted sums of neurons o and o + 1 (a pair: each load of an input serves both) or of neuron o
// alone for 4 kLaneCount points, each sum b[o] + W[o][0]·x[0] + W[o][1]·x[1] + ... in that order.
template <int kLaneCount>
[[gnu::always_inline]] inline void pair_sums(const float* W, const float* b, int I, int o, const float* in,
                                             std::size_t stride, Float4 (&sums)[kLaneCount],
                                             Float4 (&next_sums)[kLaneCount]) {
  for (Float4& sum : sums) sum = portable::splat4(b[o]);
  for (Float4& sum : next_sums) sum = portable::splat4(b[o + 1]);
  // Pointers stepped rather than indices multiplied: Emscripten compiles with loop strength
  // reduction off, so i * stride would be a multiplication per input in WebAssembly.
  const float* w = W + o * I;
  const float* in_i = in;
  for (const float* end = w + I; w != end; ++w, in_i += stride) {
    const Float4 w_this = portable::splat4(w[0]), w_next = portable::splat4(w[I]);
    for (int k = 0; k < kLaneCount; ++k) {
      const Float4 x = portable::load4(in_i + 4 * k);
      sums[k] = sums[k] + w_this * x;
      next_sums[k] = next_sums[k] + w_next * x;
    }
  }
}
template <int kLaneCount>
[[gnu::always_inline]] inline void neuron_sums(const float* W, const float* b, int I, int o, const float* in,
                                               std::size_t stride, Float4 (&sums)[kLaneCount]) {
  for (Float4& sum : sums) sum = portable::splat4(b[o]);
  const float* w = W + o * I;
  const float* in_i = in;
  for (const float* end = w + I; w != end; ++w, in_i += stride) {
    const Float4 w_this = portable::splat4(w[0]);
    for (int k = 0; k < kLaneCount; ++k) sums[k] = sums[k] + w_this * portable::load4(in_i + 4 * k);
  }
}

// One layer for 4 kLaneCount points: in (I channels) -> out (O channels), channel c of point n at
// [c * stride + n]; when z is not null, the weighted sums (before the activation) also go there.
template <int kLaneCount, Activation kActivation>
struct ForwardLayer {
  static void run(const LayerShape& layer, const float* parameters, const float* in, float* out, float* z,
                  std::size_t stride) {
    if constexpr (kLaneCount == kLanes) {
      in_two_passes(layer, parameters, in, out, z, stride);
    } else {
      in_one_pass(layer, parameters, in, out, z, stride);
    }
  }

  static void store_neuron(float* channels, std::size_t stride, int neuron, const Float4 (&values)[kLaneCount]) {
    for (int k = 0; k < kLaneCount; ++k) portable::store4(channels + neuron * stride + 4 * k, values[k]);
  }

  // Full blocks (the grid, the losses over every row): first every neuron's sums, two neurons per pass
  // over the inputs, into out; then each neuron's activation, in place. Measured with V8, ~12% faster
  // than one neuron at a time: V8's 16 xmm registers do not hold a pair's eight sums through their
  // activations (interleaved, it spilled about a hundred times per pair), but a pass of sums alone
  // fits them, and so does a pass of activations (its four interleaved evaluations and constants).
  // The sums go through memory between the passes, where LLVM cannot merge the passes again.
  static void in_two_passes(const LayerShape& layer, const float* parameters, const float* in, float* out, float* z,
                            std::size_t stride) {
    const int I = layer.inputs, O = layer.neurons;
    const float* W = parameters + layer.weight_offset;  // (O, I)
    const float* b = parameters + layer.bias_offset;    // (O)
    int o = 0;
    for (; o + 2 <= O; o += 2) {
      Float4 sums[kLaneCount], next_sums[kLaneCount];
      pair_sums(W, b, I, o, in, stride, sums, next_sums);
      store_neuron(out, stride, o, sums);
      store_neuron(out, stride, o + 1, next_sums);
    }
    if (o < O) {
      Float4 sums[kLaneCount];
      neuron_sums(W, b, I, o, in, stride, sums);
      store_neuron(out, stride, o, sums);
    }
    for (o = 0; o < O; ++o) {
      Float4 values[kLaneCount];
      for (int k = 0; k < kLaneCount; ++k) values[k] = portable::load4(out + o * stride + 4 * k);
      if (z) store_neuron(z, stride, o, values);
      activate_lanes<kActivation>(values);
      store_neuron(out, stride, o, values);
    }
  }

  // Blocks of fewer lanes (the training path's mini-batches): two neurons at a time, sums and
  // activations at once.
  static void in_one_pass(const LayerShape& layer, const float* parameters, const float* in, float* out, float* z,
                          std::size_t stride) {
    const int I = layer.inputs, O = layer.neurons;
    const float* W = parameters + layer.weight_offset;  // (O, I)
    const float* b = parameters + layer.bias_offset;    // (O)
    int o = 0;
    for (; o + 2 <= O; o += 2) {
      Float4 sums[kLaneCount], next_sums[kLaneCount];
      pair_sums(W, b, I, o, in, stride, sums, next_sums);
      if (z) {
        store_neuron(z, stride, o, sums);
        store_neuron(z, stride, o + 1, next_sums);
      }
      activate_lanes<kActivation>(sums);
      activate_lanes<kActivation>(next_sums);
      for (int k = 0; k < kLaneCount; ++k) {
        portable::store4(out + o * stride + 4 * k, sums[k]);
        portable::store4(out + (o + 1) * stride + 4 * k, next_sums[k]);
      }
    }
    if (o < O) {
      Float4 sums[kLaneCount];
      neuron_sums(W, b, I, o, in, stride, sums);
      if (z) store_neuron(z, stride, o, sums);
      activate_lanes<kActivation>(sums);
      store_neuron(out, stride, o, sums);
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

}  // namespace algorhythm::network_kernels
