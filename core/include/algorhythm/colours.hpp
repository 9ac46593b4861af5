// Heat-map colours: grid values -> index into a colour table -> RGBA pixels (uint32, as an ImageData
// Uint32Array view holds them), exactly as the page's JavaScript paintValues/paintEvery compute them
// (web/src/views/heatmap.js), so the page may colour either way and get the same pixels.
//
// For a value v and a channel's range [low, high] over a table of S entries:
//   index = ToInt32((v - low) * (S / (high - low)))   in double precision, as JavaScript's `| 0`
//   (truncation toward zero, modulo 2^32; NaN and ±Infinity give 0), then clamped to [0, S - 1].
// A thumbnail with sampling stride s > 1 shows every s-th sample, the middle one of each s × s block:
// its image is ceil(rows / s) × ceil(columns / s), pixel (r, c) taking sample
// (min(rows - 1, r s + s/2), min(columns - 1, c s + s/2)), s/2 rounded down.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace algorhythm {

// One image to colour from a channel of a channel-major (channels, rows, columns) grid buffer.
struct ColourChannel {
  int channel = 0;       // which (rows × columns) image of the grid buffer
  double low = -1.0;     // the value at the start of the table (finite)
  double high = 1.0;     // the value just past its end (finite)
  int stride = 1;        // 1: every sample; s > 1: every s-th sample (a thumbnail)
};

inline constexpr int kMaxColourTableSize = 65536;

// Pixels of channel `c`'s image: ceil(rows / stride) * ceil(columns / stride).
std::size_t colour_image_size(int rows, int columns, int stride);

// Colours every channel's image into `pixels`, the images one after the other in the given order.
// Validates the channels and the table (throws std::invalid_argument naming the bad value); `pixels`
// is resized to the sum of colour_image_size of each channel. Uses paint_channel below.
void paint_channels(const float* grid, int channel_count, int rows, int columns, const std::uint32_t* table,
                    int table_size, const std::vector<ColourChannel>& channels, std::vector<std::uint32_t>& pixels);

// One channel's image (rows × columns samples at `values`) into `pixels`. The fast kernel, four
// values at a time: when the scale is a power of two and low falls on an index (the page's tables
// over [-1, 1] and [0, 1]) in float arithmetic, which is exact there (colours.cpp, BinaryScale);
// otherwise positions in double, converted with one truncation while |position| < 2^31. Values
// outside those cases (NaN, infinities, huge or tiny values) go through js_to_int32.
void paint_channel(const float* values, int rows, int columns, const std::uint32_t* table, int table_size,
                   double low, double high, int stride, std::uint32_t* pixels);
// The plain reference: a line-by-line translation of paintValues/paintEvery, js_to_int32 for every
// value. tests/core/colours.test.cpp checks that the two agree.
void paint_channel_reference(const float* values, int rows, int columns, const std::uint32_t* table,
                             int table_size, double low, double high, int stride, std::uint32_t* pixels);

// JavaScript's ToInt32 (what `x | 0` does): NaN and ±Infinity -> 0, else truncate toward zero and
// wrap modulo 2^32 into [-2^31, 2^31).
std::int32_t js_to_int32(double x);

}  // namespace algorhythm
