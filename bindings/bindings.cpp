// The embind registration table: which engine calls JavaScript sees, under which names.
// Every call goes through `guarded`, which turns a C++ exception into the module's pending error
// (Module.engineError, thrown as a JS Error by web/src/engine/run.js), so a bad setting never aborts
// the module. Objects of class Trainer must be delete()d by their owner.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "js_values.hpp"

#include <exception>
#include <memory>
#include <string>

#include "algorhythm/colours.hpp"
#include "algorhythm/csv.hpp"
#include "convert.hpp"
#include "trainer_handle.hpp"

namespace algorhythm::js {
namespace {

// What run.js needs to read snapshotNumbers: the names of the scalars and arrays, and the phases.
val snapshot_layout() {
  val scalars = val::array(), arrays = val::array();
  for (const char* name : kSnapshotScalarNames) scalars.call<void>("push", std::string(name));
  for (const char* name : kSnapshotArrayNames) arrays.call<void>("push", std::string(name));
  val layout = val::object();
  layout.set("scalars", scalars);
  layout.set("arrays", arrays);
  layout.set("phases", phase_names());
  return layout;
}

// The object JavaScript holds. Methods take and return plain JS values (see bindings/README.md); the
// calls both engines share are in TrainerHandleBase (trainer_handle.hpp).
class TrainerHandle : public TrainerHandleBase<Trainer, Granularity> {
 public:
  void reset(const val& options) {
    guarded([&] {
      const Settings settings = settings_from(options, Settings{});
      const val data_spec = has(options, "data") ? options["data"] : val::object();  // reset(null) too
      trainer_.reset(settings, dataset_from_spec(data_spec));
    });
  }
  void set_hyperparameters(const val& hyper) {
    guarded([&] { trainer_.set_hyperparameters(hyperparameters_from(hyper, trainer_.hyperparameters())); });
  }
  void set_parameters(const val& values) {
    guarded([&] { trainer_.set_parameters(floats_from(values, "parameters")); });
  }
  void set_data(const val& dataset) { guarded([&] { trainer_.set_data(dataset_from(dataset)); }); }

  val snapshot() { return guarded([&] { return snapshot_to(trainer_.snapshot()); }); }
  // The snapshot for run.js (pack_snapshot): returns a view of the numbers; snapshot_floats() then
  // returns a view of the arrays, both valid until the next engine call. Nothing is allocated between
  // the two calls, so the first view is still valid when the second is made.
  val snapshot_numbers() {
    return guarded([&] {
      pack_snapshot(trainer_.snapshot(), snapshot_numbers_, snapshot_floats_);
      return val(emscripten::typed_memory_view(snapshot_numbers_.size(), snapshot_numbers_.data()));
    });
  }
  val snapshot_floats() const { return val(emscripten::typed_memory_view(snapshot_floats_.size(), snapshot_floats_.data())); }
  val shape() const { return guarded([&] { return shape_to(trainer_.shape(), trainer_.input_names()); }); }
  val data() const { return guarded([&] { return dataset_to(trainer_.data()); }); }
  val settings() const { return guarded([&] { return settings_to(trainer_.settings(), trainer_.hyperparameters()); }); }
  // A view into wasm memory, valid until the next engine call: the JS layer copies or draws it at once.
  val grid_view(const val& spec) {
    return guarded([&] {
      const std::vector<float>& values = trainer_.evaluate_grid(grid_from(spec));
      return val(emscripten::typed_memory_view(values.size(), values.data()));
    });
  }
  // The colours of channels of the grid (evaluated unless the last evaluation is current) as a view
  // into wasm memory of uint32 RGBA pixels, valid until the next engine call. table: the colour table
  // (Uint32Array); channels: a Float64Array of [channel, low, high, stride] quadruples (run.js packs
  // it). The images follow one another in the channels' order (colours.hpp gives their sizes).
  val colour_view(const val& spec, const val& table, const val& channels) {
    return guarded([&] {
      const GridSpec grid = grid_from(spec);
      const std::vector<std::uint32_t> colour_table = numbers_from<std::uint32_t>(table, "colour table");
      const std::vector<ColourChannel> wanted = colour_channels_from(numbers_from<double>(channels, "colour channels"));
      const std::vector<float>& values = trainer_.current_grid(grid);
      const int channel_count = trainer_.shape().input_count() + trainer_.shape().neuron_count();
      paint_channels(values.data(), channel_count, grid.rows, grid.columns, colour_table.data(),
                     static_cast<int>(colour_table.size()), wanted, colours_);
      return val(emscripten::typed_memory_view(colours_.size(), colours_.data()));
    });
  }
  val predict(const val& rows) { return guarded([&] { return float_array(trainer_.predict(floats_from(rows, "rows"))); }); }
  std::string to_csv() const { return guarded([&] { return algorhythm::to_csv(trainer_.data()); }); }

 private:
  std::vector<std::uint32_t> colours_;  // colour_view's pixels
  std::vector<double> snapshot_numbers_;
  std::vector<float> snapshot_floats_;
};

}  // namespace
}  // namespace algorhythm::js

EMSCRIPTEN_BINDINGS(algorhythm) {
  using algorhythm::js::TrainerHandle;
  const emscripten::class_<TrainerHandle> trainer("Trainer");
  trainer.constructor<>();
  algorhythm::js::register_timeline_calls(trainer);
  trainer.function("setParameters", &TrainerHandle::set_parameters)
      .function("setData", &TrainerHandle::set_data)
      .function("snapshot", &TrainerHandle::snapshot)
      .function("snapshotNumbers", &TrainerHandle::snapshot_numbers)
      .function("snapshotFloats", &TrainerHandle::snapshot_floats)
      .function("shape", &TrainerHandle::shape)
      .function("data", &TrainerHandle::data)
      .function("settings", &TrainerHandle::settings)
      .function("gridView", &TrainerHandle::grid_view)
      .function("colourView", &TrainerHandle::colour_view)
      .function("predict", &TrainerHandle::predict)
      .function("toCsv", &TrainerHandle::to_csv);
  algorhythm::js::register_memory_calls(trainer);
  emscripten::function("snapshotLayout", &algorhythm::js::snapshot_layout);
}
