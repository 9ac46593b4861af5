// What the JS handles of both engines' trainers share (TrainerHandle in bindings.cpp, MelodyTrainerHandle
// in melody_bindings.cpp): the calls that move a run along its timeline and report on it, which Trainer
// and RecurrentTrainer offer alike, and their registration under the same JS names. Each handle adds
// its engine's own calls: reset, setHyperparameters, snapshot...
#pragma once

#include <emscripten/bind.h>

#include <string>

#include "algorhythm/recurrent_trainer.hpp"
#include "algorhythm/types.hpp"
#include "js_values.hpp"

namespace algorhythm::js {

// Unnamed, as the handles are: each file that includes this has its own copy, with internal linkage,
// which the compiler inlines into embind's invokers as it did before these calls were shared (with
// external linkage, engine.wasm grew by 1 KB).
namespace {

// The step sizes each trainer takes, as the error that names an unknown one lists them.
inline const char* step_sizes(Granularity) { return "phase, example, batch or epoch"; }
inline const char* step_sizes(RecurrentGranularity) { return "phase, window or epoch"; }

template <typename Granularity>
Granularity granularity_from(const std::string& name) {
  Granularity granularity{};
  if (!parse(name, granularity)) refuse_step_size(name, step_sizes(granularity));
  return granularity;
}

// The trainer a handle owns and the calls that are the same for both engines. Every call that can
// fail goes through `guarded` (js_values.hpp).
template <typename Trainer, typename Granularity>
class TrainerHandleBase {
 public:
  void restart() { guarded([&] { trainer_.restart(); }); }
  bool step(const std::string& granularity, double count) {
    return guarded([&] {
      return trainer_.step(granularity_from<Granularity>(granularity), whole_count(count, "step count"));
    });
  }
  void seek(double tick) { guarded([&] { trainer_.seek(whole_count(tick, "tick")); }); }
  double tick() const { return static_cast<double>(trainer_.tick()); }
  double first_tick() const { return static_cast<double>(trainer_.first_tick()); }
  bool diverged() const { return trainer_.diverged(); }
  std::string message() const { return trainer_.message(); }
  // Doubles, not int and float: embind would turn an index of NaN or 2.5 into 0 or 2 without a word.
  void set_parameter(double index, double value) {
    guarded([&] { trainer_.set_parameter(parameter_index(index), static_cast<float>(value)); });
  }
  double history_bytes() const { return static_cast<double>(trainer_.history_bytes()); }
  double checkpoint_bytes() const { return static_cast<double>(trainer_.checkpoint_bytes()); }

 protected:
  Trainer trainer_;
};

// embind registers a method on the class its member pointer names, and &Handle::restart names
// TrainerHandleBase<...>, a class JavaScript does not know: method_of<Handle> names Handle instead.
template <typename Handle, typename Result, typename Owner, typename... Args>
auto method_of(Result (Owner::*method)(Args...)) -> Result (Handle::*)(Args...) {
  return method;
}
template <typename Handle, typename Result, typename Owner, typename... Args>
auto method_of(Result (Owner::*method)(Args...) const) -> Result (Handle::*)(Args...) const {
  return method;
}

// Registers the calls every handle has, under the names bindings/README.md gives them, in two groups
// that keep the order the JS classes have always listed their methods in: first the timeline (its own
// reset and setHyperparameters among them), then, after the handle's own calls, its memory use.
template <typename Handle>
void register_timeline_calls(const emscripten::class_<Handle>& handle) {
  handle.function("reset", method_of<Handle>(&Handle::reset))
      .function("restart", method_of<Handle>(&Handle::restart))
      .function("step", method_of<Handle>(&Handle::step))
      .function("seek", method_of<Handle>(&Handle::seek))
      .function("tick", method_of<Handle>(&Handle::tick))
      .function("firstTick", method_of<Handle>(&Handle::first_tick))
      .function("diverged", method_of<Handle>(&Handle::diverged))
      .function("message", method_of<Handle>(&Handle::message))
      .function("setHyperparameters", method_of<Handle>(&Handle::set_hyperparameters))
      .function("setParameter", method_of<Handle>(&Handle::set_parameter));
}
template <typename Handle>
void register_memory_calls(const emscripten::class_<Handle>& handle) {
  handle.function("historyBytes", method_of<Handle>(&Handle::history_bytes))
      .function("checkpointBytes", method_of<Handle>(&Handle::checkpoint_bytes));
}

}  // namespace
}  // namespace algorhythm::js
