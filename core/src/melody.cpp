// Melodies: parsing and writing the text format, and the vocabulary of distinct notes.
#include "algorhythm/melody.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace algorhythm {
namespace {

// Semitones above C of the natural notes A..G.
constexpr int kLetterSemitones[7] = {9, 11, 0, 2, 4, 5, 7};
constexpr const char* kSharpNames[12] = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
constexpr const char* kFormatHint =
    "write notes like 'C4/4 D4/8 E4/2.': a pitch A-G with an optional # or b and an octave 0-8 (or R for a rest), "
    "then '/' and a note value 1, 2, 4, 8 or 16, optionally dotted";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_separator(char c) { return is_space(c) || c == '|'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// One note's text and where it stands, for error messages.
struct NoteToken {
  std::string_view text;
  int index;   // 1-based position among the notes
  int column;  // 1-based character position in the whole text
};

[[noreturn]] void fail(const NoteToken& token, const std::string& problem) {
  throw std::invalid_argument("note " + std::to_string(token.index) + " '" + std::string(token.text) + "' (character " +
                              std::to_string(token.column) + "): " + problem);
}

// The text after the pitch: empty (a quarter note) or "/value" with an optional dot.
int parse_duration(const NoteToken& token, std::string_view rest) {
  if (rest.empty()) return 4;
  if (rest[0] != '/') fail(token, "unexpected '" + std::string(rest) + "' after the pitch; " + kFormatHint);
  std::size_t i = 1;
  int value = 0;
  while (i < rest.size() && is_digit(rest[i]) && value < 1000) value = value * 10 + (rest[i++] - '0');
  if (i == 1) fail(token, "a note value (1, 2, 4, 8 or 16) must follow '/'");
  const bool dotted = i < rest.size() && rest[i] == '.';
  if (dotted) ++i;
  if (i != rest.size()) fail(token, "unexpected '" + std::string(rest.substr(i)) + "' after the duration");
  if (value != 1 && value != 2 && value != 4 && value != 8 && value != 16) {
    fail(token, "note value " + std::to_string(value) + " is not one of 1, 2, 4, 8, 16 (whole to sixteenth)");
  }
  const int sixteenths = 16 / value;
  if (dotted && sixteenths == 1) fail(token, "a dotted sixteenth is shorter than the shortest step, a sixteenth");
  return dotted ? sixteenths * 3 / 2 : sixteenths;
}

Note parse_note(const NoteToken& token) {
  const std::string_view text = token.text;
  const char letter = static_cast<char>(text[0] >= 'a' && text[0] <= 'z' ? text[0] - 'a' + 'A' : text[0]);
  Note note;
  if (letter == 'R') {
    if (text.size() > 1 && is_digit(text[1])) fail(token, "a rest has no octave: write R/4");
    note.pitch = kRestPitch;
    note.duration = parse_duration(token, text.substr(1));
    return note;
  }
  if (letter < 'A' || letter > 'G') {
    fail(token, "unknown pitch name '" + std::string(1, text[0]) + "': use A to G, or R for a rest");
  }
  std::size_t i = 1;
  int semitone = kLetterSemitones[letter - 'A'];
  if (i < text.size() && (text[i] == '#' || text[i] == 'b')) semitone += text[i++] == '#' ? 1 : -1;
  const std::size_t octave_start = i;
  int octave = 0;
  while (i < text.size() && is_digit(text[i]) && octave < 1000) octave = octave * 10 + (text[i++] - '0');
  if (i == octave_start) {
    fail(token, "the pitch needs an octave 0-8 after its name, like " + std::string(1, letter) + "4");
  }
  if (octave > 8) fail(token, "octave " + std::to_string(octave) + " is outside 0-8");
  note.pitch = 12 * (octave + 1) + semitone;  // C4 = 60
  if (note.pitch < kMinPitch || note.pitch > kMaxPitch) fail(token, "the pitch is outside C0-B8");
  note.duration = parse_duration(token, text.substr(i));
  return note;
}

}  // namespace

Melody parse_melody(std::string_view text) {
  Melody melody;
  int index = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (is_separator(text[i])) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < text.size() && !is_separator(text[i])) ++i;
    const NoteToken token{text.substr(start, i - start), ++index, static_cast<int>(start) + 1};
    if (index > kMaxMelodyNotes) {
      fail(token, "a melody has at most " + std::to_string(kMaxMelodyNotes) + " notes");
    }
    melody.push_back(parse_note(token));
  }
  if (melody.empty()) throw std::invalid_argument(std::string("the melody is empty: ") + kFormatHint);
  return melody;
}

void validate(const Melody& melody) {
  if (melody.empty()) throw std::invalid_argument(std::string("the melody is empty: ") + kFormatHint);
  if (melody.size() > static_cast<std::size_t>(kMaxMelodyNotes)) {
    throw std::invalid_argument("the melody has " + std::to_string(melody.size()) + " notes; at most " +
                                std::to_string(kMaxMelodyNotes) + " are allowed");
  }
  for (std::size_t i = 0; i < melody.size(); ++i) {
    const Note& note = melody[i];
    if (!note.is_rest() && (note.pitch < kMinPitch || note.pitch > kMaxPitch)) {
      throw std::invalid_argument("note " + std::to_string(i + 1) + ": pitch " + std::to_string(note.pitch) +
                                  " is outside " + std::to_string(kMinPitch) + ".." + std::to_string(kMaxPitch) +
                                  " (C0-B8), and is not a rest (" + std::to_string(kRestPitch) + ")");
    }
    if (!is_valid_duration(note.duration)) {
      throw std::invalid_argument("note " + std::to_string(i + 1) + ": duration " + std::to_string(note.duration) +
                                  " sixteenths is not one of 1, 2, 3, 4, 6, 8, 12, 16, 24");
    }
  }
}

bool is_valid_duration(int sixteenths) {
  switch (sixteenths) {
    case 1: case 2: case 3: case 4: case 6: case 8: case 12: case 16: case 24: return true;
    default: return false;
  }
}

std::string pitch_name(int pitch) {
  if (pitch == kRestPitch) return "R";
  const int octave = pitch / 12 - 1;  // pitch >= kMinPitch > 0: plain division is floor division
  return kSharpNames[pitch % 12] + std::to_string(octave);
}

std::string to_text(const Note& note) {
  const bool dotted = note.duration % 3 == 0;
  const int plain = dotted ? note.duration * 2 / 3 : note.duration;
  return pitch_name(note.pitch) + "/" + std::to_string(16 / plain) + (dotted ? "." : "");
}

std::string to_text(const Melody& melody) {
  std::string text;
  for (const Note& note : melody) {
    if (!text.empty()) text += ' ';
    text += to_text(note);
  }
  return text;
}

// ---- vocabulary ------------------------------------------------------------------------------

Vocabulary Vocabulary::from(const Melody& melody) {
  Vocabulary vocabulary;
  vocabulary.notes_ = melody;
  std::sort(vocabulary.notes_.begin(), vocabulary.notes_.end());
  vocabulary.notes_.erase(std::unique(vocabulary.notes_.begin(), vocabulary.notes_.end()), vocabulary.notes_.end());
  if (vocabulary.size() > kMaxVocabulary) {
    throw std::invalid_argument("the melody has " + std::to_string(vocabulary.size()) +
                                " distinct notes (pitch and duration); a network predicts over at most " +
                                std::to_string(kMaxVocabulary));
  }
  return vocabulary;
}

int Vocabulary::token_of(const Note& note) const {
  const auto it = std::lower_bound(notes_.begin(), notes_.end(), note);
  return it != notes_.end() && *it == note ? static_cast<int>(it - notes_.begin()) : -1;
}

std::vector<int> Vocabulary::encode(const Melody& melody) const {
  std::vector<int> tokens;
  tokens.reserve(melody.size());
  for (std::size_t i = 0; i < melody.size(); ++i) {
    const int token = token_of(melody[i]);
    if (token < 0) {
      throw std::invalid_argument("note " + std::to_string(i + 1) + " '" + to_text(melody[i]) +
                                  "' is not in the vocabulary (the " + std::to_string(size()) +
                                  " distinct notes of the training melody)");
    }
    tokens.push_back(token);
  }
  return tokens;
}

Melody Vocabulary::decode(const std::vector<int>& tokens) const {
  Melody melody;
  melody.reserve(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i] < 0 || tokens[i] >= size()) {
      throw std::invalid_argument("token " + std::to_string(tokens[i]) + " at position " + std::to_string(i + 1) +
                                  " is outside the vocabulary 0.." + std::to_string(size() - 1));
    }
    melody.push_back(notes_[tokens[i]]);
  }
  return melody;
}

}  // namespace algorhythm
