// Generating a sequence: run the network from a zero state and draw each next token from its tempered
// output distribution, feeding the drawn token back in.
#include <stdexcept>
#include <string>

#include "algorhythm/melody.hpp"
#include "algorhythm/random.hpp"
#include "algorhythm/recurrent.hpp"
#include "recurrent_math.hpp"

namespace algorhythm {

GeneratedSequence sample_sequence(const RecurrentShape& shape, const std::vector<float>& parameters, int start_token,
                                  int length, float temperature, std::uint64_t seed) {
  const int V = shape.vocabulary, H = shape.hidden;
  if (start_token < 0 || start_token >= V) {
    throw std::invalid_argument("the starting token must be in [0, " + std::to_string(V - 1) + "], got " +
                                std::to_string(start_token));
  }
  if (length < 1 || length > kMaxMelodyNotes) {
    throw std::invalid_argument("the length must be in [1, " + std::to_string(kMaxMelodyNotes) + "] notes, got " +
                                std::to_string(length));
  }
  if (!(temperature > 0.0f && temperature <= 100.0f)) {  // NaN fails too
    throw std::invalid_argument("the temperature must be in (0, 100], got " + std::to_string(temperature));
  }
  GeneratedSequence out;
  out.tokens.reserve(length);
  out.tokens.push_back(start_token);
  out.distributions.assign(static_cast<std::size_t>(length - 1) * V, 0.0f);
  std::vector<float> h(H, 0.0f), c(H, 0.0f), h_next(H), c_next(H), gates(4 * H), z(V);
  Random random(seed);
  for (int t = 0; t + 1 < length; ++t) {
    cell_forward(shape, parameters.data(), out.tokens.back(), h.data(), c.data(), gates.data(), c_next.data(),
                 h_next.data());
    h.swap(h_next);
    c.swap(c_next);
    output_weighted_sums(shape, parameters.data(), h.data(), z.data());
    // (z - max z) / temperature: the largest becomes exactly 0, so even a tiny temperature cannot overflow.
    float largest = z[0];
    for (int v = 1; v < V; ++v) largest = z[v] > largest ? z[v] : largest;
    for (int v = 0; v < V; ++v) z[v] = (z[v] - largest) / temperature;
    float* p = out.distributions.data() + static_cast<std::size_t>(t) * V;
    recurrent_math::softmax(z.data(), V, p);
    // Inverse transform sampling: the first token whose cumulative probability passes u. Rounding can
    // leave the total a little under 1, so the last token with p > 0 catches what is left.
    const float u = random.uniform();
    int drawn = -1;
    float cumulative = 0.0f;
    for (int v = 0; v < V; ++v) {
      if (!(p[v] > 0.0f)) continue;  // also skips NaN
      drawn = v;
      cumulative += p[v];
      if (u < cumulative) break;
    }
    if (drawn < 0) {
      throw std::invalid_argument("the network's output is not a distribution (its parameters are not finite)");
    }
    out.tokens.push_back(drawn);
  }
  return out;
}

}  // namespace algorhythm
