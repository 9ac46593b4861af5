// JS objects <-> engine structs. Typed arrays are made with one bulk copy each, never element by element.
#include "convert.hpp"
#include "js_values.hpp"
#include "snapshot_fields.hpp"

#include <emscripten/bind.h>

#include <stdexcept>

#include "algorhythm/csv.hpp"
#include "algorhythm/datasets.hpp"
#include "algorhythm/features.hpp"

namespace algorhythm::js {
namespace {

using emscripten::typed_memory_view;

template <typename Enum>
Enum enum_field(const val& object, const char* key, Enum fallback, const char* where) {
  if (!has(object, key)) return fallback;
  const std::string name = string_field(object, key, "", where);
  Enum result{};
  if (!parse(name, result)) {
    throw std::invalid_argument(std::string(where) + "." + key + ": unknown value '" + name + "'");
  }
  return result;
}

std::vector<std::string> strings_from(const val& array, const char* what) {
  std::vector<std::string> result;
  if (array.isUndefined() || array.isNull()) return result;
  if (!array.isArray()) throw std::invalid_argument(std::string(what) + " must be an array of strings");
  const int length = array["length"].as<int>();
  result.reserve(length);
  for (int i = 0; i < length; ++i) {
    const val item = array[i];
    if (type_of(item) != "string") {
      throw std::invalid_argument(std::string(what) + "[" + std::to_string(i) + "] must be a string, got a " + type_of(item));
    }
    result.push_back(item.as<std::string>());
  }
  return result;
}

// The short names the page and the URL use for the derived planar inputs.
constexpr const char* kFeatureNames[kFeatureKinds] = {"x", "y", "x2", "y2", "xy", "sinx", "siny"};

bool parse_feature(const std::string& name, Feature& feature) {
  for (int k = 0; k < kFeatureKinds; ++k) {
    if (name == kFeatureNames[k]) {
      feature = static_cast<Feature>(k);
      return true;
    }
  }
  return false;
}

val strings_to(const std::vector<std::string>& strings) {
  val array = val::array();
  for (const std::string& s : strings) array.call<void>("push", s);
  return array;
}

}  // namespace

std::vector<float> floats_from(const val& array, const char* what) {
  if (array.isUndefined() || array.isNull()) return {};
  return numbers_from<float>(array, what);
}

std::vector<ColourChannel> colour_channels_from(const std::vector<double>& packed) {
  if (packed.size() % 4 != 0) throw std::invalid_argument("colour channels come as [channel, low, high, stride] quadruples");
  std::vector<ColourChannel> channels(packed.size() / 4);
  for (std::size_t k = 0; k < channels.size(); ++k) {
    const double* quadruple = packed.data() + 4 * k;
    for (int whole : {0, 3}) {
      const double value = quadruple[whole];
      if (!(value >= 0 && value <= 1e6) || value != static_cast<double>(static_cast<int>(value))) {
        throw std::invalid_argument("colour channel " + std::to_string(k) + ": the " + (whole == 0 ? "channel" : "stride") +
                                    " must be a whole number from 0, got " + std::to_string(value));
      }
    }
    channels[k] = {static_cast<int>(quadruple[0]), quadruple[1], quadruple[2], static_cast<int>(quadruple[3])};
  }
  return channels;
}

val float_array(const std::vector<float>& values) { return typed_copy("Float32Array", values.data(), values.size()); }

Hyperparameters hyperparameters_from(const val& o, const Hyperparameters& defaults) {
  Hyperparameters h = defaults;
  const char* where = "hyper";
  h.learning_rate = static_cast<float>(number_field(o, "learningRate", h.learning_rate, where));
  h.optimizer = enum_field(o, "optimizer", h.optimizer, where);
  h.momentum = static_cast<float>(number_field(o, "momentum", h.momentum, where));
  h.adam_beta1 = static_cast<float>(number_field(o, "beta1", h.adam_beta1, where));
  h.adam_beta2 = static_cast<float>(number_field(o, "beta2", h.adam_beta2, where));
  h.adam_epsilon = static_cast<float>(number_field(o, "epsilon", h.adam_epsilon, where));
  h.regularization = enum_field(o, "regularization", h.regularization, where);
  h.regularization_rate = static_cast<float>(number_field(o, "regularizationRate", h.regularization_rate, where));
  h.batch_size = int_field(o, "batchSize", h.batch_size, where);
  h.loss = enum_field(o, "loss", h.loss, where);
  return h;
}

Settings settings_from(const val& o, const Settings& defaults) {
  Settings s = defaults;
  if (has(o, "network")) {
    const val network = o["network"];
    if (has(network, "hidden")) {
      const val hidden = network["hidden"];
      if (!hidden.isArray()) throw std::invalid_argument("network.hidden must be an array of layers");
      const int count = hidden["length"].as<int>();
      if (count > kMaxHiddenLayers) {
        throw std::invalid_argument("too many hidden layers: " + std::to_string(count) + " (at most " +
                                    std::to_string(kMaxHiddenLayers) + ")");
      }
      s.network.hidden.clear();
      for (int l = 0; l < count; ++l) {
        LayerSpec layer;
        layer.size = int_field(hidden[l], "size", layer.size, "network.hidden[]");
        layer.activation = enum_field(hidden[l], "activation", layer.activation, "network.hidden[]");
        s.network.hidden.push_back(layer);
      }
    }
    s.network.output_activation = enum_field(network, "outputActivation", s.network.output_activation, "network");
  }
  if (has(o, "hyper")) s.hyper = hyperparameters_from(o["hyper"], s.hyper);
  if (has(o, "features")) {
    const std::vector<std::string> names = strings_from(o["features"], "features");
    std::uint32_t mask = 0;
    for (const std::string& name : names) {
      Feature feature{};
      if (!parse_feature(name, feature)) throw std::invalid_argument("features: unknown input feature '" + name + "'");
      mask |= 1u << static_cast<int>(feature);
    }
    s.feature_mask = mask;
  }
  s.seed = seed_field(o, "seed", s.seed, "settings");
  return s;
}

Dataset dataset_from_spec(const val& spec) {
  const char* where = "data";
  const std::string kind = string_field(spec, "kind", "songs4", where);
  if (kind == "songs4") return four_songs();
  if (kind == "songs8") return better_songs();
  if (kind == "and") return logic_gate(LogicGate::And);
  if (kind == "or") return logic_gate(LogicGate::Or);
  if (kind == "xor") return logic_gate(LogicGate::Xor);
  if (kind == "planar") {
    PlanarOptions options;
    options.shape = enum_field(spec, "shape", options.shape, where);
    options.points = int_field(spec, "points", options.points, where);
    options.noise = static_cast<float>(number_field(spec, "noise", options.noise, where));
    options.test_fraction = static_cast<float>(number_field(spec, "testFraction", options.test_fraction, where));
    options.seed = static_cast<std::uint64_t>(int_field(spec, "seed", 1, where));
    return planar_dataset(options);
  }
  if (kind == "csv") {
    CsvOptions options;
    options.label_column = string_field(spec, "labelColumn", "", where);
    options.test_fraction = static_cast<float>(number_field(spec, "testFraction", 0, where));
    options.seed = static_cast<std::uint64_t>(int_field(spec, "seed", 1, where));
    return parse_csv(string_field(spec, "text", "", where), options);
  }
  if (kind == "custom") return dataset_from(spec["dataset"]);
  throw std::invalid_argument("data.kind: unknown data set '" + kind +
                              "' (songs4, songs8, and, or, xor, planar, csv or custom)");
}

Dataset dataset_from(const val& o) {
  if (type_of(o) != "object" || o.isNull()) throw std::invalid_argument("a data set must be an object");
  const char* where = "dataset";
  Dataset d;
  d.name = string_field(o, "name", "", where);
  d.task = enum_field(o, "task", Task::Binary, where);
  d.feature_names = strings_from(o["featureNames"], "dataset.featureNames");
  d.class_names = strings_from(o["classNames"], "dataset.classNames");
  d.row_names = strings_from(o["rowNames"], "dataset.rowNames");
  d.features = floats_from(o["features"], "dataset.features");
  d.targets = floats_from(o["targets"], "dataset.targets");
  const std::vector<float> is_test = floats_from(o["isTest"], "dataset.isTest");
  d.is_test.assign(is_test.size(), 0);
  for (std::size_t r = 0; r < is_test.size(); ++r) d.is_test[r] = is_test[r] != 0.0f ? 1 : 0;
  if (is_test.empty()) d.is_test.assign(d.targets.size(), 0);
  d.planar = bool_field(o, "planar", false);
  if (has(o, "domain")) {
    const std::vector<float> domain = floats_from(o["domain"], "dataset.domain");
    if (domain.size() != 2) throw std::invalid_argument("dataset.domain must be [min, max]");
    d.domain_min = domain[0];
    d.domain_max = domain[1];
  }
  return d;
}

GridSpec grid_from(const val& o) {
  // Every field in one call into JavaScript (a frame reads the spec twice: the grid, the colours).
  // Only numbers and an empty `fixed` are taken from there; anything else goes through the field
  // readers, which give it the meaning and the error messages of the other specs' fields.
  const char* where = "grid";
  enum { kXFeature, kYFeature, kXMin, kXMax, kYMin, kYMax, kColumns, kRows, kFixed, kFields };
  FieldKind kinds[kFields];
  double numbers[kFields];
  read_fields(o, "xFeature,yFeature,xMin,xMax,yMin,yMax,columns,rows,fixed", kFields, kinds, numbers);
  const auto number = [&](int k, const char* key, double fallback) {
    if (kinds[k] == FieldKind::Absent) return fallback;
    return kinds[k] == FieldKind::Number ? numbers[k] : number_field(o, key, fallback, where);
  };
  const auto whole = [&](int k, const char* key, int fallback) { return whole_field_value(number(k, key, fallback), key, where); };
  GridSpec g;
  g.x_feature = whole(kXFeature, "xFeature", g.x_feature);
  g.y_feature = whole(kYFeature, "yFeature", g.y_feature);
  g.x_min = static_cast<float>(number(kXMin, "xMin", g.x_min));
  g.x_max = static_cast<float>(number(kXMax, "xMax", g.x_max));
  g.y_min = static_cast<float>(number(kYMin, "yMin", g.y_min));
  g.y_max = static_cast<float>(number(kYMax, "yMax", g.y_max));
  g.columns = whole(kColumns, "columns", g.columns);
  g.rows = whole(kRows, "rows", g.rows);
  const bool empty_array = kinds[kFixed] == FieldKind::Other && numbers[kFixed] == 0;
  if (kinds[kFixed] != FieldKind::Absent && !empty_array) g.fixed = floats_from(o["fixed"], "grid.fixed");
  return g;
}

val snapshot_to(const Snapshot& s) {
  val o = val::object();
  set_position_fields(o, s);
  o.set("exampleInEpoch", s.example_in_epoch);
  o.set("exampleRow", s.example_row);
  o.set("batchPosition", s.batch_position);
  set_phase_fields(o, s, "phaseLayer", s.phase_layer);
  o.set("inputs", float_array(s.inputs));
  o.set("target", float_array(s.target));
  o.set("weightedSums", float_array(s.weighted_sums));
  o.set("activations", float_array(s.activations));
  o.set("outputGradients", float_array(s.output_gradients));
  o.set("deltas", float_array(s.deltas));
  set_parameter_fields(o, s);
  o.set("exampleLoss", s.example_loss);
  o.set("batchLoss", s.batch_loss);
  o.set("trainLoss", s.train_loss);
  o.set("testLoss", s.test_loss);
  o.set("trainAccuracy", s.train_accuracy);
  o.set("testAccuracy", s.test_accuracy);
  o.set("rowOutputs", float_array(s.row_outputs));
  return o;
}

const char* const kSnapshotScalarNames[18] = {
    "tick", "firstTick", "updates", "epoch", "epochsCompleted", "exampleInEpoch", "exampleRow", "batchPosition",
    "phase", "phaseLayer", "diverged", "messageLength", "exampleLoss", "batchLoss", "trainLoss", "testLoss",
    "trainAccuracy", "testAccuracy"};
const char* const kSnapshotArrayNames[10] = {"inputs", "target", "weightedSums", "activations", "outputGradients",
                                             "deltas", "parameters", "gradients", "lastUpdates", "rowOutputs"};

void pack_snapshot(const Snapshot& s, std::vector<double>& numbers, std::vector<float>& floats) {
  numbers = {static_cast<double>(s.tick), static_cast<double>(s.first_tick), static_cast<double>(s.updates),
             static_cast<double>(s.epoch), static_cast<double>(s.epochs_completed),
             static_cast<double>(s.example_in_epoch), static_cast<double>(s.example_row),
             static_cast<double>(s.batch_position), static_cast<double>(static_cast<int>(s.phase)),
             static_cast<double>(s.phase_layer), s.diverged ? 1.0 : 0.0, static_cast<double>(s.message.size()),
             s.example_loss, s.batch_loss, s.train_loss, s.test_loss, s.train_accuracy, s.test_accuracy};
  const std::vector<float>* arrays[] = {&s.inputs, &s.target, &s.weighted_sums, &s.activations, &s.output_gradients,
                                        &s.deltas, &s.parameters, &s.gradients, &s.last_updates, &s.row_outputs};
  floats.clear();
  for (const std::vector<float>* array : arrays) {
    numbers.push_back(static_cast<double>(array->size()));
    floats.insert(floats.end(), array->begin(), array->end());
  }
}

val phase_names() {
  val names = val::array();
  for (int k = 0; k <= static_cast<int>(Phase::Edit); ++k) names.call<void>("push", std::string(to_string(static_cast<Phase>(k))));
  return names;
}

val shape_to(const NetworkShape& shape, const std::vector<std::string>& input_names) {
  val o = val::object();
  o.set("inputs", shape.input_count());
  o.set("inputNames", strings_to(input_names));
  o.set("outputs", shape.output_layer().neurons);
  o.set("parameterCount", shape.parameter_count());
  o.set("neuronCount", shape.neuron_count());
  val layers = val::array();
  for (int l = 0; l < shape.layer_count(); ++l) {
    const LayerShape& layer = shape.layer(l);
    val entry = val::object();
    entry.set("inputs", layer.inputs);
    entry.set("neurons", layer.neurons);
    entry.set("activation", std::string(layer.softmax ? "softmax" : to_string(layer.activation)));
    entry.set("softmax", layer.softmax);
    entry.set("weightOffset", layer.weight_offset);
    entry.set("biasOffset", layer.bias_offset);
    entry.set("neuronOffset", layer.neuron_offset);
    layers.call<void>("push", entry);
  }
  o.set("layers", layers);
  return o;
}

val dataset_to(const Dataset& d) {
  val o = val::object();
  o.set("name", d.name);
  o.set("task", std::string(to_string(d.task)));
  o.set("featureNames", strings_to(d.feature_names));
  o.set("classNames", strings_to(d.class_names));
  o.set("rowNames", strings_to(d.row_names));
  o.set("features", float_array(d.features));
  o.set("targets", float_array(d.targets));
  o.set("isTest", typed_copy("Uint8Array", d.is_test.data(), d.is_test.size()));
  o.set("planar", d.planar);
  val domain = val::array();
  domain.call<void>("push", d.domain_min);
  domain.call<void>("push", d.domain_max);
  o.set("domain", domain);
  return o;
}

val hyperparameters_to(const Hyperparameters& h) {
  val hyper = val::object();
  hyper.set("learningRate", h.learning_rate);
  hyper.set("optimizer", std::string(to_string(h.optimizer)));
  hyper.set("momentum", h.momentum);
  hyper.set("beta1", h.adam_beta1);
  hyper.set("beta2", h.adam_beta2);
  hyper.set("epsilon", h.adam_epsilon);
  hyper.set("regularization", std::string(to_string(h.regularization)));
  hyper.set("regularizationRate", h.regularization_rate);
  hyper.set("batchSize", h.batch_size);
  hyper.set("loss", std::string(to_string(h.loss)));
  return hyper;
}

val settings_to(const Settings& s, const Hyperparameters& h) {
  val hidden = val::array();
  for (const LayerSpec& layer : s.network.hidden) {
    val entry = val::object();
    entry.set("size", layer.size);
    entry.set("activation", std::string(to_string(layer.activation)));
    hidden.call<void>("push", entry);
  }
  val network = val::object();
  network.set("hidden", hidden);
  network.set("outputActivation", std::string(to_string(s.network.output_activation)));
  val features = val::array();
  for (int k = 0; k < kFeatureKinds; ++k) {
    if (s.feature_mask & (1u << k)) features.call<void>("push", std::string(kFeatureNames[k]));
  }
  val o = val::object();
  o.set("network", network);
  o.set("hyper", hyperparameters_to(h));
  o.set("features", features);
  o.set("seed", static_cast<double>(s.seed));
  return o;
}

}  // namespace algorhythm::js
