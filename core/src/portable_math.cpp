// Elementary functions from +, -, *, / and sqrt alone, evaluated in a fixed order, so that glibc,
// musl and any other platform produce the same bits (see portable_math.hpp).
//
// The algorithms and their coefficients are fdlibm's, whose error analyses bound exp, log, sin and
// cos below 1 ulp:
//   Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//   Developed at SunPro, a Sun Microsystems, Inc. business.
//   Permission to use, copy, modify, and distribute this software is freely granted, provided that
//   this notice is preserved.
#include "algorhythm/portable_math.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace algorhythm::portable {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::uint64_t bits_of(double x) {
  std::uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  return bits;
}

double double_from_bits(std::uint64_t bits) {
  double x;
  std::memcpy(&x, &bits, sizeof x);
  return x;
}

int biased_exponent(double x) { return static_cast<int>((bits_of(x) >> 52) & 0x7ff); }

// 2^k for -1022 <= k <= 1023, written straight into the exponent field.
double power_of_two(int k) { return double_from_bits(static_cast<std::uint64_t>(k + 1023) << 52); }

// y·2^k for 0.5 < y < 2 and -1100 < k <= 1024, rounded once even when the result is subnormal
// or overflows (the first product is always exact).
double scale_by_power_of_two(double y, int k) {
  if (k > 1023) return y * power_of_two(1023) * power_of_two(k - 1023);
  if (k < -1022) return y * power_of_two(k + 1000) * power_of_two(-1000);
  return y * power_of_two(k);
}

// (t + 1.5·2^52) - 1.5·2^52 rounds |t| < 2^51 to the nearest integer, with additions only.
constexpr double kRoundingShift = 6755399441055744.0;

// ln 2 in two parts (Cody and Waite): kLn2High has 32 significant bits, so k·kLn2High is exact for
// every |k| < 2^21, and kLn2Low is the rest.
constexpr double kLn2High = 6.93147180369123816490e-01;  // 0x3fe62e42 fee00000
constexpr double kLn2Low = 1.90821492927058770002e-10;   // 0x3dea39ef 35793c76

// ---- exp ----

constexpr double kInverseLn2 = 1.44269504088896338700e+00;
constexpr double kExpOverflow = 7.09782712893383973096e+02;    // exp(x) > DBL_MAX above this
constexpr double kExpUnderflow = -7.45133219101941108420e+02;  // exp(x) < DBL_TRUE_MIN/2 below this
// Remez fit of r·(exp(r) + 1)/(exp(r) - 1) ≈ 2 + P1 r² + ... + P5 r¹⁰ on |r| <= ln2/2, error < 2^-59.
constexpr double kExpP1 = 1.66666666666666019037e-01;
constexpr double kExpP2 = -2.77777777770155933842e-03;
constexpr double kExpP3 = 6.61375632143793436117e-05;
constexpr double kExpP4 = -1.65339022054652515390e-06;
constexpr double kExpP5 = 4.13813679705723846039e-08;

// ---- log ----

// Remez fit of (log(1+s) - log(1-s) - 2s)/s ≈ Lg1 s² + ... + Lg7 s¹⁴ on 0 <= s <= 0.1716, error < 2^-58.45.
constexpr double kLogLg1 = 6.666666666666735130e-01;
constexpr double kLogLg2 = 3.999999999940941908e-01;
constexpr double kLogLg3 = 2.857142874366239149e-01;
constexpr double kLogLg4 = 2.222219843214978396e-01;
constexpr double kLogLg5 = 1.818357216161805012e-01;
constexpr double kLogLg6 = 1.531383769920937332e-01;
constexpr double kLogLg7 = 1.479819860511658591e-01;
constexpr std::uint32_t kHighWordOfHalfSqrt2 = 0x3fe6a09e;  // sqrt(2)/2 = 0x3fe6a09e 667f3bcd
constexpr std::uint32_t kHighWordOfOne = 0x3ff00000;

// ---- sin and cos ----

constexpr double kTwoOverPi = 6.36619772367581382433e-01;
// pi/2 in three 33-bit parts, each followed by what remains of pi/2 after it. n·part is exact for
// |n| < 2^20, which bounds the arguments we can reduce exactly.
constexpr double kPiOver2Part1 = 1.57079632673412561417e+00;      // 0x3ff921fb 54400000
constexpr double kPiOver2Part1Tail = 6.07710050650619224932e-11;  // 0x3dd0b461 1a626331
constexpr double kPiOver2Part2 = 6.07710050630396597660e-11;      // 0x3dd0b461 1a600000
constexpr double kPiOver2Part2Tail = 2.02226624879595063154e-21;  // 0x3ba3198a 2e037073
constexpr double kPiOver2Part3 = 2.02226624871116645580e-21;      // 0x3ba3198a 2e000000
constexpr double kPiOver2Part3Tail = 8.47842766036889956997e-32;  // 0x397b839a 252049c1
constexpr double kLargestReducible = 1048576.0 * 1.57079632679489661923;  // 2^20·pi/2

// Remez fits on |x| <= pi/4: sin x ≈ x + S1 x³ + ... + S6 x¹³ (error < 2^-58) and
// cos x ≈ 1 - x²/2 + C1 x⁴ + ... + C6 x¹⁴ (error < 2^-58).
constexpr double kSinS1 = -1.66666666666666324348e-01;
constexpr double kSinS2 = 8.33333333332248946124e-03;
constexpr double kSinS3 = -1.98412698298579493134e-04;
constexpr double kSinS4 = 2.75573137070700676789e-06;
constexpr double kSinS5 = -2.50507602534068634195e-08;
constexpr double kSinS6 = 1.58969099521155010221e-10;
constexpr double kCosC1 = 4.16666666666666019037e-02;
constexpr double kCosC2 = -1.38888888888741095749e-03;
constexpr double kCosC3 = 2.48015872894767294178e-05;
constexpr double kCosC4 = -2.75573143513906633035e-07;
constexpr double kCosC5 = 2.08757232129817482790e-09;
constexpr double kCosC6 = -1.13596475577881948265e-11;

// x = quarter_turns·pi/2 + head + tail, with |head + tail| <= ~pi/4 and tail the bits beyond head's.
struct ReducedAngle {
  int quarter_turns;
  double head;
  double tail;
};

// Cody-Waite reduction for |x| < kLargestReducible. The first part of pi/2 already gives 85 good
// bits; when x is so close to a multiple of pi/2 that the difference cancels more than 16 (then 49)
// leading bits, the next part of pi/2 is subtracted as well.
ReducedAngle reduce_modulo_half_pi(double x) {
  const double n = (x * kTwoOverPi + kRoundingShift) - kRoundingShift;
  double remainder = x - n * kPiOver2Part1;  // exact
  double subtracted = n * kPiOver2Part1Tail;
  double head = remainder - subtracted;
  const int x_exponent = biased_exponent(x);
  if (x_exponent - biased_exponent(head) > 16) {
    double previous = remainder;
    subtracted = n * kPiOver2Part2;
    remainder = previous - subtracted;
    subtracted = n * kPiOver2Part2Tail - ((previous - remainder) - subtracted);
    head = remainder - subtracted;
    if (x_exponent - biased_exponent(head) > 49) {
      previous = remainder;
      subtracted = n * kPiOver2Part3;
      remainder = previous - subtracted;
      subtracted = n * kPiOver2Part3Tail - ((previous - remainder) - subtracted);
      head = remainder - subtracted;
    }
  }
  const double tail = (remainder - head) - subtracted;
  return {static_cast<int>(n), head, tail};
}

// sin(x + y) for |x| <= ~pi/4 and a tiny correction y: sin x + cos(x)·y ≈ sin x + (1 - x²/2)·y.
double sin_kernel(double x, double y) {
  const double z = x * x;
  const double w = z * z;
  const double r = kSinS2 + z * (kSinS3 + z * kSinS4) + z * w * (kSinS5 + z * kSinS6);
  const double v = z * x;
  return x - ((z * (0.5 * y - v * r) - y) - v * kSinS1);
}

// cos(x + y) for |x| <= ~pi/4 and a tiny correction y: cos x - sin(x)·y ≈ cos x - x·y. 1 - x²/2 is
// split into its rounded value and the rounding error, which joins the small terms.
double cos_kernel(double x, double y) {
  const double z = x * x;
  const double w = z * z;
  const double r = z * (kCosC1 + z * (kCosC2 + z * kCosC3)) + w * w * (kCosC4 + z * (kCosC5 + z * kCosC6));
  const double half_z = 0.5 * z;
  const double rounded = 1.0 - half_z;
  return rounded + (((1.0 - rounded) - half_z) + (z * r - x * y));
}

// ---- tanh ----

// Below this |x| the series is used: 1 - exp(-2|x|) would lose relative accuracy to cancellation.
constexpr double kTanhSeriesLimit = 0.0625;
// tanh x = x - x³/3 + 2x⁵/15 - 17x⁷/315 + 62x⁹/2835 - 1382x¹¹/155925 + ...; for |x| < 1/16 the
// first omitted term is below 2e-17 |x|.
constexpr double kTanhT3 = -1.0 / 3.0;
constexpr double kTanhT5 = 2.0 / 15.0;
constexpr double kTanhT7 = -17.0 / 315.0;
constexpr double kTanhT9 = 62.0 / 2835.0;
constexpr double kTanhT11 = -1382.0 / 155925.0;

}  // namespace

double exp(double x) {
  if (x != x) return x;  // NaN
  if (x > kExpOverflow) return kInfinity;
  if (x < kExpUnderflow) return 0.0;
  // x = k·ln2 + r with |r| <= ln2/2, r kept as hi - lo. k = round(x/ln2) by the shifting trick; the
  // shifted sum's low 32 bits are k in two's complement (cheaper than a float-to-int conversion,
  // which WebAssembly guards against overflow).
  const double shifted = x * kInverseLn2 + kRoundingShift;
  const double kd = shifted - kRoundingShift;
  const int k = static_cast<std::int32_t>(static_cast<std::uint32_t>(bits_of(shifted)));
  const double hi = x - kd * kLn2High;
  const double lo = kd * kLn2Low;
  const double r = hi - lo;
  // exp(r) = 1 + r + r·c/(2 - c) with c = r - (P1 r² + ... + P5 r¹⁰).
  const double r2 = r * r;
  const double c = r - r2 * (kExpP1 + r2 * (kExpP2 + r2 * (kExpP3 + r2 * (kExpP4 + r2 * kExpP5))));
  const double exp_r = 1.0 + (r * c / (2.0 - c) - lo + hi);
  return scale_by_power_of_two(exp_r, k);
}

double log(double x) {
  if (x != x) return x;  // NaN
  if (x < 0.0) return kNaN;
  if (x == 0.0) return -kInfinity;
  if (x == kInfinity) return x;
  int k = 0;
  if (x < std::numeric_limits<double>::min()) {  // subnormal: make it normal first
    x *= power_of_two(54);
    k = -54;
  }
  // x = 2^k·m with sqrt(2)/2 <= m < sqrt(2). Adding (1 - sqrt(2)/2)'s offset to the high word carries
  // into the exponent exactly when the significand is at least sqrt(2)'s; the significand is then
  // given the exponent that puts it back in [sqrt(2)/2, sqrt(2)).
  const std::uint64_t bits = bits_of(x);
  const std::uint32_t shifted_high = static_cast<std::uint32_t>(bits >> 32) + (kHighWordOfOne - kHighWordOfHalfSqrt2);
  k += static_cast<int>(shifted_high >> 20) - 0x3ff;
  const std::uint32_t m_high = (shifted_high & 0x000fffff) + kHighWordOfHalfSqrt2;
  const double m = double_from_bits((static_cast<std::uint64_t>(m_high) << 32) | (bits & 0xffffffffu));

  // log(m) = log(1 + f) = log(1 + s) - log(1 - s) with s = f/(2 + f): 2s + s·R(s²).
  const double f = m - 1.0;
  const double half_f_squared = 0.5 * f * f;
  const double s = f / (2.0 + f);
  const double z = s * s;
  const double w = z * z;
  const double r = z * (kLogLg1 + w * (kLogLg3 + w * (kLogLg5 + w * kLogLg7))) + w * (kLogLg2 + w * (kLogLg4 + w * kLogLg6));
  // 2s = f - f²/2 + s·f²/2 exactly, so log(1 + f) = f - f²/2 + s·(f²/2 + R): summed smallest first.
  const double dk = k;
  return s * (half_f_squared + r) + dk * kLn2Low - half_f_squared + f + dk * kLn2High;
}

double sin(double x) {
  if (!(x < kLargestReducible && x > -kLargestReducible)) return kNaN;  // also ±inf and NaN
  const ReducedAngle a = reduce_modulo_half_pi(x);
  switch (((a.quarter_turns % 4) + 4) % 4) {
    case 0: return sin_kernel(a.head, a.tail);
    case 1: return cos_kernel(a.head, a.tail);
    case 2: return -sin_kernel(a.head, a.tail);
    default: return -cos_kernel(a.head, a.tail);
  }
}

double cos(double x) {
  if (!(x < kLargestReducible && x > -kLargestReducible)) return kNaN;  // also ±inf and NaN
  const ReducedAngle a = reduce_modulo_half_pi(x);
  switch (((a.quarter_turns % 4) + 4) % 4) {
    case 0: return cos_kernel(a.head, a.tail);
    case 1: return -sin_kernel(a.head, a.tail);
    case 2: return -cos_kernel(a.head, a.tail);
    default: return sin_kernel(a.head, a.tail);
  }
}

double sqrt(double x) { return std::sqrt(x); }  // IEEE 754 requires it correctly rounded

float tanh(float x) {
  // tanh is odd: work with |x| (so tanh(-x) == -tanh(x) exactly) and copy the sign back at the end
  // (fabs and copysign only move the sign bit).
  const double t = std::fabs(static_cast<double>(x));
  double magnitude;
  if (t < kTanhSeriesLimit) {
    const double t2 = t * t;
    magnitude = t + t * t2 * (kTanhT3 + t2 * (kTanhT5 + t2 * (kTanhT7 + t2 * (kTanhT9 + t2 * kTanhT11))));
  } else {
    // e <= exp(-1/8) < 0.89, so 1 - e keeps its digits; e underflows to 0 for huge |x|, giving 1.
    const double e = exp(-2.0 * t);
    magnitude = (1.0 - e) / (1.0 + e);
  }
  return static_cast<float>(std::copysign(magnitude, static_cast<double>(x)));
}

float sigmoid(float x) {
  // For very negative x, exp(-x) overflows to +inf and 1/(1 + inf) = 0, the right limit (no NaN).
  return static_cast<float>(1.0 / (1.0 + exp(-static_cast<double>(x))));
}

}  // namespace algorhythm::portable
