// Heat-map colours through a colour table (colours.hpp): the engine's copy of the page's paintValues.
#include "algorhythm/colours.hpp"

#include "algorhythm/portable_math.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>
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

// Four pixels at a time: four floats, their positions as two pairs of doubles (SSE2 natively,
// SIMD128 in WebAssembly; each lane is IEEE double arithmetic, as in JavaScript), and four lookups.
using portable::Float4;
using Double2 = double __attribute__((vector_size(16)));
using Int4 = std::int32_t __attribute__((vector_size(16)));

inline Double2 low_pair(Float4 v) { return __builtin_convertvector(__builtin_shufflevector(v, v, 0, 1), Double2); }
// Lanes 2 and 3 converted. In WebAssembly the shuffle that moves them down is written as the
// intrinsic: LLVM would turn the lanes it does not need into byte 0, a pattern V8 builds a pshufb
// mask for in four instructions; lanes (2, 3, 2, 3) are one pshufd.
inline Double2 high_pair(Float4 v) {
#ifdef __wasm_simd128__
  using Bytes = signed char __attribute__((vector_size(16)));
  Bytes bytes;
  std::memcpy(&bytes, &v, sizeof bytes);
  bytes = __builtin_wasm_shuffle_i8x16(bytes, bytes, 8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15);
  Float4 high;
  std::memcpy(&high, &bytes, sizeof high);
  return low_pair(high);
#else
  return __builtin_convertvector(__builtin_shufflevector(v, v, 2, 3), Double2);
#endif
}

// Whether every lane of a comparison's result is true (all ones): one bitmask instruction in
// WebAssembly, where reading the lanes one by one costs an extract each.
inline bool all_lanes(Int4 mask) {
#ifdef __wasm_simd128__
  return __builtin_wasm_bitmask_i32x4(mask) == 0xf;
#else
  return mask[0] & mask[1] & mask[2] & mask[3];
#endif
}

// x < 0 ? 0 : x, then x > top ? top : x (one maxpd and one minpd; see portable::detail::pmin).
inline Double2 clamp_pair(Double2 x, Double2 top) {
#ifdef __wasm_simd128__
  return __builtin_wasm_pmin_f64x2(__builtin_wasm_pmax_f64x2(x, Double2{0.0, 0.0}), top);
#else
  x = x < Double2{0.0, 0.0} ? Double2{0.0, 0.0} : x;
  return x > top ? top : x;
#endif
}

// The integer parts of two pairs of doubles in [0, 2^31) as four int32. y = x + 2^52 is x rounded
// to the nearest integer n, held in the low bits of y's significand (y's bits are 2^52's + n);
// when that rounded up (y - 2^52 > x), the integer part is n - 1: the comparison's all-ones lane
// (-1) is added to the bits. Exact, with plain SIMD arithmetic, where a float-to-int conversion of
// double pairs is scalar code in WebAssembly (LLVM 14 expands i32x4.trunc_sat_f64x2_s_zero).
using Long2 = std::int64_t __attribute__((vector_size(16)));

inline Long2 integer_part_bits(Double2 x) {
  const Double2 shift = {4503599627370496.0, 4503599627370496.0};  // 2^52
  const Double2 y = x + shift;
  Long2 bits;
  std::memcpy(&bits, &y, sizeof bits);
  return bits + ((y - shift) > x);
}

inline Int4 integer_parts(Double2 first, Double2 second) {
  const Long2 a = integer_part_bits(first), b = integer_part_bits(second);
  Int4 a32, b32;
  std::memcpy(&a32, &a, sizeof a32);
  std::memcpy(&b32, &b, sizeof b32);
  return __builtin_shufflevector(a32, b32, 0, 2, 4, 6);  // the low halves (little-endian)
}

// pixels[j] = table[index[j]] for j < n (n <= 4).
[[gnu::always_inline]] inline void look_up_four(Int4 index, const std::uint32_t* table, std::uint32_t* pixels, int n) {
  if (n == 4) {  // lanes by constant index: a variable one sends the vector through memory
    pixels[0] = table[index[0]];
    pixels[1] = table[index[1]];
    pixels[2] = table[index[2]];
    pixels[3] = table[index[3]];
  } else {
    for (int j = 0; j < n; ++j) pixels[j] = table[index[j]];
  }
}

// The colours of four values into pixels[0 .. n - 1] (n <= 4). For positions inside (-2^31, 2^31),
// clamping to [0, last] before truncating gives what truncating and then clamping gives; a group
// with a lane outside (NaN, infinite or huge) takes colour_of, which follows ToInt32.
struct ColourScale {
  double low, scale;
  int last;
  const std::uint32_t* table;
};

[[gnu::always_inline]] inline void colour_four(Float4 v, const ColourScale& c, std::uint32_t* pixels, int n) {
  const Double2 low2 = {c.low, c.low}, scale2 = {c.scale, c.scale};
  const Double2 top = {static_cast<double>(c.last), static_cast<double>(c.last)};
  const Double2 below = {-2147483648.0, -2147483648.0}, above = {2147483648.0, 2147483648.0};
  const Double2 first = (low_pair(v) - low2) * scale2, second = (high_pair(v) - low2) * scale2;
  const auto inside = (first > below) & (first < above) & (second > below) & (second < above);  // two int64 lanes
  Int4 inside_lanes;
  std::memcpy(&inside_lanes, &inside, sizeof inside_lanes);
  if (all_lanes(inside_lanes)) {
    look_up_four(integer_parts(clamp_pair(first, top), clamp_pair(second, top)), c.table, pixels, n);
  } else {
    for (int j = 0; j < n; ++j) pixels[j] = colour_of(v[j], c.low, c.scale, c.last, c.table);
  }
}

// Ranges whose scale is a power of two and whose start falls on a table index (the page's tables:
// 256 entries over [-1, 1] or [0, 1]): scale = 2^p and shift = low · scale an integer. For a float v
// with |v| in [2^(-7-p), 2^(22-p)] (or v = 0), v - low is a multiple of 2^(-30-p) below 2^(23-p) in
// magnitude: exact in double, so the page's position (v - low) · scale is exactly v · 2^p - shift,
// and its truncation, once clamped to [0, last], is floor(v · 2^p) - shift clamped the same way
// (a negative position clamps to 0 either way). v · 2^p is exact in float too, so four values take
// one multiply, a clamp and a floor in float arithmetic. With low = 0 and p >= 0 (a probability's
// [0, 1]) tiny values are exact too: v - 0 = v, and v · 2^p loses no bits. Other values (NaN,
// infinite, tiny, huge) take colour_of.
struct BinaryScale {
  ColourScale exact;  // for the lanes outside the fast range
  float scale;        // 2^p
  float lowest, highest;  // shift and shift + last: the clamp of v · 2^p
  float tiny, huge;       // the fast range of |v|: [2^(-7-p), 2^(22-p)], from 0 when low = 0 and p >= 0
  std::int32_t index_bias;  // the bits of kMagic + shift: bits(floor + kMagic) - index_bias = floor - shift
};

constexpr float kMagic = 12582912.0f;  // 1.5 · 2^23: for an integer f with |f| < 2^22, f + kMagic is exact
                                        // and its bits are kMagic's plus f

std::optional<BinaryScale> binary_scale_of(const ColourScale& exact) {
  int exponent = 0;
  if (!(std::frexp(exact.scale, &exponent) == 0.5)) return std::nullopt;  // also refuses NaN and ±inf
  const int p = exponent - 1;
  const double shift = exact.low * exact.scale;  // exact: a power-of-two multiple (checked below)
  if (p < -20 || p > 20 || std::floor(shift) != shift || std::fabs(shift) > 1048576.0 || shift / exact.scale != exact.low) {
    return std::nullopt;
  }
  std::int32_t magic_bits;
  std::memcpy(&magic_bits, &kMagic, sizeof magic_bits);
  return BinaryScale{exact,
                     static_cast<float>(exact.scale),
                     static_cast<float>(shift),
                     static_cast<float>(shift + exact.last),
                     shift == 0.0 && p >= 0 ? 0.0f : std::ldexp(1.0f, -7 - p),
                     std::ldexp(1.0f, 22 - p),
                     magic_bits + static_cast<std::int32_t>(shift)};
}

// floor of four floats of magnitude below 2^22: one instruction in WebAssembly; with SSE2 (no
// roundps), the nearest integer by the kMagic addition, less one where that rounded up.
inline Float4 floor4(Float4 t) {
#ifdef __wasm_simd128__
  return __builtin_wasm_floor_f32x4(t);
#else
  const Float4 magic = portable::splat4(kMagic);
  const Float4 nearest = (t + magic) - magic;
  return nearest > t ? nearest - portable::splat4(1.0f) : nearest;
#endif
}

[[gnu::always_inline]] inline void colour_four(Float4 v, const BinaryScale& c, std::uint32_t* pixels, int n) {
  using portable::splat4;
  const Float4 size = portable::detail::float_from_bits(portable::detail::bits_of(v) & 0x7fffffffu);  // |v|
  const auto fast = ((size >= splat4(c.tiny)) & (size <= splat4(c.huge))) | (size == splat4(0.0f));
  if (!all_lanes(fast)) {
    for (int j = 0; j < n; ++j) pixels[j] = colour_of(v[j], c.exact.low, c.exact.scale, c.exact.last, c.exact.table);
    return;
  }
  const Float4 t = portable::detail::pmin(portable::detail::pmax(v * splat4(c.scale), splat4(c.lowest)), splat4(c.highest));
  Int4 index;
  const Float4 biased = floor4(t) + splat4(kMagic);
  std::memcpy(&index, &biased, sizeof index);
  look_up_four(index - c.index_bias, c.exact.table, pixels, n);
}

// count pixels, four at a time: gather4(k) gives the values of pixels k .. k + 3 (in the last group,
// those from count on repeat the last one, and are not stored). Scale is a ColourScale or BinaryScale.
template <typename Gather, typename Scale>
void colour_run(Gather gather4, int count, const Scale& scale, std::uint32_t* pixels) {
  int k = 0;
  for (; k + 4 <= count; k += 4) colour_four(gather4(k), scale, pixels + k, 4);
  if (k < count) colour_four(gather4(k), scale, pixels + k, count - k);
}

// values[at(k)] for pixels k .. k + 3, the pixels from count on repeating pixel count - 1.
template <typename At>
Float4 gather_clamped(const float* values, At at, int k, int count) {
  const auto value = [&](int j) { return values[at(std::min(k + j, count - 1))]; };
  return Float4{value(0), value(1), value(2), value(3)};
}

// Stride 2 over an even number of columns, at least 8 (the page's thumbnails of 100 × 100): pixel c
// of a row is column 2c + 1, so four pixels are the odd floats of the eight from column 2c, and every
// group, the last one included, reads inside its row. A row whose width is not a multiple of four
// ends with a group that overlaps the one before it (those pixels are written twice, alike).
template <typename Scale>
void paint_odd_columns(const float* values, int rows, int columns, const Scale& scale, std::uint32_t* pixels) {
  const int width = columns / 2, height = (rows + 1) / 2;
  const auto odd_floats = [](const float* eight) {
    return __builtin_shufflevector(portable::load4(eight), portable::load4(eight + 4), 1, 3, 5, 7);
  };
  for (int r = 0; r < height; ++r) {
    const float* row = values + static_cast<std::size_t>(sample_of(r, 2, rows)) * columns;
    std::uint32_t* out = pixels + static_cast<std::size_t>(r) * width;
    int c = 0;
    for (; c + 4 <= width; c += 4) colour_four(odd_floats(row + 2 * c), scale, out + c, 4);
    if (c < width) colour_four(odd_floats(row + 2 * (width - 4)), scale, out + width - 4, 4);
  }
}

// paint_channel's loops over one image with either kernel.
template <typename Scale>
void paint_image(const float* values, int rows, int columns, int stride, const Scale& scale, std::uint32_t* pixels) {
  if (stride == 2 && columns % 2 == 0 && columns >= 8) {
    paint_odd_columns(values, rows, columns, scale, pixels);
    return;
  }
  if (stride == 1) {
    const int count = rows * columns;
    const auto next_four = [=](int k) {
      return k + 4 <= count ? portable::load4(values + k) : gather_clamped(values, [](int j) { return j; }, k, count);
    };
    colour_run(next_four, count, scale, pixels);
    return;
  }
  const int width = (columns + stride - 1) / stride, height = (rows + stride - 1) / stride;
  // A thumbnail row reads columns half, half + stride, ... (the last one clamped to the image).
  const int half = stride / 2, last_column = columns - 1;
  const auto column_of = [=](int c) { return std::min(last_column, c * stride + half); };
  for (int r = 0; r < height; ++r) {
    const float* row = values + static_cast<std::size_t>(sample_of(r, stride, rows)) * columns;
    const auto four_columns = [=](int c) { return gather_clamped(row, column_of, c, width); };
    colour_run(four_columns, width, scale, pixels + static_cast<std::size_t>(r) * width);
  }
}

}  // namespace

void paint_channel(const float* values, int rows, int columns, const std::uint32_t* table, int table_size,
                   double low, double high, int stride, std::uint32_t* pixels) {
  const ColourScale scale = {low, table_size / (high - low), table_size - 1, table};
  if (const std::optional<BinaryScale> binary = binary_scale_of(scale)) {
    paint_image(values, rows, columns, stride, *binary, pixels);
  } else {
    paint_image(values, rows, columns, stride, scale, pixels);
  }
}

void paint_channels(const float* grid, int channel_count, int rows, int columns, const std::uint32_t* table,
                    int table_size, const std::vector<ColourChannel>& channels, std::vector<std::uint32_t>& pixels) {
  auto fail = [](const std::string& message) { throw std::invalid_argument(message); };
  if (table_size < 1 || table_size > kMaxColourTableSize) {
    fail("a colour table needs 1 to " + std::to_string(kMaxColourTableSize) + " entries, got " + std::to_string(table_size));
  }
  // The messages are built only on failure.
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
