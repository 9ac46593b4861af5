// The melody page's settings: a schema for the shared store (web/src/store.js, which knows only types)
// and the conversions from a settings object to what the engine's MelodyRun takes.
//
// A melody the reader writes is kept as two lists, `notes` (MIDI pitches, −1 for a rest) and
// `durations` (sixteenths), so that it travels in the URL like every other setting; `tune: 'custom'`
// says to use them. The engine still checks the melody and names any bad note.
import { MAX_SEED, STEPS_PER_SECOND } from '../store.js';
import { MELODY_GRANULARITIES, CELLS } from '../engine/melody-run.js';
import { melodyText } from './notes.js';

export const CUSTOM_TUNE = 'custom';
export const OPTIMIZERS = ['sgd', 'momentum', 'adam'];
export const MAX_NOTES = 512;

/** Every field of the page's state, with its type, default and allowed values (see store.js). */
export function melodySchema(tuneNames) {
  const tunes = [...tuneNames, CUSTOM_TUNE];
  return [
    { name: 'tune', type: 'enum', default: tunes.includes('twinkle') ? 'twinkle' : tunes[0], allowed: tunes, label: 'tune' },
    { name: 'notes', type: 'int-list', default: [], allowed: { min: -1, max: 127, maxLength: MAX_NOTES }, label: 'notes of your melody' },
    { name: 'durations', type: 'int-list', default: [], allowed: { min: 1, max: 24, maxLength: MAX_NOTES }, label: 'note lengths of your melody' },
    { name: 'cell', type: 'enum', default: 'lstm', allowed: CELLS, label: 'cell' },
    { name: 'hidden', type: 'int', default: 8, allowed: { min: 1, max: 64 }, label: 'hidden size' },
    { name: 'truncation', type: 'int', default: 7, allowed: { min: 1, max: 64 }, label: 'truncation' },
    { name: 'learningRate', type: 'number', default: 0.03, allowed: { min: 0, max: 10, minExclusive: true }, label: 'learning rate' },
    { name: 'optimizer', type: 'enum', default: 'adam', allowed: OPTIMIZERS, label: 'optimizer' },
    { name: 'gradientClip', type: 'number', default: 5, allowed: { min: 0, max: 1000 }, label: 'gradient clipping' },
    { name: 'seed', type: 'int', default: 1, allowed: { min: 0, max: MAX_SEED }, label: 'seed' },
    { name: 'temperature', type: 'number', default: 1, allowed: { min: 0, max: 100, minExclusive: true }, label: 'temperature' },
    { name: 'length', type: 'int', default: 32, allowed: { min: 1, max: MAX_NOTES }, label: 'length' },
    { name: 'sampleSeed', type: 'int', default: 1, allowed: { min: 0, max: MAX_SEED }, label: 'composition seed' },
    { name: 'step', type: 'enum', default: 'phase', allowed: MELODY_GRANULARITIES, label: 'step size' },
    { name: 'speed', type: 'int', default: 3, allowed: { min: 1, max: STEPS_PER_SECOND.length }, label: 'speed' },
  ];
}

/** The settings that say which melody to learn. */
export const MELODY_SETTINGS = ['tune', 'notes', 'durations'];

/** Settings that need a new run, settings the engine takes mid-run, and settings of the composition. */
export const RESET_SETTINGS = ['tune', 'notes', 'durations', 'cell', 'hidden', 'truncation', 'seed'];
export const HYPER_SETTINGS = ['learningRate', 'optimizer', 'gradientClip'];
export const COMPOSITION_SETTINGS = ['temperature', 'length', 'sampleSeed'];

/** The melody to learn: { melody: 'C4/4 …' } for the reader's own, else { tune: name }. */
export function melodySpec(state) {
  if (state.tune === CUSTOM_TUNE) {
    if (state.notes.length !== state.durations.length) {
      throw new Error(`your melody has ${state.notes.length} notes but ${state.durations.length} note lengths: they must match`);
    }
    return { melody: melodyText(state.notes, state.durations) };
  }
  return { tune: state.tune };
}

/** The hyper-parameters in the form run.setHyperparameters takes. */
export function hyperparameters(state) {
  return { learningRate: state.learningRate, optimizer: state.optimizer, gradientClip: state.gradientClip };
}

/** Everything run.reset takes. */
export function runSettings(state) {
  return {
    ...melodySpec(state),
    cell: state.cell,
    hidden: state.hidden,
    truncation: state.truncation,
    gradientClip: state.gradientClip,
    hyper: { learningRate: state.learningRate, optimizer: state.optimizer },
    seed: state.seed,
  };
}

/** What run.sample takes. */
export function sampleSettings(state) {
  return { length: state.length, temperature: state.temperature, seed: state.sampleSeed };
}
