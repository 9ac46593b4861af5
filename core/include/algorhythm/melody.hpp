// Melodies: sequences of notes (a pitch or a rest, and a duration), their text format, and the
// vocabulary of distinct notes a recurrent network predicts over.
//
// Text format (whitespace-separated notes; '|' bar lines are allowed anywhere and ignored):
//   note     = pitch [ '/' value [ '.' ] ]       e.g.  C4/4  F#3/8  Bb4/2.  R/4  G5
//   pitch    = letter [ '#' | 'b' ] octave         letter A-G (either case), octave 0-8, C4 = middle C = MIDI 60;
//                                                  C0 .. B8 (so Cb0 and B#8 are out of range)
//            | 'R'                                 a rest (either case)
//   value    = 1 | 2 | 4 | 8 | 16                  whole, half, quarter, eighth, sixteenth note
//   '.'      dotted: one and a half times as long (a dotted sixteenth does not exist here)
// A note without '/value' is a quarter note. Durations are stored in sixteenths, so the allowed
// durations are 1, 2, 3, 4, 6, 8, 12, 16 and 24 sixteenths. to_text writes sharps, never flats, and
// always writes the duration: "C4/4 D4/8. R/16".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace algorhythm {

inline constexpr int kRestPitch = -1;         // the pitch of a rest
inline constexpr int kMinPitch = 12;          // C0 (MIDI)
inline constexpr int kMaxPitch = 119;         // B8 (MIDI)
inline constexpr int kMaxMelodyNotes = 512;
inline constexpr int kMaxVocabulary = 128;    // distinct notes a network can predict over

struct Note {
  int pitch = 60;     // MIDI number kMinPitch .. kMaxPitch (60 = C4), or kRestPitch
  int duration = 4;   // in sixteenths: 1, 2, 3, 4, 6, 8, 12, 16 or 24 (4 = a quarter note)

  bool is_rest() const { return pitch == kRestPitch; }
  friend bool operator==(const Note& a, const Note& b) { return a.pitch == b.pitch && a.duration == b.duration; }
  friend bool operator!=(const Note& a, const Note& b) { return !(a == b); }
  friend bool operator<(const Note& a, const Note& b) {  // rests first, then low to high, short to long
    return a.pitch != b.pitch ? a.pitch < b.pitch : a.duration < b.duration;
  }
};

using Melody = std::vector<Note>;

// Parses the text format above. Throws std::invalid_argument naming the note's position (1-based),
// its text and character column, and what is allowed: an unknown pitch ("H4"), a missing or bad
// octave, a pitch outside C0-B8, a bad duration ("C4/5"), no notes at all, or more than
// kMaxMelodyNotes notes.
Melody parse_melody(std::string_view text);

// For melodies built in code rather than parsed: throws std::invalid_argument naming the first note
// whose pitch or duration is not allowed, or if there are no notes or more than kMaxMelodyNotes.
void validate(const Melody& melody);

bool is_valid_duration(int sixteenths);
std::string pitch_name(int pitch);  // "C#4", "R" for a rest
std::string to_text(const Note& note);      // "C#4/8."
std::string to_text(const Melody& melody);  // notes separated by single spaces

// The distinct notes of a melody — (pitch, duration) pairs — each one a token the network reads as a
// one-hot input and predicts with a softmax. Tokens are numbered in Note order (rests first, then by
// pitch, then by duration), so the same notes always give the same numbering.
class Vocabulary {
 public:
  Vocabulary() = default;
  // Throws std::invalid_argument if the melody has more than kMaxVocabulary distinct notes.
  static Vocabulary from(const Melody& melody);

  int size() const { return static_cast<int>(notes_.size()); }
  const Note& note(int token) const { return notes_[token]; }
  const std::vector<Note>& notes() const { return notes_; }
  int token_of(const Note& note) const;  // -1 if the note is not in the vocabulary

  // Throws std::invalid_argument naming the first note (1-based) that is not in the vocabulary.
  std::vector<int> encode(const Melody& melody) const;
  // Throws std::invalid_argument for a token outside 0 .. size()-1.
  Melody decode(const std::vector<int>& tokens) const;

 private:
  std::vector<Note> notes_;  // sorted, distinct
};

}  // namespace algorhythm
