// What both controllers do with a frame, whatever it holds: draw it in every view, and record its
// snapshot's losses for the loss chart.

/** Hands `frame` to every view; a view that fails is logged and the others still draw. */
export function drawViews(views, frame) {
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
