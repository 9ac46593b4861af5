// Which loss and output fit a task, and a row's target vector (see trainer_rules.hpp).
#include "trainer_rules.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace algorhythm {

void check_task_fits(const Dataset& data, const NetworkSpec& network, const Hyperparameters& hyper) {
  switch (data.task) {
    case Task::Binary:
      if (hyper.loss == Loss::CrossEntropy && network.output_activation != Activation::Sigmoid) {
        throw std::invalid_argument(std::string("cross-entropy needs a sigmoid output, not ") +
                                    to_string(network.output_activation) + "; choose squared error or a sigmoid output");
      }
      break;
    case Task::MultiClass:
      if (hyper.loss != Loss::CrossEntropy) {
        throw std::invalid_argument("a multi-class task uses a softmax output with cross-entropy, not squared error");
      }
      break;
    case Task::Regression:
      if (hyper.loss != Loss::SquaredError) {
        throw std::invalid_argument("regression uses squared error, not cross-entropy");
      }
      break;
  }
}

void fill_target(const Dataset& data, int row, std::vector<float>& target) {
  const float label = data.targets[row];
  if (data.task == Task::MultiClass) {
    std::fill(target.begin(), target.end(), 0.0f);
    target[static_cast<int>(label)] = 1.0f;
  } else {
    target[0] = label;
  }
}


}  // namespace algorhythm
