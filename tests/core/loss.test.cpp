// Tests of the losses and where the backward pass starts (core/src/loss.cpp): hand-computed values,
// and every derivative against finite differences.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "algorhythm/loss.hpp"
#include "algorhythm/network.hpp"
#include "algorhythm/portable_math.hpp"

namespace {

using namespace algorhythm;

float loss_of(Task task, Loss loss, std::vector<float> a, std::vector<float> target) {
  return example_loss(task, loss, a.data(), target.data(), static_cast<int>(a.size()));
}

struct OutputGradient {
  std::vector<float> dloss_da, dloss_dz;
};
OutputGradient gradient_of(Task task, Loss loss, Activation activation, std::vector<float> z, std::vector<float> a,
                           std::vector<float> target) {
  const int O = static_cast<int>(a.size());
  OutputGradient g{std::vector<float>(O), std::vector<float>(O)};
  output_gradient(task, loss, activation, z.data(), a.data(), target.data(), O, g.dloss_da.data(), g.dloss_dz.data());
  return g;
}

// softmax in double, the test's own
std::vector<float> softmax(const std::vector<double>& z) {
  double total = 0.0;
  for (double v : z) total += std::exp(v);
  std::vector<float> a;
  for (double v : z) a.push_back(static_cast<float>(std::exp(v) / total));
  return a;
}

TEST_CASE("the story's song: 0.73 sure the listener likes it, who doesn't, costs 1.31", "[loss]") {
  // Binary cross-entropy: -(t ln a + (1 - t) ln(1 - a)) = -ln(0.27) = 1.3093...
  CHECK(loss_of(Task::Binary, Loss::CrossEntropy, {0.73f}, {0.0f}) == Approx(1.30933).epsilon(1e-5));
  // ... and had they liked it: -ln(0.73) = 0.31471
  CHECK(loss_of(Task::Binary, Loss::CrossEntropy, {0.73f}, {1.0f}) == Approx(0.314711).epsilon(1e-5));
  // Squared error: 0.5 (0.73 - 0)² = 0.26645
  CHECK(loss_of(Task::Binary, Loss::SquaredError, {0.73f}, {0.0f}) == Approx(0.26645).epsilon(1e-5));
  // Regression: 0.5 (2.5 - 4)² = 1.125
  CHECK(loss_of(Task::Regression, Loss::SquaredError, {2.5f}, {4.0f}) == 1.125f);
}

TEST_CASE("binary cross-entropy with a label of 0 or 1 has the bits of the two-term sum", "[loss]") {
  // The loss computes only the term a 0/1 label keeps; the dropped term is 0 · (a finite log) = -0,
  // so the sum's bits cannot differ. Checked against the sum written out, for probabilities from
  // below the clamp (1e-7) to above it, and a fractional label, which still takes the sum.
  const auto ln = [](float p) { return static_cast<float>(portable::log(static_cast<double>(p))); };
  const auto two_terms = [&](float a, float t) {
    const float p = std::min(std::max(a, 1e-7f), 1.0f - 1e-7f);
    return -(t * ln(p) + (1.0f - t) * ln(1.0f - p));
  };
  std::vector<float> probabilities = {0.0f, 1.0f, 0.5f, 0.73f};
  for (int k = 0; k < 1000; ++k) {  // 10^0 down to 10^-9, and as far below 1
    const float small = std::pow(10.0f, -9.0f * static_cast<float>(k) / 1000.0f);
    probabilities.push_back(small);
    probabilities.push_back(1.0f - small);
  }
  for (const float a : probabilities) {
    for (const float t : {0.0f, 1.0f, 0.25f}) {
      CAPTURE(a, t);
      const float loss = loss_of(Task::Binary, Loss::CrossEntropy, {a}, {t});
      const float expected = two_terms(a, t);
      CHECK(std::memcmp(&loss, &expected, sizeof loss) == 0);
    }
  }
}

TEST_CASE("categorical cross-entropy is -ln of the right class's probability", "[loss]") {
  // -ln(0.7) = 0.356675
  CHECK(loss_of(Task::MultiClass, Loss::CrossEntropy, {0.2f, 0.7f, 0.1f}, {0, 1, 0}) == Approx(0.356675).epsilon(1e-5));
  // -ln(0.1) = 2.302585
  CHECK(loss_of(Task::MultiClass, Loss::CrossEntropy, {0.2f, 0.7f, 0.1f}, {0, 0, 1}) == Approx(2.302585).epsilon(1e-5));
}

TEST_CASE("a confident wrong answer costs about 16, not infinity", "[loss]") {
  // Probabilities are clamped to [1e-7, 1 - 1e-7]: -ln(1e-7) = 16.118
  const float wrong_one = loss_of(Task::Binary, Loss::CrossEntropy, {0.0f}, {1.0f});
  CHECK(wrong_one == Approx(16.118).epsilon(1e-3));
  const float wrong_zero = loss_of(Task::Binary, Loss::CrossEntropy, {1.0f}, {0.0f});
  CHECK(std::isfinite(wrong_zero));
  CHECK(wrong_zero > 15.0f);
  CHECK(wrong_zero < 16.2f);
  CHECK(loss_of(Task::MultiClass, Loss::CrossEntropy, {1.0f, 0.0f, 0.0f}, {0, 1, 0}) == Approx(16.118).epsilon(1e-3));
  // A NaN output is not hidden by the clamp: divergence must be noticed.
  CHECK(std::isnan(loss_of(Task::Binary, Loss::CrossEntropy, {std::nanf("")}, {1.0f})));
}

TEST_CASE("output gradients by hand", "[loss][gradient]") {
  // Sigmoid + cross-entropy: dL/dz = a - t = 0.73; dL/da = (a - t) / (a (1 - a)) = 1 / 0.27 = 3.7037
  const float z = std::log(0.73f / 0.27f);
  OutputGradient g = gradient_of(Task::Binary, Loss::CrossEntropy, Activation::Sigmoid, {z}, {0.73f}, {0.0f});
  CHECK(g.dloss_dz[0] == Approx(0.73f));
  CHECK(g.dloss_da[0] == Approx(3.7037).epsilon(1e-4));

  // Tanh + squared error at z = 0.5, target 1: a = tanh 0.5 = 0.462117; dL/da = a - 1 = -0.537883;
  // dL/dz = dL/da · (1 - a²) = -0.537883 · 0.786448 = -0.423021
  g = gradient_of(Task::Binary, Loss::SquaredError, Activation::Tanh, {0.5f}, {0.462117f}, {1.0f});
  CHECK(g.dloss_da[0] == Approx(-0.537883).epsilon(1e-5));
  CHECK(g.dloss_dz[0] == Approx(-0.423021).epsilon(1e-5));

  // Softmax + cross-entropy: dL/dz = a - t
  g = gradient_of(Task::MultiClass, Loss::CrossEntropy, Activation::Linear, {0, 0, 0}, {0.2f, 0.7f, 0.1f}, {0, 1, 0});
  CHECK(g.dloss_dz[0] == Approx(0.2f));
  CHECK(g.dloss_dz[1] == Approx(-0.3f));
  CHECK(g.dloss_dz[2] == Approx(0.1f));
  CHECK(g.dloss_da[1] == Approx(-1.0 / 0.7));
  CHECK(g.dloss_da[0] == 0.0f);
}

TEST_CASE("output gradients match finite differences of the loss", "[loss][gradient]") {
  const double h = 1e-3;  // float losses: differences are good to about 1e-4
  double worst = 0.0;
  auto compare = [&](double analytic, double numeric) {
    CHECK(analytic == Approx(numeric).epsilon(1e-3).margin(2e-4));
    worst = std::max(worst, std::fabs(analytic - numeric));
  };

  SECTION("one output neuron: binary and regression") {
    struct Case { Task task; Loss loss; Activation activation; };
    const Case cases[] = {
        {Task::Binary, Loss::CrossEntropy, Activation::Sigmoid},   {Task::Binary, Loss::SquaredError, Activation::Sigmoid},
        {Task::Binary, Loss::SquaredError, Activation::Tanh},      {Task::Binary, Loss::SquaredError, Activation::Relu},
        {Task::Binary, Loss::SquaredError, Activation::Linear},    {Task::Regression, Loss::SquaredError, Activation::Linear},
    };
    for (const Case& c : cases) {
      for (float target : {0.0f, 1.0f, 2.5f}) {
        if (c.task == Task::Binary && target > 1.0f) continue;
        for (double z : {-1.7, -0.3, 0.4, 2.1}) {
          if (c.activation == Activation::Relu && z < 0) continue;  // flat there: nothing to compare
          auto loss_at = [&](double zz) {
            const float a = activate(c.activation, static_cast<float>(zz));
            return static_cast<double>(loss_of(c.task, c.loss, {a}, {target}));
          };
          const float a = activate(c.activation, static_cast<float>(z));
          const OutputGradient g = gradient_of(c.task, c.loss, c.activation, {static_cast<float>(z)}, {a}, {target});
          INFO(to_string(c.loss) << " with " << to_string(c.activation) << ", z = " << z << ", target " << target);
          compare(g.dloss_dz[0], (loss_at(z + h) - loss_at(z - h)) / (2 * h));
          const double numeric_da = (static_cast<double>(loss_of(c.task, c.loss, {static_cast<float>(a + h)}, {target})) -
                                     loss_of(c.task, c.loss, {static_cast<float>(a - h)}, {target})) / (2 * h);
          compare(g.dloss_da[0], numeric_da);
        }
      }
    }
  }
  SECTION("softmax over three classes") {
    const std::vector<double> z = {0.3, -1.2, 0.8};
    for (int label = 0; label < 3; ++label) {
      std::vector<float> target(3, 0.0f);
      target[label] = 1.0f;
      const std::vector<float> a = softmax(z);
      const OutputGradient g = gradient_of(Task::MultiClass, Loss::CrossEntropy, Activation::Linear,
                                           {0.3f, -1.2f, 0.8f}, a, target);
      for (int o = 0; o < 3; ++o) {
        std::vector<double> up = z, down = z;
        up[o] += h;
        down[o] -= h;
        const double numeric = (static_cast<double>(loss_of(Task::MultiClass, Loss::CrossEntropy, softmax(up), target)) -
                                loss_of(Task::MultiClass, Loss::CrossEntropy, softmax(down), target)) / (2 * h);
        INFO("label " << label << ", neuron " << o);
        compare(g.dloss_dz[o], numeric);
      }
    }
  }
  WARN("output gradients: largest difference from finite differences " << worst);
}

TEST_CASE("an example is counted right when the output picks its label", "[loss]") {
  const float one = 1.0f, zero = 0.0f;
  const float liked = 0.73f, unsure = 0.5f, disliked = 0.2f;
  CHECK(example_correct(Task::Binary, &liked, &one, 1) == 1.0f);
  CHECK(example_correct(Task::Binary, &liked, &zero, 1) == 0.0f);
  CHECK(example_correct(Task::Binary, &unsure, &one, 1) == 1.0f);  // 0.5 counts as "yes"
  CHECK(example_correct(Task::Binary, &disliked, &zero, 1) == 1.0f);
  const std::vector<float> a = {0.2f, 0.7f, 0.1f};
  CHECK(example_correct(Task::MultiClass, a.data(), std::vector<float>{0, 1, 0}.data(), 3) == 1.0f);
  CHECK(example_correct(Task::MultiClass, a.data(), std::vector<float>{1, 0, 0}.data(), 3) == 0.0f);
  CHECK(std::isnan(example_correct(Task::Regression, &liked, &one, 1)));
  // A diverged network's NaN output is neither right nor wrong, so an accuracy over it is NaN too.
  const float not_a_number = std::nanf("");
  CHECK(std::isnan(example_correct(Task::Binary, &not_a_number, &zero, 1)));
  CHECK(std::isnan(example_correct(Task::MultiClass, std::vector<float>{0.2f, not_a_number, 0.1f}.data(), std::vector<float>{1, 0, 0}.data(), 3)));
}

}  // namespace
