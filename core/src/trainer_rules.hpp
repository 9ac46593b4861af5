// Rules shared by the Trainer's files (internal to core/src): which loss and output fit a task, and a
// row's target vector.
#pragma once

#include <vector>

#include "algorhythm/dataset.hpp"
#include "algorhythm/settings.hpp"

namespace algorhythm {

// Throws std::invalid_argument when the loss or the output activation does not fit the data's task.
void check_task_fits(const Dataset& data, const NetworkSpec& network, const Hyperparameters& hyper);

// target (output_count): the label of `row` as 0/1, one-hot, or the regression value.
void fill_target(const Dataset& data, int row, std::vector<float>& target);

}  // namespace algorhythm
