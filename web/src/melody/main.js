// The melody page (melody.html): a recurrent network learns a tune note by note, then composes. One
// controller (controller.js) around one MelodyRun, a store bound to the URL hash (the shared store.js
// with the melody schema), a player for the sound, and the views placed in the page's panels.
import * as d3 from 'd3';
import { loadEngineOrExplain } from '../engine/load-or-explain.js';
import { createStore, bindStoreToHash, defaultState, labelIgnored } from '../store.js';
import { createLossHistory } from '../loss-history.js';
import { createLossChartView } from '../views/loss-chart.js';
import { MELODY_SETTINGS, melodySchema } from './settings.js';
import { createMelodyController } from './controller.js';
import { createPlayer } from './sound/player.js';
import { renderMelody, rootMeanSquare } from './sound/synth.js';
import { bindShortcuts } from '../shortcuts.js';
import { createMessagesView, describeIgnored } from '../views/messages.js';
import { createMelodyTransportView } from './views/transport.js';
import { createMelodyExplanationView } from './views/explanation.js';
import { createUnrolledView } from './views/unrolled.js';
import { createWavesView } from './views/waves.js';
import { createDistributionsView } from './views/distributions.js';
import { createPianoRollView } from './views/piano-roll.js';
import { createMelodyTextView } from './views/melody-text.js';
import { createSoundControlsView } from './views/sound-controls.js';
import { createMelodySettingsView } from './views/settings.js';

let panelCounter = 0;

/** A titled panel (section with an h2 that names it) in `parent`; returns its body element. */
function panel(parent, { name, title, detail }) {
  const section = parent.append('section').attr('class', `panel melody-panel panel-${name}`).attr('data-view', name);
  if (title) {
    const id = `melody-panel-${name}-${(panelCounter += 1)}`;
    const header = section.append('div').attr('class', 'panel-header');
    header.append('h2').attr('class', 'panel-title').attr('id', id).text(title);
    if (detail) header.append('p').attr('class', 'panel-detail').text(detail);
    section.attr('aria-labelledby', id);
  }
  return section.append('div').attr('class', 'panel-body').node();
}

async function start(app) {
  const root = d3.select(app).append('div').attr('class', 'algorhythm layout-page melody-page');
  const messages = createMessagesView(root.node());
  const engine = await loadEngineOrExplain(messages);
  const melodies = engine.melodies;
  const store = createStore({ schema: melodySchema(melodies.tunes().map((tune) => tune.name)) });
  const describeLink = (ignored) => describeIgnored(labelIgnored(store.schema, ignored));
  const binding = bindStoreToHash(store, { onIgnored: (ignored) => messages.notice(describeLink(ignored)) });
  messages.notice(describeLink(binding.ignored));
  /** The notice about the link: what the store ignored, then `more` (both kept, one after the other). */
  const noticeLink = (more) => messages.notice([describeLink(binding.ignored), more].filter(Boolean).join(' '));

  // ---- the layout
  const top = root.append('div').attr('class', 'figure-top');
  const main = root.append('div').attr('class', 'figure-main');
  const stage = main.append('div').attr('class', 'figure-stage melody-stage');
  const aside = main.append('aside').attr('class', 'figure-settings').attr('aria-label', 'Settings');

  const explanationBody = panel(stage, { name: 'explanation' });
  const unrolledBody = panel(stage, {
    name: 'unrolled', title: 'The network, unrolled through time',
    detail: 'One column per note of the window. The same weights are used at every step; the memory (hidden state) passes from each step to the next.',
  });
  const wavesBody = panel(stage, { name: 'waves' });
  const distributionsBody = panel(stage, { name: 'distributions' });
  const listenBody = panel(stage, {
    name: 'listen', title: 'Listen and compose',
    detail: 'The tune it learns (click the roll to write your own) and a melody it composes, note by note, from what it has learned.',
  });
  const lossBody = panel(stage, { name: 'loss' });
  const settingsBody = panel(aside, { name: 'settings', title: 'Settings' });

  const soundBody = d3.select(listenBody).append('div').attr('class', 'listen-controls').node();
  const tuneSection = d3.select(listenBody).append('div').attr('class', 'roll-section roll-section--tune');
  tuneSection.append('h3').attr('class', 'roll-title').text('The tune');
  const tuneRollBody = tuneSection.append('div').node();
  const textBody = tuneSection.append('details').attr('class', 'melody-text-details');
  textBody.append('summary').text('Write the tune as text');
  const compositionSection = d3.select(listenBody).append('div').attr('class', 'roll-section roll-section--composition');
  compositionSection.append('h3').attr('class', 'roll-title').text('The composition');
  const compositionRollBody = compositionSection.append('div').node();

  const views = [
    messages,
    createMelodyTransportView(top.node()),
    createMelodyExplanationView(explanationBody),
    createUnrolledView(unrolledBody),
    createWavesView(wavesBody),
    createDistributionsView(distributionsBody),
    createSoundControlsView(soundBody),
    createPianoRollView(tuneRollBody, { source: 'tune' }),
    createMelodyTextView(textBody.node()),
    createPianoRollView(compositionRollBody, { source: 'composition' }),
    createLossChartView(lossBody, { height: 140, testSet: false }),
    createMelodySettingsView(settingsBody),
  ];

  const player = createPlayer();
  const controller = createMelodyController({
    run: melodies.createMelodyRun(), melodies, store, player, lossHistory: createLossHistory(), views,
  });
  try {
    controller.start();
  } catch (error) {
    // Settings the store accepts can still be refused by the engine (e.g. a written melody with one note).
    // The link's melody gives way to the default tune, keeping its other settings; should the engine
    // refuse those too, every default. The store tells the hash, so the address bar reproduces the page.
    const defaults = defaultState(store.schema);
    const melodyDefaults = Object.fromEntries(MELODY_SETTINGS.map((name) => [name, defaults[name]]));
    store.set(melodyDefaults, 'fallback');
    try {
      controller.start();
      noticeLink(`The melody in the link could not be learned (${error.message}), so the default tune is used.`);
    } catch {
      store.set(defaults, 'fallback');
      controller.start();
      noticeLink(`These settings could not start a run (${error.message}), so the defaults are used.`);
    }
  }
  bindShortcuts(document, controller.actions, { keys: { p: 'toggleSound', g: 'generate' }, applicationsOwnSpace: true });

  // For the browser tests and the curious: the controller, and the engine's numbers behind the page.
  window.__melody = {
    controller,
    views,
    store,
    player,
    snapshot: () => controller.snapshot(),
    composition: () => controller.composition(),
    /** Renders { pitches, durations } offline with the page's instrument; resolves to its RMS level. */
    async renderLevel(melody) {
      const buffer = await renderMelody(melody);
      return { rms: rootMeanSquare(buffer), seconds: buffer.duration, sampleRate: buffer.sampleRate };
    },
  };
}

const app = document.getElementById('app');
start(app).then(() => {
  app.removeAttribute('aria-busy');
}, (error) => {
  app.removeAttribute('aria-busy');
  console.error('The melody page could not start:', error);
});
