// Names of the shared enumerations, as the JS API and the page's URL spell them.
#include "algorhythm/types.hpp"

#include <iterator>

#include "enum_names.hpp"

namespace algorhythm {
namespace {

// Each table lists the names in the order of its enumeration; the static_asserts catch an
// enumerator added without a name.
constexpr const char* kTaskNames[] = {"binary", "multiclass", "regression"};
constexpr const char* kActivationNames[] = {"sigmoid", "tanh", "relu", "linear"};
constexpr const char* kLossNames[] = {"squared-error", "cross-entropy"};
constexpr const char* kOptimizerNames[] = {"sgd", "momentum", "adam"};
constexpr const char* kRegularizationNames[] = {"none", "l1", "l2"};
constexpr const char* kPhaseNames[] = {"idle", "forward", "loss", "backward", "update", "edit"};
constexpr const char* kGranularityNames[] = {"phase", "example", "batch", "epoch"};

static_assert(std::size(kTaskNames) == static_cast<std::size_t>(Task::Regression) + 1);
static_assert(std::size(kActivationNames) == static_cast<std::size_t>(Activation::Linear) + 1);
static_assert(std::size(kLossNames) == static_cast<std::size_t>(Loss::CrossEntropy) + 1);
static_assert(std::size(kOptimizerNames) == static_cast<std::size_t>(Optimizer::Adam) + 1);
static_assert(std::size(kRegularizationNames) == static_cast<std::size_t>(Regularization::L2) + 1);
static_assert(std::size(kPhaseNames) == static_cast<std::size_t>(Phase::Edit) + 1);
static_assert(std::size(kGranularityNames) == static_cast<std::size_t>(Granularity::Epoch) + 1);

}  // namespace

const char* to_string(Task value) { return enum_names::name_of(kTaskNames, value); }
const char* to_string(Activation value) { return enum_names::name_of(kActivationNames, value); }
const char* to_string(Loss value) { return enum_names::name_of(kLossNames, value); }
const char* to_string(Optimizer value) { return enum_names::name_of(kOptimizerNames, value); }
const char* to_string(Regularization value) { return enum_names::name_of(kRegularizationNames, value); }
const char* to_string(Phase value) { return enum_names::name_of(kPhaseNames, value); }
const char* to_string(Granularity value) { return enum_names::name_of(kGranularityNames, value); }

bool parse(std::string_view name, Task& out) { return enum_names::parse(kTaskNames, name, out); }
bool parse(std::string_view name, Activation& out) { return enum_names::parse(kActivationNames, name, out); }
bool parse(std::string_view name, Loss& out) { return enum_names::parse(kLossNames, name, out); }
bool parse(std::string_view name, Optimizer& out) { return enum_names::parse(kOptimizerNames, name, out); }
bool parse(std::string_view name, Regularization& out) { return enum_names::parse(kRegularizationNames, name, out); }
bool parse(std::string_view name, Phase& out) { return enum_names::parse(kPhaseNames, name, out); }
bool parse(std::string_view name, Granularity& out) { return enum_names::parse(kGranularityNames, name, out); }

}  // namespace algorhythm
