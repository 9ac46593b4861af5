// Fuzz target: a reader's CSV text, through parse_csv, validate, to_csv and a few training ticks.
//
// Input: byte 0 chooses the options (test fraction, label column), the rest is the CSV text.
// Promises checked:
//   - parse_csv returns a valid data set or throws std::invalid_argument (anything else crashes);
//   - what it returns passes validate() and stays within the documented limits;
//   - to_csv writes it so that parse_csv reads back the same rows: features bit for bit, targets,
//     task, feature names and row names;
//   - a network trains on it, steps back and forward again to the same parameters, draws a grid
//     and predicts, without throwing.
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>

#include "algorhythm/csv.hpp"
#include "algorhythm/trainer.hpp"
#include "fuzz_input.hpp"

namespace {

using namespace algorhythm;
using fuzz::require;

CsvOptions options_from(std::uint8_t choice) {
  static constexpr float kTestFractions[] = {0.0f, 0.25f, 0.5f, 0.9f, 0.95f, -0.1f};  // the last two are refused
  static const char* const kLabelColumns[] = {"", "", "label", "y"};
  CsvOptions options;
  options.test_fraction = kTestFractions[choice % 6];
  options.label_column = kLabelColumns[(choice / 6) % 4];
  options.seed = choice;
  return options;
}

bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
}

// parse_csv(to_csv(data)) gives the same rows (every row a training row, class names may become indices).
void check_round_trip(const Dataset& data) {
  const std::string text = to_csv(data);
  Dataset back;
  try {
    back = parse_csv(text);
  } catch (const std::invalid_argument& error) {
    std::fprintf(stderr, "to_csv wrote:\n%s\nparse_csv said: %s\n", text.c_str(), error.what());
    fuzz::broken_promise("parse_csv rejects what to_csv wrote");
  }
  require(back.task == data.task, "round trip changed the task");
  require(back.class_count() == data.class_count(), "round trip changed the class count");
  require(back.feature_names == data.feature_names, "round trip changed the feature names");
  require(back.row_names == data.row_names, "round trip changed the row names");
  require(same_bits(back.features, data.features), "round trip changed the features");
  require(back.targets == data.targets, "round trip changed the targets");
}

// A few ticks of training on the parsed data: valid data with fitting settings must never throw.
void check_training(const Dataset& data) {
  Settings settings;
  settings.network.hidden = {LayerSpec{3, Activation::Tanh}};
  settings.hyper.loss = data.task == Task::Regression ? Loss::SquaredError : Loss::CrossEntropy;
  settings.hyper.batch_size = 2;
  Trainer trainer;
  trainer.reset(settings, data);
  trainer.step(Granularity::Phase, 7);
  trainer.step(Granularity::Example, 3);
  trainer.step(Granularity::Batch, 2);
  trainer.snapshot();
  if (!trainer.diverged()) {
    const long tick = trainer.tick();
    const std::vector<float> parameters = trainer.parameters();
    trainer.seek(tick / 2);
    trainer.seek(tick);
    require(trainer.tick() == tick, "seek did not return to the tick");
    require(same_bits(trainer.parameters(), parameters), "replay gave different parameters");
  }
  if (data.feature_count() >= 2) {
    GridSpec grid;
    grid.columns = 3;
    grid.rows = 2;
    grid.x_min = data.domain_min;
    grid.x_max = data.domain_max;
    trainer.evaluate_grid(grid);
  }
  const std::vector<float> first_row(data.row(0), data.row(0) + data.feature_count());
  require(trainer.predict(first_row).size() == static_cast<std::size_t>(trainer.shape().output_layer().neurons),
          "predict returned the wrong number of outputs");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  if (size == 0) return 0;
  const CsvOptions options = options_from(bytes[0]);
  const std::string_view text(reinterpret_cast<const char*>(bytes + 1), size - 1);
  Dataset data;
  try {
    data = parse_csv(text, options);
  } catch (const std::invalid_argument&) {
    return 0;  // refused with a message: fine
  }
  validate(data);  // throws (and so crashes here) if parse_csv let an invalid data set through
  require(data.row_count() >= 1 && data.row_count() <= kMaxRows, "row count outside 1 .. kMaxRows");
  require(data.feature_count() >= 1 && data.feature_count() <= kMaxRawFeatures, "feature count outside limits");
  check_round_trip(data);
  check_training(data);
  return 0;
}
