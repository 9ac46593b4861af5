// The training cursor: one tick at a time through forward, loss, backward and update, with history.
#include "algorhythm/trainer.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

#include "algorhythm/datasets.hpp"
#include "algorhythm/loss.hpp"
#include "trainer_common.hpp"
#include "trainer_rules.hpp"

namespace algorhythm {
namespace {

// A separate stream for shuffling, so that changing the network's size does not change the order.
constexpr std::uint64_t kShuffleStream = 0x5DEECE66Dull;

FeatureMap feature_map_for(const Dataset& data, std::uint32_t feature_mask) {
  FeatureMap map = data.planar ? FeatureMap::planar(feature_mask) : FeatureMap::identity(data.feature_count());
  if (map.input_count() > kMaxInputs) {
    throw std::invalid_argument("too many inputs: " + std::to_string(map.input_count()) + " (at most " +
                                std::to_string(kMaxInputs) + ")");
  }
  return map;
}

}  // namespace

Trainer::Trainer() {
  Settings settings;
  settings.hyper.learning_rate = 0.5f;
  reset(settings, four_songs());
}

void Trainer::reset(const Settings& settings, std::shared_ptr<const Dataset> data) {
  if (!data) throw std::invalid_argument("no data set given");
  validate(*data);
  validate(settings.network);
  validate(settings.hyper);
  check_task_fits(*data, settings.network, settings.hyper);
  FeatureMap features = feature_map_for(*data, settings.feature_mask);
  NetworkShape shape(features.input_count(), settings.network, data->task, data->class_count());

  // Everything is valid: from here on nothing throws except allocation.
  settings_ = settings;
  features_ = std::move(features);
  shape_ = shape;
  row_inputs_data_.reset();  // the feature map may have changed
  ++reset_count_;            // and so may the network: no cached grid is current

  State s;
  s.data = std::move(data);
  s.hyper = settings.hyper;
  const std::size_t P = shape_.parameter_count(), neurons = shape_.neuron_count();
  s.parameters.assign(P, 0.0f);
  Random init(settings.seed);
  for (int l = 0; l < shape_.layer_count(); ++l) {
    const LayerShape& layer = shape_.layer(l);
    // Glorot/Xavier uniform: keeps the variance of the weighted sums near 1 whatever the layer width.
    const float limit = static_cast<float>(portable::sqrt(6.0 / (layer.inputs + layer.neurons)));
    for (int k = 0; k < layer.inputs * layer.neurons; ++k) s.parameters[layer.weight_offset + k] = init.uniform(-limit, limit);
  }
  s.gradient_sum.assign(P, 0.0f);
  s.last_updates.assign(P, 0.0f);
  s.optimizer.reset(P);
  s.inputs.assign(shape_.input_count(), 0.0f);
  s.target.assign(shape_.output_layer().neurons, 0.0f);
  s.z.assign(neurons, 0.0f);
  s.a.assign(neurons, 0.0f);
  s.output_gradients.assign(neurons, 0.0f);
  s.deltas.assign(neurons, 0.0f);
  s.random.reseed(settings.seed ^ kShuffleStream);
  state_ = std::move(s);
  shuffle_epoch();
  load_example();

  history_.reset(state_);
}

// The reader's Reset: the current data and hyper-parameters, from the initial weights again.
void Trainer::restart() {
  Settings settings = settings_;
  settings.hyper = state_.hyper;
  reset(settings, state_.data);
}

// ---- the order of examples -------------------------------------------------------------------

void Trainer::shuffle_epoch() {
  State& s = state_;
  s.order.clear();
  for (int r = 0; r < s.data->row_count(); ++r) {
    if (!s.data->is_test[r]) s.order.push_back(r);
  }
  for (int i = static_cast<int>(s.order.size()) - 1; i > 0; --i) {  // Fisher-Yates
    const int j = static_cast<int>(s.random.below(static_cast<std::uint32_t>(i + 1)));
    std::swap(s.order[i], s.order[j]);
  }
}

void Trainer::load_example() {
  State& s = state_;
  const int row = s.order[s.position], rows = s.data->row_count();
  const std::vector<float>& inputs = row_inputs();
  for (int i = 0; i < shape_.input_count(); ++i) s.inputs[i] = inputs[static_cast<std::size_t>(i) * rows + row];
  fill_target(*s.data, row, s.target);
}

const std::vector<float>& Trainer::row_inputs() {
  if (row_inputs_data_ != state_.data) {
    const Dataset& data = *state_.data;
    const int rows = data.row_count(), I0 = shape_.input_count();
    row_inputs_.resize(static_cast<std::size_t>(I0) * rows);
    std::vector<float> inputs(I0);
    for (int r = 0; r < rows; ++r) {
      features_.apply(data.row(r), inputs.data());
      for (int i = 0; i < I0; ++i) row_inputs_[static_cast<std::size_t>(i) * rows + r] = inputs[i];
    }
    row_inputs_data_ = state_.data;
  }
  return row_inputs_;
}

void Trainer::begin_next_example() {
  State& s = state_;
  if (s.started) {
    if (++s.position == static_cast<int>(s.order.size())) {
      s.position = 0;
      ++s.epoch;
      shuffle_epoch();
    }
  }
  s.started = true;
  s.example_done = false;
  load_example();
}

// ---- ticks -----------------------------------------------------------------------------------

long Trainer::ticks_per(Granularity granularity) const {
  const long per_example = 2L * shape_.layer_count() + 2;  // forward and backward per layer, loss, update
  switch (granularity) {
    case Granularity::Phase: return 1;
    case Granularity::Example: return per_example;
    case Granularity::Batch: return per_example * state_.hyper.batch_size;
    case Granularity::Epoch: return per_example * static_cast<long>(state_.order.size());
  }
  return 1;
}

bool Trainer::step(Granularity granularity, long count) {
  if (count < 0) throw std::invalid_argument("step count must not be negative, got " + std::to_string(count));
  // A call runs synchronously (in a browser, on the page's thread): refuse work that would freeze it.
  if (count > kMaxTicksPerCall / ticks_per(granularity)) {
    throw std::invalid_argument("stepping " + std::to_string(count) + " " + to_string(granularity) +
                                "s at once is too much work (at most about " + std::to_string(kMaxTicksPerCall) +
                                " phases per call): step in smaller pieces");
  }
  // Usually no edit lies ahead of the cursor (the reader is at the end of the run): then the ticks
  // skip tick_once's search of the history for an edit to redo, which would cost more than a
  // small layer's arithmetic.
  const bool edits_ahead = history_.at_or_before(std::numeric_limits<long>::max()).tick > state_.tick;
  const auto tick = [&] {
    if (edits_ahead) tick_once();
    else if (!state_.diverged) run_phase();
  };
  const auto batch_or_tick = [&] {
    if (edits_ahead || !train_batch()) tick();
  };
  for (long n = 0; n < count && !state_.diverged; ++n) {
    switch (granularity) {
      case Granularity::Phase: tick(); break;
      case Granularity::Example:
        do tick(); while (!state_.diverged && !state_.example_done);
        break;
      // Whole mini-batches take train_batch's path when they can (it does what the ticks would do).
      case Granularity::Batch:
        do batch_or_tick(); while (!state_.diverged && state_.phase != Phase::Update);
        break;
      case Granularity::Epoch:  // an epoch ends with the update after its last example
        do batch_or_tick(); while (!state_.diverged && !(state_.phase == Phase::Update && state_.epoch_finished));
        break;
    }
  }
  return !state_.diverged;
}

void Trainer::tick_once() {
  if (state_.diverged) return;
  if (const State* edit = history_.edit_at(state_.tick + 1)) {  // stepping forward over an edit redoes it
    state_ = *edit;
    return;
  }
  run_phase();
}

void Trainer::run_phase() {
  State& s = state_;
  ++s.tick;
  switch (s.next_phase) {
    case Phase::Forward:
      if (s.example_done) begin_next_example();
      forward_tick(s.next_layer);
      break;
    case Phase::Loss: loss_tick(); break;
    case Phase::Backward: backward_tick(s.next_layer); break;
    case Phase::Update: update_tick(); break;
    default: break;
  }
}

void Trainer::forward_tick(int l) {
  State& s = state_;
  const LayerShape& layer = shape_.layer(l);
  const float* x = l == 0 ? s.inputs.data() : s.a.data() + shape_.layer(l - 1).neuron_offset;
  layer_forward(layer, s.parameters.data(), x, s.z.data() + layer.neuron_offset, s.a.data() + layer.neuron_offset);
  // Values further back belong to the previous example until the backward pass reaches them.
  std::fill(s.output_gradients.begin() + layer.neuron_offset,
            s.output_gradients.begin() + layer.neuron_offset + layer.neurons, 0.0f);
  std::fill(s.deltas.begin() + layer.neuron_offset, s.deltas.begin() + layer.neuron_offset + layer.neurons, 0.0f);
  s.phase = Phase::Forward;
  s.phase_layer = l;
  if (l + 1 < shape_.layer_count()) {
    s.next_layer = l + 1;
  } else {
    s.next_phase = Phase::Loss;
    s.next_layer = -1;
  }
}

void Trainer::loss_tick() {
  State& s = state_;
  const LayerShape& out = shape_.output_layer();
  const float* a = s.a.data() + out.neuron_offset;
  const float* z = s.z.data() + out.neuron_offset;
  s.example_loss = example_loss(s.data->task, s.hyper.loss, a, s.target.data(), out.neurons);
  output_gradient(s.data->task, s.hyper.loss, out.activation, z, a, s.target.data(), out.neurons,
                  s.output_gradients.data() + out.neuron_offset, s.deltas.data() + out.neuron_offset);
  if (s.batch_count == 0) {
    s.batch_loss_sum = 0.0f;
    s.batch_loss_count = 0;
  }
  s.batch_loss_sum += s.example_loss;
  ++s.batch_loss_count;
  s.phase = Phase::Loss;
  s.phase_layer = -1;
  s.next_phase = Phase::Backward;
  s.next_layer = shape_.layer_count() - 1;
  stop_if_loss_not_finite(s, s.example_loss);
}

void Trainer::backward_tick(int l) {
  State& s = state_;
  const LayerShape& layer = shape_.layer(l);
  float* delta = s.deltas.data() + layer.neuron_offset;
  if (l == shape_.layer_count() - 1) {
    // The first backward tick of an example: start a fresh gradient sum if a new mini-batch begins.
    if (s.batch_count == 0) {
      std::fill(s.gradient_sum.begin(), s.gradient_sum.end(), 0.0f);
      s.gradient_examples = 0;
    }
    ++s.gradient_examples;
  } else {
    // delta = dL/da * f'(z) for this hidden layer; dL/da came from the layer above.
    const float* da = s.output_gradients.data() + layer.neuron_offset;
    const float* z = s.z.data() + layer.neuron_offset;
    const float* a = s.a.data() + layer.neuron_offset;
    apply_activation_derivative(layer.activation, z, a, da, delta, layer.neurons);
  }
  const float* x = l == 0 ? s.inputs.data() : s.a.data() + shape_.layer(l - 1).neuron_offset;
  float* below = l == 0 ? nullptr : s.output_gradients.data() + shape_.layer(l - 1).neuron_offset;
  layer_backward(layer, s.parameters.data(), x, delta, 1.0f, s.gradient_sum.data(), below);
  s.phase = Phase::Backward;
  s.phase_layer = l;
  if (l > 0) {
    s.next_layer = l - 1;
    return;
  }
  ++s.batch_count;
  const bool last_of_epoch = s.position + 1 == static_cast<int>(s.order.size());
  if (s.batch_count >= s.hyper.batch_size || last_of_epoch) {
    s.next_phase = Phase::Update;
    s.next_layer = -1;
  } else {
    s.next_phase = Phase::Forward;
    s.next_layer = 0;
    s.example_done = true;
  }
}

void Trainer::update_tick() {
  State& s = state_;
  const float inverse_count = 1.0f / static_cast<float>(std::max(1, s.gradient_examples));
  begin_update(s.hyper, s.optimizer);
  if (s.hyper.regularization == Regularization::None) {
    // Weights and biases update alike: one pass over every parameter.
    update_range(s.hyper, s.optimizer, s.gradient_sum.data(), inverse_count, 0, shape_.parameter_count(), false,
                 s.parameters.data(), s.last_updates.data());
  } else {
    for (int l = 0; l < shape_.layer_count(); ++l) {
      const LayerShape& layer = shape_.layer(l);
      // Regularization applies to the weights, not the biases.
      update_range(s.hyper, s.optimizer, s.gradient_sum.data(), inverse_count, layer.weight_offset, layer.bias_offset,
                   true, s.parameters.data(), s.last_updates.data());
      update_range(s.hyper, s.optimizer, s.gradient_sum.data(), inverse_count, layer.bias_offset,
                   layer.bias_offset + layer.neurons, false, s.parameters.data(), s.last_updates.data());
    }
  }
  ++s.updates;
  s.batch_count = 0;
  s.epoch_finished = s.position + 1 == static_cast<int>(s.order.size());
  s.phase = Phase::Update;
  s.phase_layer = -1;
  s.next_phase = Phase::Forward;
  s.next_layer = 0;
  s.example_done = true;
  stop_if_parameters_not_finite(s);
  history_.after_update(s);
}

}  // namespace algorhythm
