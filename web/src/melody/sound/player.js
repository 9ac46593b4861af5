// Live playback: one AudioContext for the page, created the first time the reader asks for sound (a
// click or a key press, which browsers' autoplay rules require), a volume control, and the playhead —
// which note sounds now — read from the audio clock every animation frame. Listeners hear of every
// change (start, next note, end, stop, volume), a few times a second while a melody plays.
//
//   const player = createPlayer();
//   player.play({ pitches, durations }, 'tune'); player.state(); player.stop(); player.setVolume(0.5);
import { TEMPO, createOutput, outputGain, scheduleMelody } from './synth.js';

const LEAD = 0.06;  // s between asking to play and the first note (time to schedule)

function defaultCreateContext() {
  const Context = globalThis.AudioContext ?? globalThis.webkitAudioContext;
  return Context ? new Context({ latencyHint: 'interactive' }) : null;
}

/**
 * @param {{ createContext?: () => AudioContext | null, tempo?: number, volume?: number,
 *           requestFrame?: (fn) => any, cancelFrame?: (handle) => void }} options
 */
export function createPlayer({
  createContext = defaultCreateContext,
  tempo = TEMPO,
  volume: initialVolume = 0.7,
  requestFrame = (callback) => requestAnimationFrame(callback),
  cancelFrame = (handle) => cancelAnimationFrame(handle),
} = {}) {
  const listeners = new Set();
  let context = null;
  let output = null;
  let supported = typeof (globalThis.AudioContext ?? globalThis.webkitAudioContext) === 'function';
  let volume = initialVolume;
  let current = null;   // { source, schedule, noteIndex }
  let frameHandle = null;
  let error = null;

  const notify = () => {
    for (const listener of [...listeners]) listener();
  };

  function ensureContext() {
    if (context) return context;
    try {
      context = createContext();
    } catch (problem) {
      error = `Sound could not start (${problem.message}).`;
      context = null;
    }
    if (!context) {
      supported = false;
      return null;
    }
    output = createOutput(context, volume);
    return context;
  }

  function noteAt(time) {
    const notes = current.schedule.notes;
    let index = -1;
    for (let i = 0; i < notes.length && notes[i].start <= time; i += 1) index = i;
    return index;
  }

  function watch() {
    frameHandle = null;
    if (!current) return;
    const time = context.currentTime;
    if (time >= current.schedule.end) {
      current = null;
      notify();
      return;
    }
    const index = noteAt(time);
    if (index !== current.noteIndex) {
      current.noteIndex = index;
      notify();
    }
    frameHandle = requestFrame(watch);
  }

  function stopWatching() {
    if (frameHandle !== null) cancelFrame(frameHandle);
    frameHandle = null;
  }

  return {
    /** Plays { pitches, durations } from its start, stopping whatever played; `source` names it. */
    play(melody, source = 'tune') {
      if (current) {
        current.schedule.stop();
        current = null;
      }
      stopWatching();
      const audio = ensureContext();
      if (!audio) {
        notify();
        return false;
      }
      if (audio.state === 'suspended') audio.resume().catch(() => {});
      const schedule = scheduleMelody(audio, output, melody, { when: audio.currentTime + LEAD, tempo });
      current = { source, schedule, noteIndex: -1 };
      error = null;
      frameHandle = requestFrame(watch);
      notify();
      return true;
    },
    stop() {
      if (!current) return;
      current.schedule.stop();
      current = null;
      stopWatching();
      notify();
    },
    /** 0 … 1. */
    setVolume(value) {
      const next = Math.min(1, Math.max(0, Number(value)));
      if (!Number.isFinite(next) || next === volume) return;
      volume = next;
      if (context && output) output.gain.setTargetAtTime(outputGain(volume), context.currentTime, 0.02);
      notify();
    },
    /**
     * { supported, playing, source: 'tune' | 'composition' | null, noteIndex (−1 before the first note),
     *   noteSeconds (how long the current note lasts), volume, error, contextState }
     */
    state() {
      const note = current && current.noteIndex >= 0 ? current.schedule.notes[current.noteIndex] : null;
      return {
        supported,
        playing: Boolean(current),
        source: current ? current.source : null,
        noteIndex: current ? current.noteIndex : -1,
        noteSeconds: note ? note.end - note.start : 0,
        volume,
        error,
        contextState: context ? context.state : 'none',
      };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** The audio clock's time, or 0 before the first sound. */
    currentTime: () => (context ? context.currentTime : 0),
    tempo,
  };
}
