// The portable elementary functions against the C library, over sweeps that include the edges.
// The reference is computed in long double (64-bit significand on x86-64), so the measured error is
// the portable function's own, not the C library's.
#include "algorhythm/portable_math.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

namespace portable = algorhythm::portable;

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

double relative_error(double value, long double reference) {
  if (reference == 0.0L) return value == 0.0 ? 0.0 : kInfinity;
  return static_cast<double>(std::fabs((static_cast<long double>(value) - reference) / reference));
}

double absolute_error(double value, long double reference) {
  return static_cast<double>(std::fabs(static_cast<long double>(value) - reference));
}

// n points evenly spaced over [low, high].
std::vector<double> sweep(double low, double high, int n) {
  std::vector<double> xs;
  for (int i = 0; i < n; ++i) xs.push_back(low + (high - low) * i / (n - 1));
  return xs;
}

// Distance in representable floats (0 = equal, 1 = neighbours), across zero too.
std::int64_t float_ulps_apart(float a, float b) {
  const auto ordered = [](float x) {
    std::int32_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    return bits < 0 ? std::int64_t{INT32_MIN} - bits : std::int64_t{bits};
  };
  const std::int64_t d = ordered(a) - ordered(b);
  return d < 0 ? -d : d;
}

// Every 97th non-negative finite float and its negative: about 44 million values, all magnitudes.
template <typename Check>
void for_float_sweep(Check check) {
  for (std::uint32_t bits = 0; bits < 0x7f800000u; bits += 97) {
    float x;
    std::memcpy(&x, &bits, sizeof x);
    check(x);
    check(-x);
  }
}

}  // namespace

TEST_CASE("exp is within 1e-15 relative of the true value for |x| < 700", "[portable_math][exp]") {
  std::vector<double> xs = sweep(-700.0, 700.0, 1400001);
  for (double x : sweep(-1.0, 1.0, 200001)) xs.push_back(x);
  for (int e = -1074; e <= -1; ++e) {  // tiny arguments, down to the smallest subnormal
    xs.push_back(std::ldexp(1.0, e));
    xs.push_back(-std::ldexp(1.3, e - 1));
  }
  double largest = 0.0;
  for (double x : xs) largest = std::max(largest, relative_error(portable::exp(x), std::exp(static_cast<long double>(x))));
  WARN("exp: largest relative error " << largest << " over " << xs.size() << " values (bound 1e-15)");
  CHECK(largest < 1e-15);
}

TEST_CASE("exp handles zero, overflow, underflow, subnormal results, inf and NaN", "[portable_math][exp]") {
  CHECK(portable::exp(0.0) == 1.0);
  CHECK(portable::exp(-0.0) == 1.0);
  CHECK(portable::exp(1.0) == Approx(2.718281828459045).epsilon(1e-15));
  CHECK(portable::exp(709.78) == Approx(std::exp(709.78)).epsilon(1e-15));
  CHECK(portable::exp(709.79) == kInfinity);
  CHECK(portable::exp(1e308) == kInfinity);
  CHECK(portable::exp(kInfinity) == kInfinity);
  CHECK(portable::exp(-kInfinity) == 0.0);
  CHECK(portable::exp(-746.0) == 0.0);
  CHECK(std::isnan(portable::exp(std::nan(""))));
  // Subnormal results are rounded once, so they stay within one subnormal step of the C library's.
  for (double x : sweep(-745.0, -708.5, 10001)) {
    const double step = std::numeric_limits<double>::denorm_min();
    INFO("x = " << x);
    CHECK(std::fabs(portable::exp(x) - std::exp(x)) <= std::max(step, std::exp(x) * 2.3e-16));
  }
}

TEST_CASE("log is within 1e-15 relative of the true value", "[portable_math][log]") {
  std::vector<double> xs;
  for (int e = -1074; e <= 1023; ++e) {  // every binade, subnormals included
    for (double m : sweep(1.0, 2.0, 257)) {
      const double x = std::ldexp(m, e);
      if (x > 0.0 && x < kInfinity) xs.push_back(x);
    }
  }
  for (double x : sweep(0.5, 2.0, 300001)) xs.push_back(x);
  for (int e = -60; e <= -1; ++e) {  // near 1, where log(x) is tiny and must stay relatively accurate
    xs.push_back(1.0 + std::ldexp(1.0, e));
    xs.push_back(1.0 - std::ldexp(1.0, e));
  }
  double largest = 0.0;
  for (double x : xs) {
    if (x == 1.0) continue;
    largest = std::max(largest, relative_error(portable::log(x), std::log(static_cast<long double>(x))));
  }
  WARN("log: largest relative error " << largest << " over " << xs.size() << " values (bound 1e-15)");
  CHECK(largest < 1e-15);
}

TEST_CASE("log handles 1, 0, negatives, the smallest subnormal, inf and NaN", "[portable_math][log]") {
  CHECK(portable::log(1.0) == 0.0);
  CHECK(portable::log(0.0) == -kInfinity);
  CHECK(portable::log(-0.0) == -kInfinity);
  CHECK(std::isnan(portable::log(-1.0)));
  CHECK(std::isnan(portable::log(-kInfinity)));
  CHECK(portable::log(kInfinity) == kInfinity);
  CHECK(std::isnan(portable::log(std::nan(""))));
  CHECK(portable::log(std::numeric_limits<double>::denorm_min()) == Approx(-744.4400719213812).epsilon(1e-15));
  CHECK(portable::log(std::numeric_limits<double>::max()) == Approx(709.782712893384).epsilon(1e-15));
}

TEST_CASE("sin and cos are within 1e-15 absolute of the true values for |x| < 1e5", "[portable_math][sin][cos]") {
  std::vector<double> xs = sweep(-1e5, 1e5, 1000001);
  for (double x : sweep(-10.0, 10.0, 200001)) xs.push_back(x);
  for (int k = -2000; k <= 2000; ++k) {  // the doubles nearest multiples of pi/2, where reduction cancels most
    const double x = k * (portable::kPi / 2);
    xs.push_back(x);
    xs.push_back(std::nextafter(x, kInfinity));
  }
  for (double x : sweep(1e5, 1.6e6, 100001)) xs.push_back(x);  // up to the largest reducible argument
  double largest_sin = 0.0, largest_cos = 0.0;
  for (double x : xs) {
    const long double lx = x;
    largest_sin = std::max(largest_sin, absolute_error(portable::sin(x), std::sin(lx)));
    largest_cos = std::max(largest_cos, absolute_error(portable::cos(x), std::cos(lx)));
  }
  WARN("sin: largest absolute error " << largest_sin << ", cos: " << largest_cos << " over " << xs.size()
                                      << " values up to 1.6e6 (bound 1e-15)");
  CHECK(largest_sin < 1e-15);
  CHECK(largest_cos < 1e-15);
}

TEST_CASE("sin and cos keep their relative accuracy near their zeros", "[portable_math][sin][cos]") {
  double largest = 0.0;
  for (int k = 1; k <= 100000; ++k) {
    const double x = k * portable::kPi;  // sin(x) is about 1e-16 k here: all cancellation
    largest = std::max(largest, relative_error(portable::sin(x), std::sin(static_cast<long double>(x))));
    const double y = (k - 0.5) * portable::kPi;  // zero of cos
    largest = std::max(largest, relative_error(portable::cos(y), std::cos(static_cast<long double>(y))));
  }
  WARN("sin/cos near zeros: largest relative error " << largest);
  CHECK(largest < 1e-15);
}

TEST_CASE("sin and cos: symmetry, small and special arguments", "[portable_math][sin][cos]") {
  for (double x : sweep(0.0, 100.0, 10001)) {
    CHECK(portable::sin(-x) == -portable::sin(x));
    CHECK(portable::cos(-x) == portable::cos(x));
  }
  CHECK(portable::sin(0.0) == 0.0);
  CHECK(std::signbit(portable::sin(-0.0)));
  CHECK(portable::cos(0.0) == 1.0);
  CHECK(portable::sin(1e-300) == 1e-300);
  CHECK(portable::cos(1e-300) == 1.0);
  CHECK(std::isnan(portable::sin(kInfinity)));
  CHECK(std::isnan(portable::cos(-kInfinity)));
  CHECK(std::isnan(portable::sin(std::nan(""))));
  // Beyond 2^20·pi/2 the three parts of pi/2 no longer reduce exactly: NaN rather than a wrong value.
  CHECK(std::isnan(portable::sin(2e6)));
  CHECK(std::isnan(portable::cos(-1e300)));
}

TEST_CASE("sqrt is the IEEE square root", "[portable_math][sqrt]") {
  for (double x : {0.0, 1e-310, 0.5, 2.0, 3.0, 1e300, kInfinity}) CHECK(portable::sqrt(x) == std::sqrt(x));
  CHECK(std::isnan(portable::sqrt(-1.0)));
}

TEST_CASE("tanh is within one float ulp of tanh computed in double, for every magnitude", "[portable_math][tanh]") {
  long values = 0, differing = 0;
  std::int64_t largest = 0;
  for_float_sweep([&](float x) {
    const float expected = static_cast<float>(std::tanh(static_cast<double>(x)));
    const std::int64_t apart = float_ulps_apart(portable::tanh(x), expected);
    ++values;
    if (apart != 0) ++differing;
    largest = std::max(largest, apart);
  });
  WARN("tanh: " << differing << " of " << values << " floats differ from std::tanh, by at most " << largest << " ulp");
  CHECK(largest <= 1);
}

TEST_CASE("tanh: odd, saturating, and exact at the edges", "[portable_math][tanh]") {
  for (float x : {0.01f, 0.0625f, 0.5f, 1.0f, 3.0f, 9.0f}) CHECK(portable::tanh(-x) == -portable::tanh(x));
  CHECK(portable::tanh(0.0f) == 0.0f);
  CHECK(std::signbit(portable::tanh(-0.0f)));
  CHECK(portable::tanh(1e-30f) == 1e-30f);
  CHECK(portable::tanh(20.0f) == 1.0f);
  CHECK(portable::tanh(-3e38f) == -1.0f);
  CHECK(portable::tanh(std::numeric_limits<float>::infinity()) == 1.0f);
  CHECK(std::isnan(portable::tanh(std::nanf(""))));
}

TEST_CASE("sigmoid is within one float ulp of 1/(1 + exp(-x)) computed in double", "[portable_math][sigmoid]") {
  long values = 0, differing = 0;
  std::int64_t largest = 0;
  for_float_sweep([&](float x) {
    const float expected = static_cast<float>(1.0 / (1.0 + std::exp(-static_cast<double>(x))));
    const std::int64_t apart = float_ulps_apart(portable::sigmoid(x), expected);
    ++values;
    if (apart != 0) ++differing;
    largest = std::max(largest, apart);
  });
  WARN("sigmoid: " << differing << " of " << values << " floats differ from the double formula, by at most "
                   << largest << " ulp");
  CHECK(largest <= 1);
}

TEST_CASE("sigmoid: limits without NaN", "[portable_math][sigmoid]") {
  const float infinity = std::numeric_limits<float>::infinity();
  CHECK(portable::sigmoid(0.0f) == 0.5f);
  CHECK(portable::sigmoid(-1000.0f) == 0.0f);
  CHECK(portable::sigmoid(-infinity) == 0.0f);
  CHECK(portable::sigmoid(100.0f) == 1.0f);
  CHECK(portable::sigmoid(infinity) == 1.0f);
  CHECK(portable::sigmoid(-20.0f) == Approx(2.0611536e-9f).epsilon(1e-6));
  CHECK(std::isnan(portable::sigmoid(std::nanf(""))));
}

// ---- the fast kernels the engine uses (portable_math.hpp), against double precision and against
// the accurate versions above, which stay beside them as the reference

TEST_CASE("fast_tanh is within 6e-7 and 10 float ulp of tanh in double and of the accurate tanh",
          "[portable_math][tanh][fast]") {
  long values = 0, differing = 0;
  std::int64_t largest = 0, largest_from_reference = 0;
  double largest_absolute = 0.0;
  float worst = 0.0f;
  const auto check = [&](float x) {
    const float fast = portable::fast_tanh(x);
    const double exact = std::tanh(static_cast<double>(x));
    const std::int64_t apart = float_ulps_apart(fast, static_cast<float>(exact));
    ++values;
    if (apart != 0) ++differing;
    if (apart > largest) worst = x;
    largest = std::max(largest, apart);
    largest_absolute = std::max(largest_absolute, std::fabs(static_cast<double>(fast) - exact));
    largest_from_reference = std::max(largest_from_reference, float_ulps_apart(fast, portable::tanh(x)));
  };
  for_float_sweep(check);
  // Every float where the rational approximation is least accurate, and around the clamp at 7.75.
  for (float x = 3.0f; x < 9.5f; x = std::nextafter(x, 10.0f)) check(x);
  WARN("fast_tanh: " << differing << " of " << values << " floats differ from std::tanh; largest error " << largest
                     << " ulp (at " << worst << "), absolute " << largest_absolute << ", " << largest_from_reference
                     << " ulp from portable::tanh");
  CHECK(largest <= 10);
  CHECK(largest_absolute <= 6e-7);
  CHECK(largest_from_reference <= 10);
}

TEST_CASE("fast_tanh: odd, saturating below 1, NaN for NaN", "[portable_math][tanh][fast]") {
  const float infinity = std::numeric_limits<float>::infinity();
  for (float x : {1e-30f, 0.01f, 0.0625f, 0.5f, 1.0f, 3.0f, 7.74f, 7.75f, 7.76f, 9.0f, 20.0f}) {
    CHECK(portable::fast_tanh(-x) == -portable::fast_tanh(x));
  }
  CHECK(portable::fast_tanh(0.0f) == 0.0f);
  CHECK(std::signbit(portable::fast_tanh(-0.0f)));
  // Beyond the clamp, one value: 1 - 4.8e-7 (tanh(7.75) = 1 - 3.7e-7).
  const float saturated = portable::fast_tanh(7.75f);
  CHECK(saturated < 1.0f);
  CHECK(saturated > 1.0f - 6e-7f);
  for (float x : {7.76f, 9.5f, 3e38f, infinity}) {
    CHECK(portable::fast_tanh(x) == saturated);
    CHECK(portable::fast_tanh(-x) == -saturated);
  }
  CHECK(std::isnan(portable::fast_tanh(std::nanf(""))));
  // Never above 1 in magnitude (so 1 - tanh² stays >= 0): every float of [2, 7.75] (below 2,
  // tanh < 0.97 and the error bound above keeps it below 1).
  float largest = 0.0f;
  for (float x = 2.0f; x <= 7.75f; x = std::nextafter(x, 8.0f)) largest = std::max(largest, portable::fast_tanh(x));
  CHECK(largest < 1.0f);
}

TEST_CASE("fast_sigmoid is within 3 float ulp of 1/(1 + exp(-x)) in double and of the accurate sigmoid",
          "[portable_math][sigmoid][fast]") {
  long values = 0, differing = 0;
  std::int64_t largest = 0, largest_from_reference = 0;
  float worst = 0.0f;
  for_float_sweep([&](float x) {
    if (x < -87.33f) return;  // flushed to 0 below: see the next test
    const float fast = portable::fast_sigmoid(x);
    const float expected = static_cast<float>(1.0 / (1.0 + std::exp(-static_cast<double>(x))));
    const std::int64_t apart = float_ulps_apart(fast, expected);
    ++values;
    if (apart != 0) ++differing;
    if (apart > largest) worst = x;
    largest = std::max(largest, apart);
    largest_from_reference = std::max(largest_from_reference, float_ulps_apart(fast, portable::sigmoid(x)));
  });
  WARN("fast_sigmoid: " << differing << " of " << values << " floats differ from the double formula; largest error "
                        << largest << " ulp (at " << worst << "), " << largest_from_reference
                        << " ulp from portable::sigmoid");
  CHECK(largest <= 3);
  CHECK(largest_from_reference <= 4);
}

TEST_CASE("fast_sigmoid: limits, the flush to 0, NaN for NaN", "[portable_math][sigmoid][fast]") {
  const float infinity = std::numeric_limits<float>::infinity();
  CHECK(portable::fast_sigmoid(0.0f) == 0.5f);
  CHECK(portable::fast_sigmoid(-87.3f) > 0.0f);
  CHECK(portable::fast_sigmoid(-87.34f) == 0.0f);  // the true value is subnormal
  CHECK(portable::fast_sigmoid(-1000.0f) == 0.0f);
  CHECK(portable::fast_sigmoid(-infinity) == 0.0f);
  CHECK(portable::fast_sigmoid(17.0f) == 1.0f);
  CHECK(portable::fast_sigmoid(infinity) == 1.0f);
  CHECK(portable::fast_sigmoid(-20.0f) == Approx(2.0611536e-9f).epsilon(1e-6));
  CHECK(std::isnan(portable::fast_sigmoid(std::nanf(""))));
}

TEST_CASE("the fast kernels give each Float4 lane the bits of the scalar kernel", "[portable_math][fast]") {
  long mismatches = 0;
  float lanes[4];
  for_float_sweep([&](float x) {
    const portable::Float4 v = {x, -x, x * 0.25f, 1.0f / (x + 1.0f)};
    std::memcpy(lanes, &v, sizeof lanes);
    const portable::Float4 t = portable::fast_tanh(v), s = portable::fast_sigmoid(v);
    float tanh_lanes[4], sigmoid_lanes[4];
    std::memcpy(tanh_lanes, &t, sizeof tanh_lanes);
    std::memcpy(sigmoid_lanes, &s, sizeof sigmoid_lanes);
    for (int k = 0; k < 4; ++k) {
      const float scalar_tanh = portable::fast_tanh(lanes[k]), scalar_sigmoid = portable::fast_sigmoid(lanes[k]);
      if (std::memcmp(&tanh_lanes[k], &scalar_tanh, sizeof(float)) != 0) ++mismatches;
      if (std::memcmp(&sigmoid_lanes[k], &scalar_sigmoid, sizeof(float)) != 0) ++mismatches;
    }
  });
  CHECK(mismatches == 0);
}

// The same sweep gives these exact bits on every platform; a WebAssembly build of this test (or a
// change to the algorithms) that disagrees fails here. Recorded with g++ 12 / glibc on x86-64, and
// checked equal under em++ 3.1.6 (-O1 and -O3 -msimd128) in node.
TEST_CASE("portable math gives pinned bits", "[portable_math][determinism]") {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a over the bits of every result
  const auto mix = [&hash](const void* data, std::size_t size) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) hash = (hash ^ bytes[i]) * 1099511628211ull;
  };
  for (int i = -5000; i <= 5000; ++i) {
    const double x = i * 0.1370003;
    const double doubles[] = {portable::exp(x / 8), portable::log(std::fabs(x) + 1e-3), portable::sin(x), portable::cos(x)};
    const float floats[] = {portable::tanh(static_cast<float>(x / 50)), portable::sigmoid(static_cast<float>(x / 20))};
    mix(doubles, sizeof doubles);
    mix(floats, sizeof floats);
  }
  CHECK(hash == 0x314b6015bd1213a8ull);
}

// Like the test above, for the fast kernels: checked equal under em++ 3.1.6 -O3 -msimd128 in node.
TEST_CASE("the fast activations give pinned bits", "[portable_math][fast][determinism]") {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a over the bits of every result
  const auto mix = [&hash](const void* data, std::size_t size) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) hash = (hash ^ bytes[i]) * 1099511628211ull;
  };
  for (int i = -50000; i <= 50000; ++i) {
    const float x = static_cast<float>(i) * 0.000377f;
    const float floats[] = {portable::fast_tanh(x), portable::fast_tanh(x * 100.0f), portable::fast_sigmoid(x * 20.0f),
                            portable::fast_sigmoid(x * 5000.0f)};
    mix(floats, sizeof floats);
  }
  CHECK(hash == 0x64e5e0886e55d96aull);
}
