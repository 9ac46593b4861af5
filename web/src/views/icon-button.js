// The round buttons with an icon and a label of the transports (play, step, …) and of the melody
// page's sound controls. The label hides on very small screens, not for readers.
//
//   iconButton(parent, { name: 'step', label: 'Step', icon: 'step', shortcut: 'ArrowRight' })

/** SVG paths in a 20 × 20 box. */
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

/** How a shortcut (a KeyboardEvent.key) is written in a button's title. */
const SHORTCUT_NAMES = { ' ': 'Space', ArrowRight: '→', ArrowLeft: '←' };

/**
 * Appends a button to the d3 selection `parent`; returns its selection.
 * @param {{ name: string, label: string, icon: string, shortcut?: string }} options `name` becomes its
 *   class and data-control; `icon` a key of ICONS; `shortcut` its key (aria-keyshortcuts and title)
 */
export function iconButton(parent, { name, label, icon, shortcut }) {
  const button = parent.append('button').attr('type', 'button').attr('class', `transport-button ${name}`)
    .attr('data-control', name);
  if (shortcut) button.attr('aria-keyshortcuts', shortcut).attr('title', `${label} (${SHORTCUT_NAMES[shortcut] ?? shortcut})`);
  button.append('svg').attr('viewBox', '0 0 20 20').attr('aria-hidden', 'true').attr('class', 'icon')
    .append('path').attr('d', ICONS[icon]);
  button.append('span').attr('class', 'button-label').text(label);
  return button;
}
