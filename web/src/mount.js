// Composes a figure — a set of views around one controller — inside any element. The page (main.js)
// is one large figure bound to the URL; an embedded <nn-figure> is a small one; several figures can
// share a controller (and so one training run).
//
//   const figure = await mountFigure(element, {
//     views: ['explanation', 'graph', 'table'],     // names from views/index.js, in order
//     controls: ['play', 'step', 'back', 'reset'],  // the transport controls shown (false: none)
//     settingsPanel: false,                         // the settings sidebar (data, network, learning)
//     exportPanel: false,                           // the export panel (SVG, PNG, GIF/WebM, JSON, CSV, import)
//     settings: { data: 'songs8', step: 'phase' },  // initial settings (validated by the store)
//     hash: false,                                  // read and write the settings in the URL hash
//     shortcuts: 'figure',                          // Space/←/→/R: 'document', 'figure' (when focus is inside) or false
//     layout: 'figure',                             // 'page': the full page's grid; 'figure': one column
//     controller: null,                             // share another figure's controller (its run and store)
//   });
//   figure.controller.step(); figure.destroy();
import * as d3 from 'd3';
import { loadEngineOrExplain } from './engine/load-or-explain.js';
import { createController } from './controller.js';
import { createStore, bindStoreToHash, labelIgnored, VIEW_NAMES } from './store.js';
import { createLossHistory } from './loss-history.js';
import { bindRunToHash } from './share.js';
import { VIEWS, whyViewNotShown } from './views/index.js';
import { SETTINGS_SECTIONS, TRANSPORT_CONTROLS } from './views/controls.js';
import { createMessagesView, describeIgnored } from './views/messages.js';
import { setClass, setHidden } from './views/writes.js';
import { skipWhileOffScreen } from './views/offscreen.js';
import { bindShortcuts } from './shortcuts.js';

/** Which of the page's areas each view sits in. */
const PAGE_AREAS = {
  explanation: 'story', graph: 'stage', network: 'stage', cube: 'side', boundary: 'side', loss: 'side', table: 'data',
};
/**
 * The page's areas in document order (and so on a narrow screen); on a wide one the side area (the
 * boundary, cube and loss chart) stands beside the stage, so the network and what it has learned are
 * on screen together (app.css, .page-area).
 */
const PAGE_AREA_ORDER = ['story', 'stage', 'side', 'data'];
/**
 * The page's first figure is what a reader reads first: the transport, the story, the graph and the
 * settings beside them. The side views, the data and the export panel are created once that has been
 * painted (a frame later), so the first figure is interactive sooner (issue 7).
 */
const PAGE_AREAS_LATER = ['data', 'side'];
const PANELS_LATER = ['export'];
const isLater = (name, layout) => layout === 'page' && (PANELS_LATER.includes(name) || PAGE_AREAS_LATER.includes(PAGE_AREAS[name]));

/** Calls `callback` once the browser has painted the next frame (or soon, in a tab that draws no frames). */
function afterNextPaint(callback) {
  let called = false;
  const once = () => {
    if (called) return;
    called = true;
    callback();
  };
  requestAnimationFrame(() => setTimeout(once, 0)); // a task after the frame's rendering work
  setTimeout(once, 500);                            // hidden tabs run no animation frames
}

/** A panel that creates its view the first time it applies, and hides itself when it does not. */
function createPanel(parent, name, { options = {}, layout, shown = [] }) {
  const entry = VIEWS[name];
  if (!entry) throw new Error(`unknown view '${name}' (one of ${Object.keys(VIEWS).join(', ')})`);
  const panel = parent.append('section').attr('class', `panel panel-${name}`).attr('data-view', name);
  if (entry.title) {
    const id = `panel-title-${name}-${Math.random().toString(36).slice(2, 8)}`;
    panel.append('h2').attr('class', 'panel-title').attr('id', id).text(entry.title);
    panel.attr('aria-labelledby', id);
  }
  const body = panel.append('div').attr('class', 'panel-body');
  let view = null;
  /** Shows the panel if its view is chosen and applies to `frame`, hides it otherwise; says which. */
  const place = (frame) => {
    const chosen = !VIEW_NAMES.includes(name) || layout !== 'page' || frame.settings.views.includes(name);
    const showing = layout === 'page' ? frame.settings.views : shown;
    const visible = chosen && (entry.appliesTo ? entry.appliesTo(frame, showing) : true);
    setHidden(panel.node(), !visible);
    return visible;
  };
  return {
    name,
    place,
    update(frame) {
      if (!place(frame)) return;
      // Off screen, a view sits out the frames drawn while playing (offscreen.js).
      view ??= skipWhileOffScreen(entry.create(body.node(), options), panel.node());
      view.update(frame);
    },
    destroy() {
      view?.destroy();
      panel.remove();
    },
  };
}

/**
 * Mounts a figure into `container`. Resolves to { controller, store, element, complete, destroy() }
 * as soon as the figure is drawn and its controls work; on the full page (layout 'page') the side
 * views, the data and the export panel follow after the next paint, and `complete` resolves when they
 * are drawn too.
 * Performance marks (for tests/bench/bench-page.mjs): 'figure:started' once the controller has
 * started its run, 'figure:drawn' when the first views are drawn, 'figure:complete' for the rest.
 * @param {HTMLElement} container
 */
export async function mountFigure(container, {
  views = ['explanation', 'graph', 'network', 'table'],
  controls = TRANSPORT_CONTROLS,
  settingsPanel = false,
  exportPanel = false,
  settings = {},
  hash = false,
  shortcuts = 'figure',
  layout = 'figure',
  controller: sharedController = null,
} = {}) {
  const linkHash = hash ? location.hash : ''; // read before the store rewrites the address bar
  const root = d3.select(container).append('div').attr('class', `algorhythm layout-${layout}`);
  const messages = createMessagesView(root.node());
  const top = root.append('div').attr('class', 'figure-top');
  const main = root.append('div').attr('class', 'figure-main');
  const stage = main.append('div').attr('class', 'figure-stage');
  const aside = layout === 'page' ? main.append('aside').attr('class', 'figure-settings').attr('aria-label', 'Settings') : stage;
  // The page's settings aside sticks just under the transport bar, which takes one row or two
  // depending on the width and the metrics shown: app.css places it by the bar's height.
  const topHeight = layout === 'page' && typeof ResizeObserver === 'function'
    ? new ResizeObserver(() => root.node().style.setProperty('--figure-top-height', `${top.node().offsetHeight}px`))
    : null;
  topHeight?.observe(top.node());

  const panels = [];
  if (controls && controls.length > 0) panels.push(createPanel(top, 'transport', { options: { controls }, layout }));
  const areas = layout === 'page'
    ? Object.fromEntries(PAGE_AREA_ORDER.map((area) => [area, stage.append('div').attr('class', `page-area page-area-${area}`)]))
    : {};
  for (const name of views) panels.push(createPanel(areas[PAGE_AREAS[name]] ?? stage, name, { layout, shown: views }));
  if (settingsPanel) {
    // On the page the reader chooses the views; in an embedded figure its author did (the `view`
    // attribute), so there is no Show list to offer.
    const sections = layout === 'page' ? SETTINGS_SECTIONS : SETTINGS_SECTIONS.filter((section) => section !== 'views');
    panels.push(createPanel(aside, 'settings', { layout, options: { sections, whyViewNotShown } }));
  }
  if (exportPanel) panels.push(createPanel(aside, 'export', { layout }));

  let controller = sharedController;
  let unbindHash = () => {};
  let ownsController = false;
  if (!controller) {
    const engine = await loadEngineOrExplain(messages);
    const store = createStore({ initial: settings });
    // Setting the same values again reports what the store refused (e.g. a figure's bad attribute).
    const refused = store.set(settings, 'initial').ignored;
    messages.addNotice(describeIgnored(labelIgnored(store.schema, refused), 'of this figure'));
    if (hash) {
      const describeLink = (ignored) => describeIgnored(labelIgnored(store.schema, ignored));
      const binding = bindStoreToHash(store, { onIgnored: (ignored) => messages.notice(describeLink(ignored)) });
      messages.notice(describeLink(binding.ignored));
      unbindHash = binding.unbind;
    }
    controller = createController({ run: engine.createRun(), store, lossHistory: createLossHistory() });
    ownsController = true;
    try {
      controller.start();
    } catch (error) {
      // Settings the store accepts can still be refused by the engine (e.g. cross-entropy for a
      // regression set): say so and start from the defaults.
      messages.notice(`These settings could not start a run (${error.message}), so the defaults are used.`);
      store.set(Object.fromEntries(store.schema.map((entry) => [entry.name, entry.default])), 'url');
      controller.start();
    }
    if (hash) {
      // The run itself (ticks, edited rows, weights) follows the settings in the URL (share.js).
      const runBinding = bindRunToHash(controller, linkHash, { onNotice: (text) => messages.addNotice(text) });
      messages.addNotice(runBinding.notice);
      const unbindSettings = unbindHash;
      unbindHash = () => { unbindSettings(); runBinding.unbind(); };
    }
  }

  performance.mark('figure:started');

  let destroyed = false;
  // While playing, panels off screen skip their rendering too (app.css, .is-playing).
  const playingState = { update: (frame) => setClass(root.node(), 'is-playing', frame.playing) };
  const detachers = [controller.attach(messages), controller.attach(playingState)];
  const attach = (list) => { for (const panel of list) detachers.push(controller.attach(panel)); };
  attach(panels.filter((panel) => !isLater(panel.name, layout)));
  const unbindKeys = shortcuts ? bindShortcuts(shortcuts === 'document' ? document : root.node(), controller.actions) : () => {};
  performance.mark('figure:drawn');

  const later = panels.filter((panel) => isLater(panel.name, layout));
  // Until they are drawn, the later panels are only shown or hidden, so the page is laid out as it
  // will stay from its first paint (a side column with nothing to show does not appear and go).
  const stopPlacing = controller.attach({ update: (frame) => { for (const panel of later) panel.place(frame); } });
  detachers.push(stopPlacing);
  const complete = later.length === 0 ? Promise.resolve() : new Promise((resolve) => {
    afterNextPaint(() => {
      stopPlacing();
      try {
        if (!destroyed) attach(later);
      } catch (error) {
        console.error('A panel failed to draw:', error); // the first figure keeps working
      } finally {
        resolve();
      }
    });
  });
  complete.then(() => performance.mark('figure:complete'));

  return {
    controller,
    store: controller.store,
    element: root.node(),
    complete,
    destroy() {
      destroyed = true;
      topHeight?.disconnect();
      unbindKeys();
      unbindHash();
      for (const detach of detachers) detach();
      for (const panel of panels) panel.destroy();
      messages.destroy();
      if (ownsController) {
        controller.destroy();
        controller.run.delete();
      }
      root.remove();
    },
  };
}
