// Whether a view's inputs changed since it last drew: a view lists what it draws from (the snapshot,
// the focused step, its width, …) and skips the redraw when every item is the same object or value as
// last time. The player asks for a redraw at every note, and most views have nothing new to show then.
//
//   const changed = createChangeCheck();
//   update(frame) { if (!changed([frame.snapshot, frame.focus.step, width])) return; … }

export function createChangeCheck() {
  let last = null;
  return (inputs) => {
    const same = last !== null && last.length === inputs.length && inputs.every((value, i) => Object.is(value, last[i]));
    last = inputs;
    return !same;
  };
}
