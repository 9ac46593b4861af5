// Conversions between JavaScript values and the engine's C++ types (the only place that knows both).
#pragma once

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "algorhythm/colours.hpp"
#include "algorhythm/dataset.hpp"
#include "algorhythm/grid.hpp"
#include "algorhythm/settings.hpp"
#include "algorhythm/snapshot.hpp"
#include "algorhythm/trainer.hpp"

namespace algorhythm::js {

using emscripten::val;

// JS -> C++. Each throws std::invalid_argument naming the field when a value has the wrong type.
Settings settings_from(const val& object, const Settings& defaults);
Hyperparameters hyperparameters_from(const val& object, const Hyperparameters& defaults);
Dataset dataset_from_spec(const val& spec);  // { kind: 'songs4' | ... } as documented in bindings/README.md
Dataset dataset_from(const val& object);      // a data set object as returned by dataset_to
GridSpec grid_from(const val& object);
// An array or typed array of numbers as floats (numbers_from, js_values.hpp); undefined or null: none.
std::vector<float> floats_from(const val& array, const char* what);
// [channel, low, high, stride] quadruples -> channels; whole numbers checked here, the rest by paint_channels.
std::vector<ColourChannel> colour_channels_from(const std::vector<double>& packed);

// C++ -> JS. Typed arrays are copies: they stay valid when wasm memory grows.
val snapshot_to(const Snapshot& snapshot);
// The snapshot as numbers for the JS layer, which builds the same object as snapshot_to from views of
// them (web/src/engine/run.js): far fewer calls across the boundary than setting 28 fields one by one.
// numbers: the scalars in kSnapshotScalarNames' order, then the length of each of kSnapshotArrayNames'
// arrays; floats: those arrays one after the other. The phase is an index into phase_names().
extern const char* const kSnapshotScalarNames[18];
extern const char* const kSnapshotArrayNames[10];
void pack_snapshot(const Snapshot& snapshot, std::vector<double>& numbers, std::vector<float>& floats);
val phase_names();
val shape_to(const NetworkShape& shape, const std::vector<std::string>& input_names);
val dataset_to(const Dataset& data);
val settings_to(const Settings& settings, const Hyperparameters& current);
val hyperparameters_to(const Hyperparameters& hyper);  // the fields hyperparameters_from reads
val float_array(const std::vector<float>& values);

}  // namespace algorhythm::js
