// A small deterministic decoder from libFuzzer's bytes to engine values, shared by the fuzz targets.
//
// Every read consumes bytes from the front; once the bytes run out every read returns its first
// choice (0, the first table entry, an empty string), so any input decodes to something. Numbers are
// drawn mostly from tables of edge cases (NaN, ±infinity, the largest float, the limits of each
// setting and one past them), so the fuzzer reaches the validation boundaries in a few mutations.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <limits>
#include <string>
#include <string_view>

namespace algorhythm::fuzz {

class FuzzInput {
 public:
  FuzzInput(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

  bool empty() const { return at_ >= size_; }

  std::uint8_t byte() { return at_ < size_ ? data_[at_++] : 0; }
  bool flag() { return (byte() & 1) != 0; }
  int below(int count) { return byte() % count; }  // 0 .. count-1 (count <= 256)

  std::uint32_t word() {
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) value = (value << 8) | byte();
    return value;
  }

  // An integer for a count or an index: small values, the limits the engine enforces, and extremes.
  int whole() {
    static constexpr int kEdges[] = {0, 1, 2, 3, 4, -1, 8, 9, 16, 17, 400, 401, 10000, 10001,
                                     std::numeric_limits<int>::max(), std::numeric_limits<int>::min()};
    const std::uint8_t selector = byte();
    if (selector < 128) return selector % 20;
    if (selector < 240) return kEdges[selector % std::size(kEdges)];
    return static_cast<int>(word());
  }

  // A float for a setting or a data value: small values, the engine's ranges, non-finite values and
  // arbitrary bit patterns (denormals, huge exponents).
  float number() {
    static constexpr float kEdges[] = {0.0f, -0.0f, 1.0f, -1.0f, 0.5f, 0.1f, 0.9f, 0.999f, 1e-8f, 10.0f, 10.001f,
                                       1e6f, -1e6f, 1e30f, std::numeric_limits<float>::max(),
                                       -std::numeric_limits<float>::max(), std::numeric_limits<float>::denorm_min(),
                                       std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity(),
                                       std::numeric_limits<float>::quiet_NaN()};
    const std::uint8_t selector = byte();
    if (selector < 128) return static_cast<float>(static_cast<int>(selector % 32) - 16) / 4.0f;  // -4 .. 3.75
    if (selector < 240) return kEdges[selector % std::size(kEdges)];
    const std::uint32_t bits = word();
    float value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
  }

  // Up to `longest` bytes, taken as they are (any bytes, including NUL and invalid UTF-8).
  std::string text(std::size_t longest) {
    const std::size_t length = std::min<std::size_t>(byte() % (longest + 1), size_ - std::min(at_, size_));
    std::string result(reinterpret_cast<const char*>(data_ + at_), length);
    at_ += length;
    return result;
  }

  // All bytes not read yet.
  std::string_view rest() {
    const std::size_t start = std::min(at_, size_);
    at_ = size_;
    return {reinterpret_cast<const char*>(data_ + start), size_ - start};
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t at_ = 0;
};

// Stops the run with a message: libFuzzer saves the input that got here as a crash.
[[noreturn]] inline void broken_promise(const char* what) {
  std::fprintf(stderr, "fuzz: broken promise: %s\n", what);
  std::abort();
}

inline void require(bool condition, const char* what) {
  if (!condition) broken_promise(what);
}

}  // namespace algorhythm::fuzz
