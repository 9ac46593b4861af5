// The out-of-line part of trainer_handle.hpp.
#include "trainer_handle.hpp"

namespace algorhythm::js {

void refuse_step_size(const std::string& name, const char* step_sizes) {
  throw std::invalid_argument("unknown step size '" + name + "' (" + step_sizes + ")");
}

}  // namespace algorhythm::js
