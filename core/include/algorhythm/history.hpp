// Going back in time through a deterministic training run: checkpoints plus replay.
//
// A checkpoint is a full copy of the training state. One is kept every `spacing` optimizer updates
// (first_spacing at the start of a run); going back restores the latest checkpoint at or before the
// target tick, and the trainer replays forward from it, which is exact because training is
// deterministic. When more than max_checkpoints ordinary checkpoints are held, every other one is
// dropped and the spacing doubles, so memory stays under (max_checkpoints + max_edits) × the size of
// one state. Edits (a parameter, the hyper-parameters) are pinned checkpoints that are never thinned
// out; beyond max_edits the oldest edit and everything before it are forgotten. Going back over an
// edit and forward again redoes it (see edit_at); a new edit made in the past forgets the future
// after it.
//
// This is the policy of Trainer (trainer.hpp), as a template over the state: State needs the fields
// `long tick` and `long updates`.
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <vector>

namespace algorhythm {

template <typename State>
class CheckpointHistory {
 public:
  CheckpointHistory(int max_checkpoints, int max_edits, long first_spacing)
      : max_checkpoints_(max_checkpoints), max_edits_(max_edits), first_spacing_(first_spacing) {}

  // Forgets everything: the run starts (pinned) at `initial`.
  void reset(const State& initial) {
    checkpoints_.clear();
    checkpoints_.push_back({initial, true});
    spacing_ = first_spacing_;
  }

  long first_tick() const { return checkpoints_.front().state.tick; }
  long spacing() const { return spacing_; }
  int size() const { return static_cast<int>(checkpoints_.size()); }

  // After each optimizer update: keeps a copy if `spacing` updates passed since the last checkpoint.
  void after_update(const State& state) {
    const State& last = checkpoints_.back().state;
    if (state.tick <= last.tick || state.updates - last.updates < spacing_) return;
    checkpoints_.push_back({state, false});
    int ordinary = 0;
    for (const Checkpoint& c : checkpoints_) ordinary += c.pinned ? 0 : 1;
    if (ordinary > max_checkpoints_) {
      // Keep every other ordinary checkpoint: memory stays bounded, replays become at most twice as long.
      std::vector<Checkpoint> kept;
      int index = 0;
      for (Checkpoint& c : checkpoints_) {
        if (c.pinned || index++ % 2 == 0) kept.push_back(std::move(c));
      }
      checkpoints_ = std::move(kept);
      spacing_ *= 2;
    }
  }

  // Before an edit at `tick`: the edit rewrites the future, so later checkpoints no longer describe it.
  void forget_after(long tick) {
    while (checkpoints_.size() > 1 && checkpoints_.back().state.tick > tick) checkpoints_.pop_back();
  }

  // After an edit: its state is pinned, so the edit can be stepped back over and replayed.
  void record_edit(const State& state) {
    checkpoints_.push_back({state, true});
    int pinned = 0;
    for (const Checkpoint& c : checkpoints_) pinned += c.pinned ? 1 : 0;
    if (pinned > max_edits_) {
      // Forget the oldest edit and everything before it: the history now starts at the next edit.
      auto second_pinned =
          std::find_if(checkpoints_.begin() + 1, checkpoints_.end(), [](const Checkpoint& c) { return c.pinned; });
      checkpoints_.erase(checkpoints_.begin(), second_pinned);
    }
  }

  // The edit recorded at exactly `tick`, or null: a trainer stepping forward over that tick restores the
  // edit instead of training, so stepping back and forth over an edit redoes it.
  const State* edit_at(long tick) const {
    auto it = std::lower_bound(checkpoints_.begin(), checkpoints_.end(), tick,
                               [](const Checkpoint& c, long t) { return c.state.tick < t; });
    return it != checkpoints_.end() && it->pinned && it->state.tick == tick ? &it->state : nullptr;
  }

  // The latest checkpoint at or before `tick` (clamped to the first one).
  const State& at_or_before(long tick) const {
    auto it = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), tick,
                               [](long t, const Checkpoint& c) { return t < c.state.tick; });
    return it == checkpoints_.begin() ? checkpoints_.front().state : std::prev(it)->state;
  }

  // The bytes one checkpoint of `state` takes, counted as bytes() counts them.
  template <typename BytesOf>
  static std::size_t checkpoint_bytes(const State& state, BytesOf bytes_of) {
    return sizeof(Checkpoint) + bytes_of(state);
  }

  // Σ bytes_of(state) over the checkpoints held.
  template <typename BytesOf>
  std::size_t bytes(BytesOf bytes_of) const {
    std::size_t total = 0;
    for (const Checkpoint& c : checkpoints_) total += sizeof(Checkpoint) + bytes_of(c.state);
    return total;
  }

 private:
  struct Checkpoint {
    State state;
    bool pinned;  // an edit's (or the start's) state: never thinned out
  };
  int max_checkpoints_;
  int max_edits_;
  long first_spacing_;
  std::vector<Checkpoint> checkpoints_;  // sorted by tick; [0] is the oldest reachable state
  long spacing_ = first_spacing_;        // updates between ordinary checkpoints
};

}  // namespace algorhythm
