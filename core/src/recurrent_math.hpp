// The elementary functions of the recurrent kernels, for float (training: portable_math, the same bits
// natively and in WebAssembly) and for double (the gradient checks). Internal to core/src.
#pragma once

#include "algorhythm/portable_math.hpp"

namespace algorhythm::recurrent_math {

inline float tanh_of(float x) { return portable::tanh(x); }
inline double tanh_of(double x) {
  // tanh x = (1 - e^{-2|x|}) / (1 + e^{-2|x|}) with the sign of x: no overflow for any x.
  const double e = portable::exp(-2.0 * (x < 0.0 ? -x : x));
  const double t = (1.0 - e) / (1.0 + e);
  return x < 0.0 ? -t : t;
}

inline float sigmoid_of(float x) { return portable::sigmoid(x); }
inline double sigmoid_of(double x) { return 1.0 / (1.0 + portable::exp(-x)); }

// p (V) = softmax(z) (V). The largest z is subtracted first, so exp never overflows.
template <typename Real>
void softmax(const Real* z, int V, Real* p) {
  Real largest = z[0];
  for (int v = 1; v < V; ++v) largest = z[v] > largest ? z[v] : largest;
  Real total = 0;
  for (int v = 0; v < V; ++v) {
    p[v] = static_cast<Real>(portable::exp(static_cast<double>(z[v] - largest)));
    total += p[v];
  }
  for (int v = 0; v < V; ++v) p[v] /= total;
}

}  // namespace algorhythm::recurrent_math
