// A rectangle of the input space sampled on a regular grid, for decision boundaries.
#pragma once

#include <vector>

namespace algorhythm {

inline constexpr int kMaxGridSide = 400;

struct GridSpec {
  int x_feature = 0;          // raw feature on the horizontal axis
  int y_feature = 1;          // raw feature on the vertical axis
  float x_min = -6.0f, x_max = 6.0f;
  float y_min = -6.0f, y_max = 6.0f;
  int columns = 100;          // 1 .. kMaxGridSide
  int rows = 100;             // 1 .. kMaxGridSide
  std::vector<float> fixed;   // a value for every raw feature; those of x_feature and y_feature are ignored
};
// Sample (row r, column c) sits at the centre of its cell:
//   x = x_min + (c + 0.5) (x_max - x_min) / columns,  y = y_max - (r + 0.5) (y_max - y_min) / rows,
// so row 0 is the top of a picture.

}  // namespace algorhythm
