// Tests of the network's shape and its one-example kernels (core/src/network.cpp), against numbers
// computed by hand in the comments and against finite differences.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "algorhythm/network.hpp"

namespace {

using namespace algorhythm;

NetworkSpec two_hidden_layers() {
  NetworkSpec spec;
  spec.hidden = {{4, Activation::Tanh}, {2, Activation::Relu}};
  spec.output_activation = Activation::Sigmoid;
  return spec;
}

// A layer with I = 2 inputs and O = 3 neurons whose parameters start at offset 1 of the buffer (so an
// offset mistake shows): W = [[1, 2], [-1, 0.5], [0, 3]], b = [0.5, -1, 0.25].
LayerShape small_layer(Activation activation, bool softmax = false) {
  LayerShape layer;
  layer.inputs = 2;
  layer.neurons = 3;
  layer.activation = activation;
  layer.softmax = softmax;
  layer.weight_offset = 1;
  layer.bias_offset = 7;
  return layer;
}
const std::vector<float> kSmallLayerParameters = {99, 1, 2, -1, 0.5f, 0, 3, 0.5f, -1, 0.25f, 99};
const std::vector<float> kSmallLayerInput = {0.5f, -2.0f};
// z = W x + b = [0.5 - 4 + 0.5, -0.5 - 1 - 1, 0 - 6 + 0.25] = [-3, -2.5, -5.75]
const std::vector<double> kSmallLayerZ = {-3.0, -2.5, -5.75};

TEST_CASE("the parameter buffer is laid out layer by layer, weights then biases", "[network][shape]") {
  const NetworkShape shape(3, two_hidden_layers(), Task::Binary, 2);
  REQUIRE(shape.input_count() == 3);
  REQUIRE(shape.layer_count() == 3);
  // Layer 0: W (4, 3) at 0, b (4) at 12. Layer 1: W (2, 4) at 16, b (2) at 24. Output: W (1, 2) at 26, b at 28.
  CHECK(shape.layer(0).weight_offset == 0);
  CHECK(shape.layer(0).bias_offset == 12);
  CHECK(shape.layer(1).inputs == 4);
  CHECK(shape.layer(1).weight_offset == 16);
  CHECK(shape.layer(1).bias_offset == 24);
  CHECK(shape.layer(2).inputs == 2);
  CHECK(shape.layer(2).weight_offset == 26);
  CHECK(shape.layer(2).bias_offset == 28);
  CHECK(shape.parameter_count() == 29);
  CHECK(shape.neuron_count() == 7);
  CHECK(shape.layer(1).neuron_offset == 4);
  CHECK(shape.layer(2).neuron_offset == 6);
  CHECK(shape.widest_layer() == 4);
  CHECK(shape.layer(1).activation == Activation::Relu);
  CHECK(shape.output_layer().activation == Activation::Sigmoid);
  CHECK_FALSE(shape.output_layer().softmax);
  for (int p = 0; p < shape.parameter_count(); ++p) {
    const bool bias = (p >= 12 && p < 16) || (p >= 24 && p < 26) || p == 28;
    INFO("parameter " << p);
    CHECK(shape.is_weight(p) == !bias);
  }
}

TEST_CASE("the output layer follows from the task", "[network][shape]") {
  NetworkSpec spec;  // a perceptron
  spec.output_activation = Activation::Tanh;
  const NetworkShape binary(2, spec, Task::Binary, 2);
  CHECK(binary.layer_count() == 1);
  CHECK(binary.output_layer().neurons == 1);
  CHECK(binary.output_layer().activation == Activation::Tanh);
  CHECK(binary.parameter_count() == 3);

  const NetworkShape multiclass(2, spec, Task::MultiClass, 5);
  CHECK(multiclass.output_layer().neurons == 5);
  CHECK(multiclass.output_layer().softmax);
  CHECK(multiclass.parameter_count() == 15);

  const NetworkShape regression(2, spec, Task::Regression, 0);
  CHECK(regression.output_layer().neurons == 1);
  CHECK(regression.output_layer().activation == Activation::Linear);
  CHECK(regression.widest_layer() == 2);  // the inputs count as a layer for drawing
}

TEST_CASE("activations match their formulas", "[network][activation]") {
  for (double z : {-30.0, -4.0, -1.5, -0.2, 0.0, 0.3, 1.0, 2.5, 30.0}) {
    const float zf = static_cast<float>(z);
    INFO("z = " << z);
    CHECK(activate(Activation::Sigmoid, zf) == Approx(1.0 / (1.0 + std::exp(-z))).margin(1e-7));
    CHECK(activate(Activation::Tanh, zf) == Approx(std::tanh(z)).margin(1e-7));
    CHECK(activate(Activation::Relu, zf) == (z > 0 ? zf : 0.0f));
    CHECK(activate(Activation::Linear, zf) == zf);
  }
}

TEST_CASE("activation derivatives match finite differences", "[network][activation][gradient]") {
  // Away from ReLU's kink at 0; h = 1e-3 in double around float activations gives ~1e-4 accuracy.
  const double h = 1e-3;
  double worst = 0.0;
  for (Activation activation : {Activation::Sigmoid, Activation::Tanh, Activation::Relu, Activation::Linear}) {
    for (double z : {-3.0, -0.7, -0.1, 0.2, 0.9, 2.4}) {
      const float zf = static_cast<float>(z);
      const float a = activate(activation, zf);
      const double numeric = (static_cast<double>(activate(activation, static_cast<float>(z + h))) -
                              activate(activation, static_cast<float>(z - h))) / (2 * h);
      const double analytic = activation_derivative(activation, zf, a);
      INFO(to_string(activation) << " at z = " << z);
      CHECK(analytic == Approx(numeric).margin(1e-3));
      worst = std::max(worst, std::fabs(analytic - numeric));
    }
  }
  WARN("activation derivatives: largest difference from finite differences " << worst);
}

TEST_CASE("layer_forward computes W x + b and the activation", "[network][forward]") {
  for (Activation activation : {Activation::Sigmoid, Activation::Tanh, Activation::Relu, Activation::Linear}) {
    std::vector<float> z(3), a(3);
    layer_forward(small_layer(activation), kSmallLayerParameters.data(), kSmallLayerInput.data(), z.data(), a.data());
    for (int o = 0; o < 3; ++o) {
      INFO(to_string(activation) << ", neuron " << o);
      CHECK(z[o] == static_cast<float>(kSmallLayerZ[o]));  // exact: every term is a small binary fraction
      CHECK(a[o] == activate(activation, z[o]));
    }
  }
}

TEST_CASE("a softmax layer gives probabilities, even for huge weighted sums", "[network][forward]") {
  std::vector<float> z(3), a(3);
  layer_forward(small_layer(Activation::Linear, true), kSmallLayerParameters.data(), kSmallLayerInput.data(), z.data(),
                a.data());
  // softmax([-3, -2.5, -5.75]) computed in double
  const double e0 = std::exp(-3.0), e1 = std::exp(-2.5), e2 = std::exp(-5.75), total = e0 + e1 + e2;
  CHECK(a[0] == Approx(e0 / total).epsilon(1e-6));
  CHECK(a[1] == Approx(e1 / total).epsilon(1e-6));
  CHECK(a[2] == Approx(e2 / total).epsilon(1e-6));

  // x = (500, 0): z = [500.5, -501, 0.25]; a naive exp(500.5) overflows a float.
  const std::vector<float> huge = {500.0f, 0.0f};
  layer_forward(small_layer(Activation::Linear, true), kSmallLayerParameters.data(), huge.data(), z.data(), a.data());
  CHECK(a[0] == Approx(1.0));
  CHECK(a[1] == Approx(0.0).margin(1e-30));
  CHECK(std::isfinite(a[2]));
}

TEST_CASE("layer_backward adds delta x^T and delta, and gives W^T delta", "[network][backward]") {
  const LayerShape layer = small_layer(Activation::Tanh);
  const std::vector<float> delta = {0.5f, -1.0f, 2.0f};
  std::vector<float> gradients(kSmallLayerParameters.size(), 1.0f);  // backward adds to what is there
  std::vector<float> input_gradient(2, 123.0f);                      // ... but overwrites dL/dx
  layer_backward(layer, kSmallLayerParameters.data(), kSmallLayerInput.data(), delta.data(), 2.0f, gradients.data(),
                 input_gradient.data());
  // dW = scale · delta x^T = 2 · [[0.25, -1], [-0.5, 2], [1, -4]]; db = 2 · delta
  const std::vector<float> expected = {1, 1.5f, -1, 0, 5, 3, -7, 2, -1, 5, 1};
  CHECK(gradients == expected);
  // W^T delta (unscaled) = [1·0.5 - 1·-1 + 0·2, 2·0.5 + 0.5·-1 + 3·2] = [1.5, 6.5]
  CHECK(input_gradient == std::vector<float>{1.5f, 6.5f});

  // Without an input gradient (the first layer) only the parameters' gradients are written.
  layer_backward(layer, kSmallLayerParameters.data(), kSmallLayerInput.data(), delta.data(), 1.0f, gradients.data(),
                 nullptr);
  CHECK(gradients[1] == 1.5f + 0.25f);  // + delta[0] x[0]
  CHECK(gradients[9] == 5.0f + 2.0f);   // + delta[2]
}

}  // namespace
