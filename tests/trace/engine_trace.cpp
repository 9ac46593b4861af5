// Prints a run's parameters after a number of updates, and every channel of a grid evaluation then,
// as exact float bit patterns, so a test can check that the native engine and the WebAssembly engine
// produce the same bits.
//
// usage: engine_trace SHAPE HIDDEN ACTIVATION OPTIMIZER LEARNING_RATE BATCH FEATURE_MASK SEED UPDATES GRID
//   SHAPE: songs8 | xor | gauss | circle | spiral | plane | bump   (planar sets: 200 points, noise 0.1)
//   HIDDEN: comma-separated layer sizes, or "-" for none
//   GRID: COLUMNSxROWS (e.g. 37x23) over x, y in [-6, 6] (raw features 0 and 1), or "-" for none
// Output, one hexadecimal float bit pattern a line, in two sections:
//   parameters P            then the P parameters (network.hpp layout)
//   grid CHANNELS ROWS COLUMNS   then the grid (Trainer::evaluate_grid's layout), if GRID is not "-"
// The WebAssembly side of the comparison is tests/wasm/native-parity.test.mjs.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "algorhythm/datasets.hpp"
#include "algorhythm/trainer.hpp"

using namespace algorhythm;

namespace {

void print_bits(const std::vector<float>& values) {
  for (float value : values) {
    std::uint32_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    std::printf("%08x\n", bits);
  }
}

// "37x23" -> a 37-column, 23-row grid over the page's default square.
GridSpec grid_named(const std::string& size) {
  GridSpec grid;
  const std::size_t x = size.find('x');
  if (x == std::string::npos) throw std::invalid_argument("grid size must be COLUMNSxROWS, got " + size);
  grid.columns = std::stoi(size.substr(0, x));
  grid.rows = std::stoi(size.substr(x + 1));
  return grid;
}

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
  if (argc != 11) {
    std::fprintf(stderr, "usage: %s SHAPE HIDDEN ACTIVATION OPTIMIZER LEARNING_RATE BATCH FEATURE_MASK SEED UPDATES GRID\n",
                 argv[0]);
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
    std::printf("parameters %zu\n", trainer.parameters().size());
    print_bits(trainer.parameters());
    if (std::string(argv[10]) != "-") {
      const GridSpec grid = grid_named(argv[10]);
      const std::vector<float>& channels = trainer.evaluate_grid(grid);
      std::printf("grid %zu %d %d\n", channels.size() / (static_cast<std::size_t>(grid.rows) * grid.columns), grid.rows,
                  grid.columns);
      print_bits(channels);
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "engine_trace: %s\n", error.what());
    return 1;
  }
  return 0;
}
