// Numbers to and from text, the same on every platform and in every locale (internal to core/src).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace algorhythm {

// For messages: up to 6 significant digits ("2", "0.95", "1e+20"); "NaN", "infinity", "-infinity".
std::string number_text(double value);

// For files: the shortest text of 6 to 9 significant digits that parse_decimal reads back as exactly
// `value` (finite values only).
std::string exact_float_text(float value);

// A plain decimal number: an optional sign, digits with an optional point, an optional exponent
// ("-1.5", ".5", "2.", "3e-2"). Nothing else: no spaces, "nan", "inf" or hex. Returns nothing if
// `text` is not such a number; a number too large for a double reads as ±infinity.
std::optional<double> parse_decimal(std::string_view text);

}  // namespace algorhythm
