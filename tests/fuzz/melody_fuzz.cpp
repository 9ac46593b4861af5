// Fuzz target: a reader's melody text, through parse_melody, to_text, the vocabulary and a few ticks
// of recurrent training.
//
// Input: byte 0 chooses the recurrent cell and the sampling start, the rest is the melody text.
// Promises checked:
//   - parse_melody returns a valid melody of 1 .. kMaxMelodyNotes notes or throws
//     std::invalid_argument (anything else crashes);
//   - to_text writes it so that parse_melody reads back the same notes;
//   - the vocabulary encodes and decodes it back to the same notes;
//   - a recurrent network trains on it and samples from it without throwing.
#include <cstdint>
#include <stdexcept>
#include <string>

#include "algorhythm/melody.hpp"
#include "algorhythm/recurrent_trainer.hpp"
#include "fuzz_input.hpp"

namespace {

using namespace algorhythm;
using fuzz::require;

void check_round_trips(const Melody& melody) {
  validate(melody);  // throws (and so crashes here) if parse_melody let an invalid melody through
  require(!melody.empty() && melody.size() <= static_cast<std::size_t>(kMaxMelodyNotes), "note count outside limits");
  const std::string text = to_text(melody);
  Melody back;
  try {
    back = parse_melody(text);
  } catch (const std::invalid_argument& error) {
    std::fprintf(stderr, "to_text wrote: %s\nparse_melody said: %s\n", text.c_str(), error.what());
    fuzz::broken_promise("parse_melody rejects what to_text wrote");
  }
  require(back == melody, "to_text and parse_melody changed the melody");
}

void check_training(const Melody& melody, std::uint8_t choice) {
  Vocabulary vocabulary;
  try {
    vocabulary = Vocabulary::from(melody);
  } catch (const std::invalid_argument&) {
    return;  // more distinct notes than a network predicts over: refused with a message
  }
  require(vocabulary.decode(vocabulary.encode(melody)) == melody, "the vocabulary changed the melody");
  if (melody.size() < 2) return;  // a network learns from (note, next note) pairs

  RecurrentSettings settings;
  settings.cell = choice & 1 ? Cell::Lstm : Cell::Elman;
  settings.hidden = 3;
  settings.truncation = 4;
  RecurrentTrainer trainer;
  trainer.reset(settings, melody);
  trainer.step(RecurrentGranularity::Phase, 5);
  trainer.step(RecurrentGranularity::Window, 2);
  trainer.snapshot();
  const int start = (choice >> 1) % vocabulary.size();
  trainer.sample(start, 8, 1.0f, choice);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(bytes + 1), size - 1);
  Melody melody;
  try {
    melody = parse_melody(text);
  } catch (const std::invalid_argument&) {
    return 0;  // refused with a message: fine
  }
  check_round_trips(melody);
  check_training(melody, bytes[0]);
  return 0;
}
