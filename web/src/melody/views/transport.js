// The melody page's transport: Play/Pause training, Step, Step back, Reset, the step size (phase,
// window, epoch), the speed, and the numbers that say how training goes. Same look and behaviour as the
// feed-forward transport (views/controls.js), for the MelodyRun's step sizes.
import * as d3 from 'd3';
import { formatCount, formatNumber, formatPercent } from '../../format.js';
import { STEPS_PER_SECOND } from '../../store.js';
import { MELODY_GRANULARITIES } from '../../engine/melody-run.js';
import { createChangeCheck } from './changes.js';

const GRANULARITY_LABELS = { phase: 'Phase', window: 'Window', epoch: 'Epoch' };

export const ICONS = {
  play: 'M5 3.5v13l11-6.5z',
  pause: 'M5 3.5h3.5v13H5zM11.5 3.5H15v13h-3.5z',
  step: 'M4 3.5v13l9-6.5zM13.5 3.5H16v13h-2.5z',
  back: 'M16 3.5v13l-9-6.5zM4 3.5h2.5v13H4z',
  reset: 'M10 3.5a6.5 6.5 0 1 1-6.2 4.6l2.1.7A4.3 4.3 0 1 0 10 5.7V8L6 4.6 10 1.2z',
  stop: 'M5 5h10v10H5z',
  sound: 'M3 7.5h3l4-3.5v12l-4-3.5H3zM13 6.5a5 5 0 0 1 0 7M15 4a8.5 8.5 0 0 1 0 12',
  compose: 'M4 15.5l1-4 8-8 3 3-8 8zM12 4.5l3 3',
};

/** A round button with an icon and a label (the label hides on very small screens, not for readers). */
export function iconButton(parent, { name, label, icon, shortcut, shortcutName }) {
  const button = parent.append('button').attr('type', 'button').attr('class', `transport-button ${name}`)
    .attr('data-control', name);
  if (shortcut) button.attr('aria-keyshortcuts', shortcut).attr('title', `${label} (${shortcutName ?? shortcut})`);
  button.append('svg').attr('viewBox', '0 0 20 20').attr('aria-hidden', 'true').attr('class', 'icon')
    .append('path').attr('d', ICONS[icon]);
  button.append('span').attr('class', 'button-label').text(label);
  return button;
}

let idCounter = 0;

export function createMelodyTransportView(container) {
  const root = d3.select(container).append('div').attr('class', 'view transport-view melody-transport');
  let frame = null;
  const buttons = root.append('div').attr('class', 'transport-buttons').attr('role', 'group').attr('aria-label', 'Training');
  const play = iconButton(buttons, { name: 'play', label: 'Play', icon: 'play', shortcut: ' ', shortcutName: 'Space' })
    .on('click', () => frame?.actions.togglePlay());
  iconButton(buttons, { name: 'step', label: 'Step', icon: 'step', shortcut: 'ArrowRight', shortcutName: '→' })
    .on('click', () => frame?.actions.step());
  iconButton(buttons, { name: 'back', label: 'Step back', icon: 'back', shortcut: 'ArrowLeft', shortcutName: '←' })
    .on('click', () => frame?.actions.stepBack());
  iconButton(buttons, { name: 'reset', label: 'Reset', icon: 'reset', shortcut: 'R' })
    .on('click', () => frame?.actions.reset());

  const fieldset = root.append('fieldset').attr('class', 'segmented granularity');
  fieldset.append('legend').text('Step size');
  const groupName = `melody-granularity-${(idCounter += 1)}`;
  const granularity = fieldset.append('div').attr('class', 'segments').selectAll('label').data(MELODY_GRANULARITIES).join('label');
  granularity.append('input').attr('type', 'radio').attr('name', groupName).attr('value', (g) => g)
    .on('change', (event, g) => frame?.actions.setSettings({ step: g }));
  granularity.append('span').text((g) => GRANULARITY_LABELS[g]);

  const speedId = `melody-speed-${idCounter}`;
  const speedControl = root.append('div').attr('class', 'speed-control');
  speedControl.append('label').attr('for', speedId).text('Speed');
  const speed = speedControl.append('input').attr('type', 'range').attr('id', speedId)
    .attr('min', 1).attr('max', STEPS_PER_SECOND.length).attr('step', 1)
    .on('input', (event) => frame?.actions.setSettings({ speed: Number(event.target.value) }));
  const speedOutput = speedControl.append('output').attr('for', speedId);

  const metrics = root.append('dl').attr('class', 'metrics');
  for (const [key, title] of [['loss', 'Melody loss'], ['accuracy', 'Next note right'], ['epoch', 'Epoch'], ['updates', 'Updates']]) {
    const item = metrics.append('div').attr('class', `metric metric-${key}`);
    item.append('dt').text(title);
    item.append('dd').attr('data-metric', key);
  }

  const changed = createChangeCheck();

  return {
    update(next) {
      frame = next;
      if (!changed([next.snapshot, next.settings, next.playing])) return;
      const { snapshot, settings } = frame;
      play.classed('playing', frame.playing).attr('aria-label', frame.playing ? 'Pause training' : 'Play training');
      play.select('.button-label').text(frame.playing ? 'Pause' : 'Play');
      play.select('path').attr('d', ICONS[frame.playing ? 'pause' : 'play']);
      play.property('disabled', snapshot.diverged).attr('title', `${frame.playing ? 'Pause' : 'Play'} training (Space)`);
      root.select('button.back').property('disabled', snapshot.tick <= snapshot.firstTick);
      root.select('button.step').property('disabled', snapshot.diverged);
      granularity.select('input').property('checked', (g) => g === settings.step);
      if (document.activeElement !== speed.node()) speed.property('value', settings.speed);
      const rate = STEPS_PER_SECOND[settings.speed - 1];
      speedOutput.text(`${rate < 1 ? rate : formatCount(rate)} ${GRANULARITY_LABELS[settings.step].toLowerCase()}${rate === 1 ? '' : 's'}/s`);
      metrics.select('[data-metric="loss"]').text(formatNumber(snapshot.trainLoss));
      metrics.select('[data-metric="accuracy"]').text(formatPercent(snapshot.trainAccuracy));
      metrics.select('[data-metric="epoch"]').text(formatCount(snapshot.epoch + 1));
      metrics.select('[data-metric="updates"]').text(formatCount(snapshot.updates));
    },
    destroy() {
      root.remove();
    },
  };
}
