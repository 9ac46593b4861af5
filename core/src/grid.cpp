// Every neuron of the network over a grid of points, in blocks of points taken through all layers.
//
// Layout: channel-major, channel = input feature or neuron, each channel a (rows, columns) image.
// The inputs are filled here; forward_points (network_points.cpp) computes every neuron, a block of
// points at a time, with the bits a training forward pass gives each point.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>

#include "algorhythm/trainer.hpp"

namespace algorhythm {
namespace {

void check_grid(const GridSpec& grid, int raw_features) {
  auto fail = [](const std::string& message) { throw std::invalid_argument(message); };
  for (int feature : {grid.x_feature, grid.y_feature}) {
    if (feature < 0 || feature >= raw_features) {
      fail("grid feature " + std::to_string(feature) + " does not exist: the data has " + std::to_string(raw_features) +
           " features");
    }
  }
  if (grid.x_feature == grid.y_feature) fail("the grid's two axes must show different features");
  if (grid.columns < 1 || grid.columns > kMaxGridSide || grid.rows < 1 || grid.rows > kMaxGridSide) {
    fail("a grid needs 1 to " + std::to_string(kMaxGridSide) + " rows and columns, got " + std::to_string(grid.rows) +
         " x " + std::to_string(grid.columns));
  }
  const bool ranges_ok = std::isfinite(grid.x_min) && std::isfinite(grid.x_max) && std::isfinite(grid.y_min) &&
                         std::isfinite(grid.y_max) && grid.x_min < grid.x_max && grid.y_min < grid.y_max;
  if (!ranges_ok) fail("a grid's ranges must be finite with min < max");
  if (!grid.fixed.empty() && static_cast<int>(grid.fixed.size()) != raw_features) {
    fail("the grid's fixed values need one value per feature (" + std::to_string(raw_features) + "), got " +
         std::to_string(grid.fixed.size()));
  }
  for (float value : grid.fixed) {
    if (!std::isfinite(value)) fail("the grid's fixed feature values must be finite numbers");
  }
}

bool same_grid(const GridSpec& a, const GridSpec& b) {
  return a.x_feature == b.x_feature && a.y_feature == b.y_feature && a.x_min == b.x_min && a.x_max == b.x_max &&
         a.y_min == b.y_min && a.y_max == b.y_max && a.columns == b.columns && a.rows == b.rows && a.fixed == b.fixed;
}

// ---- the inputs ------------------------------------------------------------------------------------

// Which raw coordinate a planar input depends on (features.hpp): 0 (x), 1 (y), or -1 for both.
int raw_coordinate_of(Feature kind) {
  switch (kind) {
    case Feature::X: case Feature::XSquared: case Feature::SinX: return 0;
    case Feature::Y: case Feature::YSquared: case Feature::SinY: return 1;
    case Feature::XTimesY: return -1;
  }
  return -1;
}

// One planar input (a FeatureMap of a single feature) over the grid into `out` (rows, columns), from
// FeatureMap::apply, so it has the bits training sees. A feature of one raw coordinate is computed
// once per column or per row and copied along it: sin x and sin y cost 100 evaluations each, not
// 10,000.
void fill_planar_input(const FeatureMap& single, int coordinate, const GridSpec& grid, const float* xs,
                       const float* ys, float* out) {
  float raw[2] = {0.0f, 0.0f}, value = 0.0f;
  if (coordinate == grid.x_feature) {  // one value per column, the same in every row
    for (int c = 0; c < grid.columns; ++c) {
      raw[grid.x_feature] = xs[c];
      single.apply(raw, out + c);
    }
    for (int r = 1; r < grid.rows; ++r) std::copy_n(out, grid.columns, out + r * grid.columns);
  } else if (coordinate == grid.y_feature) {  // one value per row
    for (int r = 0; r < grid.rows; ++r) {
      raw[grid.y_feature] = ys[r];
      single.apply(raw, &value);
      std::fill_n(out + r * grid.columns, grid.columns, value);
    }
  } else {  // both coordinates: every point
    for (int r = 0; r < grid.rows; ++r) {
      raw[grid.y_feature] = ys[r];
      for (int c = 0; c < grid.columns; ++c) {
        raw[grid.x_feature] = xs[c];
        single.apply(raw, out + r * grid.columns + c);
      }
    }
  }
}

// The planar inputs over the grid, channel-major, one input at a time.
void fill_planar_inputs(const FeatureMap& features, const GridSpec& grid, const std::vector<float>& xs,
                        const std::vector<float>& ys, float* channels) {
  const std::size_t N = static_cast<std::size_t>(grid.rows) * grid.columns;
  int input = 0;
  for (int k = 0; k < kFeatureKinds; ++k) {
    if ((features.mask() & (1u << k)) == 0) continue;
    const FeatureMap single = FeatureMap::planar(1u << k);
    fill_planar_input(single, raw_coordinate_of(static_cast<Feature>(k)), grid, xs.data(), ys.data(),
                      channels + input++ * N);
  }
}

}  // namespace

const std::vector<float>& Trainer::evaluate_grid(const GridSpec& grid) {
  const int raw_count = state_.data->feature_count();
  check_grid(grid, raw_count);
  const std::size_t N = static_cast<std::size_t>(grid.rows) * grid.columns;
  const int I0 = shape_.input_count();
  const int channel_count = I0 + shape_.neuron_count();
  // The input channels depend only on the spec and the feature map (which changes only on reset):
  // when both are those of the last grid, its inputs are still in the buffer (while playing, only the
  // parameters change from one frame to the next). Only this function writes the buffer.
  const bool inputs_current = grid_reset_count_ == reset_count_ && same_grid(grid, grid_spec_) &&
                              grid_buffer_.size() == channel_count * N;
  grid_buffer_.resize(channel_count * N);
  float* channels = grid_buffer_.data();
  if (!inputs_current) fill_grid_inputs(grid, channels);
  forward_points(shape_, state_.parameters.data(), channels, N, N);
  grid_spec_ = grid;
  grid_parameters_ = state_.parameters;
  grid_reset_count_ = reset_count_;
  return grid_buffer_;
}

void Trainer::fill_grid_inputs(const GridSpec& grid, float* channels) const {
  const int raw_count = state_.data->feature_count();
  const std::size_t N = static_cast<std::size_t>(grid.rows) * grid.columns;
  const int I0 = shape_.input_count();
  // Inputs, channel-major. Sample (r, c) sits at the centre of its cell (grid.hpp).
  std::vector<float> xs(grid.columns), ys(grid.rows);
  const float dx = (grid.x_max - grid.x_min) / static_cast<float>(grid.columns);
  const float dy = (grid.y_max - grid.y_min) / static_cast<float>(grid.rows);
  for (int c = 0; c < grid.columns; ++c) xs[c] = grid.x_min + (static_cast<float>(c) + 0.5f) * dx;
  for (int r = 0; r < grid.rows; ++r) ys[r] = grid.y_max - (static_cast<float>(r) + 0.5f) * dy;
  if (features_.is_planar()) {
    fill_planar_inputs(features_, grid, xs, ys, channels);
  } else {
    std::vector<float> raw(raw_count, 0.0f);
    if (!grid.fixed.empty()) raw = grid.fixed;
    for (int r = 0; r < grid.rows; ++r) {
      raw[grid.y_feature] = ys[r];
      for (int c = 0; c < grid.columns; ++c) {
        raw[grid.x_feature] = xs[c];
        const std::size_t n = static_cast<std::size_t>(r) * grid.columns + c;
        for (int i = 0; i < I0; ++i) channels[i * N + n] = raw[i];  // identity map: the raw features
      }
    }
  }
}

const std::vector<float>& Trainer::current_grid(const GridSpec& grid) {
  // Bits, not ==: -0 and 0 may give different values, NaN equals itself.
  const std::vector<float>& parameters = state_.parameters;
  const bool current = grid_reset_count_ == reset_count_ && same_grid(grid, grid_spec_) &&
                       grid_parameters_.size() == parameters.size() &&
                       std::memcmp(grid_parameters_.data(), parameters.data(), parameters.size() * sizeof(float)) == 0;
  return current ? grid_buffer_ : evaluate_grid(grid);
}

}  // namespace algorhythm
