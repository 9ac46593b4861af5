// The iframe route, for blogging platforms that allow only iframes:
//   <iframe src="embed.html?view=graph,table&data=songs4&step=phase"></iframe>
// The query takes the same options as <nn-figure>'s attributes. Only those names are used (so a
// link cannot add an event-handler attribute), and the values are validated by the figure itself.
// The frame tells its parent how tall it is, so the parent can size the iframe:
//   window.addEventListener('message', (e) => { if (e.data?.type === 'algorhythm:height') iframe.style.height = `${e.data.height}px`; });
import { SETTINGS_SCHEMA } from '../store.js';
import { attributeName } from './figure.js';

export const FRAME_OPTIONS = new Set([
  'view', 'views', 'controls', 'run', 'settings-panel', ...SETTINGS_SCHEMA.map((entry) => attributeName(entry.name)),
]);

const figure = document.createElement('nn-figure');
for (const [name, value] of new URLSearchParams(window.location.search)) {
  if (FRAME_OPTIONS.has(name)) figure.setAttribute(name, value.slice(0, 200));
}
document.body.append(figure);

let lastHeight = 0;
new ResizeObserver(() => {
  const height = Math.ceil(document.documentElement.scrollHeight);
  if (height === lastHeight || window.parent === window) return;
  lastHeight = height;
  window.parent.postMessage({ type: 'algorhythm:height', height }, '*');
}).observe(document.body);
