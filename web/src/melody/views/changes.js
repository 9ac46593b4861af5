// Whether a view's inputs changed since it last drew: a view lists what it draws from (the snapshot,
// the focused step, its width, …) and skips the redraw when every item is the same object or value as
// last time. The player asks for a redraw at every note, and most views have nothing new to show then.
//
//   const changed = createChangeCheck();
//   update(frame) { if (!changed([frame.snapshot, frame.focus.step, width])) return; … }
//
// redrawOnChange does that for a view drawn whole at its container's width, and redraws it on a resize.
import { setAttribute, setText as setNodeText } from '../../views/writes.js';

export function createChangeCheck() {
  let last = null;
  return (inputs) => {
    const same = last !== null && last.length === inputs.length && inputs.every((value, i) => Object.is(value, last[i]));
    last = inputs;
    return !same;
  };
}

/**
 * Like d3's selection.text(value), but leaves a node alone when its text is already right: replacing a
 * text node makes the browser lay the text out again, which costs far more than the comparison.
 */
export function setText(selection, value) {
  return selection.each(function (datum, index, group) {
    setNodeText(this, typeof value === 'function' ? value.call(this, datum, index, group) : value);
  });
}

/**
 * Sizes an <svg> (width, height and a matching viewBox) only when the size changes: setting an SVG
 * root's size, even to the same value, makes the browser lay out everything inside it again.
 */
export function setSvgSize(svg, width, height) {
  const node = svg.node();
  setAttribute(node, 'width', width);
  setAttribute(node, 'height', height);
  setAttribute(node, 'viewBox', `0 0 ${width} ${height}`);
  return svg;
}

/**
 * The redraws of a view drawn whole at its container's width: update(frame) draws the frame when
 * anything the view draws from (inputsOf(frame), a list: the snapshot, the focused step, …) or the
 * width changed since the last draw, and otherwise only keeps it (e.g. the player moved to the next
 * note); a change of width draws the frame kept again. draw(frame) reads the width from width();
 * frame() is the frame last given, for the view's event handlers (null after disconnect()).
 */
export function redrawOnChange(container, fallbackWidth, inputsOf, draw) {
  let frame = null;
  const changed = createChangeCheck();
  const widthWatch = watchWidth(container, fallbackWidth, () => {
    if (frame) draw(frame);
  });
  return {
    update(next) {
      frame = next;
      if (changed([...inputsOf(next), widthWatch.width()])) draw(next);
    },
    width: widthWatch.width,
    frame: () => frame,
    disconnect() {
      widthWatch.disconnect();
      frame = null;
    },
  };
}

/**
 * Calls onResize(width) when the container's width changes by 2 px or more (widths under 1 px, as
 * while the container is hidden, are ignored). Starts from the container's width, or `fallback`.
 * Returns { width(): the current width, disconnect() }.
 */
export function watchWidth(container, fallback, onResize) {
  let width = container.clientWidth || fallback;
  const observer = typeof ResizeObserver === 'function'
    ? new ResizeObserver((entries) => {
      const next = Math.round(entries[0].contentRect.width);
      if (next > 0 && Math.abs(next - width) >= 2) {
        width = next;
        onResize(width);
      }
    })
    : null;
  observer?.observe(container);
  return { width: () => width, disconnect: () => observer?.disconnect() };
}
