// The run itself in the URL, beside the settings the store writes there (store.js), so that a link
// reproduces a figure exactly:
//
//   #data=songs4&seed=2  &ticks=48  &rows=<base64url>  &weights=<base64url>
//    settings (store.js)  training   the reader's       the weights, when a replay alone
//                         ticks to   edited data        would not give them (edits in the
//                         replay     (only if edited)   history, or more than MAX_REPLAY_TICKS)
//
// Opening the link starts a run from the settings (and the rows), replays `ticks` training ticks
// (phases: the engine is deterministic, so the weights, the optimizer's state and the position in
// the epoch come out the same) and then, if the link has them, sets the weights. Everything read
// from a link is checked here before the engine sees it, and the engine checks it again; a part
// that fails is left out with a notice. Nothing from a link is ever inserted as markup.
import { RUN_HASH_KEYS, formatHash } from './store.js';

export { RUN_HASH_KEYS };
/** Replaying more ticks than this on load would take more than about two seconds. */
export const MAX_REPLAY_TICKS = 2_000_000;
const MAX_TEXT = 1_500_000; // characters of one encoded value
const MAX_ROWS = 10_000;
const MAX_FEATURES = 16;
const MAX_NAME = 200;
const MAX_PARAMETERS = 100_000;
const WRITE_DELAY = 250; // ms: the address bar follows the run at most four times a second
const TASKS = ['binary', 'multiclass', 'regression'];

// ---- base64url ---------------------------------------------------------------------------------

export function bytesToBase64Url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function base64UrlToBytes(text) {
  if (typeof text !== 'string' || text.length > MAX_TEXT || !/^[A-Za-z0-9_-]*$/.test(text)) {
    throw new Error('it is not base64url text');
  }
  let binary;
  try {
    binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    throw new Error('it is not base64url text');
  }
  return Uint8Array.from(binary, (character) => character.charCodeAt(0));
}

// ---- floats: little-endian float32 -----------------------------------------------------------------

function floatsToBytes(values) {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return bytes;
}

function bytesToFloats(bytes, offset, count, what) {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const values = new Float32Array(count);
  for (let i = 0; i < count; i += 1) {
    values[i] = view.getFloat32(offset + i * 4, true);
    if (!Number.isFinite(values[i])) throw new Error(`${what} value ${i + 1} is not a finite number`);
  }
  return values;
}

export const encodeWeights = (parameters) => bytesToBase64Url(floatsToBytes(parameters));

export function decodeWeights(text) {
  const bytes = base64UrlToBytes(text);
  if (bytes.length === 0 || bytes.length % 4 !== 0 || bytes.length / 4 > MAX_PARAMETERS) {
    throw new Error(`it must hold 1 to ${MAX_PARAMETERS} numbers`);
  }
  return bytesToFloats(bytes, 0, bytes.length / 4, 'weight');
}

// ---- a dataset: [header length: uint32][header: JSON][features: float32 rows×features][targets: float32 rows][isTest: uint8 rows]

export function encodeDataset(data) {
  const rows = data.targets.length;
  const header = new TextEncoder().encode(JSON.stringify({
    name: data.name,
    task: data.task,
    featureNames: [...data.featureNames],
    classNames: [...data.classNames],
    rowNames: [...data.rowNames],
    planar: Boolean(data.planar),
    domain: [...data.domain],
    rows,
  }));
  const features = floatsToBytes(data.features);
  const targets = floatsToBytes(data.targets);
  const bytes = new Uint8Array(4 + header.length + features.length + targets.length + rows);
  new DataView(bytes.buffer).setUint32(0, header.length, true);
  bytes.set(header, 4);
  bytes.set(features, 4 + header.length);
  bytes.set(targets, 4 + header.length + features.length);
  bytes.set(Uint8Array.from(data.isTest, (flag) => (flag ? 1 : 0)), 4 + header.length + features.length + targets.length);
  return bytesToBase64Url(bytes);
}

const isName = (value) => typeof value === 'string' && value.length <= MAX_NAME;
function checkNames(value, what, { min = 0, max }) {
  if (!Array.isArray(value) || value.length < min || value.length > max || !value.every(isName)) {
    throw new Error(`its ${what} must be ${min} to ${max} names of at most ${MAX_NAME} characters`);
  }
  return value;
}

/** Reads an encoded dataset back, checking every field; throws an Error naming the first problem. */
export function decodeDataset(text) {
  const bytes = base64UrlToBytes(text);
  if (bytes.length < 4) throw new Error('it is too short');
  const headerLength = new DataView(bytes.buffer).getUint32(0, true);
  if (headerLength > bytes.length - 4) throw new Error('its header is cut off');
  let header;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(4, 4 + headerLength)));
  } catch {
    throw new Error('its header is not readable');
  }
  if (!header || typeof header !== 'object' || Array.isArray(header)) throw new Error('its header is not readable');
  const { rows } = header;
  if (!Number.isInteger(rows) || rows < 1 || rows > MAX_ROWS) throw new Error(`it must have 1 to ${MAX_ROWS} rows`);
  if (!TASKS.includes(header.task)) throw new Error(`its task must be one of ${TASKS.join(', ')}`);
  if (!isName(header.name)) throw new Error('its name is not valid');
  const featureNames = checkNames(header.featureNames, 'feature names', { min: 1, max: MAX_FEATURES });
  const classNames = checkNames(header.classNames, 'class names', { max: 8 });
  const rowNames = checkNames(header.rowNames, 'row names', { max: rows });
  if (rowNames.length !== 0 && rowNames.length !== rows) throw new Error('it must name every row or none');
  const domain = header.domain;
  if (!Array.isArray(domain) || domain.length !== 2 || !domain.every(Number.isFinite) || !(domain[0] < domain[1])) {
    throw new Error('its domain must be two increasing numbers');
  }
  const width = featureNames.length;
  const featuresAt = 4 + headerLength;
  const targetsAt = featuresAt + rows * width * 4;
  const testAt = targetsAt + rows * 4;
  if (bytes.length !== testAt + rows) throw new Error(`its length does not fit ${rows} rows of ${width} features`);
  const isTest = bytes.slice(testAt, testAt + rows);
  if (!isTest.every((flag) => flag === 0 || flag === 1)) throw new Error('its test flags must be 0 or 1');
  return {
    name: header.name,
    task: header.task,
    featureNames: [...featureNames],
    classNames: [...classNames],
    rowNames: [...rowNames],
    features: bytesToFloats(bytes, featuresAt, rows * width, 'feature'),
    targets: bytesToFloats(bytes, targetsAt, rows, 'target'),
    isTest,
    planar: header.planar === true,
    domain: [domain[0], domain[1]],
  };
}

// ---- the run's part of the hash -----------------------------------------------------------------

/** The hash parameters for a controller's shareState(): { ticks, dataset | null, parameters | null }. */
export function runStateParams({ ticks, dataset, parameters }) {
  const params = new URLSearchParams();
  if (ticks > 0) params.set('ticks', String(ticks));
  if (dataset) params.set('rows', encodeDataset(dataset));
  if (parameters) params.set('weights', encodeWeights(parameters));
  return params;
}

/**
 * Reads the run's part of a hash. A part that does not check out is left out and described in
 * `problems` (plain text, the link's value never quoted at length).
 * @returns {{ state: { ticks: number, dataset: object|null, parameters: Float32Array|null } | null, problems: string[] }}
 */
export function parseRunState(hash) {
  const problems = [];
  let params;
  try {
    params = new URLSearchParams(String(hash ?? '').replace(/^#/, ''));
  } catch {
    return { state: null, problems: ['the link could not be read'] };
  }
  if (!RUN_HASH_KEYS.some((key) => params.has(key))) return { state: null, problems };
  const state = { ticks: 0, dataset: null, parameters: null };
  const ticksText = params.get('ticks');
  if (ticksText !== null) {
    const ticks = /^\d{1,9}$/.test(ticksText) ? Number(ticksText) : NaN;
    if (Number.isInteger(ticks) && ticks >= 0) state.ticks = Math.min(ticks, MAX_REPLAY_TICKS);
    else problems.push(`the step count must be a whole number from 0 to ${MAX_REPLAY_TICKS}`);
  }
  const read = (key, decode, label) => {
    const text = params.get(key);
    if (text === null) return null;
    try {
      return decode(text);
    } catch (error) {
      problems.push(`the ${label} could not be used: ${error.message}`);
      return null;
    }
  };
  state.dataset = read('rows', decodeDataset, 'edited data');
  state.parameters = read('weights', decodeWeights, 'weights');
  return { state, problems };
}

/** The whole hash for a controller: its store's settings and its run. */
export function formatShareHash(controller) {
  const settings = formatHash(controller.store.get(), controller.store.schema).replace(/^#/, '');
  const run = runStateParams(controller.shareState()).toString();
  const text = [settings, run].filter(Boolean).join('&');
  return text ? `#${text}` : '';
}

function restoreFrom(controller, hash) {
  const { state, problems } = parseRunState(hash);
  if (state && (state.ticks > 0 || state.dataset || state.parameters)) {
    try {
      controller.actions.restoreRun(state);
    } catch (error) {
      problems.push(`the link's run could not be restored (${error.message.replace(/[.\s]+$/, '')}), so it starts from its settings`);
    }
  }
  return problems.length > 0 ? `From the link: ${problems.join('; ')}.` : '';
}

/**
 * Restores the run a link describes (`hash`, read before anything rewrote the address bar), then
 * keeps the address bar's hash following the run. Call after the store is bound to the hash and
 * the controller has started.
 * @returns {{ notice: string, unbind(): void }} notice: what the link got wrong, as plain text ('' if nothing)
 */
export function bindRunToHash(controller, hash, { onNotice = () => {} } = {}) {
  const notice = restoreFrom(controller, hash);
  let timer = null;
  const write = () => {
    timer = null;
    const next = formatShareHash(controller);
    if (next !== location.hash && !(next === '' && location.hash === '')) {
      history.replaceState(history.state, '', `${location.pathname}${location.search}${next}`);
    }
  };
  const writer = {
    // Not while playing: the address bar catches up when the run pauses (writing it costs a frame's
    // worth of time, and nobody copies a link from a moving run).
    update(frame) {
      if (frame.playing) {
        if (timer !== null) clearTimeout(timer);
        timer = null;
      } else if (timer === null) {
        timer = setTimeout(write, WRITE_DELAY);
      }
    },
  };
  const detach = controller.attach(writer);
  const onHashChange = (event) => {
    const text = restoreFrom(controller, new URL(event.newURL).hash);
    if (text) onNotice(text);
  };
  addEventListener('hashchange', onHashChange);
  return {
    notice,
    unbind() {
      detach();
      removeEventListener('hashchange', onHashChange);
      if (timer !== null) clearTimeout(timer);
    },
  };
}
