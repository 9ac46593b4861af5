// Every layer for many points at once (forward_points): the grid, the losses over every row.
// The points go through kBlockPoints at a time (forward_block, network_kernels.hpp), with the sums in
// SIMD registers; every value has the bits layer_forward (network.cpp) gives it, on every platform.
#include <algorithm>
#include <cstddef>
#include <vector>

#include "algorhythm/network.hpp"
#include "network_kernels.hpp"

namespace algorhythm {

using network_kernels::forward_block;

void forward_points(const NetworkShape& shape, const float* parameters, float* channels, std::size_t stride,
                    std::size_t count) {
  const std::size_t whole_blocks = count / kBlockPoints * kBlockPoints;
  for (std::size_t first = 0; first < whole_blocks; first += kBlockPoints) {
    forward_block(shape, parameters, channels, stride, first);
  }
  // The last points, if count is not a multiple of kBlockPoints, go through a padded copy.
  const std::size_t tail = count - whole_blocks;
  if (tail > 0) {
    const int I0 = shape.input_count(), channel_count = I0 + shape.neuron_count();
    std::vector<float> padded(static_cast<std::size_t>(channel_count) * kBlockPoints, 0.0f);
    for (int i = 0; i < I0; ++i) std::copy_n(channels + i * stride + whole_blocks, tail, padded.data() + i * kBlockPoints);
    forward_block(shape, parameters, padded.data(), kBlockPoints, 0);
    for (int c = I0; c < channel_count; ++c) {
      std::copy_n(padded.data() + c * kBlockPoints, tail, channels + c * stride + whole_blocks);
    }
  }
}

}  // namespace algorhythm
