// The story page (examples/index.html, "Read the story, with live figures"): what its prose promises
// of the figures beside it, checked against the engine. Every figure starts; the four songs are never
// separated however long the perceptron plays, while the eight songs are; the slow-motion figure takes
// one song through forward, loss, backward and update with the engine's numbers in the graph; the
// shared pair steps together; the hidden-layer figure stands its heat map beside its network (stacked
// on a phone); the closing section links to the melody page, which loads; and the shared pair stays a
// pair at phone width, its cards whole inside the screen (on a tablet too). Screenshots go to tests/browser/artifacts/story-*.png.
//
//   node --test tests/browser/story.test.mjs      (after scripts/build; about a minute)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, withPage, waitForStart, artifactPath } from './harness.mjs';

const STORY = '/examples/index.html';

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser?.close(); });

/** Waits until every figure on the page is ready (or fails with what the page logged). */
function waitForFigures(view) {
  return waitForStart(view, () => {
    const figures = document.querySelectorAll('nn-figure');
    return figures.length > 0 && [...figures].every((figure) => figure.dataset.state === 'ready');
  }, { what: 'every figure on the story page' });
}

/** body(view) on the story page once every figure on it is ready. */
function withStory(options, body) {
  return withPage(browser, STORY, options, async (view) => {
    await waitForFigures(view);
    return body(view);
  });
}

/**
 * What a figure shows now: the engine's epoch, how many rows the engine's outputs put on the wrong
 * side of 0.5, and what the cube drew (its verdict and the points it marks as wrong).
 */
function cubeState(page, selector) {
  return page.evaluate((where) => {
    const figure = document.querySelector(where);
    const { controller } = figure;
    const snapshot = controller.snapshot();
    const { targets } = controller.run.data();
    let engineWrong = 0;
    snapshot.rowOutputs.forEach((output, row) => { if ((output >= 0.5) !== (targets[row] >= 0.5)) engineWrong += 1; });
    const verdict = figure.querySelector('.cube-view__verdict');
    return {
      epoch: snapshot.epoch,
      rows: targets.length,
      engineWrong,
      separable: verdict.getAttribute('data-separable'),
      verdict: verdict.textContent,
      drawnWrong: figure.querySelectorAll('.cube-point--wrong').length,
    };
  }, selector);
}

const pressPlay = (page, selector) => page.click(`${selector} [data-control="play"]`);

test('the story page: every figure starts, and the melody link leads to a page that loads', async () => {
  await withPage(browser, STORY, {}, async (view) => {
    await waitForFigures(view);
    const { page } = view;
    const figures = await page.locator('nn-figure').count();
    assert.ok(figures >= 6, `the story has ${figures} figures`);
    const link = page.locator('#melody a[href$="melody.html"]');
    assert.equal(await link.count(), 1, 'the closing section links to the melody page');
    assert.match(await page.textContent('#melody'), /unrolled through time/, 'it names what changes');
    assert.match(await page.textContent('#melody'), /hidden state/);
    await link.click();
    await page.waitForURL(/\/melody\.html$/);
    await waitForStart(view, () => window.__melody && document.querySelector('.step-column'), { what: 'the melody page, reached from the story' });
    assert.deepEqual(view.failedRequests, [], 'failed requests');
  });
});

/**
 * Before it plays, the four-songs figure (which steps by epoch) says what Step does there, an epoch,
 * and its learning cycle counts what one Step runs: not "show it a song", one phase a press.
 */
async function checkTheFourSongsReadyText(page) {
  const { text, stages } = await page.evaluate(() => {
    const figure = document.querySelector('#four-songs nn-figure');
    return {
      text: figure.querySelector('.explanation-text').textContent,
      stages: [...figure.querySelectorAll('.phase-cycle li')].map((li) => li.textContent),
    };
  });
  assert.match(text, /Press Step to train on all four songs once/);
  assert.doesNotMatch(text, /show it a song/);
  assert.deepEqual(stages.slice(0, 3), ['Forward ×4', 'Loss ×4', 'Backward ×4'], 'one Step runs each song forward, through the loss and backward');
  assert.match(stages[3], /^Update ×\d+$/);
}

/** The four songs stay on the wrong side however long the perceptron plays; the eight songs are separated. */
async function checkThePlanes(page) {
  const fourSongs = '#four-songs nn-figure';
  const eightSongs = '#better-songs nn-figure';

  // Playing panels off screen skip drawing, so the figure is kept in view while it plays.
  await page.locator(fourSongs).scrollIntoViewIfNeeded();
  const start = await cubeState(page, fourSongs);
  assert.equal(start.rows, 4, 'four songs');
  await pressPlay(page, fourSongs);
  const samples = [];
  while (samples.length === 0 || samples.at(-1).epoch < 100) {
    await page.waitForTimeout(250);
    samples.push(await cubeState(page, fourSongs));
    assert.ok(samples.length < 240, `the four-songs figure played only ${samples.at(-1).epoch} epochs in a minute`);
  }
  await pressPlay(page, fourSongs); // pause
  await page.waitForTimeout(200);
  samples.push(await cubeState(page, fourSongs));
  for (const sample of samples) {
    assert.ok(sample.engineWrong >= 1, `epoch ${sample.epoch}: the engine put every one of the four songs on its side`);
    assert.equal(sample.separable, 'false', `epoch ${sample.epoch}: ${sample.verdict}`);
  }
  const paused = samples.at(-1);
  assert.equal(paused.drawnWrong, paused.engineWrong, 'the cube marks the songs the engine gets wrong');
  assert.match(paused.verdict, /No flat plane can separate/);
  await page.screenshot({ path: artifactPath('story-four-songs.png') });

  await page.locator(eightSongs).scrollIntoViewIfNeeded();
  const eightStart = await cubeState(page, eightSongs);
  assert.equal(eightStart.rows, 8, 'eight songs');
  const planeBefore = await page.evaluate((where) => Array.from(document.querySelector(where).controller.snapshot().parameters), eightSongs);
  await pressPlay(page, eightSongs);
  await page.waitForFunction((where) => document.querySelector(`${where} .cube-view__verdict`).getAttribute('data-separable') === 'true',
    eightSongs, { timeout: 30_000 });
  await pressPlay(page, eightSongs); // pause
  await page.waitForTimeout(200);
  const separated = await cubeState(page, eightSongs);
  assert.equal(separated.engineWrong, 0, 'the engine puts every one of the eight songs on its side');
  assert.equal(separated.drawnWrong, 0, 'and the cube marks none as wrong');
  assert.equal(separated.separable, 'true', separated.verdict);
  const planeAfter = await page.evaluate((where) => Array.from(document.querySelector(where).controller.snapshot().parameters), eightSongs);
  assert.notDeepEqual(planeAfter, planeBefore, 'the plane moved');
  await page.screenshot({ path: artifactPath('story-eight-songs.png') });
}

/** A number as the graph writes it ('−0.406', '∂ 0.612', 'Δ −0.155'), or NaN when there is none. */
const shownNumber = (text) => Number((text ?? '').replace(/[∂Δ\s]/g, '').replace(/\u2212/g, '-') || NaN);
const near = (shown, actual) => Math.abs(shown - actual) <= 0.001 + 0.01 * Math.abs(actual);

/** Four Steps in the slow-motion figure take one song through forward, loss, backward and update, with the engine's numbers. */
async function checkTheSlowMotionStep(page) {
  const figure = '#one-step nn-figure';
  const read = () => page.evaluate((where) => {
    const root = document.querySelector(where);
    const { controller } = root;
    const s = controller.snapshot();
    const layer = controller.run.shape().layers[0];
    const node = (id, part) => root.querySelector(`.panel-graph g.node[data-node="${id}"] text.${part}`)?.textContent ?? null;
    const weights = [0, 1, 2].map((i) => layer.weightOffset + i);
    return {
      phase: root.querySelector('.phase-badge').getAttribute('data-phase'),
      explanationNumbers: root.querySelectorAll('.explanation-text .number').length,
      engine: {
        sum: s.weightedSums[0], prediction: s.activations[0], loss: s.exampleLoss,
        gradients: weights.map((k) => s.gradients[k]), updates: weights.map((k) => s.lastUpdates[k]), weights: weights.map((k) => s.parameters[k]),
      },
      shown: {
        sum: node('sum', 'value'), prediction: node('activation', 'value'), loss: node('loss', 'value'),
        gradients: [0, 1, 2].map((i) => node(`weight-${i}`, 'gradient')),
        updates: [0, 1, 2].map((i) => node(`weight-${i}`, 'update')),
        weights: [0, 1, 2].map((i) => node(`weight-${i}`, 'value')),
      },
    };
  }, figure);

  await page.locator(figure).scrollIntoViewIfNeeded();
  const seen = [];
  for (let press = 0; press < 4; press += 1) {
    await page.click(`${figure} [data-control="step"]`);
    await page.waitForTimeout(900); // a step by hand animates for 650 ms
    const state = await read();
    seen.push(state.phase);
    assert.ok(state.explanationNumbers > 0, `the ${state.phase} explanation has numbers`);
    const { engine, shown } = state;
    if (state.phase === 'forward') {
      assert.ok(near(shownNumber(shown.sum), engine.sum), `sum z: shown ${shown.sum}, engine ${engine.sum}`);
      assert.ok(near(shownNumber(shown.prediction), engine.prediction), `prediction: shown ${shown.prediction}, engine ${engine.prediction}`);
    } else if (state.phase === 'loss') {
      assert.ok(near(shownNumber(shown.loss), engine.loss), `loss: shown ${shown.loss}, engine ${engine.loss}`);
    } else if (state.phase === 'backward') {
      engine.gradients.forEach((gradient, i) => assert.ok(near(shownNumber(shown.gradients[i]), gradient), `weight ${i}'s gradient: shown ${shown.gradients[i]}, engine ${gradient}`));
    } else if (state.phase === 'update') {
      engine.updates.forEach((change, i) => assert.ok(near(shownNumber(shown.updates[i]), change), `weight ${i}'s change: shown ${shown.updates[i]}, engine ${change}`));
      assert.ok(engine.updates.some((change) => change !== 0), 'some weight moved');
    }
    await page.locator(figure).screenshot({ path: artifactPath(`story-step-${press + 1}-${state.phase}.png`) });
  }
  assert.deepEqual(seen, ['forward', 'loss', 'backward', 'update'], 'four presses: one song round the loop');
}

/** The shared pair steps together: one song, one update, per Step in either figure; side by side or stacked close. */
async function checkTheSharedPair(page, width) {
  const state = () => page.evaluate(() => {
    const [graph, loss] = document.querySelectorAll('#shared nn-figure');
    const box = (element) => element.getBoundingClientRect();
    return {
      same: graph.controller === loss.controller,
      ticks: [graph.controller.snapshot().tick, loss.controller.snapshot().tick],
      updates: graph.controller.snapshot().updates,
      lossSays: loss.querySelector('.explanation-where').textContent,
      graphBox: { top: box(graph).top, bottom: box(graph).bottom }, lossBox: { top: box(loss).top },
    };
  });
  const start = await state();
  assert.equal(start.same, true, 'the two figures share one controller');
  await page.click('#shared nn-figure:first-of-type [data-control="step"]');
  const afterLeft = await state();
  await page.click('#shared nn-figure:last-of-type [data-control="step"]');
  await page.waitForTimeout(200);
  const afterRight = await state();
  assert.ok(afterLeft.ticks[0] > start.ticks[0], 'Step in the graph figure steps the run');
  assert.ok(afterRight.ticks[0] > afterLeft.ticks[0], 'Step in the loss figure steps it too');
  for (const { ticks } of [start, afterLeft, afterRight]) assert.equal(ticks[0], ticks[1]);
  assert.equal(afterRight.updates, 2, 'one song, one update, per Step');
  assert.match(afterRight.lossSays, /2 updates/, 'the loss figure says how far the run has gone');

  if (width >= 960) {
    assert.ok(Math.abs(afterRight.graphBox.top - afterRight.lossBox.top) < 2, 'side by side on a wide screen');
    // Scrolled down to the foot of the tall graph, the loss figure and its Step are still in view.
    const inView = await page.evaluate(() => {
      const [graph, loss] = document.querySelectorAll('#shared nn-figure');
      window.scrollTo(0, graph.getBoundingClientRect().bottom + scrollY - innerHeight + 20);
      const step = loss.querySelector('[data-control="step"]').getBoundingClientRect();
      const chart = loss.querySelector('.panel-loss').getBoundingClientRect();
      return { graphTop: graph.getBoundingClientRect().top, step: step.top >= 0 && step.bottom <= innerHeight, chart: chart.top >= 0 && chart.bottom <= innerHeight };
    });
    assert.ok(inView.graphTop < 0, `the graph is taller than the window, scrolled (its top at ${inView.graphTop} px)`);
    assert.ok(inView.step && inView.chart, 'the loss figure\'s Step and chart stay in view beside the foot of the graph');
  } else {
    const gap = afterRight.lossBox.top - afterRight.graphBox.bottom;
    assert.ok(gap >= 0 && gap <= 40, `one above the other, close enough to read as a pair on a phone (gap ${gap} px)`);
  }
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, `sideways scrolling at ${width} px`);
  await page.locator('#shared').screenshot({ path: artifactPath(`story-shared-${width}.png`) });
}

/**
 * The hidden-layer figure uses its width: in the article's wide column, or on a tablet, the heat map
 * stands beside the network, their tops in line, the two filling the figure from edge to edge (not a
 * 300 px heat map above an empty half-row); on a phone they stack, heat map first, each the figure's
 * full width.
 */
async function checkTheHiddenLayerFigure(page, width) {
  const { figure, boundary, network, loss, networkTitle, networkBody } = await page.evaluate(() => {
    const root = document.querySelector('#hidden-layer nn-figure');
    const box = (element) => { const { left, right, top, bottom } = element.getBoundingClientRect(); return { left, right, top, bottom }; };
    return {
      figure: box(root.querySelector('.figure-stage')),
      ...Object.fromEntries(['boundary', 'network', 'loss'].map((name) => [name, box(root.querySelector(`.panel-${name}`))])),
      networkTitle: box(root.querySelector('.panel-network .panel-title')),
      networkBody: box(root.querySelector('.panel-network .panel-body')),
    };
  });
  const spans = (panel) => Math.abs(panel.left - figure.left) < 1 && Math.abs(panel.right - figure.right) < 1;
  if (width >= 768) {
    assert.ok(boundary.right < network.left, `the heat map (to ${boundary.right} px) is left of the network (from ${network.left} px)`);
    assert.ok(Math.abs(boundary.top - network.top) < 1, 'their tops line up');
    assert.ok(Math.abs(boundary.left - figure.left) < 1 && Math.abs(network.right - figure.right) < 1, 'together they fill the figure');
    assert.ok(network.right - network.left >= 350, `the network has room for its drawing (${network.right - network.left} px)`);
    const above = networkBody.top - networkTitle.bottom;
    const below = network.bottom - networkBody.bottom;
    assert.ok(Math.abs(above - below) < 40, `the network is drawn mid-card beside the taller heat map (${above} px above it, ${below} px below)`);
  } else {
    assert.ok(network.top >= boundary.bottom, 'the network is under the heat map');
    assert.ok(spans(boundary) && spans(network), 'each the figure\'s full width');
  }
  assert.ok(loss.top >= Math.max(boundary.bottom, network.bottom) && spans(loss), 'the loss chart under both, the full width');
  await page.locator('#hidden-layer nn-figure').screenshot({ path: artifactPath(`story-hidden-layer-${width}.png`) });
}

/**
 * Where the post fills the window, every figure's cards stand whole inside it: their borders and
 * rounded corners a little way in from the screen's edges, not cut off by them.
 */
async function checkTheCardsStandInside(page, width) {
  const cards = await page.evaluate(() => [...document.querySelectorAll('nn-figure .panel')]
    // a card: a panel drawn with a border (a figure's transport is a bare row of buttons)
    .filter((panel) => panel.getClientRects().length > 0 && parseFloat(getComputedStyle(panel).borderTopWidth) > 0)
    .map((panel) => {
      const { left, right } = panel.getBoundingClientRect();
      return { name: panel.className, left, right };
    }));
  const edge = await page.evaluate(() => document.documentElement.clientWidth);
  assert.ok(cards.length >= 10, `the story's figures have ${cards.length} cards`);
  for (const { name, left, right } of cards) {
    assert.ok(left >= 6 && right <= edge - 6, `${width} px: a card (${name}) spans ${left}–${right} px of the ${edge} px screen`);
  }
}

// One page load for every claim at desktop width (a load starts six figures, seconds on a busy machine).
test('at 1280 px the figures do what the prose says', async (t) => {
  await withStory({ viewport: { width: 1280, height: 900 } }, async ({ page }) => {
    await t.test('the four-songs figure says that Step trains on all four songs, an epoch', () => checkTheFourSongsReadyText(page));
    await t.test('the four songs stay on the wrong side however long the perceptron plays; the eight songs are separated', () => checkThePlanes(page));
    await t.test('the slow-motion figure takes one song through forward, loss, backward and update, with the engine’s numbers', () => checkTheSlowMotionStep(page));
    await t.test('the shared pair steps together, side by side', () => checkTheSharedPair(page, 1280));
    await t.test('the hidden-layer figure stands its heat map beside its network', () => checkTheHiddenLayerFigure(page, 1280));
  });
});

test('at 375 px the shared pair steps together and stays a pair, one figure close above the other; the heat map is above the network; the cards stand whole inside the screen', async () => {
  await withStory({ viewport: { width: 375, height: 800 } }, async ({ page }) => {
    await checkTheSharedPair(page, 375);
    await checkTheHiddenLayerFigure(page, 375);
    await checkTheCardsStandInside(page, 375);
  });
});

test('at 768 px (a tablet) the hidden-layer figure still stands its heat map beside its network; the cards stand whole inside the screen', async () => {
  await withStory({ viewport: { width: 768, height: 1000 } }, async ({ page }) => {
    await checkTheHiddenLayerFigure(page, 768);
    await checkTheCardsStandInside(page, 768);
  });
});
