// What both trainers do alike (internal to core/src): Trainer (trainer*.cpp) and RecurrentTrainer
// (recurrent_trainer.cpp) keep different training states, but each keeps its cursor and why training
// stopped in fields of the same names. The templates below use those fields by name, as
// CheckpointHistory (history.hpp) uses `tick` and `updates`. A State needs: tick, updates, epoch, phase,
// epoch_finished, diverged, message, hyper (its learning rate) and parameters.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>

#include "algorhythm/types.hpp"

namespace algorhythm {

// Why training stopped, in the words the page shows. `epoch` is 0-based; the messages count from 1.
std::string loss_not_finite_message(float loss, int epoch, float learning_rate);
std::string weight_not_finite_message(float weight, int epoch, float learning_rate);

// After a Loss tick: training stops when the loss is NaN or infinite.
template <typename State>
void stop_if_loss_not_finite(State& s, float loss) {
  if (std::isfinite(loss)) return;
  s.diverged = true;
  s.message = loss_not_finite_message(loss, s.epoch, s.hyper.learning_rate);
}

// After an update: training stops when a parameter became NaN or infinite. First a branch-free pass
// that vectorizes (a float is NaN or infinite when its exponent bits are all ones); the parameters are
// searched again, and the message written, only when one is found.
template <typename State>
void stop_if_parameters_not_finite(State& s) {
  std::uint32_t not_finite = 0;
  for (float value : s.parameters) {
    std::uint32_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    not_finite |= (bits & 0x7f800000u) == 0x7f800000u;
  }
  if (!not_finite) return;
  for (float value : s.parameters) {
    if (!std::isfinite(value)) {
      s.diverged = true;
      s.message = weight_not_finite_message(value, s.epoch, s.hyper.learning_rate);
      return;
    }
  }
}

// The start of an edit tick (a parameter, the hyper-parameters, the data), refused once training has
// diverged. The edit rewrites the future, so the history after the cursor is forgotten. The caller
// then resets its place within the phase (phase_layer, phase_step), applies the edit and records it.
template <typename State, typename History>
void begin_edit_tick(State& s, History& history) {
  if (s.diverged) throw std::invalid_argument("training has diverged: step back or reset before changing anything");
  history.forget_after(s.tick);
  ++s.tick;
  s.phase = Phase::Edit;
}

// Throws std::invalid_argument unless parameter `index` of `parameter_count` may be set to `value`.
void check_parameter_edit(int index, float value, int parameter_count);

// The snapshot's fields that say where the run is and whether training stopped (Snapshot and
// RecurrentSnapshot alike); each trainer fills in the rest.
template <typename Snapshot, typename State>
void fill_cursor_fields(const State& s, long first_tick, Snapshot& out) {
  out.tick = s.tick;
  out.first_tick = first_tick;
  out.updates = s.updates;
  out.epoch = s.epoch;
  out.epochs_completed = s.epoch + ((s.phase == Phase::Update && s.epoch_finished) ? 1 : 0);
  out.phase = s.phase;
  out.diverged = s.diverged;
  out.message = s.message;
}

}  // namespace algorhythm
