// The names of the shared enumerations: as the JS API spells them, and parsed back.
#include "algorhythm/types.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

using namespace algorhythm;

namespace {

// Every value's name parses back to the value, and the names are distinct.
template <typename Enum>
void check_round_trip(const std::vector<Enum>& values) {
  std::set<std::string> names;
  for (Enum value : values) {
    const std::string name = to_string(value);
    INFO(name);
    Enum parsed{};
    CHECK(parse(name, parsed));
    CHECK(parsed == value);
    names.insert(name);
  }
  CHECK(names.size() == values.size());
}

}  // namespace

TEST_CASE("enumerations have lower-case, hyphenated names", "[types]") {
  CHECK(std::string(to_string(Task::Binary)) == "binary");
  CHECK(std::string(to_string(Task::MultiClass)) == "multiclass");
  CHECK(std::string(to_string(Task::Regression)) == "regression");
  CHECK(std::string(to_string(Activation::Sigmoid)) == "sigmoid");
  CHECK(std::string(to_string(Activation::Tanh)) == "tanh");
  CHECK(std::string(to_string(Activation::Relu)) == "relu");
  CHECK(std::string(to_string(Activation::Linear)) == "linear");
  CHECK(std::string(to_string(Loss::SquaredError)) == "squared-error");
  CHECK(std::string(to_string(Loss::CrossEntropy)) == "cross-entropy");
  CHECK(std::string(to_string(Optimizer::Sgd)) == "sgd");
  CHECK(std::string(to_string(Optimizer::Momentum)) == "momentum");
  CHECK(std::string(to_string(Optimizer::Adam)) == "adam");
  CHECK(std::string(to_string(Regularization::None)) == "none");
  CHECK(std::string(to_string(Regularization::L1)) == "l1");
  CHECK(std::string(to_string(Regularization::L2)) == "l2");
  CHECK(std::string(to_string(Phase::Idle)) == "idle");
  CHECK(std::string(to_string(Phase::Forward)) == "forward");
  CHECK(std::string(to_string(Phase::Loss)) == "loss");
  CHECK(std::string(to_string(Phase::Backward)) == "backward");
  CHECK(std::string(to_string(Phase::Update)) == "update");
  CHECK(std::string(to_string(Phase::Edit)) == "edit");
  CHECK(std::string(to_string(Granularity::Phase)) == "phase");
  CHECK(std::string(to_string(Granularity::Example)) == "example");
  CHECK(std::string(to_string(Granularity::Batch)) == "batch");
  CHECK(std::string(to_string(Granularity::Epoch)) == "epoch");
}

TEST_CASE("every name parses back to its value", "[types][parse]") {
  check_round_trip<Task>({Task::Binary, Task::MultiClass, Task::Regression});
  check_round_trip<Activation>({Activation::Sigmoid, Activation::Tanh, Activation::Relu, Activation::Linear});
  check_round_trip<Loss>({Loss::SquaredError, Loss::CrossEntropy});
  check_round_trip<Optimizer>({Optimizer::Sgd, Optimizer::Momentum, Optimizer::Adam});
  check_round_trip<Regularization>({Regularization::None, Regularization::L1, Regularization::L2});
  check_round_trip<Phase>({Phase::Idle, Phase::Forward, Phase::Loss, Phase::Backward, Phase::Update, Phase::Edit});
  check_round_trip<Granularity>({Granularity::Phase, Granularity::Example, Granularity::Batch, Granularity::Epoch});
}

TEST_CASE("unknown names are rejected and leave the value alone", "[types][parse][bad-input]") {
  Activation activation = Activation::Relu;
  for (const char* name : {"", "Tanh", "TANH", " tanh", "tanh ", "softmax", "squared_error"}) {
    INFO("'" << name << "'");
    CHECK_FALSE(parse(name, activation));
    CHECK(activation == Activation::Relu);
  }
  Loss loss = Loss::CrossEntropy;
  CHECK_FALSE(parse("squared_error", loss));
  CHECK(loss == Loss::CrossEntropy);
  Phase phase = Phase::Idle;
  CHECK_FALSE(parse("epoch", phase));  // a granularity, not a phase
  CHECK(phase == Phase::Idle);
}
