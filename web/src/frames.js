// What both controllers do with a frame, whatever it holds: draw it in every view, and record its
// snapshot's losses for the loss chart.

import { paceTexts } from './views/writes.js';

/** Hands `frame` to every view; a view that fails is logged and the others still draw. */
export function drawViews(views, frame) {
  paceTexts(frame.playing);
  for (const view of views) {
    try {
      view.update(frame);
    } catch (error) {
      console.error('A view failed to draw:', error);
    }
  }
}

/** A snapshot's reading for the loss history (loss-history.js): its losses and accuracies at its update. */
export function lossReading(snapshot) {
  return {
    step: snapshot.updates,
    trainLoss: snapshot.trainLoss,
    testLoss: snapshot.testLoss,
    trainAccuracy: snapshot.trainAccuracy,
    testAccuracy: snapshot.testAccuracy,
  };
}

/**
 * The part of a frame both controllers build alike (the frame contract in controller.js): the snapshot
 * to draw — a new one from `run` when `fresh` or none was drawn yet — the one drawn before it, the loss
 * history (fed with each new snapshot), the focus, whether to animate, the clock's state and the alert
 * (a diverged run's message first). Pauses `playback` when the run has diverged.
 * @returns {{ fields: object, snapshot: object }} `fields` to spread into the frame; `snapshot`, now the last drawn
 */
export function commonFrame({
  run, last, fresh, animate, duration, focus, alert, actions, playback, lossHistory, reducedMotion, divergedText,
}) {
  const snapshot = fresh || last === null ? run.snapshot() : last;
  if (snapshot.diverged) playback.pause();
  if (lossHistory && (fresh || last === null)) lossHistory.add(lossReading(snapshot));
  const divergedAlert = snapshot.diverged ? { kind: 'diverged', text: snapshot.message || divergedText } : null;
  return {
    snapshot,
    fields: {
      snapshot,
      previous: fresh ? last : snapshot,
      lossHistory: lossHistory ? lossHistory.points() : [],
      focus: Object.freeze({ ...focus }),
      animate: Boolean(animate && fresh && last !== null && !reducedMotion()),
      duration,
      playing: playback.isPlaying(),
      alert: divergedAlert ?? alert,
      actions,
    },
  };
}
