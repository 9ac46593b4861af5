// Compose and listen: the composition settings (temperature, length, seed) with the Generate button,
// and the player (which melody, Play/Stop, volume). Nothing sounds until the reader presses Play (or P).
import * as d3 from 'd3';
import { formatCount } from '../../format.js';
import { MAX_SEED } from '../../store.js';
import { ICONS, iconButton } from '../../views/icon-button.js';
import { createChangeCheck } from './changes.js';

let idCounter = 0;
const uniqueId = (name) => `melody-sound-${name}-${(idCounter += 1)}`;

const SOURCES = [
  { value: 'tune', label: 'The tune' },
  { value: 'composition', label: 'The composition' },
];

export function createSoundControlsView(container) {
  const root = d3.select(container).append('div').attr('class', 'view sound-controls');
  let frame = null;
  const set = (partial) => frame?.actions.setSettings(partial);

  // ---- compose
  const compose = root.append('div').attr('class', 'sound-group compose-group').attr('role', 'group').attr('aria-label', 'Compose');
  const generate = iconButton(compose, { name: 'generate', label: 'Generate', icon: 'compose', shortcut: 'G' })
    .on('click', () => frame?.actions.generate());
  generate.classed('primary', true);
  const generateTitle = generate.attr('title');

  const temperatureId = uniqueId('temperature');
  const temperatureField = compose.append('div').attr('class', 'range-field');
  temperatureField.append('label').attr('for', temperatureId).text('Temperature');
  const temperature = temperatureField.append('input').attr('type', 'range').attr('id', temperatureId)
    .attr('min', 0.05).attr('max', 2).attr('step', 0.05)
    .attr('aria-describedby', `${temperatureId}-hint`)
    .on('change', (event) => set({ temperature: Number(event.target.value) }))
    .on('input', (event) => temperatureOutput.text(describeTemperature(Number(event.target.value))));
  const temperatureOutput = temperatureField.append('output').attr('for', temperatureId).attr('id', `${temperatureId}-hint`);

  // Notes and Seed wrap to a new line together (alone, Seed was left on a line of its own at 768 px).
  const numbers = compose.append('div').attr('class', 'sound-group compose-numbers');
  const lengthId = uniqueId('length');
  const lengthField = numbers.append('div').attr('class', 'inline-field');
  lengthField.append('label').attr('for', lengthId).text('Notes');
  const length = lengthField.append('input').attr('type', 'number').attr('id', lengthId).attr('min', 1).attr('max', 512).attr('step', 1)
    .on('change', (event) => set({ length: event.target.value }));

  const seedId = uniqueId('seed');
  const seedField = numbers.append('div').attr('class', 'inline-field');
  seedField.append('label').attr('for', seedId).text('Seed');
  const seed = seedField.append('input').attr('type', 'number').attr('id', seedId).attr('min', 0).attr('max', MAX_SEED).attr('step', 1)
    .on('change', (event) => set({ sampleSeed: event.target.value }));

  // ---- listen
  const listen = root.append('div').attr('class', 'sound-group listen-group').attr('role', 'group').attr('aria-label', 'Listen');
  const choice = listen.append('fieldset').attr('class', 'segmented sound-source');
  choice.append('legend').text('Listen to');
  const sourceName = uniqueId('source');
  const sources = choice.append('div').attr('class', 'segments').selectAll('label').data(SOURCES).join('label');
  sources.append('input').attr('type', 'radio').attr('name', sourceName).attr('value', (s) => s.value)
    .on('change', (event, s) => frame?.actions.selectSound(s.value));
  sources.append('span').text((s) => s.label);
  const playButton = iconButton(listen, { name: 'sound', label: 'Play melody', icon: 'sound', shortcut: 'P' })
    .on('click', () => frame?.actions.toggleSound());

  const volumeId = uniqueId('volume');
  const volumeField = listen.append('div').attr('class', 'range-field volume-field');
  volumeField.append('label').attr('for', volumeId).text('Volume');
  const volume = volumeField.append('input').attr('type', 'range').attr('id', volumeId).attr('min', 0).attr('max', 1).attr('step', 0.05)
    .on('input', (event) => frame?.actions.setVolume(Number(event.target.value)));
  const volumeOutput = volumeField.append('output').attr('for', volumeId);
  const status = root.append('p').attr('class', 'sound-status').attr('role', 'status');

  const changed = createChangeCheck();

  return {
    update(next) {
      frame = next;
      const stopped = next.snapshot.diverged;
      if (!changed([next.settings, next.sound, next.composition, next.melody, stopped])) return;
      const { settings, sound, composition } = frame;
      // A diverged network composes noise: Generate waits for Reset (a composition made before still plays).
      generate.property('disabled', stopped)
        .attr('title', stopped ? 'Training has stopped: press Reset to compose again' : generateTitle);
      if (document.activeElement !== temperature.node()) temperature.property('value', Math.min(2, settings.temperature));
      temperatureOutput.text(describeTemperature(settings.temperature));
      if (document.activeElement !== length.node()) length.property('value', settings.length);
      if (document.activeElement !== seed.node()) seed.property('value', settings.sampleSeed);

      sources.select('input')
        .property('checked', (s) => s.value === sound.selected)
        .property('disabled', (s) => s.value === 'composition' && !composition);
      sources.classed('disabled', (s) => s.value === 'composition' && !composition);
      const playing = sound.playing;
      playButton.classed('playing', playing).attr('aria-pressed', playing ? 'true' : 'false')
        .attr('data-state', playing ? 'playing' : 'stopped')
        .property('disabled', !sound.supported && !playing);
      playButton.select('.button-label').text(playing ? 'Stop' : 'Play melody');
      playButton.select('path').attr('d', ICONS[playing ? 'stop' : 'sound']);
      playButton.attr('title', `${playing ? 'Stop the sound' : 'Play the chosen melody'} (P)`);
      if (document.activeElement !== volume.node()) volume.property('value', sound.volume);
      volumeOutput.text(`${Math.round(sound.volume * 100)}%`);

      let text;
      if (stopped && !playing) text = 'Training has stopped, so the network cannot compose: press Reset to start again.';
      else if (!sound.supported) text = sound.error ?? 'This browser cannot play sound (no Web Audio).';
      else if (playing) {
        const melody = sound.source === 'composition' ? composition : frame.melody;
        const total = melody ? melody.pitches.length : 0;
        const which = sound.source === 'composition' ? 'the composition' : 'the tune';
        text = sound.noteIndex >= 0 ? `Playing ${which}: note ${formatCount(sound.noteIndex + 1)} of ${formatCount(total)}.` : `Playing ${which}…`;
      } else {
        text = 'Silent until you press Play melody (or P).';
      }
      status.text(text);
    },
    destroy() {
      root.remove();
    },
  };
}

function describeTemperature(value) {
  if (value < 0.75) return `${value} · cautious`;
  if (value <= 1.25) return `${value} · as learned`;
  return `${value} · adventurous`;
}
