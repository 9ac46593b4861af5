// web/src/store.js dataChoice: what choosing a data set brings with it (both settings panels use it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataChoice, REGRESSION_MAX_LEARNING_RATE } from '../../web/src/store.js';

const classifying = { data: 'planar-circle', loss: 'cross-entropy', learningRate: 0.3 };

test('a regression data set brings squared error and a learning rate it does not diverge at', () => {
  assert.deepEqual(dataChoice(classifying, 'planar-plane'),
    { data: 'planar-plane', loss: 'squared-error', learningRate: REGRESSION_MAX_LEARNING_RATE });
  assert.ok(REGRESSION_MAX_LEARNING_RATE <= 0.03);
  // A rate already low enough, and squared error already chosen, are kept.
  assert.deepEqual(dataChoice({ ...classifying, loss: 'squared-error', learningRate: 0.01 }, 'planar-bump'), { data: 'planar-bump' });
});

test('leaving regression brings cross-entropy back; between classification sets only the data changes', () => {
  assert.deepEqual(dataChoice({ data: 'planar-bump', loss: 'squared-error', learningRate: 0.03 }, 'songs8'),
    { data: 'songs8', loss: 'cross-entropy' });
  assert.deepEqual(dataChoice(classifying, 'planar-xor'), { data: 'planar-xor' });
  // Squared error chosen on purpose for a classification set stays.
  assert.deepEqual(dataChoice({ ...classifying, loss: 'squared-error' }, 'songs4'), { data: 'songs4' });
});
