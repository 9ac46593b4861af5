// Choosing which rows of a data set are held out for testing (internal to core/src).
#pragma once

#include <cstdint>
#include <vector>

#include "algorhythm/random.hpp"

namespace algorhythm {

// is_test for `rows` rows: a seeded choice of round(rows × fraction) test rows (0 <= fraction < 1),
// always leaving at least one training row.
std::vector<std::uint8_t> choose_test_rows(int rows, double fraction, Random& random);

}  // namespace algorhythm
