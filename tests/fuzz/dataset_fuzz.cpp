// Fuzz target: the engine's validation of settings and data, and the training cursor behind it.
//
// The bytes decode (fuzz_input.hpp) into a data set and settings — mostly plausible, often at or just
// past a limit, sometimes absurd (NaN, infinity, INT_MAX neurons, ragged rows, labels that do not fit)
// — then Trainer::reset, then a short program of the calls the page makes: step, seek, step back,
// edits, snapshot, grid, predict, restart, reset.
// Promises checked:
//   - every call either works or throws std::invalid_argument (anything else crashes);
//   - a refused call leaves the run as it was (tick, first tick, parameters, divergence);
//   - a run that has not diverged has finite parameters, and its snapshot agrees with it;
//   - going back and forward again lands on the same parameters, bit for bit (history is exact).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "algorhythm/trainer.hpp"
#include "fuzz_input.hpp"

namespace {

using namespace algorhythm;
using fuzz::FuzzInput;
using fuzz::require;

// A typical value most of the time (so runs get far enough to train), an edge case otherwise.
float setting(FuzzInput& in, float typical) { return in.byte() < 160 ? typical : in.number(); }

// How many rows: mostly a few, rarely the limit or one past it (those inputs are slow to run).
int row_count(FuzzInput& in) {
  const std::uint8_t selector = in.byte();
  if (selector < 250) return selector % 13;
  return selector < 253 ? kMaxRows : kMaxRows + 1;
}

// Three times in four plausible hyper-parameters (each a typical value or a valid variation);
// otherwise each is sometimes an edge case.
Hyperparameters hyperparameters_from(FuzzInput& in) {
  const bool plausible = in.byte() < 192;
  const auto value = [&](float typical) { return plausible ? typical * (1.0f + in.below(4) / 8.0f) : setting(in, typical); };
  Hyperparameters h;
  h.learning_rate = value(0.1f);
  h.optimizer = static_cast<Optimizer>(in.below(3));
  h.momentum = value(0.5f);
  h.adam_beta1 = value(0.5f);
  h.adam_beta2 = value(0.7f);
  h.adam_epsilon = value(1e-8f);
  h.regularization = static_cast<Regularization>(in.below(3));
  h.regularization_rate = value(0.01f);
  h.batch_size = plausible || in.flag() ? 1 + in.below(8) : in.whole();
  h.loss = static_cast<Loss>(in.below(2));
  return h;
}

Settings settings_from(FuzzInput& in) {
  const bool plausible = in.byte() < 192;
  Settings s;
  const int layers = plausible ? in.below(4) : in.below(11);  // up to 10, beyond kMaxHiddenLayers = 8
  for (int l = 0; l < layers; ++l) {
    LayerSpec layer;
    layer.size = plausible || in.flag() ? 1 + in.below(6) : in.whole();
    layer.activation = static_cast<Activation>(in.below(4));
    s.network.hidden.push_back(layer);
  }
  s.network.output_activation = static_cast<Activation>(in.below(4));
  s.hyper = hyperparameters_from(in);
  s.feature_mask = plausible || in.flag() ? 1u + in.below(127) : in.word() & 0x1FFu;  // bits beyond the seven features
  s.seed = in.word();
  return s;
}

// A small plain number: -4 .. 3.75 in quarters.
float small_number(FuzzInput& in) { return static_cast<float>(in.below(32) - 16) / 4.0f; }

// Three times in four a plausible data set (finite features, labels that fit the task, the right
// number of class names), so that runs start and the calls after reset get exercised; otherwise
// anything the decoder can express.
Dataset dataset_from(FuzzInput& in) {
  const bool plausible = in.byte() < 192;
  Dataset d;
  d.name = in.text(8);
  d.task = static_cast<Task>(in.below(3));
  const int features = in.flag() ? 1 + in.below(3) : in.below(19);  // 0 .. 18, beyond kMaxRawFeatures = 16
  const int rows = row_count(in);
  for (int f = 0; f < features; ++f) d.feature_names.push_back(in.flag() ? "f" + std::to_string(f) : in.text(4));
  const int values = rows * features + (plausible || in.byte() < 230 ? 0 : in.below(3) - 1);  // a value short or extra
  for (int v = 0; v < values; ++v) d.features.push_back(plausible ? small_number(in) : in.number());
  const int classes = plausible ? (d.task == Task::Binary ? 2 * in.below(2) : d.task == Task::MultiClass ? 3 + in.below(6) : 0)
                                : in.below(10);
  for (int c = 0; c < classes; ++c) d.class_names.push_back(in.text(4));
  for (int r = 0; r < rows; ++r) {
    if (!plausible) {
      d.targets.push_back(in.flag() ? static_cast<float>(in.below(4)) : in.number());
    } else if (d.task == Task::Regression) {
      d.targets.push_back(small_number(in));
    } else {
      d.targets.push_back(static_cast<float>(in.below(d.task == Task::Binary ? 2 : classes)));
    }
  }
  const int flags = rows + (plausible || in.byte() < 240 ? 0 : in.below(3) - 1);
  for (int r = 0; r < flags; ++r) {
    const std::uint8_t flag = in.byte();
    d.is_test.push_back(flag < 200 ? 0 : flag < 250 || plausible ? 1 : flag);
  }
  const int names = in.below(4) == 0 ? rows + (plausible ? 0 : in.below(2)) : 0;
  for (int r = 0; r < names; ++r) d.row_names.push_back(in.text(6));
  d.planar = (!plausible || features == 2) && in.flag();
  d.domain_min = plausible ? -4.0f : setting(in, -1.0f);
  d.domain_max = plausible ? 4.0f : setting(in, 1.0f);
  return d;
}

// Settings for `data`: three times in four with the loss and output that fit its task.
Settings settings_for(const Dataset& data, FuzzInput& in) {
  Settings s = settings_from(in);
  if (in.byte() < 192) {
    s.hyper.loss = data.task == Task::Regression ? Loss::SquaredError : Loss::CrossEntropy;
    s.network.output_activation = Activation::Sigmoid;
  }
  return s;
}

// The current data with some rows dropped, labels moved and test flags flipped: usually still valid,
// so edits of the data get exercised.
Dataset edited_copy(const Dataset& current, FuzzInput& in) {
  Dataset d = current;
  const int keep = 1 + in.below(std::max(1, std::min(255, d.row_count())));
  if (keep < d.row_count()) {
    d.features.resize(static_cast<std::size_t>(keep) * d.feature_names.size());
    d.targets.resize(keep);
    d.is_test.resize(keep);
    if (!d.row_names.empty()) d.row_names.resize(keep);
  }
  const int changes = in.below(4);
  for (int c = 0; c < changes; ++c) {
    const int row = in.below(std::min(255, d.row_count()));
    switch (in.below(3)) {
      case 0: d.targets[row] = in.flag() ? static_cast<float>(in.below(3)) : in.number(); break;
      case 1: d.is_test[row] ^= 1; break;
      default: d.features[static_cast<std::size_t>(row) * d.feature_names.size()] = in.number(); break;
    }
  }
  return d;
}

GridSpec grid_from(FuzzInput& in, int raw_features) {
  GridSpec g;
  g.x_feature = in.flag() ? 0 : in.whole();
  g.y_feature = in.flag() ? 1 : in.whole();
  g.x_min = setting(in, -6.0f);
  g.x_max = setting(in, 6.0f);
  g.y_min = setting(in, -6.0f);
  g.y_max = setting(in, 6.0f);
  g.columns = in.flag() ? 1 + in.below(8) : in.whole();
  g.rows = in.flag() ? 1 + in.below(8) : in.whole();
  const int fixed = in.flag() ? 0 : raw_features + in.below(3) - 1;
  for (int f = 0; f < fixed; ++f) g.fixed.push_back(in.number());
  return g;
}

bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
}

bool all_finite(const std::vector<float>& values) {
  for (float v : values) {
    if (!std::isfinite(v)) return false;
  }
  return true;
}

// What a refused call must leave untouched.
struct Observed {
  long tick, first_tick;
  bool diverged;
  std::vector<float> parameters;

  explicit Observed(const Trainer& t)
      : tick(t.tick()), first_tick(t.first_tick()), diverged(t.diverged()), parameters(t.parameters()) {}
  bool same_as(const Trainer& t) const {
    return tick == t.tick() && first_tick == t.first_tick() && diverged == t.diverged() &&
           same_bits(parameters, t.parameters());
  }
};

// One call the page could make, chosen by the input. Returns normally or throws std::invalid_argument.
void one_call(Trainer& trainer, FuzzInput& in) {
  const long tick = trainer.tick(), first = trainer.first_tick();
  switch (in.below(11)) {
    case 0: {
      const auto granularity = static_cast<Granularity>(in.below(4));
      // Whole epochs of a large data set are slow: one at most.
      const long most = granularity == Granularity::Epoch && trainer.data().row_count() > 100 ? 1 : 4;
      trainer.step(granularity, in.flag() ? in.below(static_cast<int>(most) + 1) : -in.below(3));
      break;
    }
    case 1: trainer.seek(in.flag() ? first + static_cast<long>(in.word() % static_cast<std::uint32_t>(tick - first + 20))
                                   : -static_cast<long>(in.word())); break;
    case 2: trainer.step_back(in.below(40)); break;
    case 3: {
      const int parameters = trainer.shape().parameter_count();
      trainer.set_parameter(in.flag() ? in.below(parameters + 2) - 1 : in.whole(), in.flag() ? in.number() / 4 : in.number());
      break;
    }
    case 4: trainer.set_hyperparameters(hyperparameters_from(in)); break;
    case 5: trainer.set_data(in.flag() ? edited_copy(trainer.data(), in) : dataset_from(in)); break;
    case 6: {
      const Snapshot& snapshot = trainer.snapshot();
      require(same_bits(snapshot.parameters, trainer.parameters()), "snapshot parameters differ from the run's");
      require(snapshot.row_outputs.size() ==
                  static_cast<std::size_t>(trainer.data().row_count()) * trainer.shape().output_layer().neurons,
              "snapshot has the wrong number of row outputs");
      break;
    }
    case 7: {
      const GridSpec grid = grid_from(in, trainer.data().feature_count());
      const std::size_t channels = static_cast<std::size_t>(trainer.shape().input_count() + trainer.shape().neuron_count());
      require(trainer.evaluate_grid(grid).size() == channels * grid.rows * grid.columns, "grid has the wrong size");
      break;
    }
    case 8: {
      std::vector<float> rows(in.below(10));
      for (float& value : rows) value = in.number();
      trainer.predict(rows);
      break;
    }
    case 9: trainer.restart(); break;
    default: {
      const Dataset data = dataset_from(in);
      trainer.reset(settings_for(data, in), data);
      break;
    }
  }
}

// Back to the middle of the reachable history and forward again: the same parameters, bit for bit.
void check_replay(Trainer& trainer) {
  if (trainer.diverged() || trainer.tick() <= trainer.first_tick()) return;
  const long tick = trainer.tick();
  const std::vector<float> parameters = trainer.parameters();
  trainer.seek(trainer.first_tick() + (tick - trainer.first_tick()) / 2);
  trainer.seek(tick);
  require(trainer.tick() == tick, "seek forward did not reach the tick it left");
  require(same_bits(trainer.parameters(), parameters), "stepping back and forward changed the parameters");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  FuzzInput in(bytes, size);
  Trainer trainer;
  {
    const Observed before(trainer);
    const Dataset data = dataset_from(in);
    try {
      trainer.reset(settings_for(data, in), data);
    } catch (const std::invalid_argument&) {
      require(before.same_as(trainer), "a refused reset changed the run");
    }
  }
  for (int calls = 0; calls < 24 && !in.empty(); ++calls) {
    const Observed before(trainer);
    try {
      one_call(trainer, in);
    } catch (const std::invalid_argument&) {
      require(before.same_as(trainer), "a refused call changed the run");
    }
    require(trainer.diverged() || all_finite(trainer.parameters()), "a run that has not diverged has a non-finite parameter");
  }
  check_replay(trainer);
  return 0;
}
