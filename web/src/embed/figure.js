// <nn-figure>: a live figure a writer drops into a post. One ES module (this bundle) plus engine.wasm
// beside it; every figure on a page shares the one engine module.
//
//   <nn-figure view="graph,table" data="songs4" controls="step,play,reset" step="phase"></nn-figure>
//
// Attributes: view (or views) — which views, in order: explanation, graph, network, table, boundary,
// cube, loss; controls — transport controls shown ("none" for none); run — figures with the same run
// name share one training run; settings-panel — show the settings sidebar; and every setting of the
// store's schema in kebab-case (data, hidden-layers, activation, learning-rate, optimizer, loss, batch-size,
// regularization, regularization-rate, seed, step, speed, points, noise, test-fraction, features, …).
// Values are validated like a URL's: a bad one falls back to its default with a visible notice.
import { mountFigure } from '../mount.js';
import { SETTINGS_SCHEMA } from '../store.js';
import { TRANSPORT_CONTROLS } from '../views/controls.js';
import { adoptFigureStyles } from './styles.js';

const DEFAULT_VIEWS = ['explanation', 'graph', 'table'];
const kebab = (name) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
/**
 * The attribute that carries a setting: its name in kebab-case, except `hidden` (the hidden layers),
 * which would be HTML's global `hidden` attribute and hide the figure: it is `hidden-layers`.
 */
export const attributeName = (setting) => (setting === 'hidden' ? 'hidden-layers' : kebab(setting));
const listOf = (text) => text.split(',').map((item) => item.trim()).filter(Boolean);

/** Training runs shared by name between the figures of one page: name -> Promise<controller>. */
const sharedRuns = new Map();

export class NnFigure extends HTMLElement {
  #figure = null;
  #mounting = null;

  connectedCallback() {
    if (this.#mounting) return;
    adoptFigureStyles(this.ownerDocument);
    this.#mounting = this.#mount().catch((error) => {
      this.dataset.state = 'error';
      this.textContent = `This figure could not start: ${error.message}`;
    });
  }

  disconnectedCallback() {
    this.#figure?.destroy();
    this.#figure = null;
    this.#mounting = null;
  }

  /** The figure's controller, once it has started (for scripts on the host page and tests). */
  get controller() { return this.#figure?.controller ?? null; }
  get ready() { return this.#mounting; }

  settingsFromAttributes() {
    const settings = {};
    for (const entry of SETTINGS_SCHEMA) {
      const value = this.getAttribute(attributeName(entry.name));
      if (value !== null) settings[entry.name] = value;
    }
    return settings;
  }

  async #mount() {
    const views = listOf(this.getAttribute('view') ?? this.getAttribute('views') ?? DEFAULT_VIEWS.join(','));
    const controlsText = this.getAttribute('controls');
    const controls = controlsText === null ? TRANSPORT_CONTROLS : controlsText === 'none' ? false : listOf(controlsText);
    const runName = this.getAttribute('run');
    let controller = null;
    let resolveShared = null;
    if (runName) {
      if (sharedRuns.has(runName)) {
        controller = await sharedRuns.get(runName);
      } else {
        sharedRuns.set(runName, new Promise((resolve) => { resolveShared = resolve; }));
      }
    }
    this.dataset.state = 'loading';
    this.#figure = await mountFigure(this, {
      views,
      controls,
      settingsPanel: this.hasAttribute('settings-panel'),
      settings: this.settingsFromAttributes(),
      controller,
      shortcuts: 'figure',
      layout: 'figure',
    });
    resolveShared?.(this.#figure.controller);
    this.dataset.state = 'ready';
  }
}

if (!customElements.get('nn-figure')) customElements.define('nn-figure', NnFigure);
