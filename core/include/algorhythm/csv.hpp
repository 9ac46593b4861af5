// A user's own data as CSV text: a header row, numeric feature columns, and one label column.
#pragma once

#include <string>
#include <string_view>

#include "algorhythm/dataset.hpp"

namespace algorhythm {

struct CsvOptions {
  std::string label_column;     // empty = the last column
  float test_fraction = 0.0f;   // 0 .. 0.9, the last rows (after a seeded shuffle) are held out
  std::uint64_t seed = 1;
};

// The task is inferred from the label column: numbers that are all 0 or 1 -> Binary; integers with
// 3..8 distinct values -> MultiClass; anything else numeric -> Regression. Text labels: 2 distinct
// names -> Binary, 3..8 -> MultiClass, numbered in sorted order (so "dislikes" is 0 and "likes" 1).
// A column named "name", "title" or "song" (case-insensitive) that is not all numbers becomes the row
// names. Throws std::invalid_argument with the line and column of the first problem (not CSV, ragged
// rows, non-numeric features, NaN, too big).
Dataset parse_csv(std::string_view text, const CsvOptions& options = {});

// The data set written back as CSV (row names first when present, label last), which parse_csv reads
// back as the same rows (all for training). Throws std::invalid_argument if the data set is invalid.
std::string to_csv(const Dataset& data);

}  // namespace algorhythm
