// The instrument: a small synthesiser that turns a melody into WebAudio nodes. Live playback
// (player.js) and offline rendering (renderMelody, for tests and checks) schedule notes through the
// same scheduleMelody, so what a test measures is what the reader hears.
//
// One voice is a triangle wave with a quiet sine an octave above it (a soft, mallet-like tone), shaped
// by a gain envelope: a quick attack, a decay to a sustained level, and a short release at the end of
// the note, a little before the next one starts so repeated notes are heard as separate notes.
import { frequency, noteOnsets } from '../notes.js';

/** Quarter notes per minute. */
export const TEMPO = 112;
/** The level of the instrument at full volume (the sum of overlapping voices stays below 1). */
export const OUTPUT_LEVEL = 0.5;

const ATTACK = 0.01;        // s to reach the peak
const DECAY = 0.12;         // time constant (s) of the fall to the sustain level
const SUSTAIN = 0.45;       // share of the peak held while the note lasts
const RELEASE = 0.04;       // time constant (s) of the fade after the note ends
const ARTICULATION = 0.9;   // share of its written length a note sounds
const OVERTONE = 0.18;      // level of the octave above, relative to the fundamental
const PEAK = 0.55;

/** Seconds one sixteenth lasts at `tempo` quarter notes per minute. */
export function sixteenthSeconds(tempo = TEMPO) {
  return 60 / tempo / 4;
}

/** When each note of { pitches, durations } starts and ends, in seconds from the melody's start. */
export function melodyTimeline({ pitches, durations }, { tempo = TEMPO } = {}) {
  const unit = sixteenthSeconds(tempo);
  const { onsets, total } = noteOnsets(durations);
  const notes = Array.from(pitches, (pitch, index) => ({
    index,
    pitch,
    start: onsets[index] * unit,
    end: (onsets[index] + durations[index]) * unit,
  }));
  return { notes, seconds: total * unit };
}

/**
 * One note of the instrument into `destination`, from `start` for `length` seconds (context time).
 * @returns {{ gain: GainNode, oscillators: OscillatorNode[], stopAt: number }}
 */
export function scheduleNote(context, destination, { pitch, start, length }) {
  const gain = context.createGain();
  gain.connect(destination);
  const off = start + Math.max(ATTACK * 2, length * ARTICULATION);
  gain.gain.setValueAtTime(0, start);
  gain.gain.linearRampToValueAtTime(PEAK, start + ATTACK);
  gain.gain.setTargetAtTime(PEAK * SUSTAIN, start + ATTACK, DECAY);
  gain.gain.setTargetAtTime(0, off, RELEASE);
  const stopAt = off + RELEASE * 8;

  const oscillators = [
    { type: 'triangle', ratio: 1, level: 1 },
    { type: 'sine', ratio: 2, level: OVERTONE },
  ].map(({ type, ratio, level }) => {
    const oscillator = context.createOscillator();
    oscillator.type = type;
    oscillator.frequency.value = frequency(pitch) * ratio;
    let output = gain;
    if (level !== 1) {
      output = context.createGain();
      output.gain.value = level;
      output.connect(gain);
    }
    oscillator.connect(output);
    oscillator.start(start);
    oscillator.stop(stopAt);
    return oscillator;
  });
  return { gain, oscillators, stopAt };
}

/**
 * Schedules a whole melody ({ pitches, durations }; rests are silent) from context time `when`.
 * @returns {{ notes: {index, pitch, start, end}[], start: number, end: number, stop(): void }}
 *   notes' times are context times; stop() fades out whatever still sounds.
 */
export function scheduleMelody(context, destination, melody, { when = context.currentTime, tempo = TEMPO } = {}) {
  const timeline = melodyTimeline(melody, { tempo });
  const voices = [];
  const notes = timeline.notes.map((note) => {
    const start = when + note.start;
    const end = when + note.end;
    if (note.pitch >= 0) voices.push(scheduleNote(context, destination, { pitch: note.pitch, start, length: end - start }));
    return { index: note.index, pitch: note.pitch, start, end };
  });
  return {
    notes,
    start: when,
    end: when + timeline.seconds,
    stop() {
      const now = context.currentTime;
      for (const voice of voices) {
        if (voice.stopAt <= now) continue;
        voice.gain.gain.cancelScheduledValues(now);
        voice.gain.gain.setTargetAtTime(0, now, 0.015);
        for (const oscillator of voice.oscillators) {
          try {
            oscillator.stop(now + 0.12);
          } catch {
            // not started yet: nothing to stop
          }
        }
      }
    },
  };
}

/** The node every voice plays into: the volume (0 … 1, perceived roughly evenly) times OUTPUT_LEVEL. */
export function createOutput(context, volume = 1) {
  const output = context.createGain();
  output.gain.value = outputGain(volume);
  output.connect(context.destination);
  return output;
}

export function outputGain(volume) {
  const clamped = Math.min(1, Math.max(0, Number(volume) || 0));
  return OUTPUT_LEVEL * clamped * clamped;
}

/**
 * Renders a melody offline, with the same instrument, into a mono AudioBuffer.
 * @param {{pitches: ArrayLike<number>, durations: ArrayLike<number>}} melody
 * @returns {Promise<AudioBuffer>}
 */
export function renderMelody(melody, { tempo = TEMPO, sampleRate = 22050, volume = 1, Context = globalThis.OfflineAudioContext } = {}) {
  const lead = 0.02;
  const { seconds } = melodyTimeline(melody, { tempo });
  const length = Math.ceil((lead + seconds + 0.4) * sampleRate);
  const context = new Context(1, length, sampleRate);
  scheduleMelody(context, createOutput(context, volume), melody, { when: lead, tempo });
  return context.startRendering();
}

/** The root mean square of a buffer's first channel (0 for silence; a full-scale sine is about 0.71). */
export function rootMeanSquare(buffer) {
  const samples = buffer.getChannelData(0);
  let sum = 0;
  for (let i = 0; i < samples.length; i += 1) sum += samples[i] * samples[i];
  return samples.length > 0 ? Math.sqrt(sum / samples.length) : 0;
}
