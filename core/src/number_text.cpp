// Numbers to and from text that do not depend on the locale (strtod and printf read LC_NUMERIC's
// decimal point) and give the same result on every platform: parse_decimal uses only IEEE
// arithmetic, and the formatting puts back the '.' a locale may have replaced.
#include "number_text.hpp"

#include <clocale>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace algorhythm {
namespace {

// Every power of ten up to 1e22 is exact in a double.
constexpr double kExactPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
constexpr int kLargestExactPower = 22;
constexpr std::uint64_t kLargestExactInteger = std::uint64_t{1} << 53;
// Digits beyond the 19th cannot change a double; they only shift the decimal exponent.
constexpr std::uint64_t kSignificandLimit = 1000000000000000000ull;  // 10^18: one more digit still fits
// Beyond these decimal exponents every significand gives infinity or zero.
constexpr int kExponentLimit = 400;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// significand·10^exponent. Exact inputs (significand <= 2^53, |exponent| <= 22) give the correctly
// rounded double (one IEEE operation); otherwise it scales in steps of 1e22, a few ulps at worst.
double scale_by_power_of_ten(std::uint64_t significand, int exponent) {
  double value = static_cast<double>(significand);
  if (significand <= kLargestExactInteger && exponent >= -kLargestExactPower && exponent <= kLargestExactPower) {
    return exponent < 0 ? value / kExactPowersOfTen[-exponent] : value * kExactPowersOfTen[exponent];
  }
  for (; exponent > kLargestExactPower; exponent -= kLargestExactPower) value *= kExactPowersOfTen[kLargestExactPower];
  for (; exponent < -kLargestExactPower; exponent += kLargestExactPower) value /= kExactPowersOfTen[kLargestExactPower];
  return exponent < 0 ? value / kExactPowersOfTen[-exponent] : value * kExactPowersOfTen[exponent];
}

// printf's %g: glibc and musl both print the exactly rounded decimal, so the digits agree.
std::string format_with_precision(double value, int significant_digits) {
  char buffer[32];
  const int length = std::snprintf(buffer, sizeof buffer, "%.*g", significant_digits, value);
  std::string text(buffer, static_cast<std::size_t>(length));
  // printf writes the C locale's decimal point (LC_NUMERIC); the text must always have '.'.
  const std::string_view point = std::localeconv()->decimal_point;
  const std::size_t at = point == "." ? std::string::npos : text.find(point);
  if (at != std::string::npos) text.replace(at, point.size(), ".");
  return text;
}

}  // namespace

std::string number_text(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "infinity" : "-infinity";
  return format_with_precision(value, 6);
}

std::string exact_float_text(float value) {
  for (int digits = 6;; ++digits) {
    std::string text = format_with_precision(value, digits);
    const std::optional<double> back = parse_decimal(text);
    // 9 significant digits always identify a float.
    if (digits == 9 || (back && static_cast<float>(*back) == value)) return text;
  }
}

std::optional<double> parse_decimal(std::string_view text) {
  std::size_t i = 0;
  const bool negative = i < text.size() && text[i] == '-';
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;

  std::uint64_t significand = 0;
  int exponent = 0;
  bool any_digit = false;
  // Keeps a digit if the significand has room, else drops it (an integer digit then scales by 10).
  const auto take_digit = [&](char c, bool after_point) {
    any_digit = true;
    if (significand < kSignificandLimit) {
      significand = significand * 10 + static_cast<std::uint64_t>(c - '0');
      if (after_point) --exponent;
    } else if (!after_point) {
      ++exponent;
    }
  };
  for (; i < text.size() && is_digit(text[i]); ++i) take_digit(text[i], false);
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && is_digit(text[i]); ++i) take_digit(text[i], true);
  }
  if (!any_digit) return std::nullopt;

  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    const bool negative_exponent = i < text.size() && text[i] == '-';
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    if (i == text.size() || !is_digit(text[i])) return std::nullopt;
    int written_exponent = 0;
    for (; i < text.size() && is_digit(text[i]); ++i) {
      if (written_exponent < 100000) written_exponent = written_exponent * 10 + (text[i] - '0');
    }
    exponent += negative_exponent ? -written_exponent : written_exponent;
  }
  if (i != text.size()) return std::nullopt;

  double magnitude;
  if (significand == 0 || exponent < -kExponentLimit) {
    magnitude = 0.0;
  } else if (exponent > kExponentLimit) {
    magnitude = HUGE_VAL;
  } else {
    magnitude = scale_by_power_of_ten(significand, exponent);
  }
  return negative ? -magnitude : magnitude;
}

}  // namespace algorhythm
