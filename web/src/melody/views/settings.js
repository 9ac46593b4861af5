// The melody page's settings: the tune, the network (cell, hidden size, truncation) and learning
// (learning rate, optimizer, gradient clipping, seed). It reads the frame and acts only through
// frame.actions; the store refuses values out of range, and the engine refuses what the store cannot
// judge, both with a message.
import * as d3 from 'd3';
import { MAX_SEED } from '../../store.js';
import { CUSTOM_TUNE, OPTIMIZERS } from '../settings.js';
import { numberField } from '../../views/number-field.js';
import { createChangeCheck } from './changes.js';

const CELL_LABELS = { lstm: 'LSTM', elman: 'Elman' };
const CELL_HINTS = {
  lstm: 'LSTM: gates decide what the memory keeps and forgets.',
  elman: 'Elman: the memory is rewritten at every step (tanh).',
};
const OPTIMIZER_LABELS = { sgd: 'Gradient descent', momentum: 'Momentum', adam: 'Adam' };

let idCounter = 0;
const uniqueId = (name) => `melody-setting-${name}-${(idCounter += 1)}`;

/** A number setting (views/number-field.js) named `name`: its input. */
const numberInput = (parent, options) => numberField(parent, { ...options, id: uniqueId(options.name) }).control;

const setIfIdle = (selection, value) => {
  if (document.activeElement !== selection.node()) selection.property('value', value);
};

export function createMelodySettingsView(container) {
  const root = d3.select(container).append('div').attr('class', 'view settings-view melody-settings');
  let frame = null;
  const set = (partial) => frame?.actions.setSettings(partial);

  const melodyGroup = root.append('fieldset').attr('class', 'settings-group');
  melodyGroup.append('legend').text('Melody');
  const tuneId = uniqueId('tune');
  const tuneField = melodyGroup.append('div').attr('class', 'field');
  tuneField.append('label').attr('for', tuneId).text('Tune to learn');
  const tune = tuneField.append('select').attr('id', tuneId).attr('name', 'tune')
    .on('change', (event) => {
      const value = event.target.value;
      // "Your own melody" starts from the notes on the roll, ready to edit.
      if (value === CUSTOM_TUNE) frame?.actions.editMelody({ pitches: frame.melody.pitches, durations: frame.melody.durations });
      else set({ tune: value });
    });

  const networkGroup = root.append('fieldset').attr('class', 'settings-group');
  networkGroup.append('legend').text('Network');
  const cellSet = networkGroup.append('fieldset').attr('class', 'segmented cell-choice');
  cellSet.append('legend').text('Cell');
  const cellName = uniqueId('cell');
  const cells = cellSet.append('div').attr('class', 'segments').selectAll('label').data(['lstm', 'elman']).join('label');
  cells.append('input').attr('type', 'radio').attr('name', cellName).attr('value', (c) => c)
    .on('change', (event, c) => set({ cell: c }));
  cells.append('span').text((c) => CELL_LABELS[c]);
  const cellHint = networkGroup.append('p').attr('class', 'field-hint cell-hint');
  const hidden = numberInput(networkGroup, {
    name: 'hidden', label: 'Hidden units', min: 1, max: 64, step: 1, hint: 'The size of its memory (1 to 64).',
    onChange: (v) => set({ hidden: v }),
  });
  const truncation = numberInput(networkGroup, {
    name: 'truncation', label: 'Truncation (steps per window)', min: 1, max: 64, step: 1,
    hint: 'How many notes back the gradient flows (1 to 64).',
    onChange: (v) => set({ truncation: v }),
  });

  const learningGroup = root.append('fieldset').attr('class', 'settings-group');
  learningGroup.append('legend').text('Learning');
  const learningRate = numberInput(learningGroup, {
    name: 'learningRate', label: 'Learning rate', min: 0.0001, max: 10, step: 'any', onChange: (v) => set({ learningRate: v }),
  });
  const optimizerId = uniqueId('optimizer');
  const optimizerField = learningGroup.append('div').attr('class', 'field');
  optimizerField.append('label').attr('for', optimizerId).text('Optimizer');
  const optimizer = optimizerField.append('select').attr('id', optimizerId).attr('name', 'optimizer')
    .on('change', (event) => set({ optimizer: event.target.value }));
  optimizer.selectAll('option').data(OPTIMIZERS).join('option').attr('value', (o) => o).text((o) => OPTIMIZER_LABELS[o]);
  const gradientClip = numberInput(learningGroup, {
    name: 'gradientClip', label: 'Gradient clipping', min: 0, max: 1000, step: 'any',
    hint: 'The largest gradient size an update uses (0: no limit).',
    onChange: (v) => set({ gradientClip: v }),
  });
  const seedId = uniqueId('seed');
  const seedField = learningGroup.append('div').attr('class', 'field seed-field');
  seedField.append('label').attr('for', seedId).text('Seed (initial weights)');
  const seedRow = seedField.append('div').attr('class', 'seed-row');
  const seed = seedRow.append('input').attr('type', 'number').attr('id', seedId).attr('min', 0).attr('max', MAX_SEED).attr('step', 1)
    .on('change', (event) => set({ seed: event.target.value }));
  seedRow.append('button').attr('type', 'button').attr('class', 'quiet-button').text('New seed')
    .on('click', () => set({ seed: Math.floor(Math.random() * 100000) + 1 }));

  const changed = createChangeCheck();

  return {
    update(next) {
      frame = next;
      if (!changed([next.settings, next.tunes])) return;
      const { settings, tunes } = frame;
      const options = [...tunes.map((t) => ({ value: t.name, label: t.title })), { value: CUSTOM_TUNE, label: 'Your own melody' }];
      tune.selectAll('option').data(options, (o) => o.value).join('option').attr('value', (o) => o.value).text((o) => o.label);
      setIfIdle(tune, settings.tune);
      cells.select('input').property('checked', (c) => c === settings.cell);
      cellHint.text(CELL_HINTS[settings.cell]);
      setIfIdle(hidden, settings.hidden);
      setIfIdle(truncation, settings.truncation);
      setIfIdle(learningRate, settings.learningRate);
      setIfIdle(optimizer, settings.optimizer);
      setIfIdle(gradientClip, settings.gradientClip);
      setIfIdle(seed, settings.seed);
    },
    destroy() {
      root.remove();
    },
  };
}
