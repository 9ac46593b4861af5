// The network's inputs: raw features passed through, or derived from a planar point (x, y).
#include "algorhythm/features.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "algorhythm/portable_math.hpp"

using namespace algorhythm;

namespace {
constexpr std::uint32_t bit(Feature kind) { return 1u << static_cast<int>(kind); }
}  // namespace

TEST_CASE("identity passes the raw features through", "[features]") {
  const FeatureMap map = FeatureMap::identity(3);
  CHECK_FALSE(map.is_planar());
  CHECK(map.raw_count() == 3);
  CHECK(map.input_count() == 3);
  CHECK(map.mask() == 0);
  const std::vector<std::string> names = {"modern", "sad", "<i>piano</i>"};
  CHECK(map.input_names(names) == names);
  const float raw[] = {1.0f, -2.5f, 0.0f};
  float inputs[3] = {};
  map.apply(raw, inputs);
  CHECK(std::vector<float>(inputs, inputs + 3) == std::vector<float>(raw, raw + 3));
}

TEST_CASE("identity needs 1 to 16 raw features", "[features][bad-input]") {
  REQUIRE_THROWS_WITH(FeatureMap::identity(0), "the inputs need 1 to 16 raw features, got 0");
  REQUIRE_THROWS_WITH(FeatureMap::identity(17), "the inputs need 1 to 16 raw features, got 17");
}

TEST_CASE("planar derives every feature from (x, y)", "[features][planar]") {
  const FeatureMap map = FeatureMap::planar(0b1111111);
  CHECK(map.is_planar());
  CHECK(map.raw_count() == 2);
  CHECK(map.input_count() == 7);
  CHECK(map.input_names({"x", "y"}) == std::vector<std::string>{"x", "y", "x²", "y²", "xy", "sin x", "sin y"});
  const float raw[] = {1.5f, -2.0f};
  float inputs[7] = {};
  map.apply(raw, inputs);
  CHECK(inputs[0] == 1.5f);
  CHECK(inputs[1] == -2.0f);
  CHECK(inputs[2] == 2.25f);
  CHECK(inputs[3] == 4.0f);
  CHECK(inputs[4] == -3.0f);
  CHECK(inputs[5] == static_cast<float>(portable::sin(1.5)));  // the portable sine, for bit-identical inputs
  CHECK(inputs[6] == static_cast<float>(portable::sin(-2.0)));
  CHECK(inputs[5] == Approx(std::sin(1.5)).epsilon(1e-7));
  CHECK(inputs[6] == Approx(std::sin(-2.0)).epsilon(1e-7));
}

TEST_CASE("planar keeps the chosen features in the order of Feature", "[features][planar]") {
  const FeatureMap map = FeatureMap::planar(bit(Feature::SinY) | bit(Feature::XSquared));
  CHECK(map.input_count() == 2);
  CHECK(map.input_names({"x", "y"}) == std::vector<std::string>{"x²", "sin y"});
  const float raw[] = {3.0f, 0.5f};
  float inputs[2] = {};
  map.apply(raw, inputs);
  CHECK(inputs[0] == 9.0f);
  CHECK(inputs[1] == static_cast<float>(portable::sin(0.5)));

  const FeatureMap x_and_y = FeatureMap::planar(0b11);
  CHECK(x_and_y.input_names({"x", "y"}) == std::vector<std::string>{"x", "y"});
}

TEST_CASE("mask gives back the mask the map was made from", "[features][planar]") {
  for (std::uint32_t mask = 1; mask < (1u << kFeatureKinds); ++mask) {
    const FeatureMap map = FeatureMap::planar(mask);
    CHECK(map.mask() == mask);
    CHECK(map.input_count() == static_cast<int>(map.input_names({"x", "y"}).size()));
  }
}

TEST_CASE("planar rejects an empty mask and bits beyond the seven features", "[features][planar][bad-input]") {
  REQUIRE_THROWS_WITH(FeatureMap::planar(0), "choose at least one input feature");
  REQUIRE_THROWS_WITH(FeatureMap::planar(1u << 7), Catch::Contains("feature mask 128 has bits beyond the 7 input features"));
  REQUIRE_THROWS_WITH(FeatureMap::planar(0xffffffffu), Catch::Contains("between 1 and 127"));
}
