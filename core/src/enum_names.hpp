// Converting enumerations to and from their names, given a table of names in the enumeration's order.
// (Internal to core/src: types.cpp and datasets.cpp share it.)
#pragma once

#include <cstddef>
#include <string_view>

namespace algorhythm::enum_names {

template <typename Enum, std::size_t N>
const char* name_of(const char* const (&names)[N], Enum value) {
  const auto index = static_cast<std::size_t>(value);
  return index < N ? names[index] : "unknown";
}

template <typename Enum, std::size_t N>
bool parse(const char* const (&names)[N], std::string_view name, Enum& out) {
  for (std::size_t index = 0; index < N; ++index) {
    if (name == names[index]) {
      out = static_cast<Enum>(index);
      return true;
    }
  }
  return false;
}

}  // namespace algorhythm::enum_names
