// forward_points (core/src/network_points.cpp, the grid's and the losses' block kernels) against
// layer_forward, one point at a time: every neuron of every point must have the very same bits.
// The widths are odd on purpose: the full-block path takes neurons two at a time, so a layer's
// last neuron goes alone; the point count leaves a partial block after the full ones.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "algorhythm/network.hpp"
#include "support.hpp"

namespace {

using namespace algorhythm;
using namespace algorhythm::test;

// Deterministic values in [-scale, scale], spread out so that no two parameters are alike (no
// generator from core/ involved).
std::vector<float> spread_values(std::size_t count, float scale, std::uint32_t seed) {
  std::vector<float> values(count);
  std::uint32_t state = seed;
  for (float& value : values) {
    state = state * 1664525u + 1013904223u;
    value = scale * (static_cast<float>(state >> 8) / static_cast<float>(1u << 24) * 2.0f - 1.0f);
  }
  return values;
}

std::uint32_t bits_of(float value) {
  std::uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

// Checks every neuron of forward_points over `count` points (channel stride `stride`) against
// layer_forward for each point, bit for bit, and that the columns past `count` are left alone.
void check_against_layer_forward(const NetworkShape& shape, std::size_t count, std::size_t stride) {
  const std::vector<float> parameters = spread_values(static_cast<std::size_t>(shape.parameter_count()), 1.2f, 7u);
  const int I0 = shape.input_count(), channel_count = I0 + shape.neuron_count();
  const float kUntouched = -1234.5f;
  std::vector<float> channels(static_cast<std::size_t>(channel_count) * stride, kUntouched);
  const std::vector<float> inputs = spread_values(static_cast<std::size_t>(I0) * count, 3.0f, 11u);
  for (int i = 0; i < I0; ++i) {
    for (std::size_t n = 0; n < count; ++n) channels[i * stride + n] = inputs[n * I0 + i];
  }
  forward_points(shape, parameters.data(), channels.data(), stride, count);

  for (std::size_t n = 0; n < count; ++n) {
    std::vector<float> x(inputs.begin() + n * I0, inputs.begin() + (n + 1) * I0);
    for (int l = 0; l < shape.layer_count(); ++l) {
      const LayerShape& layer = shape.layer(l);
      std::vector<float> z(layer.neurons), a(layer.neurons);
      layer_forward(layer, parameters.data(), x.data(), z.data(), a.data());
      for (int o = 0; o < layer.neurons; ++o) {
        const float value = channels[(I0 + layer.neuron_offset + o) * stride + n];
        INFO("point " << n << ", layer " << l << ", neuron " << o << ": " << value << " vs " << a[o]);
        REQUIRE(bits_of(value) == bits_of(a[o]));
      }
      x = a;
    }
  }
  for (int c = I0; c < channel_count; ++c) {
    for (std::size_t n = count; n < stride; ++n) REQUIRE(channels[c * stride + n] == kUntouched);
  }
}

TEST_CASE("forward_points gives every neuron layer_forward's bits: odd widths, every activation",
          "[network][points]") {
  NetworkSpec spec;
  spec.hidden = {{5, Activation::Tanh},   {3, Activation::Relu},   {7, Activation::Sigmoid},
                 {1, Activation::Tanh},   {16, Activation::Linear}, {8, Activation::Tanh}};
  spec.output_activation = Activation::Sigmoid;
  // 2 full blocks of 16 points and 5 more; a stride past the count, as a grid's channel would not have.
  SECTION("binary output") { check_against_layer_forward(NetworkShape(7, spec, Task::Binary, 2), 37, 41); }
  SECTION("three classes (softmax)") { check_against_layer_forward(NetworkShape(7, spec, Task::MultiClass, 3), 37, 41); }
  SECTION("regression, 16 inputs, fewer points than a block") {
    check_against_layer_forward(NetworkShape(16, spec, Task::Regression, 1), 9, 9);
  }
  SECTION("no hidden layer, whole blocks only") {
    check_against_layer_forward(NetworkShape(3, NetworkSpec{}, Task::Binary, 2), 48, 48);
  }
}

}  // namespace
