// Music notation for the melody page: names of pitches and note values, and melody text in the
// engine's format (bindings/README.md, "Melody text"). Pure functions; nothing here touches the engine
// or the page.
//
// A pitch is a MIDI number (60 = C4, middle C) or −1 for a rest; a duration is in sixteenths.

export const REST = -1;
const PITCH_NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];

/** The durations the engine accepts, in sixteenths, with their note value in melody text. */
export const NOTE_VALUES = [
  { sixteenths: 1, text: '16', name: 'sixteenth' },
  { sixteenths: 2, text: '8', name: 'eighth' },
  { sixteenths: 3, text: '8.', name: 'dotted eighth' },
  { sixteenths: 4, text: '4', name: 'quarter' },
  { sixteenths: 6, text: '4.', name: 'dotted quarter' },
  { sixteenths: 8, text: '2', name: 'half' },
  { sixteenths: 12, text: '2.', name: 'dotted half' },
  { sixteenths: 16, text: '1', name: 'whole' },
  { sixteenths: 24, text: '1.', name: 'dotted whole' },
];

/** "C4", "F#5", or "rest". */
export function pitchName(pitch) {
  if (pitch < 0) return 'rest';
  return `${PITCH_NAMES[pitch % 12]}${Math.floor(pitch / 12) - 1}`;
}

/** Whether a pitch is a black key on the piano (for the piano roll's shaded rows). */
export function isBlackKey(pitch) {
  return pitch >= 0 && PITCH_NAMES[pitch % 12].length > 1;
}

/** The note value of a duration: { sixteenths, text, name }, or null when the engine would refuse it. */
export function noteValue(sixteenths) {
  return NOTE_VALUES.find((value) => value.sixteenths === sixteenths) ?? null;
}

/** One note in melody text: "C4/4", "R/2", "E4/8.". */
export function noteText(pitch, sixteenths) {
  const value = noteValue(sixteenths);
  return `${pitch < 0 ? 'R' : pitchName(pitch)}/${value ? value.text : String(sixteenths)}`;
}

/** "E4 quarter", "rest half": a note in words, for labels and screen readers. */
export function noteWords(pitch, sixteenths) {
  const value = noteValue(sixteenths);
  return `${pitchName(pitch)} ${value ? value.name : `${sixteenths}/16`}`;
}

/** Melody text from parallel arrays of pitches and durations, four quarter notes' worth per bar. */
export function melodyText(pitches, durations) {
  const words = [];
  let inBar = 0;
  for (let i = 0; i < pitches.length; i += 1) {
    words.push(noteText(pitches[i], durations[i]));
    inBar += durations[i];
    if (inBar >= 16 && i < pitches.length - 1) {
      words.push('|');
      inBar = 0;
    }
  }
  return words.join(' ');
}

/** When each note starts, in sixteenths from the melody's start, and the melody's total length. */
export function noteOnsets(durations) {
  const onsets = new Array(durations.length);
  let time = 0;
  for (let i = 0; i < durations.length; i += 1) {
    onsets[i] = time;
    time += durations[i];
  }
  return { onsets, total: time };
}

/** The frequency of a MIDI pitch in hertz (A4 = 69 = 440 Hz, equal temperament). */
export function frequency(pitch) {
  return 440 * 2 ** ((pitch - 69) / 12);
}
