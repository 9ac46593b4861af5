// The built-in data sets. Every generator is deterministic for a given seed, natively and in wasm.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "algorhythm/dataset.hpp"

namespace algorhythm {

// The four songs of the story: features modern, sad, piano (0/1). All have piano; one sad song is
// liked and one is not; one modern song is liked and one is not. No plane separates them.
Dataset four_songs();

// Eight songs (every corner of the cube) whose likes follow "likes sad songs unless they are modern"
// loosely enough that a single plane separates liked from disliked: a perceptron fits them.
Dataset better_songs();

enum class LogicGate { And, Or, Xor };
Dataset logic_gate(LogicGate gate);  // inputs a, b in {0, 1}; four rows, all used for training

enum class PlanarShape { GaussianClusters, Circle, XorQuadrants, Spiral, TiltedPlane, GaussianBump };

struct PlanarOptions {
  PlanarShape shape = PlanarShape::Circle;
  int points = 200;            // 10 .. kMaxRows
  float noise = 0.0f;          // 0 .. 1, a fraction of the shape's scale
  float test_fraction = 0.5f;  // 0 .. 0.9, share of points held out as the test set
  std::uint64_t seed = 1;
};

// Points in [-6, 6]²: the classification shapes label 0/1; TiltedPlane and GaussianBump are regression.
Dataset planar_dataset(const PlanarOptions& options);

const char* to_string(PlanarShape);  // "gauss", "circle", "xor", "spiral", "plane", "bump"
bool parse(std::string_view name, PlanarShape& out);  // the inverse; false for an unknown name

}  // namespace algorhythm
