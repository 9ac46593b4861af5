// The Algorhythm page: one large figure bound to the URL hash, with every view, the transport and
// the settings sidebar, and keyboard shortcuts for the whole document. An embedded <nn-figure> uses
// the same mountFigure with fewer views.
import { mountFigure } from './mount.js';
import { followDataInIntro } from './page-intro.js';
import { VIEW_NAMES } from './store.js';

performance.mark('app:start'); // every module of the bundle has been fetched, parsed and run
const app = document.getElementById('app');

mountFigure(app, {
  views: VIEW_NAMES,
  settingsPanel: true,
  exportPanel: true,
  hash: true,
  shortcuts: 'document',
  layout: 'page',
}).then((figure) => {
  app.removeAttribute('aria-busy');
  followDataInIntro(figure.store);
  // The ready signal (tests/browser, tests/bench): the first figure is drawn and its controls work.
  // For the browser tests and the curious: the controller, and the engine's numbers behind the page;
  // `complete` resolves once the side views, the data and the export panel are drawn too.
  window.__algorhythm = {
    complete: figure.complete,
    controller: figure.controller,
    store: figure.store,
    snapshot: () => figure.controller.snapshot(),
    data: () => figure.controller.run.data(),
    shape: () => figure.controller.run.shape(),
  };
}, (error) => {
  app.removeAttribute('aria-busy');
  console.error('Algorhythm could not start:', error);
});
