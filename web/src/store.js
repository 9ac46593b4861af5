// The page's settings: one plain object described by a declarative schema, readable from and written
// to the URL hash so that a link reproduces a figure.
//
// Each schema entry is { name, type, default, allowed, label }:
//   type 'enum'      allowed: the permitted strings
//   type 'int'       allowed: { min, max } (inclusive)
//   type 'number'    allowed: { min, max, minExclusive? }
//   type 'bool'      allowed: ignored
//   type 'list'      allowed: the permitted strings; the value is an array without repeats
//   type 'int-list'  allowed: { min, max, maxLength }; the value is an array of whole numbers
// A value that does not fit its entry is never stored: the store keeps the old value (the default
// when it comes from a URL) and reports what it ignored, so a malformed or hostile link can only ever
// produce a valid state. Nothing read here is ever inserted into the page as markup.
//
// Later work extends the schema (pass `schema` to createStore); the functions below know only types.

export const DATA_KINDS = [
  'songs4', 'songs8', 'and', 'or', 'xor',
  'planar-gauss', 'planar-circle', 'planar-xor', 'planar-spiral', 'planar-plane', 'planar-bump',
];
export const ACTIVATIONS = ['tanh', 'sigmoid', 'relu', 'linear'];
export const OPTIMIZERS = ['sgd', 'momentum', 'adam'];
export const LOSSES = ['cross-entropy', 'squared-error'];
export const REGULARIZATIONS = ['none', 'l1', 'l2'];
export const GRANULARITIES = ['phase', 'example', 'batch', 'epoch'];
export const PLANAR_FEATURES = ['x', 'y', 'x2', 'y2', 'xy', 'sinx', 'siny'];
export const VIEW_NAMES = ['explanation', 'graph', 'network', 'table', 'boundary', 'cube', 'loss'];
export const MAX_SEED = 4294967295;
/** Steps per second at each speed setting (1 … 10), in steps of the chosen step size. */
export const STEPS_PER_SECOND = [0.5, 1, 2, 4, 8, 15, 30, 60, 250, 1000];

export const SETTINGS_SCHEMA = [
  { name: 'data', type: 'enum', default: 'songs4', allowed: DATA_KINDS, label: 'data set' },
  { name: 'points', type: 'int', default: 200, allowed: { min: 10, max: 1000 }, label: 'number of points' },
  { name: 'noise', type: 'number', default: 0, allowed: { min: 0, max: 1 }, label: 'noise' },
  { name: 'testFraction', type: 'number', default: 0.5, allowed: { min: 0, max: 0.9 }, label: 'test share' },
  { name: 'features', type: 'list', default: ['x', 'y'], allowed: PLANAR_FEATURES, label: 'input features' },
  { name: 'hidden', type: 'int-list', default: [], allowed: { min: 1, max: 16, maxLength: 8 }, label: 'hidden layers' },
  { name: 'activation', type: 'enum', default: 'tanh', allowed: ACTIVATIONS, label: 'hidden activation' },
  { name: 'learningRate', type: 'number', default: 0.3, allowed: { min: 0, max: 10, minExclusive: true }, label: 'learning rate' },
  { name: 'optimizer', type: 'enum', default: 'sgd', allowed: OPTIMIZERS, label: 'optimizer' },
  { name: 'loss', type: 'enum', default: 'cross-entropy', allowed: LOSSES, label: 'loss' },
  { name: 'batchSize', type: 'int', default: 1, allowed: { min: 1, max: 1000 }, label: 'batch size' },
  { name: 'regularization', type: 'enum', default: 'none', allowed: REGULARIZATIONS, label: 'regularization' },
  { name: 'regularizationRate', type: 'number', default: 0, allowed: { min: 0, max: 1 }, label: 'regularization rate' },
  { name: 'seed', type: 'int', default: 1, allowed: { min: 0, max: MAX_SEED }, label: 'seed' },
  { name: 'step', type: 'enum', default: 'phase', allowed: GRANULARITIES, label: 'step size' },
  { name: 'speed', type: 'int', default: 3, allowed: { min: 1, max: STEPS_PER_SECOND.length }, label: 'speed' },
  { name: 'views', type: 'list', default: VIEW_NAMES, allowed: VIEW_NAMES, label: 'views' },
  { name: 'discretize', type: 'bool', default: false, label: 'discretized boundary' },
  { name: 'lossLogScale', type: 'bool', default: false, label: 'logarithmic loss axis' },
];

const describe = (value) => {
  const text = Array.isArray(value) ? value.join(',') : String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

function parseNumber(value) {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || !/^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(value)) return NaN;
  return Number(value);
}

function toList(value) {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'string') return null;
  return value.trim() === '' ? [] : value.split(',').map((item) => item.trim());
}

function rangeText({ min, max, minExclusive }) {
  const number = (value) => String(value).replace('-', '\u2212'); // "−1", as the page writes a minus
  return `${minExclusive ? 'above' : 'from'} ${number(min)} ${minExclusive ? 'and up to' : 'to'} ${number(max)}`;
}

/**
 * What a store ignored, each setting named by its label (“learning rate”, not “learningRate”), for
 * the message that tells the reader; a name not in the schema (the link's own text) stays as it is.
 */
export function labelIgnored(schema, ignored) {
  return ignored.map((item) => ({ ...item, name: schema.find((entry) => entry.name === item.name)?.label ?? item.name }));
}

/**
 * Checks one value against its schema entry (strings from a URL are converted).
 * @returns {{ok: true, value: any} | {ok: false, reason: string}}
 */
export function validateValue(entry, value) {
  const { type, allowed } = entry;
  switch (type) {
    case 'enum':
      return allowed.includes(value) ? { ok: true, value } : { ok: false, reason: `must be one of ${allowed.join(', ')}` };
    case 'bool':
      if (value === true || value === 'true' || value === '1') return { ok: true, value: true };
      if (value === false || value === 'false' || value === '0') return { ok: true, value: false };
      return { ok: false, reason: 'must be true or false' };
    case 'int':
    case 'number': {
      const number = parseNumber(value);
      const inRange = Number.isFinite(number) &&
        (allowed.minExclusive ? number > allowed.min : number >= allowed.min) && number <= allowed.max;
      if (!inRange || (type === 'int' && !Number.isInteger(number))) {
        return { ok: false, reason: `must be a ${type === 'int' ? 'whole number' : 'number'} ${rangeText(allowed)}` };
      }
      return { ok: true, value: number };
    }
    case 'list': {
      const items = toList(value);
      if (!items || items.some((item) => !allowed.includes(item)) || new Set(items).size !== items.length) {
        return { ok: false, reason: `must list some of ${allowed.join(', ')}` };
      }
      return { ok: true, value: items };
    }
    case 'int-list': {
      const items = toList(value);
      const numbers = items?.map(parseNumber);
      const fits = numbers && numbers.length <= allowed.maxLength &&
        numbers.every((n) => Number.isInteger(n) && n >= allowed.min && n <= allowed.max);
      if (!fits) {
        return { ok: false, reason: `must be up to ${allowed.maxLength} whole numbers ${rangeText(allowed)}` };
      }
      return { ok: true, value: numbers };
    }
    default:
      return { ok: false, reason: `unknown setting type ${type}` };
  }
}

const sameValue = (a, b) =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => x === b[i]) : Object.is(a, b);

/** The schema's defaults as a state object. */
export function defaultState(schema = SETTINGS_SCHEMA) {
  return Object.fromEntries(schema.map((entry) => [entry.name, Array.isArray(entry.default) ? [...entry.default] : entry.default]));
}

/** Hash parameters that are not settings but the run itself (ticks replayed, edited rows, weights): see share.js. */
export const RUN_HASH_KEYS = ['ticks', 'rows', 'weights'];

/**
 * Reads settings from a URL hash ("#data=songs8&hidden=4,4"). Unknown names and invalid values are
 * left out and listed in `ignored` as { name, value, reason } (name and value as plain text).
 */
export function parseHash(hash, schema = SETTINGS_SCHEMA) {
  const values = {};
  const ignored = [];
  let params;
  try {
    params = new URLSearchParams(String(hash ?? '').replace(/^#/, ''));
  } catch {
    return { values, ignored: [{ name: 'link', value: describe(hash), reason: 'could not be read' }] };
  }
  for (const [name, raw] of params) {
    const entry = schema.find((candidate) => candidate.name === name);
    if (!entry) {
      if (RUN_HASH_KEYS.includes(name)) continue; // the run's own state: share.js reads it
      ignored.push({ name: describe(name), value: describe(raw), reason: 'is not a setting' });
      continue;
    }
    const result = validateValue(entry, raw);
    if (result.ok) values[name] = result.value;
    else ignored.push({ name, value: describe(raw), reason: result.reason });
  }
  return { values, ignored };
}

/** The hash that reproduces `state`: only values that differ from their defaults, in schema order. */
export function formatHash(state, schema = SETTINGS_SCHEMA) {
  const params = new URLSearchParams();
  for (const entry of schema) {
    const value = state[entry.name];
    if (value === undefined || sameValue(value, entry.default)) continue;
    params.set(entry.name, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = params.toString().replace(/%2C/g, ',');
  return text ? `#${text}` : '';
}

/**
 * The settings store.
 * @param {{schema?: object[], initial?: object}} options initial values are validated like any other
 * @returns {{ schema, get(): object, set(partial, source?): {changed: string[], ignored: object[]},
 *             subscribe(listener: (state, changed: string[], source) => void): () => void }}
 */
export function createStore({ schema = SETTINGS_SCHEMA, initial = {} } = {}) {
  let state = Object.freeze(defaultState(schema));
  const listeners = new Set();

  function set(partial, source = 'program') {
    const next = { ...state };
    const changed = [];
    const ignored = [];
    for (const [name, value] of Object.entries(partial ?? {})) {
      const entry = schema.find((candidate) => candidate.name === name);
      if (!entry) {
        ignored.push({ name: describe(name), value: describe(value), reason: 'is not a setting' });
        continue;
      }
      const result = validateValue(entry, value);
      if (!result.ok) {
        ignored.push({ name, value: describe(value), reason: result.reason });
        continue;
      }
      if (!sameValue(result.value, state[name])) {
        next[name] = result.value;
        changed.push(name);
      }
    }
    if (changed.length > 0) {
      state = Object.freeze(next);
      for (const listener of [...listeners]) listener(state, changed, source);
    }
    return { changed, ignored };
  }

  set(initial, 'initial');

  return {
    schema,
    get: () => state,
    set,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Keeps the store and the page's URL hash in step: reads the hash now (returning what it ignored),
 * rewrites the hash (replaceState, no new history entry) when settings change, and follows the hash
 * when the reader edits it or goes back. Returns { ignored, unbind }.
 */
export function bindStoreToHash(store, { onIgnored = () => {} } = {}) {
  const write = (state) => {
    const hash = formatHash(state, store.schema);
    if (hash !== location.hash && !(hash === '' && location.hash === '')) {
      history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
    }
  };
  const read = () => {
    const { values, ignored } = parseHash(location.hash, store.schema);
    // Settings missing from the link fall back to their defaults.
    store.set({ ...defaultState(store.schema), ...values }, 'url');
    // What the page shows replaces what the link said (the ignored parts disappear from it).
    if (ignored.length > 0) write(store.get());
    return ignored;
  };
  const ignored = read();
  const unsubscribe = store.subscribe((state, _changed, source) => {
    if (source !== 'url') write(state);
  });
  const onHashChange = () => onIgnored(read());
  addEventListener('hashchange', onHashChange);
  return {
    ignored,
    unbind() {
      unsubscribe();
      removeEventListener('hashchange', onHashChange);
    },
  };
}

/** The engine's data spec for a state: { kind: 'songs4' } or { kind: 'planar', shape, ... }. */
export function dataSpec(state) {
  if (state.data.startsWith('planar-')) {
    return {
      kind: 'planar',
      shape: state.data.slice('planar-'.length),
      points: state.points,
      noise: state.noise,
      testFraction: state.testFraction,
      seed: state.seed,
    };
  }
  return { kind: state.data };
}

/** The engine's hyper-parameters for a state (the fields run.setHyperparameters accepts). */
export function hyperparameters(state) {
  return {
    learningRate: state.learningRate,
    optimizer: state.optimizer,
    loss: state.loss,
    batchSize: state.batchSize,
    regularization: state.regularization,
    regularizationRate: state.regularizationRate,
  };
}

/** The engine's settings for run.reset, without the data. */
export function runSettings(state) {
  return {
    network: { hidden: state.hidden.map((size) => ({ size, activation: state.activation })) },
    hyper: hyperparameters(state),
    ...(state.data.startsWith('planar-') ? { features: state.features } : {}),
    seed: state.seed,
  };
}

/** The data sets whose targets are numbers (the engine fits them with squared error only). */
export const REGRESSION_DATA = ['planar-plane', 'planar-bump'];
/**
 * The most a regression data set trains at: a linear output under squared error diverges at the
 * classification default (0.3) within an epoch, the perceptron even at 0.1 (measured on both sets).
 */
export const REGRESSION_MAX_LEARNING_RATE = 0.03;

/**
 * What choosing data set `data` changes, from settings `current`: the data, and what fits its task —
 * a regression set brings squared error and a learning rate it does not diverge at; leaving
 * regression brings cross-entropy back.
 */
export function dataChoice(current, data) {
  const choice = { data };
  if (REGRESSION_DATA.includes(data)) {
    if (current.loss !== 'squared-error') choice.loss = 'squared-error';
    if (!(current.learningRate <= REGRESSION_MAX_LEARNING_RATE)) choice.learningRate = REGRESSION_MAX_LEARNING_RATE;
  } else if (REGRESSION_DATA.includes(current.data) && current.loss === 'squared-error') {
    choice.loss = 'cross-entropy';
  }
  return choice;
}

/**
 * Sets the `names` settings to the run's values (`fromRun`) where the store's differ, as a 'revert' (the
 * controller applies nothing again), and says whether any did: a mid-run change of the learning settings
 * is an edit that stepping back undoes and stepping forward redoes, and the page shows what trains next.
 * The engine keeps float32s: 0.03 comes back as 0.0299999993, compared as a float32, written back as 0.03.
 */
export function followRun(store, fromRun, names) {
  const state = store.get();
  const differs = (name) => (typeof fromRun[name] === 'number'
    ? Math.fround(fromRun[name]) !== Math.fround(state[name])
    : fromRun[name] !== state[name]);
  const changed = names.filter(differs);
  if (changed.length === 0) return false;
  const value = (name) => (typeof fromRun[name] === 'number' ? Number(fromRun[name].toPrecision(7)) : fromRun[name]);
  store.set(Object.fromEntries(changed.map((name) => [name, value(name)])), 'revert');
  return true;
}

/** Which settings need a new run (reset) and which the engine can take mid-run. */
export const RESET_SETTINGS = ['data', 'points', 'noise', 'testFraction', 'features', 'hidden', 'activation', 'seed'];
export const HYPER_SETTINGS = ['learningRate', 'optimizer', 'loss', 'batchSize', 'regularization', 'regularizationRate'];
