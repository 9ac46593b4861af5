// JS objects <-> the melody engine's structs. Typed arrays are made with one bulk copy each.
#include "melody_convert.hpp"

#include <emscripten/bind.h>

#include <stdexcept>
#include <string>

#include "algorhythm/tunes.hpp"
#include "convert.hpp"
#include "js_values.hpp"
#include "snapshot_fields.hpp"

namespace algorhythm::js {
namespace {

using emscripten::typed_memory_view;

std::string tune_names() {
  std::string names;
  for (const Tune& tune : tunes()) names += (names.empty() ? "" : ", ") + std::string(tune.name);
  return names;
}

val int_array(const std::vector<int>& values) { return typed_copy("Int32Array", values.data(), values.size()); }

}  // namespace

MelodyRunSpec melody_run_from(const val& o) {
  const char* where = "options";
  MelodyRunSpec spec;
  RecurrentSettings& s = spec.settings;
  const std::string cell = string_field(o, "cell", to_string(s.cell), where);
  if (!parse(cell, s.cell)) throw std::invalid_argument("options.cell: unknown cell '" + cell + "' (elman or lstm)");
  s.hidden = int_field(o, "hidden", s.hidden, where);
  s.truncation = int_field(o, "truncation", s.truncation, where);
  s.gradient_clip = static_cast<float>(number_field(o, "gradientClip", s.gradient_clip, where));
  if (has(o, "hyper")) s.hyper = hyperparameters_from(o["hyper"], s.hyper);
  s.seed = seed_field(o, "seed", s.seed, where);
  if (has(o, "melody")) {
    spec.melody = parse_melody(string_field(o, "melody", "", where));
  } else {
    const std::string name = string_field(o, "tune", "twinkle", where);
    const Tune* tune = find_tune(name);
    if (!tune) throw std::invalid_argument("options.tune: unknown tune '" + name + "' (" + tune_names() + ")");
    spec.melody = parse_melody(tune->text);
  }
  return spec;
}

MelodyHyperparameters melody_hyperparameters_from(const val& o, const Hyperparameters& hyper, float gradient_clip) {
  return {hyperparameters_from(o, hyper),
          static_cast<float>(number_field(o, "gradientClip", gradient_clip, "hyper"))};
}

SampleSpec sample_spec_from(const val& o, const Vocabulary& vocabulary, int default_start) {
  const char* where = "sample";
  SampleSpec spec{default_start, 32, 1.0f, 1};
  if (has(o, "start")) {
    const val start = o["start"];
    if (type_of(start) == "string") {
      const Melody note = parse_melody(start.as<std::string>());
      if (note.size() != 1) throw std::invalid_argument("sample.start must be one note, like 'C4/4'");
      spec.start_token = vocabulary.token_of(note[0]);
      if (spec.start_token < 0) {
        throw std::invalid_argument("sample.start: the note " + to_text(note[0]) +
                                    " is not in the vocabulary (the distinct notes of the training melody)");
      }
    } else {
      spec.start_token = int_field(o, "start", default_start, where);  // range checked by sample_sequence
    }
  }
  spec.length = int_field(o, "length", spec.length, where);
  spec.temperature = static_cast<float>(number_field(o, "temperature", spec.temperature, where));
  spec.seed = seed_field(o, "seed", 1, where);
  return spec;
}

val recurrent_snapshot_to(const RecurrentSnapshot& s) {
  val o = val::object();
  set_position_fields(o, s);
  o.set("window", s.window);
  o.set("windowsPerEpoch", s.windows_per_epoch);
  o.set("windowStart", s.window_start);
  o.set("steps", static_cast<int>(s.inputs.size()));
  set_phase_fields(o, s, "phaseStep", s.phase_step);
  o.set("inputs", int_array(s.inputs));
  o.set("targets", int_array(s.targets));
  o.set("initialHidden", float_array(s.initial_hidden));
  o.set("initialCell", float_array(s.initial_cell));
  o.set("hidden", float_array(s.hidden));
  o.set("cell", float_array(s.cell));
  o.set("gates", float_array(s.gates));
  o.set("probabilities", float_array(s.probabilities));
  o.set("stepLosses", float_array(s.step_losses));
  o.set("hiddenGradients", float_array(s.hidden_gradients));
  o.set("hiddenGradientNorms", float_array(s.hidden_gradient_norms));
  o.set("recurrentGradientNorms", float_array(s.recurrent_gradient_norms));
  set_parameter_fields(o, s);
  o.set("gradientNorm", s.gradient_norm);
  o.set("clipped", s.clipped);
  o.set("windowLoss", s.window_loss);
  o.set("trainLoss", s.train_loss);
  o.set("trainAccuracy", s.train_accuracy);
  o.set("predictions", int_array(s.predictions));
  return o;
}

val recurrent_shape_to(const RecurrentShape& shape, int truncation, int windows_per_epoch) {
  const int V = shape.vocabulary, H = shape.hidden, GH = shape.pre_activations();
  auto block = [](int offset, int rows, int columns) {
    val b = val::object();
    b.set("offset", offset);
    b.set("rows", rows);
    b.set("columns", columns);
    return b;
  };
  val gate_names = val::array();
  if (shape.cell == Cell::Lstm) {
    for (const char* name : {"input", "forget", "candidate", "output"}) gate_names.call<void>("push", std::string(name));
  } else {
    gate_names.call<void>("push", std::string("hidden"));
  }
  val o = val::object();
  o.set("cell", std::string(to_string(shape.cell)));
  o.set("hidden", H);
  o.set("vocabularySize", V);
  o.set("gates", shape.gates);
  o.set("gateNames", gate_names);
  o.set("parameterCount", shape.parameter_count);
  o.set("truncation", truncation);
  o.set("windowsPerEpoch", windows_per_epoch);
  o.set("inputWeights", block(shape.input_weights, GH, V));
  o.set("recurrentWeights", block(shape.recurrent_weights, GH, H));
  o.set("hiddenBias", block(shape.hidden_bias, GH, 1));
  o.set("outputWeights", block(shape.output_weights, V, H));
  o.set("outputBias", block(shape.output_bias, V, 1));
  return o;
}

val recurrent_settings_to(const RecurrentSettings& s, const Hyperparameters& hyper, float gradient_clip) {
  val o = val::object();
  o.set("cell", std::string(to_string(s.cell)));
  o.set("hidden", s.hidden);
  o.set("truncation", s.truncation);
  o.set("gradientClip", gradient_clip);
  o.set("hyper", hyperparameters_to(hyper));  // as the feed-forward settings spell them
  o.set("seed", static_cast<double>(s.seed));
  return o;
}

val vocabulary_to(const Vocabulary& vocabulary) {
  val array = val::array();
  for (int token = 0; token < vocabulary.size(); ++token) {
    const Note& note = vocabulary.note(token);
    val entry = val::object();
    entry.set("token", token);
    entry.set("pitch", note.pitch);
    entry.set("duration", note.duration);
    entry.set("text", to_text(note));
    array.call<void>("push", entry);
  }
  return array;
}

val notes_to(const Melody& melody) {
  std::vector<int> pitches, durations;
  for (const Note& note : melody) {
    pitches.push_back(note.pitch);
    durations.push_back(note.duration);
  }
  val o = val::object();
  o.set("text", to_text(melody));
  o.set("pitches", int_array(pitches));  // MIDI numbers, -1 for a rest
  o.set("durations", int_array(durations));  // sixteenths
  return o;
}

val melody_to(const Melody& melody, const std::vector<int>& tokens) {
  val o = notes_to(melody);
  o.set("tokens", int_array(tokens));
  return o;
}

val generated_to(const GeneratedSequence& generated, const Vocabulary& vocabulary) {
  val o = melody_to(vocabulary.decode(generated.tokens), generated.tokens);
  o.set("distributions", float_array(generated.distributions));
  return o;
}

val tunes_to() {
  val array = val::array();
  for (const Tune& tune : tunes()) {
    val entry = val::object();
    entry.set("name", std::string(tune.name));
    entry.set("title", std::string(tune.title));
    entry.set("text", std::string(tune.text));
    array.call<void>("push", entry);
  }
  return array;
}

}  // namespace algorhythm::js
