// Numbers to and from text (core/src/number_text, internal): parse_decimal against the C library's
// correctly rounded strtod, its strict grammar, and float text that reads back exactly.
#include "../../core/src/number_text.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <locale>
#include <string>

#include "algorhythm/random.hpp"

using namespace algorhythm;

namespace {

// A decimal point written as a comma, as some locales do.
struct CommaDecimalPoint : std::numpunct<char> {
  char do_decimal_point() const override { return ','; }
};

// A random decimal: up to `digits` significant digits, a point somewhere, an exponent in ±max_exponent.
std::string random_decimal(Random& random, int digits, int max_exponent) {
  std::string text = random.below(2) == 0 ? "-" : "";
  const int length = 1 + static_cast<int>(random.below(static_cast<std::uint32_t>(digits)));
  const int point = static_cast<int>(random.below(static_cast<std::uint32_t>(length + 1)));
  for (int i = 0; i < length; ++i) {
    if (i == point) text += '.';
    text += static_cast<char>('0' + random.below(10));
  }
  const int exponent = static_cast<int>(random.below(static_cast<std::uint32_t>(2 * max_exponent + 1))) - max_exponent;
  return text + "e" + std::to_string(exponent);
}

double ulps_apart(double a, double b) { return std::fabs(a - b) / (std::nextafter(std::fabs(b), INFINITY) - std::fabs(b)); }

}  // namespace

TEST_CASE("parse_decimal is correctly rounded for up to 15 digits and exponents within 22", "[number_text]") {
  Random random(3);
  for (int i = 0; i < 200000; ++i) {
    const std::string text = random_decimal(random, 15, 22 - 15);
    INFO(text);
    REQUIRE(parse_decimal(text) == std::strtod(text.c_str(), nullptr));
  }
}

TEST_CASE("parse_decimal stays within a few ulps for long digits and large exponents", "[number_text]") {
  Random random(4);
  double largest = 0.0;
  for (int i = 0; i < 200000; ++i) {
    const std::string text = random_decimal(random, 30, 300);
    const double expected = std::strtod(text.c_str(), nullptr);
    if (expected == 0.0 || std::isinf(expected) || std::fabs(expected) < 1e-300) continue;
    largest = std::max(largest, ulps_apart(*parse_decimal(text), expected));
  }
  WARN("parse_decimal: largest difference from strtod " << largest << " ulp (bound 8)");
  CHECK(largest <= 8.0);
}

TEST_CASE("parse_decimal accepts plain decimals only", "[number_text]") {
  CHECK(parse_decimal("0") == 0.0);
  CHECK(std::signbit(*parse_decimal("-0")));
  CHECK(parse_decimal("+1") == 1.0);
  CHECK(parse_decimal(".5") == 0.5);
  CHECK(parse_decimal("5.") == 5.0);
  CHECK(parse_decimal("1E3") == 1000.0);
  CHECK(parse_decimal("2.5e-3") == 0.0025);
  CHECK(parse_decimal("00012") == 12.0);
  CHECK(parse_decimal("3.14159265358979323846264338327950288") == 3.141592653589793);
  CHECK(parse_decimal("1e400") == HUGE_VAL);
  CHECK(parse_decimal("-1e400") == -HUGE_VAL);
  CHECK(parse_decimal("1e-400") == 0.0);
  CHECK(parse_decimal("1e99999999999") == HUGE_VAL);
  for (const char* text : {"", "+", "-", ".", "e5", "1e", "1e+", "1.2.3", " 1", "1 ", "0x10", "nan", "inf", "1,5",
                           "--1", "1e5x", "١"}) {
    INFO("'" << text << "'");
    CHECK_FALSE(parse_decimal(text).has_value());
  }
}

TEST_CASE("exact_float_text is short and reads back as the same float", "[number_text]") {
  CHECK(exact_float_text(0.1f) == "0.1");
  CHECK(exact_float_text(1.0f) == "1");
  CHECK(exact_float_text(-0.3f) == "-0.3");
  CHECK(exact_float_text(16777216.0f) == "16777216");
  CHECK(exact_float_text(1e-5f) == "1e-05");
  Random random(5);
  for (int i = 0; i < 200000; ++i) {
    const std::uint32_t bits = random.next_u32();
    float value;
    std::memcpy(&value, &bits, sizeof value);
    if (!std::isfinite(value)) continue;
    const std::string text = exact_float_text(value);
    INFO(text);
    REQUIRE(static_cast<float>(*parse_decimal(text)) == value);
  }
}

TEST_CASE("number_text writes short numbers for messages", "[number_text]") {
  CHECK(number_text(2.0) == "2");
  CHECK(number_text(0.95f) == "0.95");
  CHECK(number_text(12000) == "12000");
  CHECK(number_text(std::nan("")) == "NaN");
  CHECK(number_text(HUGE_VAL) == "infinity");
  CHECK(number_text(-HUGE_VAL) == "-infinity");
}

TEST_CASE("number text ignores the global locale", "[number_text]") {
  const std::locale previous = std::locale::global(std::locale(std::locale::classic(), new CommaDecimalPoint));
  CHECK(number_text(0.5) == "0.5");
  CHECK(exact_float_text(2.25f) == "2.25");
  CHECK(parse_decimal("2.25") == 2.25);
  std::locale::global(previous);
}
