// Reading the Trainer: the snapshot (with the losses over every row) and predictions.
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "algorhythm/loss.hpp"
#include "algorhythm/trainer.hpp"
#include "trainer_common.hpp"
#include "trainer_rules.hpp"

namespace algorhythm {

// ---- reading ---------------------------------------------------------------------------------

std::vector<std::string> Trainer::input_names() const { return features_.input_names(state_.data->feature_names); }

void Trainer::evaluate_sets(Snapshot& out) {
  const Dataset& data = *state_.data;
  const int O = shape_.output_layer().neurons;
  const int rows = data.row_count(), I0 = shape_.input_count();
  // Every row through the network at once (forward_points: the bits layer_forward gives each row).
  const std::vector<float>& inputs = row_inputs();
  rows_buffer_.resize(static_cast<std::size_t>(I0 + shape_.neuron_count()) * rows);
  std::copy(inputs.begin(), inputs.end(), rows_buffer_.begin());
  forward_points(shape_, state_.parameters.data(), rows_buffer_.data(), rows, rows);
  const float* outputs = rows_buffer_.data() + static_cast<std::size_t>(I0 + shape_.output_layer().neuron_offset) * rows;
  std::vector<float> x(O), target(O);
  out.row_outputs.resize(static_cast<std::size_t>(rows) * O);
  double loss[2] = {0, 0}, correct[2] = {0, 0};
  int count[2] = {0, 0};
  for (int r = 0; r < rows; ++r) {
    for (int o = 0; o < O; ++o) x[o] = outputs[static_cast<std::size_t>(o) * rows + r];
    std::copy(x.begin(), x.end(), out.row_outputs.begin() + static_cast<std::ptrdiff_t>(r) * O);
    fill_target(data, r, target);
    const int split = data.is_test[r] ? 1 : 0;
    loss[split] += example_loss(data.task, state_.hyper.loss, x.data(), target.data(), O);
    correct[split] += example_correct(data.task, x.data(), target.data(), O);
    ++count[split];
  }
  const float nan = std::numeric_limits<float>::quiet_NaN();
  out.train_loss = count[0] ? static_cast<float>(loss[0] / count[0]) : nan;
  out.test_loss = count[1] ? static_cast<float>(loss[1] / count[1]) : nan;
  out.train_accuracy = count[0] ? static_cast<float>(correct[0] / count[0]) : nan;
  out.test_accuracy = count[1] ? static_cast<float>(correct[1] / count[1]) : nan;
}

const Snapshot& Trainer::snapshot() {
  const State& s = state_;
  Snapshot& out = snapshot_;
  fill_cursor_fields(s, first_tick(), out);
  out.example_in_epoch = s.position;
  out.example_row = s.order[s.position];
  out.batch_position = s.batch_count;
  out.phase_layer = s.phase_layer;
  out.inputs = s.inputs;
  out.target = s.target;
  out.weighted_sums = s.z;
  out.activations = s.a;
  out.output_gradients = s.output_gradients;
  out.deltas = s.deltas;
  out.parameters = s.parameters;
  out.gradients.resize(s.gradient_sum.size());
  const float inverse_count = 1.0f / static_cast<float>(std::max(1, s.gradient_examples));
  for (std::size_t p = 0; p < s.gradient_sum.size(); ++p) out.gradients[p] = s.gradient_sum[p] * inverse_count;
  out.last_updates = s.last_updates;
  out.example_loss = s.example_loss;
  out.batch_loss = s.batch_loss_count ? s.batch_loss_sum / static_cast<float>(s.batch_loss_count) : 0.0f;
  evaluate_sets(out);
  return out;
}

std::vector<float> Trainer::predict(const std::vector<float>& raw_rows) const {
  const int raw = state_.data->feature_count();
  if (raw_rows.size() % static_cast<std::size_t>(raw) != 0) {
    throw std::invalid_argument("predict needs " + std::to_string(raw) + " values per row, got " +
                                std::to_string(raw_rows.size()) + " values");
  }
  const int rows = static_cast<int>(raw_rows.size() / static_cast<std::size_t>(raw));
  if (rows > kMaxPredictRows) {
    throw std::invalid_argument("predict takes at most " + std::to_string(kMaxPredictRows) + " rows at once, got " +
                                std::to_string(rows));
  }
  const int O = shape_.output_layer().neurons;
  std::vector<float> inputs(shape_.input_count()), z(shape_.neuron_count()), a(shape_.neuron_count());
  std::vector<float> outputs(static_cast<std::size_t>(rows) * O);
  for (int r = 0; r < rows; ++r) {
    features_.apply(raw_rows.data() + static_cast<std::size_t>(r) * raw, inputs.data());
    const float* x = inputs.data();
    for (int l = 0; l < shape_.layer_count(); ++l) {
      const LayerShape& layer = shape_.layer(l);
      layer_forward(layer, state_.parameters.data(), x, z.data() + layer.neuron_offset, a.data() + layer.neuron_offset);
      x = a.data() + layer.neuron_offset;
    }
    std::copy(x, x + O, outputs.begin() + static_cast<std::ptrdiff_t>(r) * O);
  }
  return outputs;
}

}  // namespace algorhythm
