// The range the hidden-state views draw activations over. A tanh unit lies in −1 … 1, but an untrained
// network's units (an LSTM's especially) stay near 0, where a −1 … 1 scale shows nothing; so the waves
// and the unrolled network's cells zoom to the smallest of ±0.25, ±0.5, ±1 that holds every value
// computed so far, and say which.

export const HIDDEN_SCALES = [0.25, 0.5, 1];

/** The half-range (0.25, 0.5 or 1) that holds the carried-in state and the first `knownSteps` states. */
export function hiddenScale(snapshot, hiddenUnits, knownSteps) {
  let largest = 0;
  const end = Math.min(snapshot.hidden.length, knownSteps * hiddenUnits);
  for (let i = 0; i < end; i += 1) largest = Math.max(largest, Math.abs(snapshot.hidden[i]));
  for (const value of snapshot.initialHidden) largest = Math.max(largest, Math.abs(value));
  return HIDDEN_SCALES.find((scale) => largest <= scale) ?? 1;
}
