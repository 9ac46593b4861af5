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
    // Blocks of fewer lanes (the training path's mini-batches) take two neurons at a time, so each
    // load of an input serves both. Full blocks (the grid) take one: measured with V8, whose 16 xmm
    // registers do not hold the eight interleaved activations of a pair (it spilled their constants
    // and temporaries to the stack about a hundred times per pair), one at a time is ~6% faster.
    for (; kLaneCount < kLanes && o + 2 <= layer.neurons; o += 2) {
      Float4 sums[kLaneCount], next_sums[kLaneCount];
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
      const float* w = W + o * I;
      const float* in_i = in;
      for (const float* end = w + I; w != end; ++w, in_i += stride) {
        const Float4 w_this = portable::splat4(w[0]);
        for (int k = 0; k < kLaneCount; ++k) sums[k] = sums[k] + w_this * portable::load4(in_i + 4 * k);
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

}  // namespace algorhythm::network_kernels
