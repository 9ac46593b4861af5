// Prints a melody run's parameters after a number of updates as exact float bit patterns, then a melody
// sampled from them, so a test can check that native and WebAssembly runs agree bit for bit.
//
// usage: melody_trace TUNE CELL HIDDEN TRUNCATION OPTIMIZER LEARNING_RATE GRADIENT_CLIP SEED UPDATES
//   TUNE: a built-in tune's name (scale, twinkle, ode-to-joy, frere-jacques); CELL: elman | lstm
// Output: one line of 8 hex digits per parameter, then "sample:" and 48 tokens drawn from the first
// note at temperature 1 with seed 5. The WebAssembly side is tests/wasm/melody-parity.test.mjs.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

#include "algorhythm/recurrent_trainer.hpp"
#include "algorhythm/tunes.hpp"

using namespace algorhythm;

int main(int argc, char** argv) {
  if (argc != 10) {
    std::fprintf(stderr,
                 "usage: %s TUNE CELL HIDDEN TRUNCATION OPTIMIZER LEARNING_RATE GRADIENT_CLIP SEED UPDATES\n",
                 argv[0]);
    return 2;
  }
  try {
    const Tune* tune = find_tune(argv[1]);
    if (!tune) throw std::invalid_argument(std::string("unknown tune ") + argv[1]);
    RecurrentSettings settings;
    if (!parse(argv[2], settings.cell)) throw std::invalid_argument("unknown cell");
    settings.hidden = std::stoi(argv[3]);
    settings.truncation = std::stoi(argv[4]);
    if (!parse(argv[5], settings.hyper.optimizer)) throw std::invalid_argument("unknown optimizer");
    settings.hyper.learning_rate = std::stof(argv[6]);
    settings.gradient_clip = std::stof(argv[7]);
    settings.seed = std::stoull(argv[8]);
    const long updates = std::stol(argv[9]);

    RecurrentTrainer trainer;
    trainer.reset(settings, parse_melody(tune->text));
    for (long u = 0; u < updates && trainer.step(RecurrentGranularity::Window);) ++u;
    for (float value : trainer.parameters()) {
      std::uint32_t bits;
      std::memcpy(&bits, &value, sizeof bits);
      std::printf("%08x\n", bits);
    }
    std::printf("sample:");
    for (int token : trainer.sample(trainer.tokens()[0], 48, 1.0f, 5).tokens) std::printf(" %d", token);
    std::printf("\n");
  } catch (const std::exception& error) {
    std::fprintf(stderr, "melody_trace: %s\n", error.what());
    return 1;
  }
  return 0;
}
