// The melody page's transport: the feed-forward page's (views/controls.js) for a MelodyRun's step sizes
// (phase, window, epoch), with the numbers that say how a melody is learned.
import { formatCount, formatPercent } from '../../format.js';
import { formatSmall } from '../numbers.js';
import { MELODY_GRANULARITIES } from '../../engine/melody-run.js';
import { TRANSPORT_CONTROLS, createTransportView } from '../../views/controls.js';
import { createChangeCheck } from './changes.js';

const GRANULARITY_LABELS = { phase: 'Phase', window: 'Window', epoch: 'Epoch' };

const MELODY_METRICS = [
  { key: 'loss', title: 'Melody loss', text: ({ snapshot }) => formatSmall(snapshot.trainLoss) },
  { key: 'accuracy', title: 'Next note right', text: ({ snapshot }) => formatPercent(snapshot.trainAccuracy) },
  { key: 'epoch', title: 'Epoch', text: ({ snapshot }) => formatCount(snapshot.epoch + 1) },
  { key: 'updates', title: 'Updates', text: ({ snapshot }) => formatCount(snapshot.updates) },
];

export function createMelodyTransportView(container) {
  const transport = createTransportView(container, {
    controls: TRANSPORT_CONTROLS,
    steps: MELODY_GRANULARITIES.map((value) => ({ value, label: GRANULARITY_LABELS[value] })),
    metrics: MELODY_METRICS,
    playLabels: { play: 'Play training', pause: 'Pause training' },
    className: 'melody-transport',
  });
  // The player asks for a frame at every note; the transport changes only with these.
  const changed = createChangeCheck();
  return {
    update(frame) {
      if (changed([frame.snapshot, frame.settings, frame.playing])) transport.update(frame);
    },
    destroy: transport.destroy,
  };
}
