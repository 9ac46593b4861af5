// Heat-map colours through a colour table (colours.hpp): the engine's copy of the page's paintValues.
#include "algorhythm/colours.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace algorhythm {

std::int32_t js_to_int32(double x) {
  if (!std::isfinite(x)) return 0;
  double wrapped = std::fmod(std::trunc(x), 4294967296.0);  // exact; keeps the sign of x
  if (wrapped < 0) wrapped += 4294967296.0;
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(wrapped));
}

std::size_t colour_image_size(int rows, int columns, int stride) {
  return static_cast<std::size_t>((rows + stride - 1) / stride) * static_cast<std::size_t>((columns + stride - 1) / stride);
}

namespace {

// The sample index of pixel k of a thumbnail side: min(side - 1, k stride + stride / 2).
int sample_of(int k, int stride, int side) {
  const int sample = k * stride + stride / 2;
  return sample < side - 1 ? sample : side - 1;
}

}  // namespace

void paint_channel_reference(const float* values, int rows, int columns, const std::uint32_t* table,
                             int table_size, double low, double high, int stride, std::uint32_t* pixels) {
  const int last = table_size - 1;
  const double scale = table_size / (high - low);
  const int width = (columns + stride - 1) / stride, height = (rows + stride - 1) / stride;
  for (int r = 0; r < height; ++r) {
    const float* row = values + static_cast<std::size_t>(stride == 1 ? r : sample_of(r, stride, rows)) * columns;
    for (int c = 0; c < width; ++c) {
      int index = js_to_int32((static_cast<double>(row[stride == 1 ? c : sample_of(c, stride, columns)]) - low) * scale);
      if (index < 0) index = 0;
      else if (index > last) index = last;
      pixels[static_cast<std::size_t>(r) * width + c] = table[index];
    }
  }
}

namespace {

// One pixel: the same arithmetic as the reference; a position inside (-2^31 - 1, 2^31) truncates
// to the same int32 that ToInt32 gives, so only NaN, ±Infinity and huge positions take the slow path.
inline std::uint32_t colour_of(float value, double low, double scale, int last, const std::uint32_t* table) {
  const double position = (static_cast<double>(value) - low) * scale;
  int index = position > -2147483649.0 && position < 2147483648.0 ? static_cast<int>(position) : js_to_int32(position);
  index = index < 0 ? 0 : index;
  index = index > last ? last : index;
  return table[index];
}

// Two doubles at once (SSE2 natively, SIMD128 in WebAssembly); each lane is IEEE double arithmetic.
using Double2 = double __attribute__((vector_size(16)));
using Int2 = std::int32_t __attribute__((vector_size(8)));

// count pixels from values[at(k)], two at a time. For positions inside (-2^31, 2^31), clamping to
// [0, last] before truncating gives what truncating and then clamping gives; the pairs with a lane
// outside (NaN, infinite or huge) take colour_of, which follows ToInt32.
template <typename At>
void colour_run(const float* values, At at, int count, double low, double scale, int last, const std::uint32_t* table,
                std::uint32_t* pixels) {
  const Double2 low2 = {low, low}, scale2 = {scale, scale}, zero = {0.0, 0.0};
  const Double2 top = {static_cast<double>(last), static_cast<double>(last)};
  int k = 0;
  for (; k + 2 <= count; k += 2) {
    const float first = values[at(k)], second = values[at(k + 1)];
    Double2 position = (Double2{first, second} - low2) * scale2;
    const auto inside = (position > -2147483648.0) & (position < 2147483648.0);
    if (inside[0] && inside[1]) {
      position = position < zero ? zero : position;
      position = position > top ? top : position;
      const Int2 index = __builtin_convertvector(position, Int2);
      pixels[k] = table[index[0]];
      pixels[k + 1] = table[index[1]];
    } else {
      pixels[k] = colour_of(first, low, scale, last, table);
      pixels[k + 1] = colour_of(second, low, scale, last, table);
    }
  }
  for (; k < count; ++k) pixels[k] = colour_of(values[at(k)], low, scale, last, table);
}

}  // namespace

void paint_channel(const float* values, int rows, int columns, const std::uint32_t* table, int table_size,
                   double low, double high, int stride, std::uint32_t* pixels) {
  const int last = table_size - 1;
  const double scale = table_size / (high - low);
  if (stride == 1) {
    colour_run(values, [](int k) { return k; }, rows * columns, low, scale, last, table, pixels);
    return;
  }
  const int width = (columns + stride - 1) / stride, height = (rows + stride - 1) / stride;
  // A thumbnail row reads columns half, half + stride, ... (the last one clamped to the image).
  const int half = stride / 2, last_column = columns - 1;
  const auto column_of = [=](int c) { return std::min(last_column, c * stride + half); };
  for (int r = 0; r < height; ++r) {
    const float* row = values + static_cast<std::size_t>(sample_of(r, stride, rows)) * columns;
    colour_run(row, column_of, width, low, scale, last, table, pixels + static_cast<std::size_t>(r) * width);
  }
}

void paint_channels(const float* grid, int channel_count, int rows, int columns, const std::uint32_t* table,
                    int table_size, const std::vector<ColourChannel>& channels, std::vector<std::uint32_t>& pixels) {
  auto fail = [](const std::string& message) { throw std::invalid_argument(message); };
  if (table_size < 1 || table_size > kMaxColourTableSize) {
    fail("a colour table needs 1 to " + std::to_string(kMaxColourTableSize) + " entries, got " + std::to_string(table_size));
  }
  // The messages are built only on failure: no std::string lives across the loop's calls (with
  // Emscripten's exceptions, every call made while one is alive goes through a JavaScript trampoline).
  const auto which = [](std::size_t k) { return "colour channel " + std::to_string(k); };
  const int longest_side = std::max(rows, columns);
  std::size_t total = 0;
  for (std::size_t k = 0; k < channels.size(); ++k) {
    const ColourChannel& channel = channels[k];
    if (channel.channel < 0 || channel.channel >= channel_count) {
      fail(which(k) + ": channel " + std::to_string(channel.channel) + " does not exist (the grid has " +
           std::to_string(channel_count) + ")");
    }
    if (!std::isfinite(channel.low) || !std::isfinite(channel.high)) fail(which(k) + ": low and high must be finite numbers");
    if (channel.stride < 1 || channel.stride > longest_side) {
      fail(which(k) + ": the stride must be a whole number from 1 to " + std::to_string(longest_side) + ", got " +
           std::to_string(channel.stride));
    }
    total += colour_image_size(rows, columns, channel.stride);
  }
  pixels.resize(total);
  const std::size_t samples = static_cast<std::size_t>(rows) * columns;
  std::uint32_t* out = pixels.data();
  for (const ColourChannel& channel : channels) {
    paint_channel(grid + channel.channel * samples, rows, columns, table, table_size, channel.low, channel.high,
                  channel.stride, out);
    out += colour_image_size(rows, columns, channel.stride);
  }
}

}  // namespace algorhythm
