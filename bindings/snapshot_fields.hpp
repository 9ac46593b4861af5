// The fields that both engines' snapshots (Snapshot, RecurrentSnapshot) have with the same meaning, set
// on the JS object under the same names (bindings/README.md). Each engine's converter sets its own
// fields around them, in the order the README lists them.
#pragma once

#include <emscripten/val.h>

#include <string>

#include "convert.hpp"

namespace algorhythm::js {

// Where the run is: tick, firstTick, updates, epoch, epochsCompleted.
template <typename AnySnapshot>
void set_position_fields(val& object, const AnySnapshot& snapshot) {
  object.set("tick", static_cast<double>(snapshot.tick));
  object.set("firstTick", static_cast<double>(snapshot.first_tick));
  object.set("updates", static_cast<double>(snapshot.updates));
  object.set("epoch", snapshot.epoch);
  object.set("epochsCompleted", snapshot.epochs_completed);
}

// What the last tick did and whether training stopped: phase, then where in that phase (each engine
// names its own: phaseLayer, phaseStep), diverged, message.
template <typename AnySnapshot>
void set_phase_fields(val& object, const AnySnapshot& snapshot, const char* place_name, int place) {
  object.set("phase", std::string(to_string(snapshot.phase)));
  object.set(place_name, place);
  object.set("diverged", snapshot.diverged);
  object.set("message", snapshot.message);
}

// The parameter buffer (copies): parameters, gradients, lastUpdates.
template <typename AnySnapshot>
void set_parameter_fields(val& object, const AnySnapshot& snapshot) {
  object.set("parameters", float_array(snapshot.parameters));
  object.set("gradients", float_array(snapshot.gradients));
  object.set("lastUpdates", float_array(snapshot.last_updates));
}

}  // namespace algorhythm::js
