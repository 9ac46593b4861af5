// The recurrent training cursor: one tick per time step forward, the loss, one tick per time step
// back, the update; with history (see recurrent_trainer.hpp).
#include "number_text.hpp"
#include "algorhythm/recurrent_trainer.hpp"

#include <algorithm>
#include <stdexcept>

#include "algorhythm/tunes.hpp"
#include "trainer_common.hpp"

namespace algorhythm {
namespace {


// A row of a (T, width) buffer, or null for an empty one (Elman's cell and gates).
float* row(std::vector<float>& buffer, int t, int width) {
  return buffer.empty() ? nullptr : buffer.data() + static_cast<std::size_t>(t) * width;
}

}  // namespace

const char* to_string(RecurrentGranularity value) {
  switch (value) {
    case RecurrentGranularity::Phase: return "phase";
    case RecurrentGranularity::Window: return "window";
    case RecurrentGranularity::Epoch: return "epoch";
  }
  return "unknown";
}

bool parse(std::string_view name, RecurrentGranularity& out) {
  if (name == "phase") out = RecurrentGranularity::Phase;
  else if (name == "window") out = RecurrentGranularity::Window;
  else if (name == "epoch") out = RecurrentGranularity::Epoch;
  else return false;
  return true;
}

void validate_gradient_clip(float gradient_clip) {
  if (!(gradient_clip >= 0.0f && gradient_clip <= kMaxGradientClip)) {
    throw std::invalid_argument("gradient clip must be in [0, " + number_text(kMaxGradientClip) + "] (0 = off), got " +
                                number_text(gradient_clip));
  }
}

void validate(const RecurrentSettings& settings) {
  if (settings.cell != Cell::Elman && settings.cell != Cell::Lstm) throw std::invalid_argument("unknown cell type");
  if (settings.hidden < 1 || settings.hidden > kMaxHiddenUnits) {
    throw std::invalid_argument("hidden units must be in [1, " + std::to_string(kMaxHiddenUnits) + "], got " +
                                std::to_string(settings.hidden));
  }
  if (settings.truncation < 1 || settings.truncation > kMaxTruncation) {
    throw std::invalid_argument("truncation (time steps per window) must be in [1, " + std::to_string(kMaxTruncation) +
                                "], got " + std::to_string(settings.truncation));
  }
  validate(settings.hyper);
  validate_gradient_clip(settings.gradient_clip);
}

RecurrentTrainer::RecurrentTrainer() { reset(RecurrentSettings{}, parse_melody(find_tune("twinkle")->text)); }

void RecurrentTrainer::reset(const RecurrentSettings& settings, const Melody& melody) {
  validate(settings);
  validate(melody);
  if (melody.size() < 2) {
    throw std::invalid_argument("a melody to learn needs at least 2 notes (a note and the one that follows), got " +
                                std::to_string(melody.size()));
  }
  Vocabulary vocabulary = Vocabulary::from(melody);
  const RecurrentShape shape(settings.cell, vocabulary.size(), settings.hidden);

  // Everything is valid: from here on nothing throws except allocation.
  settings_ = settings;
  shape_ = shape;
  melody_ = melody;
  tokens_ = vocabulary.encode(melody);
  vocabulary_ = std::move(vocabulary);

  State s;
  s.hyper = settings.hyper;
  s.gradient_clip = settings.gradient_clip;
  s.parameters = initial_parameters(shape_, settings.seed);
  const std::size_t P = shape_.parameter_count, H = shape_.hidden;
  s.gradients.assign(P, 0.0f);
  s.last_updates.assign(P, 0.0f);
  s.optimizer.reset(P);
  s.carried_hidden.assign(H, 0.0f);
  s.carried_cell.assign(shape_.cell == Cell::Lstm ? H : 0, 0.0f);
  s.dh_next.assign(H, 0.0f);
  s.dc_next.assign(H, 0.0f);
  state_ = std::move(s);
  load_window();  // window 0, shown before the first tick; the first Forward tick begins it
  history_.reset(state_);
}

void RecurrentTrainer::restart() { reset(settings_, melody_); }

int RecurrentTrainer::windows_per_epoch() const {
  const int pairs = static_cast<int>(tokens_.size()) - 1;
  return (pairs + settings_.truncation - 1) / settings_.truncation;
}

// ---- windows ---------------------------------------------------------------------------------------

void RecurrentTrainer::begin_next_window() {
  State& s = state_;
  const int H = shape_.hidden;
  const bool lstm = shape_.cell == Cell::Lstm;
  if (s.started) {
    if (++s.window == windows_per_epoch()) {  // each epoch reads the melody from a zero state
      s.window = 0;
      ++s.epoch;
      std::fill(s.carried_hidden.begin(), s.carried_hidden.end(), 0.0f);
      std::fill(s.carried_cell.begin(), s.carried_cell.end(), 0.0f);
    } else {  // the next window starts where the last one ended (no gradient will flow back across)
      const int last = s.steps - 1;
      std::copy(row(s.hidden, last, H), row(s.hidden, last, H) + H, s.carried_hidden.begin());
      if (lstm) std::copy(row(s.cell, last, H), row(s.cell, last, H) + H, s.carried_cell.begin());
    }
  }
  s.started = true;
  s.window_done = false;
  load_window();
}

// The inputs and targets of window s.window, and zeroed rows for everything its ticks will compute.
void RecurrentTrainer::load_window() {
  State& s = state_;
  const int T = settings_.truncation, H = shape_.hidden, V = shape_.vocabulary;
  const bool lstm = shape_.cell == Cell::Lstm;
  s.start = s.window * T;
  s.steps = std::min(T, static_cast<int>(tokens_.size()) - 1 - s.start);
  const std::size_t steps = s.steps;
  s.inputs.assign(tokens_.begin() + s.start, tokens_.begin() + s.start + s.steps);
  s.targets.assign(tokens_.begin() + s.start + 1, tokens_.begin() + s.start + s.steps + 1);
  s.hidden.assign(steps * H, 0.0f);
  s.cell.assign(lstm ? steps * H : 0, 0.0f);
  s.gates.assign(lstm ? steps * 4 * H : 0, 0.0f);
  s.probabilities.assign(steps * V, 0.0f);
  s.step_losses.assign(steps, 0.0f);
  s.hidden_gradients.assign(steps * H, 0.0f);
  s.hidden_gradient_norms.assign(steps, 0.0f);
  s.recurrent_gradient_norms.assign(steps, 0.0f);
  s.window_loss = 0.0f;
}

// ---- ticks -----------------------------------------------------------------------------------------

bool RecurrentTrainer::step(RecurrentGranularity granularity, long count) {
  if (count < 0) throw std::invalid_argument("step count must not be negative, got " + std::to_string(count));
  for (long n = 0; n < count && !state_.diverged; ++n) {
    switch (granularity) {
      case RecurrentGranularity::Phase: tick_once(); break;
      case RecurrentGranularity::Window:
        do tick_once(); while (!state_.diverged && state_.phase != Phase::Update);
        break;
      case RecurrentGranularity::Epoch:
        do tick_once(); while (!state_.diverged && !(state_.phase == Phase::Update && state_.epoch_finished));
        break;
    }
  }
  return !state_.diverged;
}

void RecurrentTrainer::tick_once() {
  if (state_.diverged) return;
  if (const State* edit = history_.edit_at(state_.tick + 1)) {  // stepping forward over an edit redoes it
    state_ = *edit;
    return;
  }
  State& s = state_;
  ++s.tick;
  switch (s.next_phase) {
    case Phase::Forward:
      if (s.window_done) begin_next_window();
      forward_tick(s.next_step);
      break;
    case Phase::Loss: loss_tick(); break;
    case Phase::Backward: backward_tick(s.next_step); break;
    case Phase::Update: update_tick(); break;
    default: break;
  }
}

// Step t: h_t (and c_t, the gates) from h_{t-1}, then p_t = softmax(W_y h_t + b_y).
void RecurrentTrainer::forward_tick(int t) {
  State& s = state_;
  const int H = shape_.hidden, V = shape_.vocabulary;
  const bool lstm = shape_.cell == Cell::Lstm;
  const float* h_prev = t == 0 ? s.carried_hidden.data() : row(s.hidden, t - 1, H);
  const float* c_prev = !lstm ? nullptr : t == 0 ? s.carried_cell.data() : row(s.cell, t - 1, H);
  cell_forward(shape_, s.parameters.data(), s.inputs[t], h_prev, c_prev, row(s.gates, t, 4 * H), row(s.cell, t, H),
               row(s.hidden, t, H));
  output_forward(shape_, s.parameters.data(), row(s.hidden, t, H), row(s.probabilities, t, V));
  s.phase = Phase::Forward;
  s.phase_step = t;
  if (t + 1 < s.steps) {
    s.next_step = t + 1;
  } else {
    s.next_phase = Phase::Loss;
    s.next_step = -1;
  }
}

void RecurrentTrainer::loss_tick() {
  State& s = state_;
  const int V = shape_.vocabulary;
  float sum = 0.0f;
  for (int t = 0; t < s.steps; ++t) {
    s.step_losses[t] = step_loss(row(s.probabilities, t, V), s.targets[t]);
    sum += s.step_losses[t];
  }
  s.window_loss = sum / static_cast<float>(s.steps);
  s.phase = Phase::Loss;
  s.phase_step = -1;
  s.next_phase = Phase::Backward;
  s.next_step = s.steps - 1;
  stop_if_loss_not_finite(s, s.window_loss);
}

// Step t back: dL/dh_t = W_y^T dz_t + (what flowed back from step t+1), then through the cell into the
// parameters and into h_{t-1} (and c_{t-1}). Same order of operations as window_gradient.
void RecurrentTrainer::backward_tick(int t) {
  State& s = state_;
  const int H = shape_.hidden, V = shape_.vocabulary;
  const bool lstm = shape_.cell == Cell::Lstm;
  if (t == s.steps - 1) {  // the first step back: fresh gradients, nothing flows in from beyond the window
    std::fill(s.gradients.begin(), s.gradients.end(), 0.0f);
    std::fill(s.dh_next.begin(), s.dh_next.end(), 0.0f);
    std::fill(s.dc_next.begin(), s.dc_next.end(), 0.0f);
  }
  float* dh = row(s.hidden_gradients, t, H);
  output_backward(shape_, s.parameters.data(), row(s.hidden, t, H), row(s.probabilities, t, V), s.targets[t],
                  1.0f / static_cast<float>(s.steps), s.gradients.data(), dh);
  s.recurrent_gradient_norms[t] = global_norm(s.dh_next.data(), H);
  for (int k = 0; k < H; ++k) dh[k] += s.dh_next[k];
  s.hidden_gradient_norms[t] = global_norm(dh, H);
  float dh_prev[kMaxHiddenUnits], dc_prev[kMaxHiddenUnits];
  const float* h_prev = t == 0 ? s.carried_hidden.data() : row(s.hidden, t - 1, H);
  const float* c_prev = !lstm ? nullptr : t == 0 ? s.carried_cell.data() : row(s.cell, t - 1, H);
  cell_backward(shape_, s.parameters.data(), s.inputs[t], h_prev, c_prev, row(s.gates, t, 4 * H), row(s.cell, t, H),
                row(s.hidden, t, H), dh, s.dc_next.data(), s.gradients.data(), dh_prev, dc_prev);
  std::copy(dh_prev, dh_prev + H, s.dh_next.begin());
  if (lstm) std::copy(dc_prev, dc_prev + H, s.dc_next.begin());
  s.phase = Phase::Backward;
  s.phase_step = t;
  if (t > 0) {
    s.next_step = t - 1;
  } else {
    s.next_phase = Phase::Update;
    s.next_step = -1;
  }
}

void RecurrentTrainer::update_tick() {
  State& s = state_;
  const RecurrentShape& sh = shape_;
  s.gradient_norm = global_norm(s.gradients.data(), sh.parameter_count);
  const float scale = clip_scale(s.gradient_norm, s.gradient_clip);
  s.clipped = scale < 1.0f;
  begin_update(s.hyper, s.optimizer);
  auto update = [&](int begin, int end, bool regularize) {
    update_range(s.hyper, s.optimizer, s.gradients.data(), scale, begin, end, regularize, s.parameters.data(),
                 s.last_updates.data());
  };
  update(sh.input_weights, sh.hidden_bias, true);     // W_x, W_h: weights are regularized,
  update(sh.hidden_bias, sh.output_weights, false);   // b: biases are not
  update(sh.output_weights, sh.output_bias, true);    // W_y
  update(sh.output_bias, sh.parameter_count, false);  // b_y
  ++s.updates;
  s.epoch_finished = s.window + 1 == windows_per_epoch();
  s.phase = Phase::Update;
  s.phase_step = -1;
  s.next_phase = Phase::Forward;
  s.next_step = 0;
  s.window_done = true;
  stop_if_parameters_not_finite(s);
  history_.after_update(s);
}

// ---- edits -----------------------------------------------------------------------------------------

void RecurrentTrainer::begin_edit() {
  begin_edit_tick(state_, history_);
  state_.phase_step = -1;
}

void RecurrentTrainer::record_edit() { history_.record_edit(state_); }

void RecurrentTrainer::set_hyperparameters(const Hyperparameters& hyper, float gradient_clip) {
  validate(hyper);
  validate_gradient_clip(gradient_clip);
  begin_edit();
  state_.hyper = hyper;
  state_.gradient_clip = gradient_clip;
  record_edit();
}

void RecurrentTrainer::set_parameter(int index, float value) {
  check_parameter_edit(index, value, shape_.parameter_count);
  begin_edit();
  state_.parameters[index] = value;
  record_edit();
}

// ---- history ---------------------------------------------------------------------------------------

void RecurrentTrainer::seek(long target) {
  target = std::max(target, first_tick());
  if (target < state_.tick) state_ = history_.at_or_before(target);
  while (state_.tick < target && !state_.diverged) tick_once();
}

std::size_t RecurrentTrainer::checkpoint_bytes() const {
  // A full window of T steps (the last window of an epoch may be shorter).
  const std::size_t P = shape_.parameter_count, H = shape_.hidden, V = shape_.vocabulary, T = settings_.truncation;
  const std::size_t lstm = shape_.cell == Cell::Lstm ? 1 : 0;
  const std::size_t floats = 6 * P + (2 + lstm) * H + 2 * H + T * (H * (2 + lstm + 4 * lstm) + V + 3);
  return sizeof(State) + floats * sizeof(float) + 2 * T * sizeof(int) + state_.message.capacity();
}

std::size_t RecurrentTrainer::history_bytes() const {
  return history_.bytes([](const State& s) {
    const std::size_t floats = s.parameters.capacity() + s.gradients.capacity() + s.last_updates.capacity() +
                               s.optimizer.velocity.capacity() + s.optimizer.adam_m.capacity() +
                               s.optimizer.adam_v.capacity() + s.carried_hidden.capacity() +
                               s.carried_cell.capacity() + s.hidden.capacity() + s.cell.capacity() +
                               s.gates.capacity() + s.probabilities.capacity() + s.step_losses.capacity() +
                               s.hidden_gradients.capacity() + s.hidden_gradient_norms.capacity() +
                               s.recurrent_gradient_norms.capacity() + s.dh_next.capacity() + s.dc_next.capacity();
    return sizeof(State) + floats * sizeof(float) + (s.inputs.capacity() + s.targets.capacity()) * sizeof(int) +
           s.message.capacity();
  });
}

// ---- reading ---------------------------------------------------------------------------------------

void RecurrentTrainer::evaluate_melody(RecurrentSnapshot& out) const {
  const int H = shape_.hidden, V = shape_.vocabulary, pairs = static_cast<int>(tokens_.size()) - 1;
  std::vector<float> h(H, 0.0f), c(H, 0.0f), h_next(H), c_next(H), gates(4 * H), p(V);
  out.predictions.assign(pairs, 0);
  float loss_sum = 0.0f;
  int correct = 0;
  for (int t = 0; t < pairs; ++t) {
    cell_forward(shape_, state_.parameters.data(), tokens_[t], h.data(), c.data(), gates.data(), c_next.data(),
                 h_next.data());
    h.swap(h_next);
    c.swap(c_next);
    output_forward(shape_, state_.parameters.data(), h.data(), p.data());
    loss_sum += step_loss(p.data(), tokens_[t + 1]);
    const int predicted = static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin());
    out.predictions[t] = predicted;
    correct += predicted == tokens_[t + 1] ? 1 : 0;
  }
  out.train_loss = loss_sum / static_cast<float>(pairs);
  out.train_accuracy = static_cast<float>(correct) / static_cast<float>(pairs);
}

const RecurrentSnapshot& RecurrentTrainer::snapshot() {
  const State& s = state_;
  RecurrentSnapshot& out = snapshot_;
  fill_cursor_fields(s, first_tick(), out);
  out.window = s.window;
  out.windows_per_epoch = windows_per_epoch();
  out.window_start = s.start;
  out.phase_step = s.phase_step;
  out.inputs = s.inputs;
  out.targets = s.targets;
  out.initial_hidden = s.carried_hidden;
  out.initial_cell = s.carried_cell;
  out.hidden = s.hidden;
  out.cell = s.cell;
  out.gates = s.gates;
  out.probabilities = s.probabilities;
  out.step_losses = s.step_losses;
  out.hidden_gradients = s.hidden_gradients;
  out.hidden_gradient_norms = s.hidden_gradient_norms;
  out.recurrent_gradient_norms = s.recurrent_gradient_norms;
  out.parameters = s.parameters;
  out.gradients = s.gradients;
  out.last_updates = s.last_updates;
  out.gradient_norm = s.gradient_norm;
  out.clipped = s.clipped;
  out.window_loss = s.window_loss;
  evaluate_melody(out);
  return out;
}

GeneratedSequence RecurrentTrainer::sample(int start_token, int length, float temperature, std::uint64_t seed) const {
  return sample_sequence(shape_, state_.parameters, start_token, length, temperature, seed);
}

}  // namespace algorhythm
