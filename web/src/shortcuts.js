// A figure's keyboard shortcuts: Space play/pause, → step, ← step back, R reset, plus any keys a page
// adds (the melody page: P play/stop the sound, G generate). Keys go to the focused element instead
// when it needs them: text fields, buttons (for Space), and widgets that use the arrow keys.
//
//   const unbind = bindShortcuts(document, controller.actions, { keys: { p: 'toggleSound' } });

/** The actions every figure binds: key (as in KeyboardEvent.key, lower case) → action name. */
const TRANSPORT_KEYS = { ' ': 'togglePlay', spacebar: 'togglePlay', arrowright: 'step', arrowleft: 'stepBack', r: 'reset' };

const SPACE_OWNERS = 'button, a[href], [role="button"], summary';

/** Whether a key press should be left to the focused element rather than go to the figure. */
function leaveToTarget(event, spaceOwners) {
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return false;
  if (target.closest('input, select, textarea, [contenteditable="true"], [contenteditable=""], form')) return true;
  const ownsArrows = target.closest('[aria-keyshortcuts*="Arrow"]:not(button)');
  if (ownsArrows && event.key.startsWith('Arrow')) return true;
  if (event.key === ' ' && target.closest(spaceOwners)) return true;
  return false;
}

/**
 * Binds the shortcuts to `target` (the document, or a figure's element: then they act while focus is
 * inside it); returns a function that unbinds them.
 * @param {EventTarget} target
 * @param {object} actions the controller's actions, called by name
 * @param {{ keys?: object, applicationsOwnSpace?: boolean }} options `keys`: more key → action names
 *   (letters in lower case; upper case works too); `applicationsOwnSpace`: leave Space to focused
 *   role="application" widgets (the melody page's piano roll writes notes with it)
 */
export function bindShortcuts(target, actions, { keys = {}, applicationsOwnSpace = false } = {}) {
  const actionOf = { ...TRANSPORT_KEYS, ...keys };
  const spaceOwners = applicationsOwnSpace ? `${SPACE_OWNERS}, [role="application"]` : SPACE_OWNERS;
  const onKey = (event) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || leaveToTarget(event, spaceOwners)) return;
    const action = actionOf[event.key.toLowerCase()];
    if (!action) return;
    actions[action]();
    event.preventDefault();
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}
