// A seeded random generator whose sequence is identical natively and in WebAssembly.
// (std:: distributions are implementation-defined, so we derive every draw from raw 64-bit words.)
#pragma once

#include <cstdint>

#include "algorhythm/portable_math.hpp"

namespace algorhythm {

// xoshiro128** seeded through splitmix64: small state, fast, good statistical quality.
class Random {
 public:
  explicit Random(std::uint64_t seed = 1) { reseed(seed); }

  void reseed(std::uint64_t seed) {
    for (auto& word : state_) {
      seed += 0x9E3779B97F4A7C15ull;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
      word = static_cast<std::uint32_t>((z ^ (z >> 31)) >> 16);
    }
    if ((state_[0] | state_[1] | state_[2] | state_[3]) == 0) state_[0] = 1;
  }

  std::uint32_t next_u32() {
    const std::uint32_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint32_t t = state_[1] << 9;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 11);
    return result;
  }

  // Uniform in [0, 1) with 24 bits: exactly representable as a float.
  float uniform() { return static_cast<float>(next_u32() >> 8) * (1.0f / 16777216.0f); }
  float uniform(float low, float high) { return low + (high - low) * uniform(); }
  // Uniform integer in [0, bound), bound > 0 (multiply-shift; the tiny bias is irrelevant here).
  std::uint32_t below(std::uint32_t bound) {
    return static_cast<std::uint32_t>((static_cast<std::uint64_t>(next_u32()) * bound) >> 32);
  }
  // Standard normal by Box-Muller, built on portable_math so both platforms agree bit for bit.
  float normal() {
    const double u1 = (static_cast<double>(next_u32()) + 1.0) * (1.0 / 4294967296.0);  // (0, 1]
    const double u2 = static_cast<double>(next_u32()) * (1.0 / 4294967296.0);
    return static_cast<float>(portable::sqrt(-2.0 * portable::log(u1)) * portable::cos(2.0 * portable::kPi * u2));
  }

  struct State { std::uint32_t words[4]; };
  State state() const { return {{state_[0], state_[1], state_[2], state_[3]}}; }
  void set_state(const State& s) { for (int i = 0; i < 4; ++i) state_[i] = s.words[i]; }

 private:
  static std::uint32_t rotl(std::uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
  std::uint32_t state_[4] = {1, 0, 0, 0};
};

}  // namespace algorhythm
