// The built-in tunes, all in C major around middle C (C4), public domain.
#include "algorhythm/tunes.hpp"

namespace algorhythm {
namespace {

// Up one octave and back down.
constexpr const char* kScale = R"(C4/4 D4/4 E4/4 F4/4 | G4/4 A4/4 B4/4 C5/4 |
B4/4 A4/4 G4/4 F4/4 | E4/4 D4/4 C4/2)";

// The French melody "Ah ! vous dirai-je, maman" (18th century).
constexpr const char* kTwinkle = R"(C4/4 C4/4 G4/4 G4/4 | A4/4 A4/4 G4/2 | F4/4 F4/4 E4/4 E4/4 | D4/4 D4/4 C4/2 |
G4/4 G4/4 F4/4 F4/4 | E4/4 E4/4 D4/2 | G4/4 G4/4 F4/4 F4/4 | E4/4 E4/4 D4/2 |
C4/4 C4/4 G4/4 G4/4 | A4/4 A4/4 G4/2 | F4/4 F4/4 E4/4 E4/4 | D4/4 D4/4 C4/2)";

// Beethoven, Symphony No. 9, fourth movement (1824), transposed to C.
constexpr const char* kOdeToJoy = R"(E4/4 E4/4 F4/4 G4/4 | G4/4 F4/4 E4/4 D4/4 | C4/4 C4/4 D4/4 E4/4 | E4/4. D4/8 D4/2 |
E4/4 E4/4 F4/4 G4/4 | G4/4 F4/4 E4/4 D4/4 | C4/4 C4/4 D4/4 E4/4 | D4/4. C4/8 C4/2 |
D4/4 D4/4 E4/4 C4/4 | D4/4 E4/8 F4/8 E4/4 C4/4 | D4/4 E4/8 F4/8 E4/4 D4/4 | C4/4 D4/4 G3/2 |
E4/4 E4/4 F4/4 G4/4 | G4/4 F4/4 E4/4 D4/4 | C4/4 C4/4 D4/4 E4/4 | D4/4. C4/8 C4/2)";

// The French round (18th century).
constexpr const char* kFrereJacques = R"(C4/4 D4/4 E4/4 C4/4 | C4/4 D4/4 E4/4 C4/4 | E4/4 F4/4 G4/2 | E4/4 F4/4 G4/2 |
G4/8 A4/8 G4/8 F4/8 E4/4 C4/4 | G4/8 A4/8 G4/8 F4/8 E4/4 C4/4 | C4/4 G3/4 C4/2 | C4/4 G3/4 C4/2)";

}  // namespace

const std::vector<Tune>& tunes() {
  static const std::vector<Tune> all = {
      {"scale", "C major scale", kScale},
      {"twinkle", "Twinkle, Twinkle, Little Star", kTwinkle},
      {"ode-to-joy", "Ode to Joy", kOdeToJoy},
      {"frere-jacques", "Fr\u00e8re Jacques", kFrereJacques},
  };
  return all;
}

const Tune* find_tune(std::string_view name) {
  for (const Tune& tune : tunes()) {
    if (name == tune.name) return &tune;
  }
  return nullptr;
}

}  // namespace algorhythm
