// Everything a view may want to know after a training tick, filled in one call.
#pragma once

#include <string>
#include <vector>

#include "algorhythm/types.hpp"

namespace algorhythm {

struct Snapshot {
  // Where the cursor is.
  long tick = 0;               // phase steps since the start of the run (edits count as one tick)
  long first_tick = 0;         // the earliest tick the history can go back to
  long updates = 0;            // optimizer updates so far
  int epoch = 0;               // the epoch of the current example (0-based)
  int epochs_completed = 0;
  int example_in_epoch = 0;    // position of the current example in this epoch's shuffled order
  int example_row = 0;         // the data set row of the current example
  int batch_position = 0;      // examples of the current mini-batch processed so far (0 .. batch size)
  Phase phase = Phase::Idle;   // the phase the last tick completed
  int phase_layer = -1;        // Forward/Backward: the layer (0 = first hidden) that tick computed
  bool diverged = false;       // training stopped: the loss or a parameter became NaN or infinite
  std::string message;         // why it stopped, in plain words (empty unless diverged)

  // The current example, as the network sees it.
  std::vector<float> inputs;   // (input_count)
  std::vector<float> target;   // (output_count): 0/1, one-hot, or the regression value

  // Per neuron, all layers concatenated (LayerShape::neuron_offset): valid once the phase reached them.
  std::vector<float> weighted_sums;     // z = W x + b
  std::vector<float> activations;       // a = f(z)
  std::vector<float> output_gradients;  // dL/da for the current example
  std::vector<float> deltas;            // dL/dz for the current example

  // Per parameter, in the buffer's layout (see network.hpp).
  std::vector<float> parameters;        // current values
  std::vector<float> gradients;         // mean dL/dparameter over the mini-batch so far (data term only)
  std::vector<float> last_updates;      // the change the last update applied (new - old)

  // Losses: mean per example; regularization not included.
  float example_loss = 0.0f;   // the current example (valid from the Loss phase on)
  float batch_loss = 0.0f;     // the mean over the current mini-batch so far
  float train_loss = 0.0f;     // over every training row with the current parameters
  float test_loss = 0.0f;      // over every test row (NaN when there is none)
  float train_accuracy = 0.0f; // share of rows classified right (NaN for regression)
  float test_accuracy = 0.0f;

  // The network's output for every data set row (rows, output_count), with the current parameters.
  std::vector<float> row_outputs;
};

}  // namespace algorhythm
