// A data set (as run.data() returns it) seen as rows, and rows turned back into a data set object
// that run.setData / run.reset({ data: { kind: 'custom', dataset } }) accept. Edits to the data (the
// table, points added on the plane) rewrite rows and hand the engine a whole new data set.

/** The rows of a data set: [{ features: number[], target, isTest: boolean, name: string | null }]. */
export function rowsOf(data) {
  const width = data.featureNames.length;
  return Array.from({ length: data.targets.length }, (_, r) => ({
    features: Array.from(data.features.subarray(r * width, (r + 1) * width)),
    target: data.targets[r],
    isTest: data.isTest[r] === 1,
    name: data.rowNames[r] ?? null,
  }));
}

/** A data set object like `data` (same task, classes, names and domain) holding `rows`. */
export function datasetWithRows(data, rows) {
  return {
    name: data.name,
    task: data.task,
    featureNames: [...data.featureNames],
    classNames: [...data.classNames],
    rowNames: data.rowNames.length > 0 ? rows.map((row, r) => row.name ?? `Row ${r + 1}`) : [],
    features: Float32Array.from(rows.flatMap((row) => row.features)),
    targets: Float32Array.from(rows.map((row) => row.target)),
    isTest: Uint8Array.from(rows.map((row) => (row.isTest ? 1 : 0))),
    planar: data.planar,
    domain: [...data.domain],
  };
}
