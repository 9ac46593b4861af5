#include "test_rows.hpp"

#include <algorithm>
#include <numeric>

namespace algorhythm {

std::vector<std::uint8_t> choose_test_rows(int rows, double fraction, Random& random) {
  const int test_count = std::min(static_cast<int>(rows * fraction + 0.5), rows - 1);
  // The first test_count steps of a Fisher-Yates shuffle pick test_count distinct rows uniformly.
  std::vector<int> order(static_cast<std::size_t>(rows));
  std::iota(order.begin(), order.end(), 0);
  std::vector<std::uint8_t> is_test(static_cast<std::size_t>(rows), 0);
  for (int i = 0; i < test_count; ++i) {
    const int pick = i + static_cast<int>(random.below(static_cast<std::uint32_t>(rows - i)));
    std::swap(order[i], order[pick]);
    is_test[order[i]] = 1;
  }
  return is_test;
}

}  // namespace algorhythm
