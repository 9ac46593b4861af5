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

}  // namespace

void paint_channel(const float* values, int rows, int columns, const std::uint32_t* table, int table_size,
                   double low, double high, int stride, std::uint32_t* pixels) {
  const int last = table_size - 1;
  const double scale = table_size / (high - low);
  if (stride == 1) {
    const std::size_t count = static_cast<std::size_t>(rows) * columns;
    for (std::size_t i = 0; i < count; ++i) pixels[i] = colour_of(values[i], low, scale, last, table);
    return;
  }
  const int width = (columns + stride - 1) / stride, height = (rows + stride - 1) / stride;
  // The sampled columns, once for all rows.
  std::vector<int> sampled_columns(width);
  for (int c = 0; c < width; ++c) sampled_columns[c] = sample_of(c, stride, columns);
  for (int r = 0; r < height; ++r) {
    const float* row = values + static_cast<std::size_t>(sample_of(r, stride, rows)) * columns;
    std::uint32_t* out = pixels + static_cast<std::size_t>(r) * width;
    for (int c = 0; c < width; ++c) out[c] = colour_of(row[sampled_columns[c]], low, scale, last, table);
  }
}

void paint_channels(const float* grid, int channel_count, int rows, int columns, const std::uint32_t* table,
                    int table_size, const std::vector<ColourChannel>& channels, std::vector<std::uint32_t>& pixels) {
  auto fail = [](const std::string& message) { throw std::invalid_argument(message); };
  if (table_size < 1 || table_size > kMaxColourTableSize) {
    fail("a colour table needs 1 to " + std::to_string(kMaxColourTableSize) + " entries, got " + std::to_string(table_size));
  }
  std::size_t total = 0;
  for (std::size_t k = 0; k < channels.size(); ++k) {
    const ColourChannel& channel = channels[k];
    const std::string which = "colour channel " + std::to_string(k);
    if (channel.channel < 0 || channel.channel >= channel_count) {
      fail(which + ": channel " + std::to_string(channel.channel) + " does not exist (the grid has " +
           std::to_string(channel_count) + ")");
    }
    if (!std::isfinite(channel.low) || !std::isfinite(channel.high)) fail(which + ": low and high must be finite numbers");
    if (channel.stride < 1 || channel.stride > std::max(rows, columns)) {
      fail(which + ": the stride must be a whole number from 1 to " + std::to_string(std::max(rows, columns)) + ", got " +
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
