// The embind registration of the melody engine: class MelodyTrainer and the functions tunes() and
// parseMelody(). Every call turns a C++ exception into the module's pending error (Module.engineError,
// thrown as a JS Error by web/src/engine/melody-run.js), so a bad melody or setting never aborts the
// module. Objects of class MelodyTrainer must be delete()d by their owner.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "js_values.hpp"

#include <exception>
#include <string>

#include "algorhythm/recurrent_trainer.hpp"
#include "melody_convert.hpp"
#include "trainer_handle.hpp"

namespace algorhythm::js {
namespace {

// The object JavaScript holds (see bindings/README.md, "Melodies"); the calls both engines share are in
// TrainerHandleBase (trainer_handle.hpp).
class MelodyTrainerHandle : public TrainerHandleBase<RecurrentTrainer, RecurrentGranularity> {
 public:
  void reset(const val& options) {
    guarded([&] {
      const MelodyRunSpec spec = melody_run_from(options);
      trainer_.reset(spec.settings, spec.melody);
    });
  }
  void set_hyperparameters(const val& options) {
    guarded([&] {
      const MelodyHyperparameters h =
          melody_hyperparameters_from(options, trainer_.hyperparameters(), trainer_.gradient_clip());
      trainer_.set_hyperparameters(h.hyper, h.gradient_clip);
    });
  }

  val snapshot() { return guarded([&] { return recurrent_snapshot_to(trainer_.snapshot()); }); }
  val shape() const {
    return guarded([&] {
      return recurrent_shape_to(trainer_.shape(), trainer_.settings().truncation, trainer_.windows_per_epoch());
    });
  }
  val settings() const {
    return guarded([&] {
      return recurrent_settings_to(trainer_.settings(), trainer_.hyperparameters(), trainer_.gradient_clip());
    });
  }
  val vocabulary() const { return guarded([&] { return vocabulary_to(trainer_.vocabulary()); }); }
  val melody() const { return guarded([&] { return melody_to(trainer_.melody(), trainer_.tokens()); }); }
  val sample(const val& options) const {
    return guarded([&] {
      const SampleSpec spec = sample_spec_from(options, trainer_.vocabulary(), trainer_.tokens()[0]);
      return generated_to(trainer_.sample(spec.start_token, spec.length, spec.temperature, spec.seed),
                          trainer_.vocabulary());
    });
  }
};

val tunes_js() { return guarded([] { return tunes_to(); }); }

// { text (normalised), pitches, durations } of a melody's text; a bad note is an error naming it.
val parse_melody_js(const std::string& text) {
  return guarded([&] { return notes_to(parse_melody(text)); });
}

}  // namespace
}  // namespace algorhythm::js

EMSCRIPTEN_BINDINGS(algorhythm_melody) {
  using algorhythm::js::MelodyTrainerHandle;
  const emscripten::class_<MelodyTrainerHandle> trainer("MelodyTrainer");
  trainer.constructor<>();
  algorhythm::js::register_timeline_calls(trainer);
  trainer.function("snapshot", &MelodyTrainerHandle::snapshot)
      .function("shape", &MelodyTrainerHandle::shape)
      .function("settings", &MelodyTrainerHandle::settings)
      .function("vocabulary", &MelodyTrainerHandle::vocabulary)
      .function("melody", &MelodyTrainerHandle::melody)
      .function("sample", &MelodyTrainerHandle::sample);
  algorhythm::js::register_memory_calls(trainer);
  emscripten::function("tunes", &algorhythm::js::tunes_js);
  emscripten::function("parseMelody", &algorhythm::js::parse_melody_js);
}
