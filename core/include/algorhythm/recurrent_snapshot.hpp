// Everything a view of the recurrent network may want after a tick, filled in one call.
// Letters: T = time steps of the current window, H = hidden units, V = vocabulary, P = parameters,
// N = notes of the training melody. Per-step rows are zero until the tick that computes them.
#pragma once

#include <string>
#include <vector>

#include "algorhythm/types.hpp"

namespace algorhythm {

struct RecurrentSnapshot {
  // Where the cursor is.
  long tick = 0;                // ticks since the start of the run (edits count as one tick)
  long first_tick = 0;          // the earliest tick the history can go back to
  long updates = 0;             // optimizer updates so far (one per window)
  int epoch = 0;                // the epoch of the current window (0-based)
  int epochs_completed = 0;
  int window = 0;               // the current window's index within the epoch
  int windows_per_epoch = 0;
  int window_start = 0;         // melody position of the window's first input note
  Phase phase = Phase::Idle;    // the phase the last tick completed (Forward, Loss, Backward, Update, Edit)
  int phase_step = -1;          // Forward / Backward: the time step (0 .. T-1) that tick computed
  bool diverged = false;        // training stopped: the loss or a parameter became NaN or infinite
  std::string message;          // why it stopped, in plain words (empty unless diverged)

  // The current window, one row per time step t.
  std::vector<int> inputs;                  // (T) token read at step t (melody position window_start + t)
  std::vector<int> targets;                 // (T) token to predict: the next note
  std::vector<float> initial_hidden;        // (H) the state carried into the window (zero at an epoch's start)
  std::vector<float> initial_cell;          // (H) LSTM only, else empty
  std::vector<float> hidden;                // (T, H) h_t
  std::vector<float> cell;                  // (T, H) LSTM only: c_t
  std::vector<float> gates;                 // (T, 4H) LSTM only: gate activations i, f, g, o (blocks of H)
  std::vector<float> probabilities;         // (T, V) predicted distribution of the next note
  std::vector<float> step_losses;           // (T) -ln p_t[target_t] (from the Loss phase on)
  std::vector<float> hidden_gradients;      // (T, H) dL/dh_t, L the window's mean loss (Backward)
  std::vector<float> hidden_gradient_norms; // (T) |dL/dh_t|
  std::vector<float> recurrent_gradient_norms;  // (T) |part of dL/dh_t that flowed back from step t+1|:
                                                //     shows gradients fading (or growing) through time

  // Per parameter, in the buffer's layout (see recurrent.hpp).
  std::vector<float> parameters;            // (P) current values
  std::vector<float> gradients;             // (P) dL/dparameter of the window so far (before clipping)
  std::vector<float> last_updates;          // (P) new - old at the last update
  float gradient_norm = 0.0f;               // global norm of the last update's gradient, before clipping
  bool clipped = false;                     // whether the last update scaled its gradient down

  float window_loss = 0.0f;                 // mean of step_losses (from the Loss phase on)
  // The whole melody, read from a zero state with the current parameters.
  float train_loss = 0.0f;                  // mean -ln p(next note) over the N-1 predictions
  float train_accuracy = 0.0f;              // share of next notes predicted right (argmax)
  std::vector<int> predictions;             // (N-1) the most likely next token after each note
};

}  // namespace algorhythm
