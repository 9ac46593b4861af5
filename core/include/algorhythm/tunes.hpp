// The built-in tunes: short public-domain melodies in the text format of melody.hpp.
// They live in core/src/tunes.cpp, the one copy the page reads through the engine (no files, no I/O).
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
