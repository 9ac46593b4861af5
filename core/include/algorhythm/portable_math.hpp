// Elementary functions computed the same way on every platform.
//
// glibc (native) and musl (Emscripten) round exp/log/sin/tanh differently in the last bit, which would
// make a native run and a WebAssembly run drift apart. These versions use only +, -, *, / and sqrt
// (all correctly rounded by IEEE 754) in a fixed order, so with floating-point contraction off
// (-ffp-contract=off) they give identical bits everywhere. Accuracy bounds are tested against std::.
#pragma once

namespace algorhythm::portable {

inline constexpr double kPi = 3.14159265358979323846;

double exp(double x);   // relative error < 1e-15 for |x| < 700; 0 below -745, +inf above 709.8
double log(double x);   // x > 0; relative error < 1e-15
double sin(double x);   // absolute error < 1e-15 for |x| < 2^20·pi/2 ≈ 1.6e6; NaN beyond it and for ±inf
double cos(double x);   // likewise
double sqrt(double x);  // IEEE sqrt: already exact everywhere

// Float activations for the training hot path (computed in double, rounded once: error <= 0.5 ulp
// of the float result plus 1e-15).
float tanh(float x);
float sigmoid(float x);

}  // namespace algorhythm::portable
