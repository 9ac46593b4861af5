// The built-in data sets: the songs of the story, the logic gates, and the planar shapes of
// TensorFlow Playground. Planar points come from algorhythm::Random and portable math only, so a
// seed gives the same bits natively and in WebAssembly.
#include "algorhythm/datasets.hpp"

#include <initializer_list>
#include <iterator>
#include <stdexcept>

#include "algorhythm/portable_math.hpp"
#include "algorhythm/random.hpp"
#include "enum_names.hpp"
#include "number_text.hpp"
#include "test_rows.hpp"

namespace algorhythm {
namespace {

constexpr const char* kPlanarShapeNames[] = {"gauss", "circle", "xor", "spiral", "plane", "bump"};
static_assert(std::size(kPlanarShapeNames) == static_cast<std::size_t>(PlanarShape::GaussianBump) + 1);

// A training row of a hand-made data set.
void add_row(Dataset& data, const char* row_name, std::initializer_list<float> features, float target) {
  data.row_names.emplace_back(row_name);
  data.features.insert(data.features.end(), features);
  data.targets.push_back(target);
  data.is_test.push_back(0);
}

// No rows yet: the songs' features and classes.
Dataset song_data_set(const char* name) {
  Dataset data;
  data.name = name;
  data.task = Task::Binary;
  data.feature_names = {"modern", "sad", "piano"};
  data.class_names = {"dislikes", "likes"};
  return data;
}

// ---- planar shapes ----

constexpr double kPlaneHalfWidth = 6.0;  // every point lies in [-6, 6]²
constexpr double kShapeRadius = 5.0;     // the circle's and the spiral's outer radius, the XOR square's half side
// At noise 1 a point moves up to half the shape radius along each axis (TensorFlow Playground's 50 %).
constexpr double kNoiseReach = 0.5 * kShapeRadius;
constexpr double kTwoPi = 2.0 * portable::kPi;

struct LabelledPoint {
  double x = 0.0;
  double y = 0.0;
  double label = 0.0;  // class 0/1, or the regression target
};

bool inside_plane(double x, double y) {
  return x >= -kPlaneHalfWidth && x <= kPlaneHalfWidth && y >= -kPlaneHalfWidth && y <= kPlaneHalfWidth;
}

// Two round clouds of standard deviation 1: class 1 around (2, 2), class 0 around (-2, -2).
LabelledPoint gaussian_cluster_point(int index, Random& random) {
  const double centre = index % 2 == 0 ? 2.0 : -2.0;
  LabelledPoint p;
  p.label = index % 2 == 0 ? 1.0 : 0.0;
  do {  // the rare point beyond the plane (4 standard deviations) is drawn again
    p.x = centre + random.normal();
    p.y = centre + random.normal();
  } while (!inside_plane(p.x, p.y));
  return p;
}

// Class 1 in a disc of radius 2.5, class 0 in the ring between radius 3.5 and 5.
LabelledPoint circle_point(int index, Random& random) {
  const bool inner = index % 2 == 0;
  const double radius = inner ? random.uniform(0.0f, 0.5f) * kShapeRadius : random.uniform(0.7f, 1.0f) * kShapeRadius;
  const double angle = kTwoPi * random.uniform();
  return {radius * portable::sin(angle), radius * portable::cos(angle), inner ? 1.0 : 0.0};
}

// Class 1 where x and y have the same sign (quadrants I and III), class 0 elsewhere; each coordinate
// keeps 0.3 away from the axes.
LabelledPoint xor_point(int index, Random& random) {
  constexpr double kAxisGap = 0.3;
  const bool same_sign = index % 2 == 0;
  const double x_sign = random.below(2) == 0 ? 1.0 : -1.0;
  const double y_sign = same_sign ? x_sign : -x_sign;
  const double x = x_sign * (kAxisGap + random.uniform() * kShapeRadius);
  const double y = y_sign * (kAxisGap + random.uniform() * kShapeRadius);
  return {x, y, same_sign ? 1.0 : 0.0};
}

// Two arms winding 1.75 turns outwards from the centre, half a turn apart: class 1 and class 0.
// Without noise the points are evenly spaced along the arms.
LabelledPoint spiral_point(int index, int points) {
  constexpr double kTurns = 1.75;
  const int arm = index % 2;
  const int arm_points = (points + 1) / 2;
  const double along = static_cast<double>(index / 2) / arm_points;  // 0 at the centre .. 1 at the end
  const double radius = along * kShapeRadius;
  const double angle = kTurns * kTwoPi * along + arm * portable::kPi;
  return {radius * portable::sin(angle), radius * portable::cos(angle), arm == 0 ? 1.0 : 0.0};
}

// Regression target (x + y)/12: a plane rising from -1 at (-6, -6) to 1 at (6, 6).
LabelledPoint tilted_plane_point(Random& random) {
  const double x = random.uniform(-1.0f, 1.0f) * kPlaneHalfWidth;
  const double y = random.uniform(-1.0f, 1.0f) * kPlaneHalfWidth;
  return {x, y, (x + y) / (2.0 * kPlaneHalfWidth)};
}

// Regression target exp(-(x² + y²)/8): a hill of height 1 at the origin, nearly 0 at the edges.
LabelledPoint gaussian_bump_point(Random& random) {
  constexpr double kWidthSquared = 8.0;
  const double x = random.uniform(-1.0f, 1.0f) * kPlaneHalfWidth;
  const double y = random.uniform(-1.0f, 1.0f) * kPlaneHalfWidth;
  return {x, y, portable::exp(-(x * x + y * y) / kWidthSquared)};
}

LabelledPoint shape_point(PlanarShape shape, int index, int points, Random& random) {
  switch (shape) {
    case PlanarShape::GaussianClusters: return gaussian_cluster_point(index, random);
    case PlanarShape::Circle: return circle_point(index, random);
    case PlanarShape::XorQuadrants: return xor_point(index, random);
    case PlanarShape::Spiral: return spiral_point(index, points);
    case PlanarShape::TiltedPlane: return tilted_plane_point(random);
    case PlanarShape::GaussianBump: return gaussian_bump_point(random);
  }
  return {};
}

// Moves the point, not its label, so that near a boundary the classes mix. A move that would leave
// the plane is drawn again.
void add_noise(LabelledPoint& p, double noise, Random& random) {
  if (noise == 0.0) return;
  double x, y;
  do {
    x = p.x + random.uniform(-1.0f, 1.0f) * noise * kNoiseReach;
    y = p.y + random.uniform(-1.0f, 1.0f) * noise * kNoiseReach;
  } while (!inside_plane(x, y));
  p.x = x;
  p.y = y;
}

void validate_options(const PlanarOptions& options) {
  const auto fail = [](const std::string& message) { throw std::invalid_argument(message); };
  if (static_cast<std::size_t>(options.shape) >= std::size(kPlanarShapeNames)) {
    fail("unknown planar shape " + std::to_string(static_cast<int>(options.shape)));
  }
  if (options.points < 10 || options.points > kMaxRows) {
    fail("points must be between 10 and " + std::to_string(kMaxRows) + ", got " + std::to_string(options.points));
  }
  if (!(options.noise >= 0.0f && options.noise <= 1.0f)) {
    fail("noise must be between 0 and 1, got " + number_text(options.noise));
  }
  if (!(options.test_fraction >= 0.0f && options.test_fraction <= 0.9f)) {
    fail("test_fraction must be between 0 and 0.9, got " + number_text(options.test_fraction));
  }
}

const char* planar_name(PlanarShape shape) {
  switch (shape) {
    case PlanarShape::GaussianClusters: return "Gaussian clusters";
    case PlanarShape::Circle: return "Circle";
    case PlanarShape::XorQuadrants: return "XOR quadrants";
    case PlanarShape::Spiral: return "Spiral";
    case PlanarShape::TiltedPlane: return "Tilted plane";
    case PlanarShape::GaussianBump: return "Gaussian bump";
  }
  return "";
}

}  // namespace

Dataset four_songs() {
  Dataset data = song_data_set("Four songs");
  // She likes a song when exactly one of modern and sad holds (modern XOR sad): no plane separates them.
  //                        modern, sad, piano   likes
  add_row(data, "Neon Sunrise", {1, 0, 1}, 1);
  add_row(data, "Digital Tears", {1, 1, 1}, 0);
  add_row(data, "Moonlight Waltz", {0, 1, 1}, 1);
  add_row(data, "Ragtime Picnic", {0, 0, 1}, 0);
  return data;
}

Dataset better_songs() {
  Dataset data = song_data_set("Better songs");
  // She likes sad songs and piano songs, but a modern song only if it is both:
  // likes = (sad + piano - modern >= 1), so the plane sad + piano - modern = 0.5 separates them.
  //                                  modern, sad, piano   likes
  add_row(data, "Barn Dance Fiddle", {0, 0, 0}, 0);
  add_row(data, "Sunday Stride", {0, 0, 1}, 1);
  add_row(data, "Lonesome Cello", {0, 1, 0}, 1);
  add_row(data, "Rainy Nocturne", {0, 1, 1}, 1);
  add_row(data, "Club Anthem 3000", {1, 0, 0}, 0);
  add_row(data, "Synth Piano Party", {1, 0, 1}, 0);
  add_row(data, "Autotuned Heartbreak", {1, 1, 0}, 0);
  add_row(data, "Neon Piano Ballad", {1, 1, 1}, 1);
  return data;
}

Dataset logic_gate(LogicGate gate) {
  Dataset data;
  data.task = Task::Binary;
  data.feature_names = {"a", "b"};
  data.class_names = {"0", "1"};
  const auto output = [gate](bool a, bool b) {
    switch (gate) {
      case LogicGate::And: return a && b;
      case LogicGate::Or: return a || b;
      case LogicGate::Xor: return a != b;
    }
    return false;
  };
  data.name = gate == LogicGate::And ? "AND gate" : gate == LogicGate::Or ? "OR gate" : "XOR gate";
  for (int a = 0; a <= 1; ++a) {
    for (int b = 0; b <= 1; ++b) {
      data.features.push_back(static_cast<float>(a));
      data.features.push_back(static_cast<float>(b));
      data.targets.push_back(output(a == 1, b == 1) ? 1.0f : 0.0f);
      data.is_test.push_back(0);
    }
  }
  return data;
}

Dataset planar_dataset(const PlanarOptions& options) {
  validate_options(options);
  Dataset data;
  data.name = planar_name(options.shape);
  const bool regression = options.shape == PlanarShape::TiltedPlane || options.shape == PlanarShape::GaussianBump;
  data.task = regression ? Task::Regression : Task::Binary;
  data.feature_names = {"x", "y"};
  if (!regression) data.class_names = {"0", "1"};
  data.planar = true;
  data.domain_min = static_cast<float>(-kPlaneHalfWidth);
  data.domain_max = static_cast<float>(kPlaneHalfWidth);

  Random random(options.seed);
  for (int i = 0; i < options.points; ++i) {
    LabelledPoint p = shape_point(options.shape, i, options.points, random);
    add_noise(p, options.noise, random);
    data.features.push_back(static_cast<float>(p.x));
    data.features.push_back(static_cast<float>(p.y));
    data.targets.push_back(static_cast<float>(p.label));
  }
  data.is_test = choose_test_rows(options.points, options.test_fraction, random);
  return data;
}

const char* to_string(PlanarShape shape) { return enum_names::name_of(kPlanarShapeNames, shape); }

bool parse(std::string_view name, PlanarShape& out) { return enum_names::parse(kPlanarShapeNames, name, out); }

}  // namespace algorhythm
