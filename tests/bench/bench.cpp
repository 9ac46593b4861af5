// The native benchmark (build/engine_bench): one workload of tests/bench/workloads.json per run.
// scripts/bench (through tests/bench/bench.mjs) translates the JSON into the flags below; the Node
// harness (bench-wasm.mjs) measures the same things in WebAssembly.
//
//   engine_bench --machine [--json]
//       the CPU model, its clock (measured by a calibration loop) and the SIMD peak derived from it
//   engine_bench --name=W3 --shape=spiral --feature-mask=127 --hidden=8,8,8,8,8,8 --activation=tanh
//                --output-activation=sigmoid --points=500 --test-fraction=0.5 --noise=0 --data-seed=1
//                --learning-rate=0.03 --batch-size=10 --seed=1 --columns=100 --rows=100
//                --lut-size=256 --thumbnail-side=50 --repeats=15 --train-seconds=0.25 [--json] [--cpu-time]
//       training examples/s, grid evaluation ms, frame ms (median and quartiles over --repeats runs)
//       and the floating-point operations of each, counted by the model in count_flops() below
//
// A frame of work (issue 7): one epoch, the snapshot (the loss over every row), every neuron over
// the grid, and the colours of the output heat map (every sample) and of every neuron's thumbnail
// (every 2nd sample of 100 × 100) through a colour table, as the page paints them (core/src/colours.cpp).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <time.h>

#include "algorhythm/colours.hpp"
#include "algorhythm/datasets.hpp"
#include "algorhythm/portable_math.hpp"
#include "algorhythm/trainer.hpp"

using namespace algorhythm;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// The workload's clock: wall time, or with --cpu-time this thread's CPU time, which other processes
// on a busy machine disturb less (they still share caches and the clock rate).
bool use_cpu_time = false;

double now_seconds() {
  if (use_cpu_time) {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
  }
  return std::chrono::duration<double>(Clock::now().time_since_epoch()).count();
}

// ---- command line ------------------------------------------------------------------------------

using Flags = std::map<std::string, std::string>;

Flags parse_flags(int argc, char** argv) {
  Flags flags;
  for (int k = 1; k < argc; ++k) {
    const std::string argument = argv[k];
    if (argument.rfind("--", 0) != 0) throw std::invalid_argument("expected --name=value, got '" + argument + "'");
    const std::size_t equals = argument.find('=');
    if (equals == std::string::npos) flags[argument.substr(2)] = "";
    else flags[argument.substr(2, equals - 2)] = argument.substr(equals + 1);
  }
  return flags;
}

const std::string& flag(const Flags& flags, const std::string& name) {
  const auto found = flags.find(name);
  if (found == flags.end()) throw std::invalid_argument("missing flag --" + name);
  return found->second;
}

template <typename Enum>
Enum enum_flag(const Flags& flags, const std::string& name) {
  Enum value{};
  if (!parse(flag(flags, name), value)) throw std::invalid_argument("--" + name + ": unknown value " + flag(flags, name));
  return value;
}

std::vector<int> int_list(const std::string& text) {
  std::vector<int> values;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    values.push_back(std::stoi(text.substr(start, comma - start)));
    start = comma + 1;
  }
  return values;
}

// ---- the machine ---------------------------------------------------------------------------------

// One "field : value" line of /proc/cpuinfo ("" when absent).
std::string cpuinfo_field(const std::string& field) {
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);) {
    if (line.rfind(field, 0) == 0) {
      const std::size_t colon = line.find(':');
      if (colon != std::string::npos) return line.substr(line.find_first_not_of(' ', colon + 1));
    }
  }
  return "";
}

// The core clock, measured: a chain of dependent integer additions retires one per cycle, so
// additions per second = cycles per second. Best of several tries (the fastest is the least disturbed).
double measured_ghz() {
#if defined(__x86_64__)
  constexpr long kIterations = 20'000'000;  // × 10 additions
  double best = 0.0;
  for (int attempt = 0; attempt < 7; ++attempt) {
    std::uint64_t x = 0;
    const Clock::time_point start = Clock::now();
    for (long k = 0; k < kIterations; ++k) {
      asm volatile(
          "add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\t"
          "add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0"
          : "+r"(x));
    }
    const double seconds = seconds_since(start);
    best = std::max(best, 10.0 * kIterations / seconds / 1e9);
  }
  return best;
#else
  return std::stod(cpuinfo_field("cpu MHz")) / 1000.0;
#endif
}

// Peak: 4 float lanes (SSE as compiled here, SIMD128 in WebAssembly) × 2 operations per cycle (one
// vector add and one vector multiply issue together; no FMA, since contraction is off).
constexpr int kSimdLanes = 4;
constexpr int kOperationsPerCycle = 2;

int machine(bool json) {
  const std::string model = cpuinfo_field("model name");
  const std::string mhz = cpuinfo_field("cpu MHz");
  int cores = 0;
  {
    std::ifstream cpuinfo("/proc/cpuinfo");
    for (std::string line; std::getline(cpuinfo, line);) cores += line.rfind("processor", 0) == 0 ? 1 : 0;
  }
  const double ghz = measured_ghz();
  const double core_peak = ghz * kSimdLanes * kOperationsPerCycle;  // GFLOP/s
  if (json) {
    std::printf("{\"model\":\"%s\",\"cores\":%d,\"cpuinfoMHz\":%s,\"measuredGHz\":%.3f,\"lanes\":%d,"
                "\"operationsPerCycle\":%d,\"corePeakGflops\":%.2f,\"machinePeakGflops\":%.2f}\n",
                model.c_str(), cores, mhz.empty() ? "null" : mhz.c_str(), ghz, kSimdLanes, kOperationsPerCycle,
                core_peak, core_peak * cores);
  } else {
    std::printf("%s, %d cores, %s MHz in /proc/cpuinfo, %.2f GHz measured\n", model.c_str(), cores, mhz.c_str(), ghz);
    std::printf("SIMD peak = cores x GHz x %d lanes x %d ops = %d x %.2f x %d x %d = %.1f GFLOP/s (%.1f per core)\n",
                kSimdLanes, kOperationsPerCycle, cores, ghz, kSimdLanes, kOperationsPerCycle, core_peak * cores,
                core_peak);
  }
  return 0;
}

// ---- the floating-point operation model ----------------------------------------------------------

// Each +, -, * and / counts one; comparisons, bit operations, loads and stores count nothing. An
// activation counts the operations of its kernel (core/include/algorhythm/portable_math.hpp).
double activation_flops(Activation activation) {
  switch (activation) {
    case Activation::Tanh: return portable::kFastTanhFlops;
    case Activation::Sigmoid: return portable::kFastSigmoidFlops;
    case Activation::Relu: case Activation::Linear: return 0.0;
  }
  return 0.0;
}

struct FlopCounts {
  double example = 0;  // one training example: forward, loss, backward, and its share of the update
  double forward = 0;  // one row forward (the snapshot's loss evaluation, the grid per point)
  double grid = 0;     // every neuron over the grid
  double frame = 0;    // one epoch + the snapshot + the grid + the colours
};

FlopCounts count_flops(const NetworkShape& shape, int train_rows, int all_rows, int batch_size, int grid_points,
                       int thumbnail_pixels) {
  FlopCounts f;
  double backward = 0, parameters = 0;
  for (int l = 0; l < shape.layer_count(); ++l) {
    const LayerShape& layer = shape.layer(l);
    const double weights = static_cast<double>(layer.inputs) * layer.neurons;
    f.forward += 2 * weights + layer.neurons * activation_flops(layer.activation);  // z = W x + b; a = f(z)
    backward += 2 * weights + 2 * layer.neurons;                                     // dW += d xᵀ; db += d
    if (l > 0) backward += 2 * weights;                                               // dx = Wᵀ d
    if (l + 1 < shape.layer_count()) backward += 3 * layer.neurons;                   // d = dx f'(z)
    parameters += weights + layer.neurons;
  }
  constexpr double kLossFlops = 8;       // cross-entropy and its gradient for one output
  constexpr double kUpdateFlops = 4;     // per parameter: mean, step, add, last change
  const double update = kUpdateFlops * parameters / batch_size;
  f.example = f.forward + kLossFlops + backward + update;
  f.grid = f.forward * grid_points;
  constexpr double kColourFlops = 2;     // (value - low) * scale per pixel
  const double colours = kColourFlops * (grid_points + static_cast<double>(thumbnail_pixels) * shape.neuron_count());
  f.frame = f.example * train_rows + (f.forward + kLossFlops) * all_rows + f.grid + colours;
  return f;
}

// ---- timing ----------------------------------------------------------------------------------------

struct Spread {
  double median, p25, p75;
};

Spread spread_of(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  auto at = [&](double q) { return values[static_cast<std::size_t>(q * (values.size() - 1) + 0.5)]; };
  return {at(0.5), at(0.25), at(0.75)};
}

int workload(const Flags& flags, bool json) {
  PlanarOptions data_options;
  if (!parse(flag(flags, "shape"), data_options.shape)) throw std::invalid_argument("--shape: unknown data set");
  data_options.points = std::stoi(flag(flags, "points"));
  data_options.test_fraction = std::stof(flag(flags, "test-fraction"));
  data_options.noise = std::stof(flag(flags, "noise"));
  data_options.seed = std::stoull(flag(flags, "data-seed"));
  const auto data = std::make_shared<const Dataset>(planar_dataset(data_options));

  Settings settings;
  const Activation activation = enum_flag<Activation>(flags, "activation");
  for (int size : int_list(flag(flags, "hidden"))) settings.network.hidden.push_back({size, activation});
  settings.network.output_activation = enum_flag<Activation>(flags, "output-activation");
  settings.hyper.learning_rate = std::stof(flag(flags, "learning-rate"));
  settings.hyper.batch_size = std::stoi(flag(flags, "batch-size"));
  settings.feature_mask = static_cast<std::uint32_t>(std::stoul(flag(flags, "feature-mask")));
  settings.seed = std::stoull(flag(flags, "seed"));

  GridSpec grid;
  grid.columns = std::stoi(flag(flags, "columns"));
  grid.rows = std::stoi(flag(flags, "rows"));
  grid.x_min = grid.y_min = data->domain_min;
  grid.x_max = grid.y_max = data->domain_max;
  const int repeats = std::max(1, std::stoi(flag(flags, "repeats")));
  const double train_seconds = std::stod(flag(flags, "train-seconds"));
  std::vector<std::uint32_t> table(std::stoi(flag(flags, "lut-size")));
  for (std::size_t k = 0; k < table.size(); ++k) table[k] = 0xff000000u | static_cast<std::uint32_t>(k * 0x010101u);

  Trainer trainer;
  trainer.reset(settings, data);
  const NetworkShape& shape = trainer.shape();
  const int train_rows = static_cast<int>(std::count(data->is_test.begin(), data->is_test.end(), 0));
  const int N = grid.rows * grid.columns;
  // The colours the page paints (core/src/colours.cpp): the output heat map at every sample, each
  // neuron's thumbnail at most --thumbnail-side samples a side.
  const int thumbnail_side = std::stoi(flag(flags, "thumbnail-side"));
  const int thumbnail_stride = std::max(1, (std::max(grid.rows, grid.columns) + thumbnail_side - 1) / thumbnail_side);
  std::vector<ColourChannel> colour_channels = {{shape.input_count() + shape.output_layer().neuron_offset, 0.0, 1.0, 1}};
  for (int n = 0; n < shape.neuron_count(); ++n) colour_channels.push_back({shape.input_count() + n, -1.0, 1.0, thumbnail_stride});
  const int thumbnail_pixels = static_cast<int>(colour_image_size(grid.rows, grid.columns, thumbnail_stride));

  // Training: epochs per timed run chosen so a run lasts about train_seconds. The engine refuses
  // single calls of tens of millions of phases, so long runs are stepped in pieces of 1,000 epochs.
  const auto step_epochs = [&trainer](long count) {
    constexpr long kEpochsPerCall = 1000;
    for (long done = 0; done < count; done += kEpochsPerCall) {
      trainer.step(Granularity::Epoch, std::min(kEpochsPerCall, count - done));
    }
  };
  long epochs = 1;
  for (double t = 0; t < train_seconds / 4;) {
    const double start = now_seconds();
    step_epochs(epochs);
    t = (now_seconds() - start);
    if (t < train_seconds / 4) epochs *= 2;
  }
  epochs = std::max(1L, epochs * 4);
  std::vector<double> rates;
  for (int k = 0; k < repeats; ++k) {
    const double start = now_seconds();
    step_epochs(epochs);
    rates.push_back(static_cast<double>(epochs) * train_rows / (now_seconds() - start));
  }

  // The grid: every neuron, N points.
  std::vector<double> grid_ms;
  for (int k = 0; k < 5 * repeats; ++k) {
    const double start = now_seconds();
    trainer.evaluate_grid(grid);
    grid_ms.push_back(1e3 * (now_seconds() - start));
  }

  // Frames, from a fresh run, as a page playing one epoch per frame does them.
  trainer.restart();
  std::vector<std::uint32_t> pixels;
  std::vector<double> frame_ms, epoch_ms, snapshot_ms, frame_grid_ms, colours_ms;
  double loss_sink = 0;
  for (int k = 0; k < repeats; ++k) {
    const double t0 = now_seconds();
    trainer.step(Granularity::Epoch, 1);
    const double t1 = now_seconds();
    loss_sink += trainer.snapshot().train_loss;
    const double t2 = now_seconds();
    const std::vector<float>& channels = trainer.evaluate_grid(grid);
    const double t3 = now_seconds();
    paint_channels(channels.data(), shape.input_count() + shape.neuron_count(), grid.rows, grid.columns, table.data(),
                   static_cast<int>(table.size()), colour_channels, pixels);
    const double t4 = now_seconds();
    frame_ms.push_back(1e3 * (t4 - t0));
    epoch_ms.push_back(1e3 * (t1 - t0));
    snapshot_ms.push_back(1e3 * (t2 - t1));
    frame_grid_ms.push_back(1e3 * (t3 - t2));
    colours_ms.push_back(1e3 * (t4 - t3));
  }

  const FlopCounts flops = count_flops(shape, train_rows, data->row_count(), settings.hyper.batch_size, N, thumbnail_pixels);
  const Spread rate = spread_of(rates), grid_time = spread_of(grid_ms), frame = spread_of(frame_ms);
  const std::string name = flag(flags, "name");
  if (json) {
    std::printf("{\"name\":\"%s\",\"parameters\":%d,\"neurons\":%d,\"trainRows\":%d,\"rows\":%d,\"gridPoints\":%d,"
                "\"examplesPerSecond\":{\"median\":%.0f,\"p25\":%.0f,\"p75\":%.0f},"
                "\"gridMs\":{\"median\":%.4f,\"p25\":%.4f,\"p75\":%.4f},"
                "\"frameMs\":{\"median\":%.4f,\"p25\":%.4f,\"p75\":%.4f},"
                "\"frameParts\":{\"epochMs\":%.4f,\"snapshotMs\":%.4f,\"gridMs\":%.4f,\"coloursMs\":%.4f},"
                "\"flops\":{\"example\":%.0f,\"forward\":%.0f,\"grid\":%.0f,\"frame\":%.0f},\"finalLoss\":%.6g}\n",
                name.c_str(), shape.parameter_count(), shape.neuron_count(), train_rows, data->row_count(), N, rate.median,
                rate.p25, rate.p75, grid_time.median, grid_time.p25, grid_time.p75, frame.median, frame.p25, frame.p75,
                spread_of(epoch_ms).median, spread_of(snapshot_ms).median, spread_of(frame_grid_ms).median,
                spread_of(colours_ms).median, flops.example, flops.forward, flops.grid, flops.frame, loss_sink / repeats);
  } else {
    std::printf("%s: %d parameters, %d neurons\n", name.c_str(), shape.parameter_count(), shape.neuron_count());
    std::printf("  training  %10.0f examples/s (quartiles %.0f-%.0f), %.0f FLOP/example, %.2f GFLOP/s\n", rate.median,
                rate.p25, rate.p75, flops.example, rate.median * flops.example / 1e9);
    std::printf("  grid      %10.3f ms (quartiles %.3f-%.3f), %.2f MFLOP, %.2f GFLOP/s\n", grid_time.median,
                grid_time.p25, grid_time.p75, flops.grid / 1e6, flops.grid / grid_time.median / 1e6);
    std::printf("  frame     %10.3f ms (quartiles %.3f-%.3f), %.2f MFLOP, %.2f GFLOP/s\n", frame.median, frame.p25,
                frame.p75, flops.frame / 1e6, flops.frame / frame.median / 1e6);
    std::printf("            epoch %.3f + snapshot %.3f + grid %.3f + colours %.3f ms (medians)\n",
                spread_of(epoch_ms).median, spread_of(snapshot_ms).median, spread_of(frame_grid_ms).median,
                spread_of(colours_ms).median);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Flags flags = parse_flags(argc, argv);
    const bool json = flags.count("json") > 0;
    use_cpu_time = flags.count("cpu-time") > 0;
    if (flags.count("machine")) return machine(json);
    return workload(flags, json);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "engine_bench: %s\n", error.what());
    return 2;
  }
}
