// The training engine: a network, its data, its optimizer, a cursor over training phases, and history.
//
// Training is a sequence of ticks. For each example of the epoch's shuffled order:
//   Forward (layer 0) ... Forward (layer L-1), Loss, Backward (layer L-1) ... Backward (layer 0),
//   and Update after the last example of each mini-batch.
// step(Example / Batch / Epoch) runs the same ticks until that boundary. Stepping by batches or
// epochs takes a whole mini-batch of up to kBlockPoints examples at once when no edit lies ahead
// (trainer_batch.cpp): the same arithmetic, one example per SIMD lane, leaving the same state.
//
// History: a checkpoint (a full copy of the training state) is kept every `spacing` updates, at first
// every kFirstCheckpointSpacing; going back restores the latest checkpoint at or before the target
// tick and replays forward, which is exact because training is deterministic. When more than
// kMaxCheckpoints are held, every other one is dropped and the spacing doubles (data sets replaced by
// edits are shared, not copied).
// Edits (a parameter, the hyper-parameters, the data) are ticks too, with a checkpoint that is never
// dropped, so they can be stepped back over, and stepping forward again redoes them; an edit made
// after stepping back replaces the future. At most kMaxEdits are kept (older history is forgotten),
// so memory stays under (kMaxCheckpoints + 1 + edits) × checkpoint_bytes(), the 1 being the start
// (see history.hpp); data sets replaced by edits stay alive as long as an edit refers to them.
//
// Errors: every setter validates first and throws std::invalid_argument; the previous state is kept.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "algorhythm/dataset.hpp"
#include "algorhythm/features.hpp"
#include "algorhythm/grid.hpp"
#include "algorhythm/history.hpp"
#include "algorhythm/network.hpp"
#include "algorhythm/optimizer.hpp"
#include "algorhythm/random.hpp"
#include "algorhythm/settings.hpp"
#include "algorhythm/snapshot.hpp"

namespace algorhythm {

inline constexpr int kMaxCheckpoints = 256;
inline constexpr int kMaxEdits = 256;
// Updates between checkpoints at the start of a run. Copying the state (six floats per parameter, the
// epoch's order) costs about as much as one update of a small network, so a checkpoint after every
// update would nearly double the cost of the first 256 updates (W3 in wasm: an epoch of 25 updates
// 0.11 -> 0.065 ms); going back replays at most this many updates more (a W3 step back: ~0.04 ms).
inline constexpr long kFirstCheckpointSpacing = 8;
// Work one call may do, so that a call never freezes a page: step and seek refuse more ticks than
// this (about a second or two of training), predict more rows.
inline constexpr long kMaxTicksPerCall = 50'000'000;
inline constexpr int kMaxPredictRows = 160'000;

class Trainer {
 public:
  // Starts with the four songs and a perceptron.
  Trainer();

  // A new run: validates everything, builds the network from settings.seed, clears the history.
  void reset(const Settings& settings, std::shared_ptr<const Dataset> data);
  void reset(const Settings& settings, Dataset data) { reset(settings, std::make_shared<const Dataset>(std::move(data))); }
  // The current data and hyper-parameters, from the initial weights again.
  void restart();

  // Mid-run edits (each is one Edit tick, undoable by stepping back).
  void set_hyperparameters(const Hyperparameters& hyper);
  void set_parameter(int index, float value);
  // All parameters at once (e.g. weights read back from a saved file): one edit.
  void set_parameters(const std::vector<float>& values);
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

  const Settings& settings() const { return settings_; }  // as given to reset(); see hyperparameters()
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
  // The same, but reusing the last evaluation when neither the spec nor the network (parameters,
  // shape, features) changed since: what the colours of a frame read after its grid (colours.hpp).
  const std::vector<float>& current_grid(const GridSpec& grid);

  // The network's outputs for arbitrary raw rows: raw (rows, raw feature count) -> (rows, outputs).
  std::vector<float> predict(const std::vector<float>& raw_rows) const;

  // Bytes one checkpoint holds, for the documented memory bound.
  std::size_t checkpoint_bytes() const;
  std::size_t history_bytes() const;

 private:
  // The whole training state: copying it is a checkpoint.
  struct State {
    std::shared_ptr<const Dataset> data;
    Hyperparameters hyper;
    std::vector<float> parameters;           // (P) see network.hpp for the layout
    std::vector<float> gradient_sum;         // (P) Σ dL/dparameter over the mini-batch's examples so far
    std::vector<float> last_updates;         // (P) new - old at the last update
    OptimizerState optimizer;                // momentum and Adam's moments, (P) each
    std::vector<float> inputs, target;       // the current example: (input_count), (output_count)
    std::vector<float> z, a, output_gradients, deltas;  // (neuron_count) each
    std::vector<int> order;                  // this epoch's training rows, shuffled
    Random random{1};                        // the shuffling stream
    long tick = 0, updates = 0;
    int epoch = 0, position = 0;             // position: index into order of the current example
    int batch_count = 0;                     // examples of the current mini-batch finished so far
    int gradient_examples = 0;               // examples summed into gradient_sum
    int batch_loss_count = 0;
    float example_loss = 0.0f, batch_loss_sum = 0.0f;
    Phase phase = Phase::Idle;               // what the last tick did
    int phase_layer = -1;
    Phase next_phase = Phase::Forward;       // what the next tick does
    int next_layer = 0;
    bool started = false;                    // false until the first example began
    bool example_done = true;                // the next Forward tick starts a new example
    bool epoch_finished = false;             // the last update ended an epoch
    bool diverged = false;
    std::string message;
  };
  void tick_once();   // one tick: redoes the edit recorded at the next tick, or else run_phase()
  void run_phase();   // one tick of training: the phase the cursor is at
  void forward_tick(int layer);
  void loss_tick();
  void backward_tick(int layer);
  void update_tick();
  bool train_batch();  // a whole mini-batch at once when the cursor is at its start (trainer_batch.cpp)
  void begin_next_example();
  void load_example();
  void shuffle_epoch();
  void begin_edit();
  long ticks_per(Granularity granularity) const;  // an upper estimate of the ticks one unit takes
  static std::size_t state_bytes(const State& state);
  void evaluate_sets(Snapshot& out);
  const std::vector<float>& row_inputs();
  void fill_grid_inputs(const GridSpec& grid, float* channels) const;  // evaluate_grid's input channels

  Settings settings_;
  FeatureMap features_;
  NetworkShape shape_;
  State state_;
  CheckpointHistory<State> history_{kMaxCheckpoints, kMaxEdits, kFirstCheckpointSpacing};
  Snapshot snapshot_;
  std::vector<float> grid_buffer_;
  // What grid_buffer_ was computed from, for current_grid: the spec, the parameters, and reset_count_
  // (the shape and the feature map change only on reset).
  GridSpec grid_spec_;
  std::vector<float> grid_parameters_;
  long grid_reset_count_ = -1, reset_count_ = 0;
  // The network inputs of every data row, channel-major (input_count, rows), derived once per data set
  // (and feature map) rather than for every example: sin x and sin y are not cheap.
  std::vector<float> row_inputs_;
  std::shared_ptr<const Dataset> row_inputs_data_;  // the data set row_inputs_ belongs to, or null
  std::vector<float> rows_buffer_;                  // evaluate_sets' channels, (input_count + neurons, rows)
  // train_batch's scratch, kBlockPoints examples side by side (network.hpp forward_examples).
  std::vector<float> batch_channels_, batch_sums_, batch_output_gradients_, batch_deltas_, batch_target_;
};

}  // namespace algorhythm
