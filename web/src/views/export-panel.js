// The export panel: the figure as SVG or PNG, a recording of the next N steps as an animated GIF or
// a WebM video, the run (settings, data, weights) as JSON, the data as CSV, and import of a JSON or
// CSV file. It acts only through frame.actions (step, dataCsv, restoreRun) and reads only the frame,
// like every view; the pictures are taken of the figure it sits in (its `.figure-stage`).
//
//   createExportPanel(container, { maxRecordingWidth: 720 })
import * as d3 from 'd3';
import { figureToSvg } from '../export/figure-svg.js';
import { svgToCanvas, canvasToPng } from '../export/raster.js';
import { encodeGif, encodeWebm } from '../export/animation.js';
import { runToJson, parseRunJson, download } from '../export/state-file.js';

const MAX_RECORDED_STEPS = 200;
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

let idCounter = 0;
const uniqueId = (prefix) => `${prefix}-${(idCounter += 1)}`;
const nextPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
/** A button of the panel, named by what it exports (data-export="svg", …). */
const exportButton = (row, kind, label) => row.append('button').attr('type', 'button').attr('class', 'quiet-button')
  .attr('data-export', kind).text(label);

export function createExportPanel(container, { maxRecordingWidth = 720 } = {}) {
  const root = d3.select(container).append('div').attr('class', 'export-view');
  let frame = null;
  let busy = false;

  const pictures = root.append('div').attr('class', 'export-row');
  const svgButton = exportButton(pictures, 'svg', 'SVG');
  const pngButton = exportButton(pictures, 'png', 'PNG');

  const recording = root.append('div').attr('class', 'export-row export-recording');
  const stepsId = uniqueId('export-steps');
  recording.append('label').attr('for', stepsId).text('Record');
  const stepsInput = recording.append('input').attr('type', 'number').attr('id', stepsId)
    .attr('min', 1).attr('max', MAX_RECORDED_STEPS).attr('value', 10).attr('class', 'export-steps')
    .attr('aria-describedby', `${stepsId}-unit`);
  recording.append('span').attr('id', `${stepsId}-unit`).text('steps as');
  const formatSelect = recording.append('select').attr('class', 'export-format').attr('aria-label', 'Recording format');
  formatSelect.selectAll('option').data([['gif', 'GIF'], ['webm', 'WebM']]).join('option')
    .attr('value', (d) => d[0]).text((d) => d[1]);
  const recordButton = exportButton(recording, 'record', 'Record');

  const progress = root.append('div').attr('class', 'export-progress').property('hidden', true);
  const progressBar = progress.append('progress').attr('max', 1).attr('value', 0).attr('aria-label', 'Recording progress');
  const progressText = progress.append('span').attr('class', 'export-progress-text');

  const files = root.append('div').attr('class', 'export-row');
  const jsonButton = exportButton(files, 'json', 'Weights + data (JSON)');
  const csvButton = exportButton(files, 'csv', 'Data (CSV)');

  const importRow = root.append('div').attr('class', 'export-row export-import');
  const importId = uniqueId('export-import');
  importRow.append('label').attr('for', importId).text('Import a run (JSON) or data (CSV)');
  const fileInput = importRow.append('input').attr('type', 'file').attr('id', importId)
    .attr('accept', '.json,.csv,application/json,text/csv').attr('data-export', 'import');

  const message = root.append('p').attr('class', 'export-message').attr('role', 'status').attr('aria-live', 'polite');

  // ---- helpers ------------------------------------------------------------------------------------

  function say(text, kind = 'info') {
    message.text(text).attr('data-kind', kind);
  }

  function setBusy(value) {
    busy = value;
    root.selectAll('button, input, select').property('disabled', value);
  }

  const baseName = () => {
    const data = frame?.settings.data ?? 'figure';
    return `algorhythm-${data}-step-${frame?.snapshot.updates ?? 0}`;
  };

  /** The SVG of the figure's views, with this panel out of the picture while it is taken. */
  function takePicture() {
    const figure = container.closest('.algorhythm');
    const stage = figure?.querySelector('.figure-stage') ?? figure;
    if (!stage) throw new Error('there is no figure to export');
    const panel = container.closest('.panel');
    const wasHidden = panel?.hidden;
    if (panel && stage.contains(panel)) panel.hidden = true;
    try {
      return figureToSvg(stage);
    } finally {
      if (panel) panel.hidden = wasHidden;
    }
  }

  async function guarded(task, failure) {
    if (busy || !frame) return;
    setBusy(true);
    try {
      await task();
    } catch (error) {
      const reason = String(error?.message ?? error).replace(/^This file cannot be imported: /, '').replace(/[.\s]+$/, '');
      say(`${failure}: ${reason}.`, 'error');
    } finally {
      setBusy(false);
      progress.property('hidden', true);
    }
  }

  // ---- actions -------------------------------------------------------------------------------------

  svgButton.on('click', () => guarded(async () => {
    const { svg } = takePicture();
    download(new Blob([svg], { type: 'image/svg+xml' }), `${baseName()}.svg`);
    say('Saved the figure as SVG.');
  }, 'The SVG could not be made'));

  pngButton.on('click', () => guarded(async () => {
    const canvas = await svgToCanvas(takePicture(), 2);
    download(await canvasToPng(canvas), `${baseName()}.png`);
    say('Saved the figure as PNG.');
  }, 'The PNG could not be made'));

  recordButton.on('click', () => guarded(async () => {
    const steps = Number(stepsInput.property('value'));
    if (!Number.isInteger(steps) || steps < 1 || steps > MAX_RECORDED_STEPS) {
      throw new Error(`the number of steps must be a whole number from 1 to ${MAX_RECORDED_STEPS}, not “${stepsInput.property('value')}”`);
    }
    const format = formatSelect.property('value');
    progress.property('hidden', false);
    const capture = async () => {
      const picture = takePicture();
      return svgToCanvas(picture, Math.min(1, maxRecordingWidth / Math.max(1, picture.width)));
    };
    const frames = [await capture()];
    for (let i = 1; i <= steps; i += 1) {
      progressText.text(`Stepping ${i} of ${steps}…`);
      progressBar.attr('value', (i / steps) * 0.5);
      frame.actions.step(1, { animate: false });
      await nextPaint();
      frames.push(await capture());
    }
    const onProgress = (fraction) => {
      progressBar.attr('value', 0.5 + fraction * 0.5);
      progressText.text(`Encoding ${format === 'gif' ? 'GIF' : 'WebM'}… ${Math.round(fraction * 100)} %`);
    };
    const blob = format === 'webm' ? await encodeWebm(frames, { onProgress }) : await encodeGif(frames, { onProgress });
    download(blob, `${baseName()}.${format}`);
    say(`Saved ${steps} steps as ${format === 'gif' ? 'an animated GIF' : 'a WebM video'}.`);
  }, 'The recording could not be made'));

  jsonButton.on('click', () => guarded(async () => {
    const text = runToJson({
      settings: frame.settings, data: frame.data, parameters: frame.snapshot.parameters, tick: frame.snapshot.tick,
    });
    download(new Blob([text], { type: 'application/json' }), `${baseName()}.json`);
    say('Saved the weights and the data as JSON.');
  }, 'The JSON file could not be made'));

  csvButton.on('click', () => guarded(async () => {
    download(new Blob([frame.actions.dataCsv()], { type: 'text/csv' }), `${baseName()}.csv`);
    say('Saved the data as CSV.');
  }, 'The CSV file could not be made'));

  fileInput.on('change', (event) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    guarded(async () => {
      if (file.size > MAX_IMPORT_BYTES) throw new Error(`it is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
      const text = await file.text();
      const isJson = /\.json$/i.test(file.name) || (!/\.csv$/i.test(file.name) && text.trimStart().startsWith('{'));
      if (isJson) {
        const saved = parseRunJson(text);
        frame.actions.restoreRun({ settings: saved.settings, dataset: saved.data, parameters: saved.parameters });
        say(`Imported the run from ${file.name}.`);
      } else {
        frame.actions.restoreRun({ csv: text });
        say(`Imported the data from ${file.name}; the network starts from its initial weights.`);
      }
    }, `${file.name} was not imported, and nothing you made was changed`);
  });

  return {
    update(next) {
      frame = next;
    },
    destroy() {
      root.remove();
    },
  };
}
