// Conversions between JavaScript values and the melody engine's C++ types (see bindings/README.md,
// "Melodies"). The feed-forward conversions are in convert.hpp; hyper-parameters are shared with them.
#pragma once

#include <emscripten/val.h>

#include <cstdint>
#include <vector>

#include "algorhythm/melody.hpp"
#include "algorhythm/recurrent.hpp"
#include "algorhythm/recurrent_snapshot.hpp"
#include "algorhythm/recurrent_trainer.hpp"

namespace algorhythm::js {

using emscripten::val;

// JS -> C++. Each throws std::invalid_argument naming the field and what it must be.

// { melody: 'C4/4 ...' | tune: 'twinkle', cell, hidden, truncation, gradientClip, hyper: {...}, seed }.
// The melody text wins over the tune name; with neither, "Twinkle, Twinkle". Missing fields take the
// defaults of RecurrentSettings.
struct MelodyRunSpec {
  RecurrentSettings settings;
  Melody melody;
};
MelodyRunSpec melody_run_from(const val& options);

// { ...hyper fields, gradientClip }: the fields given replace the current values.
struct MelodyHyperparameters {
  Hyperparameters hyper;
  float gradient_clip;
};
MelodyHyperparameters melody_hyperparameters_from(const val& options, const Hyperparameters& hyper, float gradient_clip);

// { start: a token number or a note's text like 'C4/4' (default: the melody's first note), length: 32,
//   temperature: 1, seed: 1 }.
struct SampleSpec {
  int start_token;
  int length;
  float temperature;
  std::uint64_t seed;
};
SampleSpec sample_spec_from(const val& options, const Vocabulary& vocabulary, int default_start);

// C++ -> JS: plain objects; typed arrays are copies that stay valid when wasm memory grows.
val recurrent_snapshot_to(const RecurrentSnapshot& snapshot);
val recurrent_shape_to(const RecurrentShape& shape, int truncation, int windows_per_epoch);
val recurrent_settings_to(const RecurrentSettings& settings, const Hyperparameters& hyper, float gradient_clip);
val vocabulary_to(const Vocabulary& vocabulary);                        // [{ token, pitch, duration, text }]
val notes_to(const Melody& melody);                                     // { text, pitches, durations }
val melody_to(const Melody& melody, const std::vector<int>& tokens);    // the same and tokens
val generated_to(const GeneratedSequence& generated, const Vocabulary& vocabulary);
val tunes_to();                                                         // [{ name, title, text }]

}  // namespace algorhythm::js
