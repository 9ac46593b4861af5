// The built-in tunes: short public-domain melodies in the text format of melody.hpp.
// Their notes ship as text files in core/tunes/ (one copy); the build compiles them in, and the page
// reads them through the engine (no I/O at run time).
#pragma once

#include <string_view>
#include <vector>

namespace algorhythm {

struct Tune {
  const char* name;   // a short identifier for URLs and the API, e.g. "ode-to-joy"
  const char* title;  // for people, e.g. "Ode to Joy"
  const char* text;   // the notes (see melody.hpp), phrases on separate lines, bars marked with '|'
};

const std::vector<Tune>& tunes();
// nullptr if there is no tune of that name.
const Tune* find_tune(std::string_view name);

}  // namespace algorhythm
