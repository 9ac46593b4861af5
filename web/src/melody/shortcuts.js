// The melody page's keyboard shortcuts, on the whole document: Space play/pause training, → step,
// ← step back, R reset, P play/stop the sound, G generate a melody. Keys go to the focused element
// instead when it needs them (text fields, buttons for Space, widgets that use the arrow keys), as on
// the feed-forward page (mount.js).

/** Whether a key press belongs to the focused element rather than to the page. */
function leaveToTarget(event) {
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return false;
  if (target.closest('input, select, textarea, [contenteditable="true"], [contenteditable=""], form')) return true;
  const ownsArrows = target.closest('[aria-keyshortcuts*="Arrow"]:not(button)');
  if (ownsArrows && event.key.startsWith('Arrow')) return true;
  if (event.key === ' ' && target.closest('button, a[href], [role="button"], summary, [role="application"]')) return true;
  return false;
}

/** Binds the shortcuts to `target` (the document by default); returns a function that unbinds them. */
export function bindMelodyShortcuts(actions, target = document) {
  const onKey = (event) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || leaveToTarget(event)) return;
    const key = event.key;
    if (key === ' ' || key === 'Spacebar') actions.togglePlay();
    else if (key === 'ArrowRight') actions.step();
    else if (key === 'ArrowLeft') actions.stepBack();
    else if (key === 'r' || key === 'R') actions.reset();
    else if (key === 'p' || key === 'P') actions.toggleSound();
    else if (key === 'g' || key === 'G') actions.generate();
    else return;
    event.preventDefault();
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}
