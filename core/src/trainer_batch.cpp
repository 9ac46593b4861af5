// A whole mini-batch at once: the Trainer's fast path for stepping by batches and epochs.
//
// The ticks of a mini-batch (per example: forward per layer, loss, backward per layer; then the
// update) do the same arithmetic for every example with the same parameters, so the examples can go
// through the network side by side, one per SIMD lane (network.hpp forward_examples and
// backward_examples). Every value keeps the bits the ticks give it: the same kernels, the same order
// of every sum, the gradients added example after example. The state left behind is the one the last
// tick leaves: the last example's values, the batch's losses, the update, the history.
// tests/core/trainer_batch.test.cpp compares the two paths.
#include <algorithm>
#include <cmath>

#include "algorhythm/loss.hpp"
#include "algorhythm/trainer.hpp"
#include "trainer_rules.hpp"

namespace algorhythm {

bool Trainer::train_batch() {
  State& s = state_;
  const bool at_batch_start = !s.diverged && s.next_phase == Phase::Forward && s.next_layer == 0 && s.example_done &&
                              s.batch_count == 0;
  if (!at_batch_start) return false;
  // The batch runs from the next example to the end of the mini-batch or of the epoch.
  const int order_size = static_cast<int>(s.order.size());
  int first = s.started ? s.position + 1 : s.position;
  if (first == order_size) first = 0;  // a new epoch (shuffled by begin_next_example below)
  const int count = std::min(s.hyper.batch_size, order_size - first);
  if (count > kBlockPoints) return false;

  // From here on this is the batch's first tick, as run_phase would start it.
  begin_next_example();
  const Dataset& data = *s.data;
  const int I0 = shape_.input_count(), neurons = shape_.neuron_count(), rows = data.row_count();
  const LayerShape& out = shape_.output_layer();
  const int O = out.neurons;
  constexpr int L = kBlockPoints;
  // The lanes no example uses may hold anything (values of an earlier batch): no lane reads another.
  batch_channels_.resize(static_cast<std::size_t>(I0 + neurons) * L);
  batch_sums_.resize(static_cast<std::size_t>(neurons) * L);
  batch_output_gradients_.resize(static_cast<std::size_t>(neurons) * L);
  batch_deltas_.resize(static_cast<std::size_t>(neurons) * L);
  const std::vector<float>& inputs = row_inputs();
  for (int n = 0; n < count; ++n) {
    const int row = s.order[first + n];
    for (int i = 0; i < I0; ++i) batch_channels_[i * L + n] = inputs[static_cast<std::size_t>(i) * rows + row];
  }
  forward_examples(shape_, s.parameters.data(), batch_channels_.data(), batch_sums_.data(), count);

  // The losses, example after example. A loss that is not finite stops training at that example's
  // loss tick: then this batch runs tick by tick instead, from the tick begun here.
  float losses[kBlockPoints];
  batch_target_.assign(O, 0.0f);
  float z[kMaxBlockInputs], a[kMaxBlockInputs], dloss_da[kMaxBlockInputs], dloss_dz[kMaxBlockInputs];
  for (int n = 0; n < count; ++n) {
    fill_target(data, s.order[first + n], batch_target_);
    for (int o = 0; o < O; ++o) {
      z[o] = batch_sums_[(out.neuron_offset + o) * L + n];
      a[o] = batch_channels_[(I0 + out.neuron_offset + o) * L + n];
    }
    losses[n] = example_loss(data.task, s.hyper.loss, a, batch_target_.data(), O);
    if (!std::isfinite(losses[n])) {
      ++s.tick;
      forward_tick(0);
      return true;
    }
    output_gradient(data.task, s.hyper.loss, out.activation, z, a, batch_target_.data(), O, dloss_da, dloss_dz);
    for (int o = 0; o < O; ++o) {
      batch_output_gradients_[(out.neuron_offset + o) * L + n] = dloss_da[o];
      batch_deltas_[(out.neuron_offset + o) * L + n] = dloss_dz[o];
    }
  }

  // The batch's gradients from zero, then the update, as the ticks do.
  std::fill(s.gradient_sum.begin(), s.gradient_sum.end(), 0.0f);
  backward_examples(shape_, s.parameters.data(), batch_channels_.data(), batch_sums_.data(),
                    batch_output_gradients_.data(), batch_deltas_.data(), count, s.gradient_sum.data());
  s.gradient_examples = count;
  s.batch_loss_sum = 0.0f;
  for (int n = 0; n < count; ++n) s.batch_loss_sum += losses[n];
  s.batch_loss_count = count;

  // The state the last example's ticks leave.
  const int last = count - 1;
  s.position = first + last;
  load_example();
  for (int c = 0; c < neurons; ++c) {
    s.z[c] = batch_sums_[c * L + last];
    s.a[c] = batch_channels_[(I0 + c) * L + last];
    s.output_gradients[c] = batch_output_gradients_[c * L + last];
    s.deltas[c] = batch_deltas_[c * L + last];
  }
  s.example_loss = losses[last];
  s.batch_count = count;
  s.tick += static_cast<long>(count) * (2L * shape_.layer_count() + 1) + 1;  // the examples' ticks and the update
  update_tick();
  return true;
}

}  // namespace algorhythm
