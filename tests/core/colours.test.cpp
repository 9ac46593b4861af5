// Tests of the heat-map colour kernel (core/src/colours.cpp): hand-worked pixels, JavaScript's ToInt32,
// the thumbnail sampling, the fast kernel against the plain reference, validation, and the Trainer's
// grid cache that the colours read. (tests/wasm/colours.test.mjs compares with the page's own JS.)
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "algorhythm/colours.hpp"
#include "algorhythm/random.hpp"
#include "algorhythm/trainer.hpp"
#include "support.hpp"

namespace {

using namespace algorhythm;

// Entry k of the table is k + 1000, so a pixel names its index.
std::vector<std::uint32_t> numbered_table(int size) {
  std::vector<std::uint32_t> table(size);
  for (int k = 0; k < size; ++k) table[k] = 1000u + static_cast<std::uint32_t>(k);
  return table;
}

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInfinity = std::numeric_limits<float>::infinity();

}  // namespace

TEST_CASE("js_to_int32 truncates toward zero and wraps modulo 2^32 like JavaScript's | 0") {
  CHECK(js_to_int32(2.9) == 2);
  CHECK(js_to_int32(-2.9) == -2);
  CHECK(js_to_int32(-0.5) == 0);
  CHECK(js_to_int32(std::nan("")) == 0);
  CHECK(js_to_int32(std::numeric_limits<double>::infinity()) == 0);
  CHECK(js_to_int32(-std::numeric_limits<double>::infinity()) == 0);
  CHECK(js_to_int32(2147483648.0) == -2147483647 - 1);  // (2 ** 31) | 0
  CHECK(js_to_int32(4294967296.0 + 5.5) == 5);          // (2 ** 32 + 5.5) | 0
  CHECK(js_to_int32(-4294967296.0 - 7.0) == -7);
  CHECK(js_to_int32(3e9) == -1294967296);                // 3e9 | 0
}

TEST_CASE("paint_channel maps values through the table as paintValues does") {
  const std::vector<std::uint32_t> table = numbered_table(256);
  // Range [-1, 1] over 256 entries: index = trunc((v + 1) * 128), clamped to [0, 255].
  const std::vector<float> values = {-1.0f, -0.5f, 0.0f, 0.999f, 1.0f, 7.0f, -3.0f, kNaN, kInfinity, -kInfinity,
                                     -1.004f, 3e8f};
  const std::vector<std::uint32_t> expected = {1000, 1064, 1128, 1255, 1255, 1255, 1000, 1000, 1000, 1000,
                                               1000,  // (-0.004 * 128) | 0 = 0
                                               1000}; // (3e8 + 1) * 128 ≥ 2^32 + 2^31: wraps negative
  std::vector<std::uint32_t> fast(values.size()), reference(values.size());
  const int count = static_cast<int>(values.size());
  paint_channel(values.data(), 1, count, table.data(), 256, -1.0, 1.0, 1, fast.data());
  paint_channel_reference(values.data(), 1, count, table.data(), 256, -1.0, 1.0, 1, reference.data());
  CHECK(fast == expected);
  CHECK(reference == expected);
}

TEST_CASE("a thumbnail samples the middle of each stride × stride block, clamped at the edges") {
  // 5 × 5 samples whose value is their index / 100 over [0, 1) with 100 entries: pixel = 1000 + index.
  std::vector<float> values(25);
  for (int k = 0; k < 25; ++k) values[k] = static_cast<float>(k) / 100.0f + 0.001f;
  const std::vector<std::uint32_t> table = numbered_table(100);
  REQUIRE(colour_image_size(5, 5, 2) == 9);
  std::vector<std::uint32_t> pixels(9);
  paint_channel(values.data(), 5, 5, table.data(), 100, 0.0, 1.0, 2, pixels.data());
  // Rows and columns 1, 3, 4 (min(4, 2k + 1)).
  CHECK(pixels == std::vector<std::uint32_t>{1006, 1008, 1009, 1016, 1018, 1019, 1021, 1023, 1024});
}

TEST_CASE("the fast colour kernel agrees with the reference on random values, ranges and strides") {
  Random random(7);
  const std::vector<std::uint32_t> table = numbered_table(256);
  for (int trial = 0; trial < 200; ++trial) {
    const int rows = 1 + static_cast<int>(random.below(40)), columns = 1 + static_cast<int>(random.below(40));
    const int stride = 1 + static_cast<int>(random.below(5));
    const double low = random.uniform(-3.0f, 1.0f), high = low + random.uniform(-2.0f, 4.0f);
    std::vector<float> values(static_cast<std::size_t>(rows) * columns);
    for (float& value : values) value = random.uniform(-5.0f, 5.0f);
    // Lanes the four-at-a-time kernel must hand to the ToInt32 path: NaN, infinities, positions
    // beyond 2^31 that wrap around.
    if (trial % 10 == 0) values[0] = kNaN;
    if (trial % 10 == 1) values[values.size() / 2] = -kInfinity;
    if (trial % 10 == 2) values[values.size() - 1] = 3e9f;
    const std::size_t size = colour_image_size(rows, columns, stride);
    std::vector<std::uint32_t> fast(size), reference(size);
    paint_channel(values.data(), rows, columns, table.data(), 256, low, high, stride, fast.data());
    paint_channel_reference(values.data(), rows, columns, table.data(), 256, low, high, stride, reference.data());
    REQUIRE(fast == reference);
  }
}

TEST_CASE("the fast colour kernel agrees with the reference next to every index boundary") {
  // Every value is one of the floats nearest to a boundary between two indices (low + k / scale and
  // its neighbours a few ulps away), where a position computed with any less care than the page's
  // double arithmetic would truncate to the next index; ranges where low is not a float32 included.
  struct Range {
    double low, high;
    int table_size;
  };
  // The first row's scales are powers of two with low on an index (colours.cpp's float path).
  const Range ranges[] = {{-1.0, 1.0, 256}, {0.0, 1.0, 256}, {-2.0, 2.0, 256}, {3.0, 5.0, 256}, {-1.0, 1.0, 65536},
                          {0.0, 1024.0, 1}, {-0.3, 0.7, 100}, {1000.0, 1001.0, 256}, {-1e-3, 2e-3, 4096},
                          {0.1, 0.1 + 1e-6, 16}, {1.0, -1.0, 256}, {-5e4, 5e4, 65536}};
  for (const Range& range : ranges) {
    CAPTURE(range.low, range.high, range.table_size);
    const std::vector<std::uint32_t> table = numbered_table(range.table_size);
    const double scale = range.table_size / (range.high - range.low);
    std::vector<float> values;
    for (int k = 0; k <= range.table_size + 1; ++k) {
      float value = static_cast<float>(range.low + k / scale);
      for (int step = 0; step < 4; ++step) value = std::nextafter(value, -kInfinity);
      for (int step = 0; step < 9; ++step, value = std::nextafter(value, kInfinity)) values.push_back(value);
    }
    const int count = static_cast<int>(values.size());
    std::vector<std::uint32_t> fast(values.size()), reference(values.size());
    paint_channel(values.data(), 1, count, table.data(), range.table_size, range.low, range.high, 1, fast.data());
    paint_channel_reference(values.data(), 1, count, table.data(), range.table_size, range.low, range.high, 1,
                            reference.data());
    REQUIRE(fast == reference);
  }
}

TEST_CASE("the fast colour kernel agrees with the reference on tiny, huge and odd values of power-of-two ranges") {
  // With scale 2^p and low on an index, the kernel works in float for |v| in [2^(-7-p), 2^(22-p)]
  // and hands other values to the exact path: values at and around both ends of that range, zeros,
  // subnormals, values so small that the page's v - low rounds (v = -1e-30: (v + 1) · 128 rounds up
  // to 128 in double), NaN and the infinities, in every lane position of a group of four.
  struct Range {
    double low, high;
    int table_size, p;  // scale = table_size / (high - low) = 2^p
  };
  const Range ranges[] = {{-1.0, 1.0, 256, 7}, {0.0, 1.0, 256, 8}, {3.0, 5.0, 256, 7}, {-8.0, 8.0, 16, 0},
                          {0.0, 4096.0, 2, -11}};
  for (const Range& range : ranges) {
    CAPTURE(range.low, range.high, range.table_size);
    std::vector<float> special = {0.0f, -0.0f, 1e-30f, -1e-30f, 1e-40f, -1e-40f, kNaN, kInfinity, -kInfinity,
                                  std::numeric_limits<float>::max(), -std::numeric_limits<float>::max()};
    for (const float end : {std::ldexp(1.0f, -7 - range.p), std::ldexp(1.0f, 22 - range.p)}) {
      for (const float sign : {1.0f, -1.0f}) {
        float value = sign * end;
        for (int step = 0; step < 3; ++step) value = std::nextafter(value, 0.0f);
        for (int step = 0; step < 7; ++step, value = std::nextafter(value, sign * kInfinity)) special.push_back(value);
      }
    }
    // Each special value at each lane of a group, among ordinary values of the range.
    Random random(11);
    std::vector<float> values;
    for (const float value : special) {
      for (int lane = 0; lane < 4; ++lane) {
        for (int j = 0; j < 4; ++j) {
          values.push_back(j == lane ? value : static_cast<float>(random.uniform(static_cast<float>(range.low), static_cast<float>(range.high))));
        }
      }
    }
    for (int k = 0; k < 2000; ++k) {  // magnitudes from 2^-40 to 2^40, either sign
      values.push_back((k % 2 ? -1.0f : 1.0f) * std::ldexp(1.0f + random.uniform(), static_cast<int>(random.below(81)) - 40));
    }
    const std::vector<std::uint32_t> table = numbered_table(range.table_size);
    const int count = static_cast<int>(values.size());
    std::vector<std::uint32_t> fast(values.size()), reference(values.size());
    for (const int stride : {1, 2, 3}) {
      const std::size_t size = colour_image_size(1, count, stride);
      fast.assign(size, 0);
      reference.assign(size, 1);
      paint_channel(values.data(), 1, count, table.data(), range.table_size, range.low, range.high, stride, fast.data());
      paint_channel_reference(values.data(), 1, count, table.data(), range.table_size, range.low, range.high, stride,
                              reference.data());
      REQUIRE(fast == reference);
    }
  }
}

TEST_CASE("paint_channels places the images one after the other and refuses bad channels") {
  // Two channels of 2 × 2, values exact in binary so the hand-worked indices are exact too.
  const std::vector<float> grid = {0.125f, 0.25f, 0.5f, 0.375f,   -0.125f, -0.25f, -0.375f, -0.5f};
  const std::vector<std::uint32_t> table = numbered_table(10);
  std::vector<std::uint32_t> pixels;
  paint_channels(grid.data(), 2, 2, 2, table.data(), 10, {{1, -1.0, 0.0, 1}, {0, 0.0, 1.0, 2}}, pixels);
  // Channel 1 over [-1, 0]: trunc(8.75), trunc(7.5), ...; channel 0 at stride 2: sample (1, 1) = 0.375.
  CHECK(pixels == std::vector<std::uint32_t>{1008, 1007, 1006, 1005, 1003});
  CHECK_THROWS_WITH(paint_channels(grid.data(), 2, 2, 2, table.data(), 10, {{2, 0.0, 1.0, 1}}, pixels),
                    "colour channel 0: channel 2 does not exist (the grid has 2)");
  CHECK_THROWS_WITH(paint_channels(grid.data(), 2, 2, 2, table.data(), 0, {{0, 0.0, 1.0, 1}}, pixels),
                    "a colour table needs 1 to 65536 entries, got 0");
  CHECK_THROWS_WITH(paint_channels(grid.data(), 2, 2, 2, table.data(), 10, {{0, 0.0, 1.0, 3}}, pixels),
                    "colour channel 0: the stride must be a whole number from 1 to 2, got 3");
  CHECK_THROWS_WITH(paint_channels(grid.data(), 2, 2, 2, table.data(), 10, {{0, 0.0, INFINITY, 1}}, pixels),
                    "colour channel 0: low and high must be finite numbers");
}

TEST_CASE("current_grid reuses the last grid only while the spec and the parameters are unchanged") {
  Trainer trainer;  // the four songs
  GridSpec spec;
  spec.columns = spec.rows = 4;
  const std::vector<float> first = trainer.evaluate_grid(spec);
  CHECK(trainer.current_grid(spec) == first);
  trainer.step(Granularity::Batch, 3);
  const std::vector<float> stepped = trainer.current_grid(spec);
  CHECK(stepped != first);
  CHECK(stepped == trainer.evaluate_grid(spec));
  spec.x_max = 5.0f;
  CHECK(trainer.current_grid(spec) == trainer.evaluate_grid(spec));
  CHECK(trainer.current_grid(spec) != stepped);
}
