// The recurrent training engine: a melody, a recurrent network that predicts each next note, its
// optimizer, a cursor over training phases, and history.
//
// The melody of N notes gives N-1 (input, next note) pairs, cut into windows of T = truncation steps
// (the last window may be shorter). Training is a sequence of ticks; for each window:
//   Forward (step 0) ... Forward (step T-1)    the cell and the softmax output, one time step per tick
//   Loss                                        the cross-entropy of every step and their mean
//   Backward (step T-1) ... Backward (step 0)   backpropagation through time, one step back per tick
//   Update                                      clip the gradient's global norm, apply the optimizer
// The hidden (and cell) state is carried from one window into the next, but no gradient flows across
// a window's start: truncated backpropagation through time. Each epoch starts from a zero state.
// step(Window / Epoch) runs the same ticks up to that boundary.
//
// History (see history.hpp): checkpoints every `spacing` updates plus deterministic replay; memory
// stays under (kMaxRecurrentCheckpoints + kMaxRecurrentEdits + 1) × checkpoint_bytes(). Edits are ticks:
// stepping back over one undoes it, stepping forward again redoes it, a new edit in the past replaces
// the future.
//
// Errors: reset and every edit validate first and throw std::invalid_argument naming the value and the
// allowed range; the previous state is kept.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "algorhythm/history.hpp"
#include "algorhythm/melody.hpp"
#include "algorhythm/optimizer.hpp"
#include "algorhythm/recurrent.hpp"
#include "algorhythm/recurrent_snapshot.hpp"
#include "algorhythm/settings.hpp"

namespace algorhythm {

inline constexpr int kMaxTruncation = 64;
inline constexpr float kMaxGradientClip = 1000.0f;
inline constexpr int kMaxRecurrentCheckpoints = 256;
inline constexpr int kMaxRecurrentEdits = 256;

// How far one call to RecurrentTrainer::step goes.
enum class RecurrentGranularity { Phase, Window, Epoch };
const char* to_string(RecurrentGranularity);                      // "phase", "window", "epoch"
bool parse(std::string_view name, RecurrentGranularity& out);

struct RecurrentSettings {
  Cell cell = Cell::Lstm;
  int hidden = 8;               // H: 1 .. kMaxHiddenUnits
  int truncation = 16;          // T: time steps per window, 1 .. kMaxTruncation
  // Learning rate, optimizer (SGD, momentum, Adam) and its constants, L1/L2 on the weights (not the
  // biases). batch_size and loss are not used: each window is one update, the loss is cross-entropy.
  Hyperparameters hyper = default_hyperparameters();
  float gradient_clip = 5.0f;   // the largest global gradient norm an update uses; 0 = no clipping
  std::uint64_t seed = 1;       // fixes the initial parameters

  static Hyperparameters default_hyperparameters() {  // Adam at 0.01
    Hyperparameters h;
    h.optimizer = Optimizer::Adam;
    h.learning_rate = 0.01f;
    return h;
  }
};

// Each throws std::invalid_argument naming the bad value and the allowed range.
void validate(const RecurrentSettings& settings);
void validate_gradient_clip(float gradient_clip);  // [0, kMaxGradientClip]

class RecurrentTrainer {
 public:
  // Starts with "Twinkle, Twinkle" and the default settings.
  RecurrentTrainer();

  // A new run on a melody of 2 .. kMaxMelodyNotes notes: builds the vocabulary from its distinct notes
  // and the network from settings.seed, and clears the history.
  void reset(const RecurrentSettings& settings, const Melody& melody);
  void restart();  // the same melody and settings, from the initial parameters again

  // Mid-run edits (each is one Edit tick, undone by stepping back).
  void set_hyperparameters(const Hyperparameters& hyper, float gradient_clip);
  void set_parameter(int index, float value);

  // Runs `count` units of `granularity`. Returns false once training has diverged.
  bool step(RecurrentGranularity granularity, long count = 1);
  void seek(long tick);  // to any tick from first_tick() on, replaying from a checkpoint
  void step_back(long ticks) { seek(tick() - ticks); }

  long tick() const { return state_.tick; }
  long first_tick() const { return history_.first_tick(); }
  bool diverged() const { return state_.diverged; }
  const std::string& message() const { return state_.message; }

  const RecurrentSettings& settings() const { return settings_; }
  const Hyperparameters& hyperparameters() const { return state_.hyper; }
  float gradient_clip() const { return state_.gradient_clip; }
  const RecurrentShape& shape() const { return shape_; }
  const Melody& melody() const { return melody_; }
  const Vocabulary& vocabulary() const { return vocabulary_; }
  const std::vector<int>& tokens() const { return tokens_; }  // (N) the melody as tokens
  int windows_per_epoch() const;
  const std::vector<float>& parameters() const { return state_.parameters; }

  // Fills everything a view needs (see recurrent_snapshot.hpp), including the whole melody's loss.
  const RecurrentSnapshot& snapshot();

  // A new melody of `length` notes from the current parameters (see sample_sequence in recurrent.hpp).
  GeneratedSequence sample(int start_token, int length, float temperature, std::uint64_t seed) const;

  std::size_t checkpoint_bytes() const;  // bytes one checkpoint holds, for the documented memory bound
  std::size_t history_bytes() const;

 private:
  // The whole training state: copying it is a checkpoint.
  struct State {
    Hyperparameters hyper;
    float gradient_clip = 0.0f;
    std::vector<float> parameters;     // (P) see recurrent.hpp for the layout
    std::vector<float> gradients;      // (P) dL/dparameter of the current window so far
    std::vector<float> last_updates;   // (P)
    OptimizerState optimizer;
    std::vector<float> carried_hidden, carried_cell;  // (H) the state entering the current window
    // The current window of `steps` time steps from melody position `start`.
    int window = 0, start = 0, steps = 0;
    std::vector<int> inputs, targets;  // (T)
    std::vector<float> hidden;         // (T, H)
    std::vector<float> cell;           // (T, H) LSTM only
    std::vector<float> gates;          // (T, 4H) LSTM only
    std::vector<float> probabilities;  // (T, V)
    std::vector<float> step_losses;    // (T)
    std::vector<float> hidden_gradients;  // (T, H)
    std::vector<float> hidden_gradient_norms, recurrent_gradient_norms;  // (T)
    std::vector<float> dh_next, dc_next;  // (H) dL/dh, dL/dc flowing back into the step the next Backward tick computes
    float window_loss = 0.0f, gradient_norm = 0.0f;
    bool clipped = false;
    long tick = 0, updates = 0;
    int epoch = 0;
    Phase phase = Phase::Idle;         // what the last tick did
    int phase_step = -1;
    Phase next_phase = Phase::Forward; // what the next tick does
    int next_step = 0;
    bool started = false;              // false until the first window began
    bool window_done = true;           // the next Forward tick starts a new window
    bool epoch_finished = false;       // the last update ended an epoch
    bool diverged = false;
    std::string message;
  };

  void tick_once();
  void begin_next_window();
  void load_window();
  void forward_tick(int t);
  void loss_tick();
  void backward_tick(int t);
  void update_tick();
  void begin_edit();
  void record_edit();
  void evaluate_melody(RecurrentSnapshot& out) const;

  RecurrentSettings settings_;
  RecurrentShape shape_;
  Melody melody_;
  Vocabulary vocabulary_;
  std::vector<int> tokens_;
  State state_;
  CheckpointHistory<State> history_{kMaxRecurrentCheckpoints, kMaxRecurrentEdits, 1};  // a checkpoint every update at first
  RecurrentSnapshot snapshot_;
};

}  // namespace algorhythm
