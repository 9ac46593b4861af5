// Elementary functions computed the same way on every platform.
//
// glibc (native) and musl (Emscripten) round exp/log/sin/tanh differently in the last bit, which would
// make a native run and a WebAssembly run drift apart. These versions use only +, -, *, / and sqrt
// (all correctly rounded by IEEE 754) in a fixed order, so with floating-point contraction off
// (-ffp-contract=off) they give identical bits everywhere. Accuracy bounds are tested against std::.
#pragma once

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace algorhythm::portable {

inline constexpr double kPi = 3.14159265358979323846;

double exp(double x);   // relative error < 1e-15 for |x| < 700; 0 below -745, +inf above 709.8
double log(double x);   // x > 0; relative error < 1e-15
double sin(double x);   // absolute error < 1e-15 for |x| < 2^20·pi/2 ≈ 1.6e6; NaN beyond it and for ±inf
double cos(double x);   // likewise
double sqrt(double x);  // IEEE sqrt: already exact everywhere

// Accurate float activations (computed in double, rounded once: error <= 0.5 ulp of the float result
// plus 1e-15). The reference for fast_tanh and fast_sigmoid below, which the engine uses.
float tanh(float x);
float sigmoid(float x);

// ---- Four floats at once ------------------------------------------------------------------------
// Float4 is a GCC/Clang vector extension: SSE natively, SIMD128 in WebAssembly (-msimd128). Its
// + - * / and comparisons work lane by lane with IEEE rounding, exactly as on four separate floats,
// so a kernel written for Float4 gives each lane the bits the same kernel gives a single float.
using Float4 = float __attribute__((vector_size(16)));
using Bits4 = std::uint32_t __attribute__((vector_size(16)));

inline Float4 load4(const float* p) {  // no alignment needed
  Float4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store4(float* p, Float4 v) { std::memcpy(p, &v, sizeof v); }
inline Float4 splat4(float value) { return Float4{value, value, value, value}; }
// Rows r0..r3 of a 4×4 block -> its columns.
inline void transpose4(Float4 r0, Float4 r1, Float4 r2, Float4 r3, Float4 (&columns)[4]) {
  const Float4 t0 = __builtin_shufflevector(r0, r1, 0, 4, 1, 5);  // r0[0] r1[0] r0[1] r1[1]
  const Float4 t1 = __builtin_shufflevector(r0, r1, 2, 6, 3, 7);  // r0[2] r1[2] r0[3] r1[3]
  const Float4 t2 = __builtin_shufflevector(r2, r3, 0, 4, 1, 5);
  const Float4 t3 = __builtin_shufflevector(r2, r3, 2, 6, 3, 7);
  columns[0] = __builtin_shufflevector(t0, t2, 0, 1, 4, 5);
  columns[1] = __builtin_shufflevector(t0, t2, 2, 3, 6, 7);
  columns[2] = __builtin_shufflevector(t1, t3, 0, 1, 4, 5);
  columns[3] = __builtin_shufflevector(t1, t3, 2, 3, 6, 7);
}

// ---- Fast float activations -----------------------------------------------------------------------
// The engine's tanh and sigmoid, for one float or a Float4 (four neurons in training, four points
// of the grid): only + - * /, comparisons and exponent-field bit arithmetic, in a fixed order, so native and
// WebAssembly runs agree bit for bit and a neuron's grid value equals its value in training.
// Error bounds, measured by tests/core/portable_math.test.cpp over every 97th float (and every float
// of [3, 9.5] for tanh) against std::tanh and 1/(1 + std::exp(-x)) evaluated in double:
//   fast_tanh     absolute error <= 6e-7 and <= 10 ulp (measured 5.1e-7 and 9 ulp, near |x| = 3.9);
//                 never above 1 in magnitude; exactly odd; constant (1 - 4.8e-7) beyond ±7.75; NaN for NaN
//   fast_sigmoid  <= 2 ulp for x >= -87.33; 0 below (where the true value is subnormal); NaN for NaN
// (1 ulp = the distance between the float result and the next float: 6e-8 just below 1). The
// accurate tanh and sigmoid above stay as their reference.

inline constexpr int kFastTanhFlops = 16;     // + - * / per value, for the benchmarks' FLOP counts
inline constexpr int kFastSigmoidFlops = 25;

namespace detail {

template <typename T>
T splat(float value) {
  if constexpr (std::is_same_v<T, float>) {
    return value;
  } else {
    return T{value, value, value, value};
  }
}

inline std::uint32_t bits_of(float x) {
  std::uint32_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  return bits;
}
inline Bits4 bits_of(Float4 x) {
  Bits4 bits;
  std::memcpy(&bits, &x, sizeof bits);
  return bits;
}
inline float float_from_bits(std::uint32_t bits) {
  float x;
  std::memcpy(&x, &bits, sizeof x);
  return x;
}
inline Float4 float_from_bits(Bits4 bits) {
  Float4 x;
  std::memcpy(&x, &bits, sizeof x);
  return x;
}

// b < a ? b : a and a < b ? b : a (the "pseudo" min and max: with a NaN or equal values, a is
// returned). Written as selects, LLVM turns a select against a constant into WebAssembly's
// f32x4.min/max, which propagate NaN and order -0 below +0 and which V8 implements with about eight
// x64 instructions each; f32x4.pmin/pmax are one minps/maxps. Same values either way.
inline float pmin(float a, float b) { return b < a ? b : a; }
inline float pmax(float a, float b) { return a < b ? b : a; }
inline Float4 pmin(Float4 a, Float4 b) {
#ifdef __wasm_simd128__
  return __builtin_wasm_pmin_f32x4(a, b);
#else
  return b < a ? b : a;
#endif
}
inline Float4 pmax(Float4 a, Float4 b) {
#ifdef __wasm_simd128__
  return __builtin_wasm_pmax_f32x4(a, b);
#else
  return a < b ? b : a;
#endif
}

}  // namespace detail

// tanh as a rational function, x·P(x²)/Q(x²) with P of degree 4 and Q of degree 3 (monic): the
// minimax fit of the relative error on [0, 7.75] (a Remez fit, error 1.6e-7 before rounding the
// coefficients to float). x is first clamped to [-7.75, 7.75] (beyond it tanh is within 3.7e-7 of ±1),
// with two selects that keep NaN and compile to min/max instructions; clamping and P, Q are even or
// odd, so tanh stays exactly odd (-0 gives -0). 18 operations, no sign or exponent bit arithmetic.
template <typename T>
[[gnu::always_inline]] inline T fast_tanh(T x) {
  using detail::splat;
  // x > 7.75 ? 7.75 : x, then a < -7.75 ? -7.75 : a. NaN stays NaN: the comparisons are false.
  const T a = detail::pmax(detail::pmin(x, splat<T>(7.75f)), splat<T>(-7.75f));
  const T s = a * a;
  T p = s * splat<T>(-3.231228356e-05f) + splat<T>(3.672492253e-02f);
  p = s * p + splat<T>(1.362035118e+01f);
  p = s * p + splat<T>(6.380305993e+02f);
  p = s * p + splat<T>(5.010557932e+03f);
  T q = s + splat<T>(1.149584678e+02f);
  q = s * q + splat<T>(2.308210134e+03f);
  q = s * q + splat<T>(5.010558755e+03f);
  // a·(p/q) rather than (a·p)/q: for tiny a, a·p would lose bits to underflow; p/q is then ~1.
  return a * (p / q);
}

// sigmoid(x) = 1 / (1 + e) with e = exp(-x) computed in float: -x = n·ln2 + r with n an integer and
// |r| <= ln2/2, exp(r) by the Cephes polynomial (error < 1 ulp), and 2^n written into the exponent.
template <typename T>
[[gnu::always_inline]] inline T fast_sigmoid(T x) {
  using detail::splat;
  // Below ln(FLT_MIN) = -87.336 the result would be subnormal: 0 is returned. Above 17, 1 + exp(-x)
  // rounds to 1 anyway. The clamps keep 2^n normal.
  const T lowest = splat<T>(-87.33f);
  T y = detail::pmax(x, lowest);             // x < lowest ? lowest : x
  y = -detail::pmin(y, splat<T>(17.0f));   // y > 17 ? 17 : y
  // n = round(y / ln2): adding 1.5·2^23 rounds to an integer, which then sits in the low mantissa bits.
  const T shifted = y * splat<T>(1.44269504088896341f) + splat<T>(12582912.0f);
  const T n = shifted - splat<T>(12582912.0f);
  // r = y - n·ln2, with ln2 in two parts (n·0.693359375 is exact for |n| < 2^15).
  const T r = (y - n * splat<T>(0.693359375f)) - n * splat<T>(-2.12194440e-4f);
  const T r2 = r * r;
  T poly = r * splat<T>(1.9875691500e-4f) + splat<T>(1.3981999507e-3f);
  poly = r * poly + splat<T>(8.3334519073e-3f);
  poly = r * poly + splat<T>(4.1665795894e-2f);
  poly = r * poly + splat<T>(1.6666665459e-1f);
  poly = r * poly + splat<T>(5.0000001201e-1f);
  const T exp_r = (poly * r2 + r) + splat<T>(1.0f);
  // 2^n: the biased exponent n + 127 in bits 23..30. The low bits of `shifted` hold n + 2^22
  // (its bits are 0x4b400000 + n), so n + 127 = bits - 0x4b400000 + 127, in unsigned arithmetic.
  const auto exponent = detail::bits_of(shifted) - (0x4b400000u - 127u);
  const T power = detail::float_from_bits(exponent << 23);
  const T e = exp_r * power;
  T result = splat<T>(1.0f) / (splat<T>(1.0f) + e);
  result = x < lowest ? splat<T>(0.0f) : result;
  return result;
}

}  // namespace algorhythm::portable
