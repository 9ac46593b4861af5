// Views off screen sit out the frames drawn while the network plays, and catch up with the latest one
// as they come back into view, so a reader scrolling down finds them current. Only playing frames are
// skipped: a step by hand, a pause or an edit draws every view, wherever it is. The element carries the
// class `off-screen` while it is away, so that the stylesheet can spare the browser its rendering too
// (app.css: only while playing).
//
//   const view = skipWhileOffScreen(createNetworkView(container), panelElement);
//   view.update(frame); … view.destroy();

/** How near the window a view counts as on screen: it is drawn before it scrolls into sight. */
const MARGIN = '200px';

/** Calls onChange(visible) whenever `element` comes near the window or leaves it; returns a stop function. */
function observeVisibility(element, onChange) {
  if (typeof IntersectionObserver !== 'function') return () => {};
  const observer = new IntersectionObserver((entries) => onChange(entries.at(-1).isIntersecting), { rootMargin: MARGIN });
  observer.observe(element);
  return () => observer.disconnect();
}

/**
 * The view, drawing only the playing frames that happen while `element` is on screen (or near it).
 * @param {{update(frame): void, destroy(): void}} view
 * @param {Element} element what must be on screen: the view's panel
 * @param {{observe?: (element, onChange: (visible: boolean) => void) => () => void}} options
 */
export function skipWhileOffScreen(view, element, { observe = observeVisibility } = {}) {
  let onScreen = true;           // until the observer says otherwise
  let missed = null;             // the latest frame skipped, drawn when the view comes back
  const stop = observe(element, (visible) => {
    onScreen = visible;
    element.classList.toggle('off-screen', !visible);
    if (visible && missed !== null) {
      const frame = missed;
      missed = null;
      view.update(frame);
    }
  });
  return {
    ...view,
    update(frame) {
      if (frame.playing && !onScreen) {
        missed = frame;
        return;
      }
      missed = null;
      view.update(frame);
    },
    destroy() {
      stop();
      view.destroy();
    },
  };
}
