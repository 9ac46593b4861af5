// Tests of the training cursor (core/src/trainer.cpp): every gradient against finite differences,
// what a network can and cannot learn, the step granularities, determinism, divergence, and input the
// engine must refuse. History has its own file (history.test.cpp).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "algorhythm/datasets.hpp"
#include "algorhythm/trainer.hpp"
#include "support.hpp"

namespace {

using namespace algorhythm;
using namespace algorhythm::test;

// ---- the independent reference: the test's own loss and penalty formulas, in double -------------

// The loss of one example from the network's outputs (see loss.hpp for the definitions).
double reference_loss(Task task, Loss loss, const std::vector<float>& outputs, float label) {
  if (task == Task::MultiClass) return -std::log(static_cast<double>(outputs[static_cast<int>(label)]));
  const double a = outputs[0], t = label;
  if (loss == Loss::SquaredError) return 0.5 * (a - t) * (a - t);
  return -(t * std::log(a) + (1.0 - t) * std::log(1.0 - a));
}

// The regularization penalty of one weight: L2 = 0.5 rate w², L1 = rate |w|.
double reference_penalty(Regularization regularization, double rate, double w) {
  switch (regularization) {
    case Regularization::L2: return 0.5 * rate * w * w;
    case Regularization::L1: return rate * std::fabs(w);
    case Regularization::None: break;
  }
  return 0.0;
}

std::vector<float> raw_row(const Dataset& data, int row) {
  return std::vector<float>(data.row(row), data.row(row) + data.feature_count());
}

// ---- gradient checks -----------------------------------------------------------------------------

// The step of the central differences. Parameters and outputs are floats, so the loss is only known
// to about 1e-7: the noise in a difference quotient is about 1e-7 / (2 × step), which matters for a
// layer with small gradients (they are compared relative to at least 1e-3). Measured worst relative
// errors for step 1e-3, 3e-3, 1e-2: 2.1e-3, 1.9e-3, 4e-4 to 6e-4; at 1e-2 the truncation error
// (step² × the third derivative) is still below the noise.
constexpr float kStep = 1e-2f;
// A gradient that is 1% off scores 5e-3 (|a - n| / (|a| + |n|)), five times the worst noise seen.
constexpr double kGradientTolerance = 3e-3;
// Learning rate 1 makes last_updates = -(gradient + regularization') with the least rounding.
constexpr float kCheckLearningRate = 1.0f;
constexpr float kRegularizationRate = 0.1f;
// ReLU has a kink at z = 0 where finite differences mean nothing: cases keep every ReLU this far away.
constexpr float kKinkMargin = 0.1f;  // ten steps: a perturbation moves z far less

// The error measure, per layer so that a layer with small gradients cannot hide behind a layer with
// large ones: the largest |analytic - numeric| over the layer's weights and biases, relative to the
// largest |analytic| + |numeric| there (at least 1e-3, so an all-zero layer is compared absolutely).
// The result is the worst layer's. A NaN in `numeric` marks a parameter with nothing to compare.
double relative_error(const NetworkShape& shape, const std::vector<double>& analytic, const std::vector<double>& numeric) {
  double worst = 0.0;
  for (int l = 0; l < shape.layer_count(); ++l) {
    const LayerShape& layer = shape.layer(l);
    double largest_difference = 0.0, scale = 1e-3;
    for (int p = layer.weight_offset; p < layer.bias_offset + layer.neurons; ++p) {
      if (std::isnan(numeric[p])) continue;
      largest_difference = std::max(largest_difference, std::fabs(analytic[p] - numeric[p]));
      scale = std::max(scale, std::fabs(analytic[p]) + std::fabs(numeric[p]));
    }
    worst = std::max(worst, largest_difference / scale);
  }
  return worst;
}

std::string describe(const std::vector<double>& analytic, const std::vector<double>& numeric) {
  std::ostringstream text;
  for (std::size_t p = 0; p < analytic.size(); ++p) text << "\n  [" << p << "] " << analytic[p] << " vs " << numeric[p];
  return text.str();
}

struct Family {
  const char* name;
  Task task;
  Loss loss;
};
const Family kSquaredErrorBinary{"squared error (binary, output = activation under test)", Task::Binary,
                                 Loss::SquaredError};
const Family kSigmoidCrossEntropy{"sigmoid output + binary cross-entropy", Task::Binary, Loss::CrossEntropy};
const Family kSoftmaxCrossEntropy{"softmax output + cross-entropy (3 classes)", Task::MultiClass, Loss::CrossEntropy};
const Family kRegression{"regression (linear output, squared error)", Task::Regression, Loss::SquaredError};

Dataset data_for(Task task) {
  switch (task) {
    case Task::Binary: return binary_rows();
    case Task::MultiClass: return three_class_rows();
    case Task::Regression: return regression_rows();
  }
  return binary_rows();
}

Settings gradient_settings(const Family& family, Activation activation, int hidden_layers,
                           Regularization regularization, std::uint64_t seed) {
  // With squared error a binary output may use any activation: use the one under test there too.
  const Activation output = family.loss == Loss::SquaredError ? activation : Activation::Sigmoid;
  Settings settings = settings_of(network_of(hidden_layers, 3, activation, output), family.loss, kCheckLearningRate, seed);
  settings.hyper.regularization = regularization;
  settings.hyper.regularization_rate = regularization == Regularization::None ? 0.0f : kRegularizationRate;
  return settings;
}

// Biases start at zero, where a bias gradient that forgot a term, or a penalty wrongly applied to
// biases, would not show: give them values between ±0.1 and ±0.25 (edits at the start of the run).
void give_biases_values(Trainer& trainer) {
  const NetworkShape& shape = trainer.shape();
  for (int l = 0; l < shape.layer_count(); ++l) {
    for (int o = 0; o < shape.layer(l).neurons; ++o) {
      const int p = shape.layer(l).bias_offset + o;
      trainer.set_parameter(p, (p % 2 ? -1.0f : 1.0f) * (0.1f + 0.05f * static_cast<float>(p % 4)));
    }
  }
}

// A trainer at the start of a run of these settings, with the biases given values.
void start_run(Trainer& trainer, const Settings& settings, const Dataset& data) {
  trainer.reset(settings, data);
  give_biases_values(trainer);
}

// True if no ReLU neuron of the current example sits near its kink and every ReLU layer passes
// something on (a dead layer would make every gradient below it zero: a check that proves nothing).
bool away_from_kinks(Trainer& trainer) {
  const Snapshot& snapshot = trainer.snapshot();
  const NetworkShape& shape = trainer.shape();
  for (int l = 0; l < shape.layer_count(); ++l) {
    const LayerShape& layer = shape.layer(l);
    if (layer.softmax || layer.activation != Activation::Relu) continue;
    bool any_active = false;
    for (int o = 0; o < layer.neurons; ++o) {
      const float z = snapshot.weighted_sums[layer.neuron_offset + o];
      if (std::fabs(z) < kKinkMargin) return false;
      any_active = any_active || z > 0.0f;
    }
    if (!any_active) return false;
  }
  return true;
}

// Central differences of one example's loss with respect to every parameter: a fresh trainer started
// like the one under test is perturbed through set_parameter and read through predict(). The
// difference quotient divides by the perturbation float rounding actually made.
std::vector<double> numeric_loss_gradient(const Settings& settings, const Dataset& data, int row) {
  Trainer probe;
  start_run(probe, settings, data);
  const std::vector<float> raw = raw_row(data, row);
  auto loss_now = [&] { return reference_loss(data.task, settings.hyper.loss, probe.predict(raw), data.targets[row]); };
  std::vector<double> numeric(probe.parameters().size());
  for (int p = 0; p < static_cast<int>(numeric.size()); ++p) {
    const float original = probe.parameters()[p];
    probe.set_parameter(p, original + kStep);
    const double up = probe.parameters()[p], loss_up = loss_now();
    probe.set_parameter(p, original - kStep);
    const double down = probe.parameters()[p], loss_down = loss_now();
    probe.set_parameter(p, original);
    numeric[p] = (loss_up - loss_down) / (up - down);
  }
  return numeric;
}

struct GradientErrors {
  double data = 0.0;            // snapshot().gradients vs finite differences of the loss
  double regularization = 0.0;  // the update's regularization term vs finite differences of the penalty
};

// One case: the analytic gradient of the first example (batch size 1) against finite differences, then
// the update against -learning rate × (gradient + penalty').
GradientErrors check_case(const Family& family, Activation activation, int hidden_layers, Regularization regularization) {
  const Dataset data = data_for(family.task);
  Trainer trainer;
  Settings settings;
  bool found = false;
  for (std::uint64_t seed = 1; seed <= 200 && !found; ++seed) {
    settings = gradient_settings(family, activation, hidden_layers, regularization, seed);
    start_run(trainer, settings, data);
    trainer.step(Granularity::Phase, trainer.shape().layer_count());  // the forward pass
    found = away_from_kinks(trainer);
  }
  REQUIRE(found);
  const NetworkShape& shape = trainer.shape();
  trainer.step(Granularity::Phase, 1 + shape.layer_count());  // loss, backward pass
  const Snapshot& snapshot = trainer.snapshot();
  REQUIRE(snapshot.phase == Phase::Backward);
  REQUIRE(snapshot.phase_layer == 0);
  REQUIRE(snapshot.updates == 0);
  const int row = snapshot.example_row;
  const std::vector<float> before_update = snapshot.parameters;
  const std::vector<double> analytic(snapshot.gradients.begin(), snapshot.gradients.end());

  // The value first: the engine's example loss is the test's loss of predict()'s output.
  const double expected_loss = reference_loss(family.task, family.loss, trainer.predict(raw_row(data, row)), data.targets[row]);
  CHECK(snapshot.example_loss == Approx(expected_loss).epsilon(1e-5).margin(1e-6));

  const std::vector<double> numeric = numeric_loss_gradient(settings, data, row);
  GradientErrors errors;
  errors.data = relative_error(shape, analytic, numeric);
  {
    INFO("loss gradient, analytic vs numeric:" << describe(analytic, numeric));
    CHECK(errors.data < kGradientTolerance);
  }
  double largest = 0.0;
  for (double g : analytic) largest = std::max(largest, std::fabs(g));
  CHECK(largest > 1e-4);  // a gradient that is zero everywhere would pass trivially

  // The update: for SGD, last_updates = -rate × (gradient + penalty'(w)) on weights, -rate × gradient on
  // biases. What the update added beyond the data gradient must be the penalty's derivative.
  trainer.step(Granularity::Phase);
  REQUIRE(trainer.snapshot().phase == Phase::Update);
  const std::vector<float>& updates = trainer.snapshot().last_updates;
  std::vector<double> analytic_penalty(updates.size()), numeric_penalty(updates.size(), 0.0);
  const double rate = settings.hyper.regularization_rate;
  for (int p = 0; p < shape.parameter_count(); ++p) {
    analytic_penalty[p] = -static_cast<double>(updates[p]) / kCheckLearningRate - analytic[p];
    const double w = before_update[p];
    if (!shape.is_weight(p)) continue;  // biases: no penalty
    if (regularization == Regularization::L1 && std::fabs(w) < 2 * kStep) {
      numeric_penalty[p] = NAN;  // |w| has a kink at 0
      continue;
    }
    numeric_penalty[p] =
        (reference_penalty(regularization, rate, w + kStep) - reference_penalty(regularization, rate, w - kStep)) /
        (2.0 * kStep);
  }
  errors.regularization = relative_error(shape, analytic_penalty, numeric_penalty);
  {
    INFO("penalty derivative, analytic vs numeric:" << describe(analytic_penalty, numeric_penalty));
    CHECK(errors.regularization < kGradientTolerance);
  }
  return errors;
}

// Every activation × 0, 1, 3 hidden layers × no, L1, L2 regularization for one loss family. Reports the
// largest relative errors seen.
void check_family(const Family& family) {
  GradientErrors worst;
  for (Activation activation : {Activation::Sigmoid, Activation::Tanh, Activation::Relu, Activation::Linear}) {
    for (int hidden_layers : {0, 1, 3}) {
      for (Regularization regularization : {Regularization::None, Regularization::L1, Regularization::L2}) {
        INFO(family.name << ", activation " << to_string(activation) << ", " << hidden_layers
                         << " hidden layers, regularization " << to_string(regularization));
        const GradientErrors errors = check_case(family, activation, hidden_layers, regularization);
        worst.data = std::max(worst.data, errors.data);
        worst.regularization = std::max(worst.regularization, errors.regularization);
      }
    }
  }
  WARN(family.name << ": largest relative error " << worst.data << " (loss gradient), " << worst.regularization
                   << " (regularization); tolerance " << kGradientTolerance << ", step " << kStep);
}

TEST_CASE("gradients match finite differences: squared error", "[trainer][gradient]") { check_family(kSquaredErrorBinary); }
TEST_CASE("gradients match finite differences: sigmoid + binary cross-entropy", "[trainer][gradient]") {
  check_family(kSigmoidCrossEntropy);
}
TEST_CASE("gradients match finite differences: softmax + cross-entropy", "[trainer][gradient]") {
  check_family(kSoftmaxCrossEntropy);
}
TEST_CASE("gradients match finite differences: regression", "[trainer][gradient]") { check_family(kRegression); }

TEST_CASE("a mini-batch's gradient is the mean of its examples' gradients", "[trainer][gradient]") {
  const Dataset data = binary_rows();
  Settings settings = gradient_settings(kSigmoidCrossEntropy, Activation::Tanh, 1, Regularization::None, 3);
  settings.hyper.batch_size = 4;
  Trainer trainer;
  start_run(trainer, settings, data);
  std::vector<int> rows;
  for (int e = 0; e < 4; ++e) {
    REQUIRE(trainer.snapshot().updates == 0);
    trainer.step(Granularity::Example);  // the fourth example ends with the update
    rows.push_back(trainer.snapshot().example_row);
  }
  const Snapshot& snapshot = trainer.snapshot();
  REQUIRE(snapshot.updates == 1);
  const std::vector<double> analytic(snapshot.gradients.begin(), snapshot.gradients.end());
  std::vector<double> numeric(analytic.size(), 0.0);
  for (int row : rows) {
    const std::vector<double> one = numeric_loss_gradient(settings, data, row);
    for (std::size_t p = 0; p < one.size(); ++p) numeric[p] += one[p] / rows.size();
  }
  INFO("analytic vs numeric:" << describe(analytic, numeric));
  CHECK(relative_error(trainer.shape(), analytic, numeric) < kGradientTolerance);
}

// ---- what a network can and cannot learn -----------------------------------------------------------

Settings perceptron(float learning_rate, std::uint64_t seed) {
  return settings_of(network_of(0, 1, Activation::Tanh), Loss::CrossEntropy, learning_rate, seed);
}

float train_accuracy_after(Trainer& trainer, long epochs) {
  REQUIRE(trainer.step(Granularity::Epoch, epochs));
  return trainer.snapshot().train_accuracy;
}

TEST_CASE("a perceptron learns AND and OR", "[trainer][learning]") {
  for (LogicGate gate : {LogicGate::And, LogicGate::Or}) {
    for (std::uint64_t seed : {1, 2, 3}) {
      INFO("gate " << (gate == LogicGate::And ? "AND" : "OR") << ", seed " << seed);
      Trainer trainer;
      trainer.reset(perceptron(0.5f, seed), logic_gate(gate));
      CHECK(train_accuracy_after(trainer, 2000) == 1.0f);
    }
  }
}

TEST_CASE("a perceptron cannot learn XOR but four tanh neurons can", "[trainer][learning]") {
  for (std::uint64_t seed : {1, 2, 3}) {
    INFO("seed " << seed);
    Trainer flat;
    flat.reset(perceptron(0.5f, seed), logic_gate(LogicGate::Xor));
    CHECK(train_accuracy_after(flat, 10000) <= 0.75f);

    // Plain SGD with a modest rate, and Adam. (Larger SGD rates, 0.3 and up, leave some seeds stuck at
    // the saddle where every output is 0.5.)
    Trainer hidden;
    hidden.reset(settings_of(network_of(1, 4, Activation::Tanh), Loss::CrossEntropy, 0.1f, seed), logic_gate(LogicGate::Xor));
    CHECK(train_accuracy_after(hidden, 2000) == 1.0f);
    Settings adam = settings_of(network_of(1, 4, Activation::Tanh), Loss::CrossEntropy, 0.05f, seed);
    adam.hyper.optimizer = Optimizer::Adam;
    hidden.reset(adam, logic_gate(LogicGate::Xor));
    CHECK(train_accuracy_after(hidden, 2000) == 1.0f);
  }
}

TEST_CASE("no perceptron fits the four songs, but the eight better songs are separable", "[trainer][learning]") {
  for (float learning_rate : {0.1f, 0.5f, 2.0f}) {
    for (std::uint64_t seed : {1, 2, 3}) {
      INFO("learning rate " << learning_rate << ", seed " << seed);
      Trainer four;
      four.reset(perceptron(learning_rate, seed), four_songs());
      CHECK(train_accuracy_after(four, 5000) < 1.0f);

      Trainer eight;
      eight.reset(perceptron(learning_rate, seed), better_songs());
      CHECK(train_accuracy_after(eight, 5000) == 1.0f);
    }
  }
}

// ---- granularities -----------------------------------------------------------------------------------

// Nine training rows and three test rows for a one-hidden-layer network.
Dataset nine_and_three() {
  Dataset data = hand_made(Task::Binary, 2,
                           {0.1f, 0.2f, -0.5f, 0.4f, 0.9f, -0.3f, -0.8f, -0.6f, 0.3f, 0.7f, -0.2f, 0.5f,
                            0.6f, -0.9f, -0.4f, -0.1f, 0.8f, 0.8f, -0.7f, 0.2f, 0.2f, -0.6f, 0.5f, 0.1f},
                           {1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0});
  data.is_test = {0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0};
  return data;
}

std::string phase_name(const Snapshot& s) {
  std::string name = to_string(s.phase);
  if (s.phase == Phase::Forward || s.phase == Phase::Backward) name += std::to_string(s.phase_layer);
  return name;
}

TEST_CASE("phases run forward, loss, backward, update in order", "[trainer][granularity]") {
  Trainer trainer;
  Settings settings = settings_of(network_of(1, 3, Activation::Tanh), Loss::CrossEntropy, 0.1f);
  std::string f0 = std::string(to_string(Phase::Forward)) + "0", f1 = std::string(to_string(Phase::Forward)) + "1";
  std::string b0 = std::string(to_string(Phase::Backward)) + "0", b1 = std::string(to_string(Phase::Backward)) + "1";
  std::string loss = to_string(Phase::Loss), update = to_string(Phase::Update);

  SECTION("batch size 1: an update after every example") {
    trainer.reset(settings, nine_and_three());
    std::vector<std::string> seen;
    for (int t = 0; t < 12; ++t) {
      trainer.step(Granularity::Phase);
      seen.push_back(phase_name(trainer.snapshot()));
    }
    CHECK(seen == std::vector<std::string>{f0, f1, loss, b1, b0, update, f0, f1, loss, b1, b0, update});
    CHECK(trainer.tick() == 12);
    CHECK(trainer.snapshot().updates == 2);
  }
  SECTION("batch size 2: an update after every second example") {
    settings.hyper.batch_size = 2;
    trainer.reset(settings, nine_and_three());
    std::vector<std::string> seen;
    for (int t = 0; t < 11; ++t) {
      trainer.step(Granularity::Phase);
      seen.push_back(phase_name(trainer.snapshot()));
    }
    CHECK(seen == std::vector<std::string>{f0, f1, loss, b1, b0, f0, f1, loss, b1, b0, update});
  }
}

TEST_CASE("step(Example), step(Batch) and step(Epoch) stop at their boundaries", "[trainer][granularity]") {
  const Dataset data = nine_and_three();  // 9 training rows
  Settings settings = settings_of(network_of(1, 3, Activation::Tanh), Loss::CrossEntropy, 0.1f);
  settings.hyper.batch_size = 4;         // updates after 4, 8 and 9 examples: ceil(9 / 4) = 3 per epoch
  Trainer trainer;
  trainer.reset(settings, data);

  SECTION("an example ends after its first layer's backward pass, or with the update") {
    std::set<int> rows_seen;
    for (int e = 1; e <= 9; ++e) {
      const long before = trainer.tick();
      trainer.step(Granularity::Example);
      const Snapshot& s = trainer.snapshot();
      const bool batch_ends = e % 4 == 0 || e == 9;
      INFO("example " << e);
      if (batch_ends) {
        CHECK(s.phase == Phase::Update);
        CHECK(trainer.tick() - before == 6);
      } else {
        CHECK(s.phase == Phase::Backward);
        CHECK(s.phase_layer == 0);
        CHECK(trainer.tick() - before == 5);
      }
      CHECK(s.example_in_epoch == e - 1);
      CHECK(data.is_test[s.example_row] == 0);
      rows_seen.insert(s.example_row);
    }
    CHECK(rows_seen.size() == 9);  // one epoch visits every training row once
    CHECK(trainer.snapshot().epochs_completed == 1);
  }
  SECTION("a batch ends with one update") {
    for (int b = 1; b <= 7; ++b) {
      trainer.step(Granularity::Batch);
      CHECK(trainer.snapshot().phase == Phase::Update);
      CHECK(trainer.snapshot().updates == b);
    }
  }
  SECTION("an epoch is ceil(training rows / batch size) updates") {
    for (int epoch = 1; epoch <= 4; ++epoch) {
      trainer.step(Granularity::Epoch);
      const Snapshot& s = trainer.snapshot();
      CHECK(s.phase == Phase::Update);
      CHECK(s.updates == 3 * epoch);
      CHECK(s.epochs_completed == epoch);
    }
    trainer.step(Granularity::Epoch, 3);
    CHECK(trainer.snapshot().updates == 3 * 7);
  }
}

// ---- what the snapshot reports ----------------------------------------------------------------------

TEST_CASE("the snapshot's losses and accuracies are those of predict()'s outputs", "[trainer][snapshot]") {
  const Dataset data = nine_and_three();
  Trainer trainer;
  trainer.reset(settings_of(network_of(1, 3, Activation::Tanh), Loss::CrossEntropy, 0.3f), data);
  trainer.step(Granularity::Epoch, 7);
  trainer.step(Granularity::Phase, 3);  // mid-example: the sets' numbers do not depend on the cursor
  const Snapshot& snapshot = trainer.snapshot();
  double loss[2] = {0, 0}, correct[2] = {0, 0};
  int count[2] = {0, 0};
  for (int row = 0; row < data.row_count(); ++row) {
    const std::vector<float> output = trainer.predict(raw_row(data, row));
    CHECK(snapshot.row_outputs[row] == output[0]);
    const int split = data.is_test[row];
    loss[split] += reference_loss(Task::Binary, Loss::CrossEntropy, output, data.targets[row]);
    correct[split] += (output[0] >= 0.5f) == (data.targets[row] == 1.0f) ? 1 : 0;
    ++count[split];
  }
  CHECK(snapshot.train_loss == Approx(loss[0] / count[0]).epsilon(1e-5));
  CHECK(snapshot.test_loss == Approx(loss[1] / count[1]).epsilon(1e-5));
  CHECK(snapshot.train_accuracy == Approx(correct[0] / count[0]));
  CHECK(snapshot.test_accuracy == Approx(correct[1] / count[1]));

  // Without test rows the test numbers are NaN; regression has no accuracy.
  trainer.reset(settings_of(network_of(1, 3, Activation::Tanh), Loss::SquaredError, 0.1f), regression_rows());
  CHECK(std::isnan(trainer.snapshot().test_loss));
  CHECK(std::isnan(trainer.snapshot().train_accuracy));
  CHECK(std::isfinite(trainer.snapshot().train_loss));
}

// ---- determinism -------------------------------------------------------------------------------------

TEST_CASE("the same seed gives the same run bit for bit, another seed another run", "[trainer][determinism]") {
  Settings settings = settings_of(network_of(2, 5, Activation::Tanh), Loss::CrossEntropy, 0.05f, 7);
  settings.hyper.optimizer = GENERATE(Optimizer::Sgd, Optimizer::Momentum, Optimizer::Adam);
  settings.hyper.regularization = Regularization::L2;
  settings.hyper.regularization_rate = 0.01f;
  settings.hyper.batch_size = 2;
  INFO("optimizer " << to_string(settings.hyper.optimizer));
  Trainer first, second, other;
  first.reset(settings, binary_rows());
  second.reset(settings, binary_rows());
  settings.seed = 8;
  other.reset(settings, binary_rows());
  for (Trainer* t : {&first, &second, &other}) REQUIRE(t->step(Granularity::Batch, 1000));
  CHECK(same_bits(first.parameters(), second.parameters()));
  CHECK(first.snapshot().example_row == second.snapshot().example_row);
  CHECK_FALSE(same_bits(first.parameters(), other.parameters()));

  // restart() is the same run again.
  const std::vector<float> after = first.parameters();
  first.restart();
  CHECK(first.tick() == 0);
  REQUIRE(first.step(Granularity::Batch, 1000));
  CHECK(same_bits(first.parameters(), after));
}

// ---- divergence --------------------------------------------------------------------------------------

// Regression on targets in the thousands with the largest learning rate: the weights explode.
Dataset large_targets() {
  return hand_made(Task::Regression, 3, six_rows_of_three(), {3000, -2500, 4000, 1000, -3500, 2000});
}

TEST_CASE("a learning rate far too large stops training with a message", "[trainer][divergence]") {
  Trainer trainer;
  Settings settings = settings_of(network_of(1, 4, Activation::Linear), Loss::SquaredError, kMaxLearningRate);
  trainer.reset(settings, large_targets());
  const std::vector<float> initial = trainer.parameters();

  bool finished = true;
  for (int epoch = 0; epoch < 1000 && finished; ++epoch) finished = trainer.step(Granularity::Epoch);
  REQUIRE_FALSE(finished);
  REQUIRE(trainer.diverged());
  CHECK(trainer.snapshot().diverged);
  CHECK_THAT(trainer.message(), Catch::Contains("learning rate"));
  CHECK_THAT(trainer.message(), Catch::Contains("10"));

  // Nothing more runs, and edits are refused until the reader steps back or resets.
  const long stopped_at = trainer.tick();
  CHECK_FALSE(trainer.step(Granularity::Phase));
  CHECK(trainer.tick() == stopped_at);
  Hyperparameters gentle = trainer.hyperparameters();
  gentle.learning_rate = 1e-4f;
  CHECK_THROWS_WITH(trainer.set_hyperparameters(gentle), Catch::Contains("diverged"));

  SECTION("stepping back makes the run usable again") {
    trainer.step_back(1);
    CHECK_FALSE(trainer.diverged());
    CHECK(trainer.message().empty());
    CHECK(trainer.tick() == stopped_at - 1);
    // From the start of the run, with a gentler learning rate, training goes on.
    trainer.seek(trainer.first_tick());
    trainer.set_hyperparameters(gentle);
    CHECK(trainer.step(Granularity::Epoch, 50));
    CHECK_FALSE(trainer.diverged());
  }
  SECTION("restart() begins again from the initial weights") {
    trainer.restart();
    CHECK_FALSE(trainer.diverged());
    CHECK(trainer.message().empty());
    CHECK(trainer.tick() == 0);
    CHECK(same_bits(trainer.parameters(), initial));
    CHECK(trainer.step(Granularity::Phase));
  }
}

TEST_CASE("a linear output with a huge learning rate diverges too", "[trainer][divergence]") {
  Trainer trainer;
  Settings settings = settings_of(network_of(0, 1, Activation::Linear, Activation::Linear), Loss::SquaredError, kMaxLearningRate);
  trainer.reset(settings, binary_rows());
  bool finished = true;
  for (int epoch = 0; epoch < 1000 && finished; ++epoch) finished = trainer.step(Granularity::Epoch);
  CHECK_FALSE(finished);
  CHECK(trainer.diverged());
  CHECK_THAT(trainer.message(), Catch::Contains("learning rate"));
}

// ---- input the engine refuses ------------------------------------------------------------------------

// A small run in the middle of training, to be handed bad input.
Trainer running_trainer() {
  Trainer trainer;
  trainer.reset(settings_of(network_of(1, 3, Activation::Tanh), Loss::CrossEntropy, 0.1f), binary_rows());
  trainer.step(Granularity::Batch, 3);
  trainer.step(Granularity::Phase, 2);  // mid-example
  return trainer;
}

TEST_CASE("bad data is refused with a message and the run is kept", "[trainer][errors]") {
  Trainer trainer = running_trainer();
  const RunState before = remember(trainer);
  const Settings settings = trainer.settings();
  // Messages count rows from 1, as people do.

  SECTION("no rows") {
    REQUIRE_THROWS_WITH(trainer.reset(settings, hand_made(Task::Binary, 3, {}, {})), Catch::Contains("no rows"));
  }
  SECTION("no training rows") {
    Dataset data = binary_rows();
    data.is_test.assign(data.row_count(), 1);
    REQUIRE_THROWS_WITH(trainer.reset(settings, data), Catch::Contains("no training rows"));
  }
  SECTION("a row of the wrong length") {
    Dataset data = binary_rows();
    data.features.pop_back();
    REQUIRE_THROWS_WITH(trainer.reset(settings, data), Catch::Contains("row 6 has 2 values, expected 3"));
  }
  SECTION("a binary label that is not 0 or 1") {
    Dataset data = binary_rows();
    data.targets[2] = 2.0f;
    REQUIRE_THROWS_WITH(trainer.reset(settings, data),
                        Catch::Contains("label of row 3 is 2") && Catch::Contains("only 0 or 1"));
    data.targets[2] = 0.5f;
    REQUIRE_THROWS_WITH(trainer.reset(settings, data), Catch::Contains("label of row 3 is 0.5"));
  }
  SECTION("a class index beyond the classes") {
    Dataset data = three_class_rows();
    data.targets[1] = 3.0f;
    REQUIRE_THROWS_WITH(trainer.reset(settings, data),
                        Catch::Contains("label of row 2 is 3") && Catch::Contains("0 to 2"));
  }
  SECTION("a regression target that is not a number") {
    Dataset data = regression_rows();
    data.targets[0] = std::nanf("");
    Settings regression = settings;
    regression.hyper.loss = Loss::SquaredError;
    REQUIRE_THROWS_WITH(trainer.reset(regression, data),
                        Catch::Contains("label of row 1 is NaN") && Catch::Contains("finite"));
  }
  SECTION("NaN and infinite features") {
    Dataset data = binary_rows();
    data.features[4] = std::nanf("");  // row 2, the second feature
    REQUIRE_THROWS_WITH(trainer.reset(settings, data), Catch::Contains("feature 'x1' of row 2 is NaN"));
    data.features[4] = -INFINITY;
    REQUIRE_THROWS_WITH(trainer.reset(settings, data), Catch::Contains("feature 'x1' of row 2 is infinite"));
  }
  SECTION("no data set at all") {
    REQUIRE_THROWS_WITH(trainer.reset(settings, std::shared_ptr<const Dataset>()), Catch::Contains("no data"));
  }
  SECTION("set_data with another feature count or task, or bad labels") {
    Dataset narrower = hand_made(Task::Binary, 2, {0, 1, 1, 0}, {0, 1});
    REQUIRE_THROWS_WITH(trainer.set_data(narrower), Catch::Contains("3 features"));
    REQUIRE_THROWS_WITH(trainer.set_data(regression_rows()), Catch::Contains("task"));
    Dataset bad = binary_rows();
    bad.targets[0] = 7.0f;
    REQUIRE_THROWS_WITH(trainer.set_data(bad), Catch::Contains("label of row 1 is 7"));
  }
  require_unchanged_and_usable(trainer, before);
}

TEST_CASE("a loss that does not fit the output is refused", "[trainer][errors]") {
  Trainer trainer = running_trainer();
  const RunState before = remember(trainer);

  SECTION("cross-entropy with a tanh output") {
    const Settings settings = settings_of(network_of(1, 3, Activation::Tanh, Activation::Tanh), Loss::CrossEntropy, 0.1f);
    REQUIRE_THROWS_WITH(trainer.reset(settings, binary_rows()),
                        Catch::Contains("cross-entropy") && Catch::Contains("sigmoid") && Catch::Contains("tanh"));
  }
  SECTION("a multi-class task with squared error") {
    const Settings settings = settings_of(network_of(1, 3, Activation::Tanh), Loss::SquaredError, 0.1f);
    REQUIRE_THROWS_WITH(trainer.reset(settings, three_class_rows()), Catch::Contains("squared error"));
  }
  SECTION("regression with cross-entropy") {
    const Settings settings = settings_of(network_of(1, 3, Activation::Tanh), Loss::CrossEntropy, 0.1f);
    REQUIRE_THROWS_WITH(trainer.reset(settings, regression_rows()), Catch::Contains("cross-entropy"));
  }
  SECTION("switching the running sigmoid network's loss is fine, a tanh network's is not") {
    Trainer tanh_output;
    tanh_output.reset(settings_of(network_of(1, 3, Activation::Tanh, Activation::Tanh), Loss::SquaredError, 0.1f),
                      binary_rows());
    Hyperparameters hyper = tanh_output.hyperparameters();
    hyper.loss = Loss::CrossEntropy;
    const RunState tanh_before = remember(tanh_output);
    REQUIRE_THROWS_WITH(tanh_output.set_hyperparameters(hyper), Catch::Contains("sigmoid"));
    require_unchanged_and_usable(tanh_output, tanh_before);
  }
  require_unchanged_and_usable(trainer, before);
}

TEST_CASE("set_parameter refuses indices out of range and values that are not finite", "[trainer][errors]") {
  Trainer trainer = running_trainer();
  const RunState before = remember(trainer);
  const int count = trainer.shape().parameter_count();
  REQUIRE_THROWS_WITH(trainer.set_parameter(-1, 0.5f), Catch::Contains("-1") && Catch::Contains(std::to_string(count)));
  REQUIRE_THROWS_WITH(trainer.set_parameter(count, 0.5f), Catch::Contains(std::to_string(count)));
  REQUIRE_THROWS_WITH(trainer.set_parameter(0, std::nanf("")), Catch::Contains("finite"));
  REQUIRE_THROWS_WITH(trainer.set_parameter(0, INFINITY), Catch::Contains("finite"));
  REQUIRE_THROWS_WITH(trainer.set_parameter(0, 1e7f), Catch::Contains("1e+07"));
  require_unchanged_and_usable(trainer, before);
}

TEST_CASE("set_parameters refuses the wrong count and values that are not finite", "[trainer][errors]") {
  Trainer trainer = running_trainer();
  const RunState before = remember(trainer);
  const std::size_t count = trainer.parameters().size();
  std::vector<float> values(count, 0.25f);
  REQUIRE_THROWS_WITH(trainer.set_parameters(std::vector<float>(count + 1, 0.25f)),
                      Catch::Contains(std::to_string(count) + " parameters") && Catch::Contains(std::to_string(count + 1)));
  values[2] = std::nanf("");
  REQUIRE_THROWS_WITH(trainer.set_parameters(values), Catch::Contains("parameter 2") && Catch::Contains("NaN", Catch::CaseSensitive::No));
  values[2] = -2e6f;
  REQUIRE_THROWS_WITH(trainer.set_parameters(values), Catch::Contains("parameter 2") && Catch::Contains("-2e+06"));
  require_unchanged_and_usable(trainer, before);

  // Accepted values are one edit tick, which stepping back undoes.
  values[2] = 0.25f;
  const std::vector<float> previous = trainer.parameters();
  const long tick = trainer.tick();
  trainer.set_parameters(values);
  CHECK(trainer.tick() == tick + 1);
  CHECK(trainer.parameters() == values);
  trainer.step_back(1);
  CHECK(same_bits(trainer.parameters(), previous));
}

TEST_CASE("step and predict refuse bad arguments", "[trainer][errors]") {
  Trainer trainer = running_trainer();
  const RunState before = remember(trainer);
  REQUIRE_THROWS_WITH(trainer.step(Granularity::Phase, -1), Catch::Contains("-1"));
  REQUIRE_THROWS_WITH(trainer.predict({0.1f, 0.2f}), Catch::Contains("3 values per row"));
  require_unchanged_and_usable(trainer, before);
}

}  // namespace
