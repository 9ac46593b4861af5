// Prints a run's parameters after a number of updates, as exact float bit patterns, so a test can
// check that the native engine and the WebAssembly engine produce the same bits.
//
// usage: engine_trace SHAPE HIDDEN ACTIVATION OPTIMIZER LEARNING_RATE BATCH FEATURE_MASK SEED UPDATES
//   SHAPE: songs8 | xor | gauss | circle | spiral | plane | bump   (planar sets: 200 points, noise 0.1)
//   HIDDEN: comma-separated layer sizes, or "-" for none
// The WebAssembly side of the comparison is tests/wasm/native-parity.test.mjs.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

#include "algorhythm/datasets.hpp"
#include "algorhythm/trainer.hpp"

using namespace algorhythm;

namespace {

Dataset dataset_named(const std::string& name) {
  if (name == "songs8") return better_songs();
  if (name == "xor") return logic_gate(LogicGate::Xor);
  PlanarOptions options;
  if (!parse(name, options.shape)) throw std::invalid_argument("unknown data set " + name);
  options.points = 200;
  options.noise = 0.1f;
  options.seed = 7;
  return planar_dataset(options);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 10) {
    std::fprintf(stderr, "usage: %s SHAPE HIDDEN ACTIVATION OPTIMIZER LEARNING_RATE BATCH FEATURE_MASK SEED UPDATES\n", argv[0]);
    return 2;
  }
  try {
    Dataset data = dataset_named(argv[1]);
    Settings settings;
    Activation activation{};
    if (!parse(argv[3], activation)) throw std::invalid_argument("unknown activation");
    for (std::string sizes = argv[2]; sizes != "-" && !sizes.empty();) {
      const std::size_t comma = sizes.find(',');
      settings.network.hidden.push_back({std::stoi(sizes.substr(0, comma)), activation});
      sizes = comma == std::string::npos ? "" : sizes.substr(comma + 1);
    }
    if (data.task == Task::Regression) settings.hyper.loss = Loss::SquaredError;
    if (!parse(argv[4], settings.hyper.optimizer)) throw std::invalid_argument("unknown optimizer");
    settings.hyper.learning_rate = std::stof(argv[5]);
    settings.hyper.batch_size = std::stoi(argv[6]);
    settings.feature_mask = static_cast<std::uint32_t>(std::stoul(argv[7]));
    settings.seed = std::stoull(argv[8]);
    const long updates = std::stol(argv[9]);

    Trainer trainer;
    trainer.reset(settings, std::move(data));
    for (long u = 0; u < updates && trainer.step(Granularity::Batch);) ++u;
    for (float value : trainer.parameters()) {
      std::uint32_t bits;
      std::memcpy(&bits, &value, sizeof bits);
      std::printf("%08x\n", bits);
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "engine_trace: %s\n", error.what());
    return 1;
  }
  return 0;
}
