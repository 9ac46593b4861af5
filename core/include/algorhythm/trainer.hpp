// The training engine: a network, its data, its optimizer, a cursor over training phases, and history.
//
// Training is a sequence of ticks. For each example of the epoch's shuffled order:
//   Forward (layer 0) ... Forward (layer L-1), Loss, Backward (layer L-1) ... Backward (layer 0),
//   and Update after the last example of each mini-batch.
// step(Example / Batch / Epoch) runs the same ticks until that boundary.
//
// History: a checkpoint (a full copy of the training state) is kept every `spacing` updates; going
// back restores the latest checkpoint at or before the target tick and replays forward, which is
// exact because training is deterministic. When more than kMaxCheckpoints are held, every other one
// is dropped and the spacing doubles, so memory stays under
//   kMaxCheckpoints × checkpoint_bytes()  (+ the data sets that edits replaced).
// Edits (a parameter, the hyper-parameters, the data) are ticks too, with a checkpoint that is never
// dropped, so they can be stepped back over; at most kMaxEdits are kept (older history is forgotten).
//
// Errors: every setter validates first and throws std::invalid_argument; the previous state is kept.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "algorhythm/dataset.hpp"
#include "algorhythm/features.hpp"
#include "algorhythm/grid.hpp"
#include "algorhythm/network.hpp"
#include "algorhythm/random.hpp"
#include "algorhythm/settings.hpp"
#include "algorhythm/snapshot.hpp"

namespace algorhythm {

inline constexpr int kMaxCheckpoints = 256;
inline constexpr int kMaxEdits = 256;

class Trainer {
 public:
  // Starts with the four songs and a perceptron.
  Trainer();

  // A new run: validates everything, builds the network from settings.seed, clears the history.
  void reset(const Settings& settings, std::shared_ptr<const Dataset> data);
  void reset(const Settings& settings, Dataset data) { reset(settings, std::make_shared<const Dataset>(std::move(data))); }
  // The same data and settings, from the initial weights again.
  void restart();

  // Mid-run edits (each is one Edit tick, undoable by stepping back).
  void set_hyperparameters(const Hyperparameters& hyper);
  void set_parameter(int index, float value);
  // The data may change rows and labels but not its feature count or task (use reset for that).
  void set_data(std::shared_ptr<const Dataset> data);
  void set_data(Dataset data) { set_data(std::make_shared<const Dataset>(std::move(data))); }

  // Runs `count` units of `granularity`. Returns false if training has diverged (nothing more runs).
  bool step(Granularity granularity, long count = 1);
  // Moves the cursor to `tick` (first_tick() .. any later tick), replaying from a checkpoint.
  void seek(long tick);
  void step_back(long ticks) { seek(tick() - ticks); }

  long tick() const { return state_.tick; }
  long first_tick() const;
  bool diverged() const { return state_.diverged; }
  const std::string& message() const { return state_.message; }

  const Settings& settings() const { return settings_; }
  const Hyperparameters& hyperparameters() const { return state_.hyper; }
  const Dataset& data() const { return *state_.data; }
  const FeatureMap& feature_map() const { return features_; }
  const NetworkShape& shape() const { return shape_; }
  std::vector<std::string> input_names() const;
  const std::vector<float>& parameters() const { return state_.parameters; }

  // Fills everything a view needs (see snapshot.hpp); computes the training and test losses.
  const Snapshot& snapshot();

  // Every neuron over a grid: input features first, then each layer's neurons, as one flat array
  // (input_count + neuron_count, rows, columns). The returned buffer is reused by the next call.
  const std::vector<float>& evaluate_grid(const GridSpec& grid);

  // The network's outputs for arbitrary raw rows: raw (rows, raw feature count) -> (rows, outputs).
  std::vector<float> predict(const std::vector<float>& raw_rows) const;

  // Bytes one checkpoint holds, for the documented memory bound.
  std::size_t checkpoint_bytes() const;
  std::size_t history_bytes() const;

 private:
  struct State;                      // defined below: copyable, the whole training state
  void tick_once();
  void forward_tick(int layer);
  void loss_tick();
  void backward_tick(int layer);
  void update_tick();
  void begin_next_example();
  void shuffle_epoch();
  void record_edit();
  void maybe_checkpoint();
  void check_finite_parameters();
  void evaluate_sets(Snapshot& out);

 public:
  struct State {
    std::shared_ptr<const Dataset> data;
    Hyperparameters hyper;
    std::vector<float> parameters, gradients, last_updates, velocity, adam_m, adam_v;
    std::vector<float> inputs, target, z, a, output_gradients, deltas;
    std::vector<int> order;                // this epoch's training rows, shuffled
    Random::State epoch_random{};          // the generator's state before this epoch's shuffle
    Random random{1};
    long tick = 0, updates = 0;
    int epoch = 0, position = 0, batch_count = 0;
    Phase phase = Phase::Idle;
    int phase_layer = -1;
    bool example_done = true;              // the next tick starts a new example
    bool started = false;                  // false until the first example began
    float example_loss = 0, batch_loss_sum = 0;
    bool diverged = false;
    std::string message;
  };

 private:
  struct Checkpoint { State state; bool pinned; };

  Settings settings_;
  FeatureMap features_;
  NetworkShape shape_;
  State state_;
  std::vector<Checkpoint> history_;       // sorted by tick; history_[0] is the oldest reachable state
  long spacing_ = 1;                      // updates between unpinned checkpoints
  long last_checkpoint_update_ = 0;
  Snapshot snapshot_;
  std::vector<float> grid_buffer_, grid_scratch_;
};

}  // namespace algorhythm
