// A run saved as a file and read back: the settings, the data (with the reader's edits) and the
// trained weights, as JSON; and the data alone as CSV. Reading validates everything before use.

export const FORMAT = 'algorhythm-run';
export const VERSION = 1;
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * @param {{ settings: object, data: object, parameters: Float32Array, tick: number }} run
 * @returns {string} JSON text
 */
export function runToJson({ settings, data, parameters, tick }) {
  return JSON.stringify({
    format: FORMAT,
    version: VERSION,
    settings,
    data: {
      name: data.name,
      task: data.task,
      featureNames: data.featureNames,
      classNames: data.classNames,
      rowNames: data.rowNames,
      features: Array.from(data.features),
      targets: Array.from(data.targets),
      isTest: Array.from(data.isTest),
      planar: data.planar,
      domain: data.domain,
    },
    parameters: Array.from(parameters),
    tick,
  }, null, 1);
}

// Text for a value from the file in a message: String() throws on an object like {"toString": 1}.
function shown(value, length) {
  let text;
  try {
    text = String(value);
  } catch {
    text = typeof value;
  }
  return text.slice(0, length);
}

function fail(message) {
  throw new Error(`This file cannot be imported: ${message}.`);
}

function requireArray(value, name, check) {
  if (!Array.isArray(value)) fail(`"${name}" must be a list`);
  value.forEach((item, i) => { if (!check(item)) fail(`"${name}" item ${i + 1} is not valid`); });
  return value;
}

const isNumber = (value) => typeof value === 'number' && Number.isFinite(value);
const isString = (value) => typeof value === 'string' && value.length <= 200;

/**
 * Parses and checks an exported run. Throws an Error naming the first problem; the engine checks
 * the values themselves (ranges, shapes) when the run is loaded.
 * @param {string} text
 * @returns {{ settings: object, data: object, parameters: Float32Array, tick: number }}
 */
export function parseRunJson(text) {
  if (typeof text !== 'string' || text.length === 0) fail('it is empty');
  if (text.length > MAX_FILE_BYTES) fail(`it is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  let file;
  try {
    file = JSON.parse(text);
  } catch (error) {
    fail(`it is not JSON (${error.message})`);
  }
  if (!file || typeof file !== 'object' || Array.isArray(file)) fail('it is not an Algorhythm run');
  if (file.format !== FORMAT) fail(`its format is "${shown(file.format, 40)}", not "${FORMAT}"`);
  if (file.version !== VERSION) fail(`its version ${shown(file.version, 10)} is not ${VERSION}`);
  if (!file.settings || typeof file.settings !== 'object' || Array.isArray(file.settings)) fail('"settings" is missing');
  const data = file.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) fail('"data" is missing');
  const checked = {
    name: isString(data.name) ? data.name : 'Imported data',
    task: data.task,
    featureNames: requireArray(data.featureNames, 'featureNames', isString),
    classNames: requireArray(data.classNames ?? [], 'classNames', isString),
    rowNames: requireArray(data.rowNames ?? [], 'rowNames', isString),
    features: Float32Array.from(requireArray(data.features, 'features', isNumber)),
    targets: Float32Array.from(requireArray(data.targets, 'targets', isNumber)),
    isTest: Uint8Array.from(requireArray(data.isTest ?? [], 'isTest', (v) => v === 0 || v === 1)),
    planar: data.planar === true,
    domain: requireArray(data.domain ?? [0, 1], 'domain', isNumber),
  };
  if (!['binary', 'multiclass', 'regression'].includes(checked.task)) fail('"task" must be binary, multiclass or regression');
  const parameters = Float32Array.from(requireArray(file.parameters, 'parameters', isNumber));
  const tick = isNumber(file.tick) && file.tick >= 0 ? Math.floor(file.tick) : 0;
  return { settings: file.settings, data: checked, parameters, tick };
}

/** Offers a blob to the reader as a download. */
export function download(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
