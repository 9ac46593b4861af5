// Tests of the training history (Trainer::seek, step_back and edits as ticks; core/src/trainer.cpp).
//
// The reference for "the state at tick T" is a second trainer with the same settings that was only
// ever stepped forward to T: replaying from checkpoints must land on exactly the same bits.
#include <catch2/catch.hpp>

#include <ostream>
#include <string>
#include <vector>

#include "algorhythm/datasets.hpp"
#include "algorhythm/history.hpp"
#include "algorhythm/trainer.hpp"
#include "support.hpp"

namespace {

using namespace algorhythm;
using namespace algorhythm::test;

Settings xor_settings(std::uint64_t seed = 1) {
  Settings settings = settings_of(network_of(1, 4, Activation::Tanh), Loss::CrossEntropy, 0.3f, seed);
  settings.hyper.optimizer = Optimizer::Momentum;  // velocity is state too: replay must restore it
  return settings;
}

Trainer xor_trainer(std::uint64_t seed = 1) {
  Trainer trainer;
  trainer.reset(xor_settings(seed), logic_gate(LogicGate::Xor));
  return trainer;
}

// Everything a view reads that depends on the cursor, compared bit for bit where it is floats.
void require_same_state(Trainer& actual, Trainer& expected) {
  REQUIRE(actual.tick() == expected.tick());
  const Snapshot a = actual.snapshot();
  const Snapshot& e = expected.snapshot();
  REQUIRE(a.updates == e.updates);
  REQUIRE(a.epoch == e.epoch);
  REQUIRE(a.example_row == e.example_row);
  REQUIRE(a.batch_position == e.batch_position);
  REQUIRE(a.phase == e.phase);
  REQUIRE(a.phase_layer == e.phase_layer);
  REQUIRE(same_bits(a.parameters, e.parameters));
  REQUIRE(same_bits(a.gradients, e.gradients));
  REQUIRE(same_bits(a.last_updates, e.last_updates));
  REQUIRE(same_bits(a.activations, e.activations));
  REQUIRE(same_bits(a.deltas, e.deltas));
  REQUIRE(a.example_loss == e.example_loss);
}

TEST_CASE("seeking back and forward lands on the bits of a run that only went forward", "[history]") {
  Trainer trainer = xor_trainer();
  trainer.step(Granularity::Batch, 3000);  // enough updates for checkpoints to be thinned out
  const long end = trainer.tick();
  for (long target : {end - 1, end - 7, end / 2 + 3, 1L, 0L, end - 1000, end}) {
    INFO("seek to tick " << target << " of " << end);
    trainer.seek(target);
    Trainer reference = xor_trainer();
    reference.step(Granularity::Phase, target);
    require_same_state(trainer, reference);
  }
}

TEST_CASE("step back N then forward N returns to the same bits", "[history]") {
  Trainer trainer = xor_trainer();
  trainer.step(Granularity::Batch, 500);
  const Granularity granularity = GENERATE(Granularity::Phase, Granularity::Example, Granularity::Batch, Granularity::Epoch);
  const long count = GENERATE(1L, 3L, 50L);
  INFO("granularity " << to_string(granularity) << ", count " << count);

  // Forward by the granularity, remember, go back to where we were, forward again.
  const long start = trainer.tick();
  const std::vector<float> at_start = trainer.parameters();
  trainer.step(granularity, count);
  const long end = trainer.tick();
  const std::vector<float> at_end = trainer.parameters();
  trainer.step_back(end - start);
  CHECK(trainer.tick() == start);
  CHECK(same_bits(trainer.parameters(), at_start));
  trainer.step(granularity, count);
  CHECK(trainer.tick() == end);
  CHECK(same_bits(trainer.parameters(), at_end));

  // Back N ticks by phases, then forward N phases.
  trainer.step_back(count);
  trainer.step(Granularity::Phase, count);
  CHECK(trainer.tick() == end);
  CHECK(same_bits(trainer.parameters(), at_end));
}

TEST_CASE("seeking to the first tick restores the initial parameters", "[history]") {
  Trainer trainer = xor_trainer(5);
  const std::vector<float> initial = trainer.parameters();
  trainer.step(Granularity::Epoch, 200);
  trainer.seek(trainer.first_tick());
  CHECK(trainer.tick() == 0);
  CHECK(same_bits(trainer.parameters(), initial));
  CHECK(trainer.snapshot().phase == Phase::Idle);
  // Seeking before the first tick stops there.
  trainer.step(Granularity::Batch, 10);
  trainer.seek(-100);
  CHECK(trainer.tick() == trainer.first_tick());
  CHECK(same_bits(trainer.parameters(), initial));
}

// history.hpp's policy on its own, over a state that is only its tick and its update count.
struct TickState {
  long tick = 0, updates = 0;
};

TEST_CASE("checkpoints are kept every first_spacing updates, then every other one is dropped", "[history]") {
  CheckpointHistory<TickState> history(/*max_checkpoints=*/4, /*max_edits=*/2, /*first_spacing=*/3);
  history.reset({0, 0});
  const auto update = [&](long u) { history.after_update({10 * u, u}); };
  for (long u = 1; u <= 12; ++u) update(u);
  CHECK(history.spacing() == 3);
  CHECK(history.size() == 1 + 4);  // the start, then updates 3, 6, 9 and 12
  CHECK(history.at_or_before(10 * 8).updates == 6);
  update(13);
  update(14);
  CHECK(history.size() == 1 + 4);
  update(15);  // a fifth ordinary checkpoint: every other one goes
  CHECK(history.spacing() == 6);
  CHECK(history.size() == 1 + 3);  // updates 3, 9 and 15
  CHECK(history.at_or_before(10 * 8).updates == 3);
  CHECK(history.at_or_before(10 * 14).updates == 9);
  history.reset({0, 0});
  CHECK(history.spacing() == 3);
  CHECK(history.size() == 1);
}

// ---- edits -------------------------------------------------------------------------------------------

// The three kinds of edit, each applied the same way to the run under test and to a reference run.
using Edit = void (*)(Trainer&);
void edit_parameter(Trainer& trainer) { trainer.set_parameter(3, 2.5f); }
void edit_hyperparameters(Trainer& trainer) {
  Hyperparameters hyper = trainer.hyperparameters();
  hyper.learning_rate = 0.01f;
  hyper.batch_size = 2;
  trainer.set_hyperparameters(hyper);
}
void edit_data(Trainer& trainer) {
  Dataset fewer = logic_gate(LogicGate::Xor);
  fewer.is_test[0] = 1;  // three training rows instead of four
  trainer.set_data(fewer);
}

// What differs between the states before and after each edit, to see which one the trainer is in.
struct EditedValues {
  float parameter;
  float learning_rate;
  int training_rows;
};
EditedValues edited_values(const Trainer& trainer) {
  return {trainer.parameters()[3], trainer.hyperparameters().learning_rate, trainer.data().training_row_count()};
}
bool operator==(const EditedValues& a, const EditedValues& b) {
  return a.parameter == b.parameter && a.learning_rate == b.learning_rate && a.training_rows == b.training_rows;
}
std::ostream& operator<<(std::ostream& out, const EditedValues& v) {
  return out << "{parameter 3 = " << v.parameter << ", learning rate " << v.learning_rate << ", " << v.training_rows
             << " training rows}";
}

// trainer.hpp: edits are ticks, so they can be stepped back over. history.hpp (the policy Trainer
// follows): going back over an edit and forward again redoes it.
TEST_CASE("an edit is one tick: stepping back undoes it, stepping forward redoes it", "[history][edit]") {
  const Edit edit = GENERATE(edit_parameter, edit_hyperparameters, edit_data);
  Trainer trainer = xor_trainer();
  trainer.step(Granularity::Batch, 20);
  trainer.step(Granularity::Phase, 2);  // in the middle of an example
  const long before_tick = trainer.tick();
  const std::vector<float> before_parameters = trainer.parameters();
  const EditedValues before = edited_values(trainer);

  edit(trainer);
  CHECK(trainer.tick() == before_tick + 1);
  CHECK(trainer.snapshot().phase == Phase::Edit);
  const EditedValues after = edited_values(trainer);
  REQUIRE_FALSE(after == before);

  trainer.step_back(1);
  CHECK(trainer.tick() == before_tick);
  CHECK(edited_values(trainer) == before);
  CHECK(same_bits(trainer.parameters(), before_parameters));

  trainer.step(Granularity::Phase);
  CHECK(trainer.tick() == before_tick + 1);
  CHECK(trainer.snapshot().phase == Phase::Edit);
  CHECK(edited_values(trainer) == after);

  // Forward from there is the run of a trainer that made the same edit at the same tick.
  Trainer reference = xor_trainer();
  reference.step(Granularity::Phase, before_tick);
  edit(reference);
  reference.step(Granularity::Phase, 300);
  trainer.step(Granularity::Phase, 300);
  require_same_state(trainer, reference);
  // ... also when the edit is passed by a seek from before it.
  trainer.seek(before_tick - 5);
  trainer.seek(before_tick + 301);
  require_same_state(trainer, reference);
}

TEST_CASE("ticks after an edit replay with the edit", "[history][edit]") {
  Trainer trainer = xor_trainer();
  trainer.step(Granularity::Batch, 40);
  Hyperparameters hyper = trainer.hyperparameters();
  hyper.learning_rate = 0.05f;
  hyper.optimizer = Optimizer::Adam;
  trainer.set_hyperparameters(hyper);
  trainer.set_parameter(0, -1.25f);
  const long edited = trainer.tick();

  // Record the run after the edits, then seek back into it and compare.
  std::vector<std::vector<float>> recorded;
  for (int t = 0; t < 400; ++t) {
    trainer.step(Granularity::Phase);
    recorded.push_back(trainer.parameters());
  }
  for (int offset : {399, 0, 250, 17, 398}) {
    INFO("tick " << edited + 1 + offset);
    trainer.seek(edited + 1 + offset);
    CHECK(same_bits(trainer.parameters(), recorded[offset]));
    CHECK(trainer.hyperparameters().optimizer == Optimizer::Adam);
  }
  // Back over both edits: the original settings and parameter.
  trainer.seek(edited - 2);
  CHECK(trainer.hyperparameters().optimizer == Optimizer::Momentum);
  Trainer reference = xor_trainer();
  reference.step(Granularity::Batch, 40);
  require_same_state(trainer, reference);
}

TEST_CASE("an edit made after stepping back replaces the future", "[history][edit]") {
  Trainer trainer = xor_trainer();
  trainer.step(Granularity::Batch, 100);
  trainer.seek(60);
  trainer.set_parameter(1, 0.75f);
  CHECK(trainer.tick() == 61);
  trainer.step(Granularity::Phase, 200);
  const std::vector<float> after = trainer.parameters();
  // The checkpoints of the old future are gone: replaying lands on the edited run.
  trainer.seek(120);
  trainer.seek(261);
  CHECK(same_bits(trainer.parameters(), after));
  trainer.seek(61);
  CHECK(trainer.parameters()[1] == 0.75f);
}

// Stepping back over an edit and then forward again: whatever the engine does with the edit (redoes
// it, as history.hpp says, or continues without it), seeking inside the stretch it then ran must give
// the same bits as the first time.
TEST_CASE("after stepping back over an edit, replaying is still exact", "[history][edit]") {
  Trainer trainer = xor_trainer();
  trainer.step(Granularity::Batch, 50);
  const long edit_tick = trainer.tick() + 1;
  trainer.set_parameter(2, 3.0f);
  trainer.step(Granularity::Batch, 50);  // checkpoints after the edit

  trainer.seek(edit_tick - 1);
  std::vector<std::vector<float>> recorded;
  for (int t = 0; t < 200; ++t) {
    trainer.step(Granularity::Phase);
    recorded.push_back(trainer.parameters());
  }
  for (int offset : {150, 60, 0, 199}) {
    INFO("tick " << edit_tick + offset);
    trainer.seek(edit_tick + offset);
    CHECK(same_bits(trainer.parameters(), recorded[offset]));
  }
}

TEST_CASE("edits beyond kMaxEdits forget the oldest history", "[history][edit]") {
  Trainer trainer = xor_trainer();
  const int edits = kMaxEdits + 10;
  for (int e = 0; e < edits; ++e) {
    trainer.step(Granularity::Phase);                             // tick 2e + 1
    trainer.set_parameter(0, static_cast<float>(e) * 0.001f);    // tick 2e + 2
  }
  // The last kMaxEdits edits are kept: the oldest reachable state is edit number edits - kMaxEdits.
  const int oldest = edits - kMaxEdits;
  CHECK(trainer.first_tick() == 2 * oldest + 2);
  trainer.seek(0);
  CHECK(trainer.tick() == trainer.first_tick());
  CHECK(trainer.snapshot().phase == Phase::Edit);
  CHECK(trainer.parameters()[0] == static_cast<float>(oldest) * 0.001f);
  // Stepping forward from it replays the later edits.
  trainer.seek(2 * edits);
  CHECK(trainer.parameters()[0] == static_cast<float>(edits - 1) * 0.001f);
  CHECK(trainer.step(Granularity::Batch, 5));
}

// ---- the memory bound -----------------------------------------------------------------------------

TEST_CASE("100,000 updates keep the history within its documented bound", "[history][memory]") {
  Trainer trainer = xor_trainer(3);
  const std::vector<float> initial = trainer.parameters();
  const std::size_t one = trainer.checkpoint_bytes();
  // The bound from trainer.hpp: kMaxCheckpoints checkpoints, plus the pinned ones (the initial state
  // and each edit's).
  auto bound = [&](int pinned) { return (kMaxCheckpoints + pinned) * one; };
  for (int chunk = 0; chunk < 10; ++chunk) {
    REQUIRE(trainer.step(Granularity::Batch, 10000));
    CAPTURE(chunk, trainer.history_bytes(), one);
    REQUIRE(trainer.history_bytes() <= bound(1));
  }
  CHECK(trainer.snapshot().updates == 100000);
  CHECK(trainer.history_bytes() > kMaxCheckpoints / 4 * one);  // it does keep checkpoints
  WARN("history after 100,000 updates: " << trainer.history_bytes() << " bytes, bound " << bound(1) << " ("
                                         << one << " per checkpoint)");

  const long end = trainer.tick();
  const std::vector<float> at_end = trainer.parameters();
  trainer.seek(trainer.first_tick());
  CHECK(trainer.tick() == 0);
  CHECK(same_bits(trainer.parameters(), initial));
  trainer.seek(end);
  CHECK(same_bits(trainer.parameters(), at_end));

  // Edits add one pinned checkpoint each.
  for (int e = 0; e < 10; ++e) {
    trainer.set_parameter(e, 0.5f);
    trainer.step(Granularity::Batch, 1000);
  }
  CHECK(trainer.history_bytes() <= bound(11));
}

}  // namespace
