// The Trainer's edits (a parameter, the hyper-parameters, the data) and its history: seeking back
// restores a checkpoint and replays (see trainer.hpp).
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "algorhythm/trainer.hpp"
#include "number_text.hpp"
#include "trainer_common.hpp"
#include "trainer_rules.hpp"

namespace algorhythm {

// ---- edits -----------------------------------------------------------------------------------

void Trainer::begin_edit() {
  begin_edit_tick(state_, history_);
  state_.phase_layer = -1;
}

void Trainer::set_hyperparameters(const Hyperparameters& hyper) {
  validate(hyper);
  check_task_fits(*state_.data, settings_.network, hyper);
  begin_edit();
  state_.hyper = hyper;
  history_.record_edit(state_);
}

void Trainer::set_parameter(int index, float value) {
  check_parameter_edit(index, value, shape_.parameter_count());
  begin_edit();
  state_.parameters[index] = value;
  history_.record_edit(state_);
}

void Trainer::set_parameters(const std::vector<float>& values) {
  if (values.size() != state_.parameters.size()) {
    throw std::invalid_argument("the network has " + std::to_string(state_.parameters.size()) + " parameters, but " +
                                std::to_string(values.size()) + " values were given");
  }
  for (std::size_t p = 0; p < values.size(); ++p) {
    if (!std::isfinite(values[p]) || std::fabs(values[p]) > 1e6f) {
      throw std::invalid_argument("parameter " + std::to_string(p) + " must be a finite number between -1000000 and 1000000, got " +
                                  number_text(values[p]));
    }
  }
  begin_edit();
  state_.parameters = values;
  history_.record_edit(state_);
}

void Trainer::set_data(std::shared_ptr<const Dataset> data) {
  if (!data) throw std::invalid_argument("no data set given");
  validate(*data);
  const Dataset& current = *state_.data;
  if (data->task != current.task || data->feature_count() != current.feature_count() ||
      data->class_count() != current.class_count() || data->planar != current.planar) {
    throw std::invalid_argument("the edited data must keep the task, the classes and the " +
                                std::to_string(current.feature_count()) + " features; start a new run to change them");
  }
  begin_edit();
  State& s = state_;
  s.data = std::move(data);
  // Training continues with a fresh epoch over the edited rows; the unfinished mini-batch is dropped.
  if (s.started) ++s.epoch;
  s.started = false;
  s.position = 0;
  s.batch_count = 0;
  s.example_done = true;
  s.next_phase = Phase::Forward;
  s.next_layer = 0;
  shuffle_epoch();
  load_example();
  history_.record_edit(state_);
}

// ---- history ---------------------------------------------------------------------------------

long Trainer::first_tick() const { return history_.first_tick(); }

void Trainer::seek(long target) {
  target = std::max(target, first_tick());
  if (target - state_.tick > kMaxTicksPerCall) {
    throw std::invalid_argument("tick " + std::to_string(target) + " is too far ahead to reach in one call (at most " +
                                std::to_string(kMaxTicksPerCall) + " phases ahead)");
  }
  if (target < state_.tick) state_ = history_.at_or_before(target);
  while (state_.tick < target && !state_.diverged) tick_once();
}

// Heap bytes a state owns (its fixed part is counted by CheckpointHistory).
std::size_t Trainer::state_bytes(const State& s) {
  const std::size_t floats = s.parameters.capacity() + s.gradient_sum.capacity() + s.last_updates.capacity() +
                             s.optimizer.velocity.capacity() + s.optimizer.adam_m.capacity() +
                             s.optimizer.adam_v.capacity() + s.inputs.capacity() + s.target.capacity() +
                             s.z.capacity() + s.a.capacity() + s.output_gradients.capacity() + s.deltas.capacity();
  return floats * sizeof(float) + s.order.capacity() * sizeof(int) + s.message.capacity();
}

std::size_t Trainer::checkpoint_bytes() const { return CheckpointHistory<State>::checkpoint_bytes(state_, state_bytes); }

std::size_t Trainer::history_bytes() const { return history_.bytes(state_bytes); }

}  // namespace algorhythm
