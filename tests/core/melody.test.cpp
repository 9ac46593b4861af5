// Melodies: the text format both ways, clear errors for bad melodies, the vocabulary, the built-in tunes.
#include <catch2/catch.hpp>

#include <set>
#include <stdexcept>
#include <string>

#include "algorhythm/melody.hpp"
#include "algorhythm/tunes.hpp"

using namespace algorhythm;
using Catch::Matchers::Contains;

namespace {

// The message of the std::invalid_argument that parsing `text` throws ("" if it does not throw).
std::string parse_error(const std::string& text) {
  try {
    parse_melody(text);
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("melody: parses pitches, accidentals, octaves, durations and rests", "[melody]") {
  const Melody melody = parse_melody("C4/4 c#4/8 Db4/2. B3/16 R/1 r/4. G5 A0/2 B8/1.");
  REQUIRE(melody.size() == 9);
  CHECK(melody[0] == Note{60, 4});   // middle C, a quarter
  CHECK(melody[1] == Note{61, 2});   // lower-case letter, sharp, eighth
  CHECK(melody[2] == Note{61, 12});  // flat, dotted half
  CHECK(melody[3] == Note{59, 1});   // sixteenth
  CHECK(melody[4] == Note{kRestPitch, 16});
  CHECK(melody[5] == Note{kRestPitch, 6});
  CHECK(melody[6] == Note{79, 4});   // no duration: a quarter
  CHECK(melody[7] == Note{21, 8});   // A0, the lowest piano key
  CHECK(melody[8] == Note{119, 24});
  CHECK(melody[4].is_rest());
}

TEST_CASE("melody: bar lines, line breaks and extra spaces are ignored", "[melody]") {
  CHECK(parse_melody("  C4/4 |D4/4|\n\tE4/2 ||") == parse_melody("C4/4 D4/4 E4/2"));
}

TEST_CASE("melody: to_text writes sharps and every duration, and parses back to the same notes", "[melody]") {
  CHECK(to_text(parse_melody("Db4/4 E4 Bb3/8. R/16 C5/1.")) == "C#4/4 E4/4 A#3/8. R/16 C5/1.");
  for (const Tune& tune : tunes()) {
    INFO(tune.name);
    const Melody melody = parse_melody(tune.text);
    CHECK(parse_melody(to_text(melody)) == melody);
  }
}

TEST_CASE("melody: bad notes are rejected with their position, their text and what is allowed", "[melody][errors]") {
  CHECK_THAT(parse_error("C4/4 D4/4 H4/4"), Contains("note 3 'H4/4' (character 11)") &&
                                                Contains("unknown pitch name 'H'") && Contains("A to G"));
  CHECK_THAT(parse_error("C4/4 D4/5"), Contains("note 2 'D4/5'") && Contains("note value 5") &&
                                           Contains("1, 2, 4, 8, 16"));
  CHECK_THAT(parse_error("C4/16."), Contains("note 1") && Contains("dotted sixteenth"));
  CHECK_THAT(parse_error("C4/"), Contains("a note value (1, 2, 4, 8 or 16) must follow '/'"));
  CHECK_THAT(parse_error("E4/4 C/4"), Contains("note 2 'C/4'") && Contains("needs an octave 0-8"));
  CHECK_THAT(parse_error("C9/4"), Contains("octave 9 is outside 0-8"));
  CHECK_THAT(parse_error("Cb0/4"), Contains("outside C0-B8"));
  CHECK_THAT(parse_error("R4/4"), Contains("a rest has no octave"));
  CHECK_THAT(parse_error("C4/4x"), Contains("unexpected 'x' after the duration"));
  CHECK_THAT(parse_error("C4-4"), Contains("unexpected '-4' after the pitch"));
}

TEST_CASE("melody: an empty melody is an error that says how to write one", "[melody][errors]") {
  CHECK_THAT(parse_error(""), Contains("the melody is empty") && Contains("C4/4"));
  CHECK_THAT(parse_error("  | \n |"), Contains("the melody is empty"));
}

TEST_CASE("melody: more than 512 notes is an error naming the limit", "[melody][errors]") {
  std::string text;
  for (int i = 0; i < kMaxMelodyNotes; ++i) text += "C4/4 ";
  CHECK(parse_melody(text).size() == static_cast<std::size_t>(kMaxMelodyNotes));
  CHECK_THAT(parse_error(text + "D4/4"), Contains("note 513") && Contains("at most 512 notes"));
}

TEST_CASE("melody: validate rejects notes built in code with a bad pitch or duration", "[melody][errors]") {
  CHECK_NOTHROW(validate(Melody{{60, 4}, {kRestPitch, 2}}));
  CHECK_THROWS_WITH(validate(Melody{}), Contains("empty"));
  CHECK_THROWS_WITH(validate(Melody{{60, 4}, {130, 4}}), Contains("note 2: pitch 130 is outside"));
  CHECK_THROWS_WITH(validate(Melody{{60, 5}}), Contains("note 1: duration 5 sixteenths"));
}

TEST_CASE("melody: the vocabulary holds the distinct notes in a fixed order", "[melody][vocabulary]") {
  const Melody melody = parse_melody("E4/4 C4/4 R/4 E4/4 C4/2 E4/4");
  const Vocabulary vocabulary = Vocabulary::from(melody);
  REQUIRE(vocabulary.size() == 4);
  CHECK(vocabulary.note(0) == Note{kRestPitch, 4});  // rests first, then by pitch, then by duration
  CHECK(vocabulary.note(1) == Note{60, 4});
  CHECK(vocabulary.note(2) == Note{60, 8});
  CHECK(vocabulary.note(3) == Note{64, 4});
  const std::vector<int> tokens = vocabulary.encode(melody);
  CHECK(tokens == std::vector<int>{3, 1, 0, 3, 2, 3});
  CHECK(vocabulary.decode(tokens) == melody);
  CHECK(vocabulary.token_of(Note{62, 4}) == -1);
  CHECK_THROWS_WITH(vocabulary.encode(parse_melody("C4/4 D4/4")),
                    Contains("note 2 'D4/4' is not in the vocabulary"));
  CHECK_THROWS_WITH(vocabulary.decode({0, 4}), Contains("token 4 at position 2 is outside the vocabulary 0..3"));
}

TEST_CASE("melody: too many distinct notes for a network is an error", "[melody][vocabulary][errors]") {
  Melody melody;
  for (int pitch = 12; pitch < 12 + kMaxVocabulary; ++pitch) melody.push_back({pitch, 4});
  CHECK(Vocabulary::from(melody).size() == kMaxVocabulary);
  melody.push_back({12, 8});
  CHECK_THROWS_WITH(Vocabulary::from(melody), Contains("129 distinct notes") && Contains("at most 128"));
}

TEST_CASE("melody: the built-in tunes parse and have unique names", "[melody][tunes]") {
  std::set<std::string> names;
  for (const Tune& tune : tunes()) {
    INFO(tune.name);
    names.insert(tune.name);
    const Melody melody = parse_melody(tune.text);
    CHECK(melody.size() >= 15);
    CHECK(find_tune(tune.name) == &tune);
  }
  CHECK(names == std::set<std::string>{"scale", "twinkle", "ode-to-joy", "frere-jacques"});
  CHECK(find_tune("no-such-tune") == nullptr);
  CHECK(parse_melody(find_tune("twinkle")->text).size() == 42);
  CHECK(parse_melody(find_tune("ode-to-joy")->text).size() == 62);
  CHECK(parse_melody(find_tune("frere-jacques")->text).size() == 32);
  CHECK(to_text(parse_melody(find_tune("scale")->text)) ==
        "C4/4 D4/4 E4/4 F4/4 G4/4 A4/4 B4/4 C5/4 B4/4 A4/4 G4/4 F4/4 E4/4 D4/4 C4/2");
}
