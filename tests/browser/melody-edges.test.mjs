// The melody page (melody.html) at its edges, in Chromium with the real engine: a run whose numbers
// stop being numbers is drawn empty and explained, never drawn or composed as garbage; a trained
// network's small loss and gradients keep their significant digits; a link whose melody the engine
// refuses falls back to the default tune and the address bar says so; a link's ignored settings are
// named by their labels.
//
//   node --test tests/browser/melody-edges.test.mjs      (after scripts/build)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, withPage, waitForStart } from './harness.mjs';
import { formatSmall } from '../../web/src/melody/numbers.js';

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser?.close(); });

/** body(view) on melody.html (with a hash) once its first frame is drawn; no console or page error. */
function withMelody(hash, body) {
  return withPage(browser, `/melody.html${hash}`, {}, async (view) => {
    await waitForStart(view, () => window.__melody && document.querySelector('.step-column'), { what: 'the melody page', timeout: 20000 });
    await body(view);
  });
}

const STOPPED = 'Training stopped: a weight became infinite at update 3. Press Reset.';

/**
 * Makes the page's run report divergence from now on, its every number NaN, as the engine's snapshot
 * would after a weight became infinite (the real engine's bounded gradients make that hard to reach by
 * training alone: a learning rate of 10 leaves the loss large but finite).
 */
function divergeFromNow(page) {
  return page.evaluate((message) => {
    const { run } = window.__melody.controller;
    const real = run.snapshot.bind(run);
    run.snapshot = () => {
      const snapshot = { ...real() };
      for (const [key, value] of Object.entries(snapshot)) {
        if (value instanceof Float32Array || value instanceof Float64Array) snapshot[key] = value.map(() => Number.NaN);
      }
      return Object.freeze({
        ...snapshot, diverged: true, message, trainLoss: Number.NaN, trainAccuracy: Number.NaN, windowLoss: Number.NaN, gradientNorm: Number.NaN,
      });
    };
    Object.defineProperty(run, 'diverged', { get: () => true, configurable: true });
  }, STOPPED);
}

test('a diverged run is explained and drawn empty: no NaN drawn, no guess claimed, nothing composed', async () => {
  await withMelody('#step=window', async ({ page }) => {
    await page.evaluate(() => window.__melody.controller.step(2, { animate: false }));
    await divergeFromNow(page);
    await page.evaluate(() => window.__melody.controller.step(1, { animate: false }));

    assert.equal(await page.locator('.melody-explanation .phase-badge').textContent(), 'Stopped');
    assert.equal(await page.locator('.melody-explanation .explanation-text').textContent(), STOPPED);
    const drawn = await page.evaluate(() => {
      const figure = document.querySelector('.melody-page');
      const badAttributes = [];
      for (const element of figure.querySelectorAll('*')) {
        for (const attribute of element.attributes) if (/NaN|Infinity/.test(attribute.value)) badAttributes.push(`${element.tagName} ${attribute.name}`);
      }
      const texts = (selector) => Array.from(figure.querySelectorAll(selector), (node) => node.textContent);
      return {
        badAttributes,
        nanText: /NaN|Infinity/.test(figure.textContent.replace(/Training stopped:[^.]*\./g, '')),
        filledCells: figure.querySelectorAll('.unrolled-view .cell:not(.empty)').length,
        guesses: texts('.unrolled-view .output-node .guess').filter(Boolean),
        computedColumns: figure.querySelectorAll('.unrolled-view .step-column.computed').length,
        wavePoints: figure.querySelectorAll('.waves-view .wave-dots circle').length,
        ghosts: figure.querySelectorAll('.piano-roll--tune .ghost-note').length,
        tuneCaption: figure.querySelector('.piano-roll--tune .piano-roll-caption').textContent,
        generateDisabled: figure.querySelector('[data-control="generate"]').disabled,
        soundStatus: figure.querySelector('.sound-status').textContent,
      };
    });
    assert.deepEqual(drawn.badAttributes, [], 'no attribute holds NaN');
    assert.equal(drawn.nanText, false, 'no text says NaN but the engine’s message');
    assert.equal(drawn.filledCells, 0, 'no hidden-state cell is coloured from a NaN');
    assert.deepEqual(drawn.guesses, [], 'no column claims a guess');
    assert.equal(drawn.computedColumns, 0);
    assert.equal(drawn.wavePoints, 0, 'no wave point');
    assert.equal(drawn.ghosts, 0, 'no wrong guess drawn on the tune');
    assert.match(drawn.tuneCaption, /guesses cannot be read/);
    assert.equal(drawn.generateDisabled, true, 'Generate waits for Reset');
    assert.match(drawn.soundStatus, /cannot compose: press Reset/);

    // Asked anyway (the G key), the controller composes nothing.
    await page.keyboard.press('g');
    assert.equal(await page.evaluate(() => window.__melody.composition()), null, 'nothing composed from a diverged network');
    assert.equal(await page.locator('.piano-roll--composition .roll-note').count(), 0);
  });
});

test('a trained network’s small loss and gradients keep their significant digits', async () => {
  await withMelody('#step=epoch', async ({ page }) => {
    await page.evaluate(() => {
      window.__melody.controller.step(300, { animate: false });
      window.__melody.controller.actions.generate();
    });
    const shown = await page.evaluate(() => {
      const s = window.__melody.controller.snapshot();
      const text = (selector) => document.querySelector(selector).textContent;
      return {
        trainLoss: s.trainLoss,
        gradientNorm: s.gradientNorm,
        updates: s.updates,
        norms: Array.from(s.hiddenGradientNorms),
        explanation: text('.melody-explanation .explanation-text'),
        metric: text('.melody-transport dd[data-metric="loss"]'),
        gradients: Array.from(document.querySelectorAll('.unrolled-view .gradient-bar .gradient-value'), (node) => node.textContent),
        composition: text('.piano-roll--composition .piano-roll-caption'),
        tune: text('.piano-roll--tune .piano-roll-caption'),
        ghosts: document.querySelectorAll('.piano-roll--tune .ghost-note').length,
      };
    });
    assert.ok(shown.trainLoss > 0 && shown.trainLoss < 0.005, `trained far enough that two decimals show nothing: ${shown.trainLoss}`);
    assert.ok(shown.explanation.includes(`the loss is now ${formatSmall(shown.trainLoss, 2)},`), shown.explanation);
    assert.ok(shown.explanation.includes(`(size ${formatSmall(shown.gradientNorm, 2)})`), shown.explanation);
    assert.doesNotMatch(shown.explanation, /\b0\.00(?!\d)/, 'no small number written as 0.00');
    assert.equal(shown.metric, formatSmall(shown.trainLoss));
    assert.deepEqual(shown.gradients, shown.norms.map((norm) => formatSmall(norm)));
    assert.ok(shown.gradients.every((text) => text !== '0.000'), shown.gradients.join(' '));
    assert.match(shown.composition, /composed after 1,800 updates/, 'the count with its thousands separator');
    assert.equal(shown.updates, 1800);
    // Every next note guessed right: the caption says so instead of pointing at dashed outlines that are not there.
    assert.equal(shown.ghosts, 0);
    assert.match(shown.tune, /the network guesses every next note right \(41 of 41\)/, shown.tune);
    assert.doesNotMatch(shown.tune, /dashed outlines/, shown.tune);
  });
});

test('a link whose melody the engine refuses falls back to the default tune, and the address bar follows', async () => {
  await withMelody('#tune=custom&notes=60&durations=4&hidden=4', async ({ page }) => {
    const state = await page.evaluate(() => ({
      hash: location.hash,
      settings: window.__melody.store.get(),
      notes: window.__melody.controller.run.melody().pitches.length,
      notice: document.querySelector('.figure-notice').textContent,
      noticeHidden: document.querySelector('.figure-notice').hidden,
    }));
    assert.equal(state.settings.tune, 'twinkle');
    assert.equal(state.settings.hidden, 4, 'the link’s other settings are kept');
    assert.ok(state.notes > 2, 'the default tune is learned');
    assert.equal(state.hash, '#hidden=4', 'the address bar reproduces what the page shows');
    assert.equal(state.noticeHidden, false);
    assert.match(state.notice, /The melody in the link could not be learned \(.*at least 2 notes.*\), so the default tune is used\./);
  });
});

test('a link with both an ignored setting and a refused melody says both', async () => {
  await withMelody('#tune=custom&notes=60&durations=4&optimizer=evil', async ({ page }) => {
    const notice = await page.locator('.figure-notice').textContent();
    assert.match(notice, /optimizer “evil”/, notice);
    assert.match(notice, /The melody in the link could not be learned/, notice);
  });
});

test('a link’s ignored settings are named by their labels', async () => {
  await withMelody('#learningRate=NaN&sampleSeed=x&gradientClip=-1', async ({ page }) => {
    const notice = await page.locator('.figure-notice').textContent();
    assert.match(notice, /learning rate “NaN”/, notice);
    assert.match(notice, /composition seed “x”/, notice);
    assert.match(notice, /gradient clipping “-1”/, notice);
    assert.doesNotMatch(notice, /learningRate|sampleSeed|gradientClip/, notice);
  });
});

test('stepping back over a change of the learning settings undoes it in the settings too; stepping forward redoes it', async () => {
  await withMelody('', async ({ page }) => {
    const shown = () => page.evaluate(() => {
      const { store, controller } = window.__melody;
      const field = (name) => document.querySelector(`.melody-settings input[name="${name}"]`).value;
      return {
        learningRate: store.get().learningRate,
        optimizer: store.get().optimizer,
        hash: location.hash,
        field: field('learningRate'),
        phase: controller.snapshot().phase,
        engineRate: Number(controller.run.settings().hyper.learningRate.toPrecision(7)),
      };
    });
    await page.evaluate(() => window.__melody.controller.step(3, { animate: false }));
    await page.evaluate(() => window.__melody.controller.actions.setSettings({ learningRate: 0.5, optimizer: 'sgd' }));
    const changed = await shown();
    assert.deepEqual([changed.learningRate, changed.optimizer, changed.phase, changed.engineRate], [0.5, 'sgd', 'edit', 0.5]);

    await page.evaluate(() => window.__melody.controller.actions.stepBack());
    const undone = await shown();
    assert.equal(undone.engineRate, 0.03, 'the engine trains at the old rate again');
    assert.equal(undone.learningRate, 0.03, 'and the settings say so');
    assert.equal(undone.optimizer, 'adam');
    assert.equal(undone.field, '0.03', 'the field shows the rate that trains next');
    assert.equal(undone.hash, '', 'the address bar reproduces the run');

    await page.evaluate(() => window.__melody.controller.step(1, { animate: false }));
    const redone = await shown();
    assert.deepEqual([redone.phase, redone.engineRate, redone.learningRate, redone.optimizer], ['edit', 0.5, 0.5, 'sgd']);
    assert.match(redone.hash, /learningRate=0\.5/);
  });
});

/** body(view) on melody.html with `initScript` run before the page's scripts (e.g. to take Web Audio away). */
function withMelodyAndScript(hash, initScript, body) {
  return withPage(browser, `/melody.html${hash}`, { initScript }, async (view) => {
    await waitForStart(view, () => window.__melody && document.querySelector('.step-column'), { what: 'the melody page', timeout: 20000 });
    await body(view);
  });
}

const soundState = (page) => page.evaluate(() => ({
  ...window.__melody.player.state(),
  status: document.querySelector('.sound-status').textContent,
  buttonDisabled: document.querySelector('button.transport-button.sound').disabled,
}));

test('without Web Audio the page says it cannot play sound, and the Play melody button is off', async () => {
  await withMelodyAndScript('', () => { delete window.AudioContext; delete window.webkitAudioContext; }, async ({ page }) => {
    const before = await soundState(page);
    assert.equal(before.supported, false);
    assert.equal(before.buttonDisabled, true);
    assert.match(before.status, /cannot play sound \(no Web Audio\)/);
    await page.keyboard.press('p');
    const after = await soundState(page);
    assert.equal(after.playing, false, 'P does nothing it cannot do');
    assert.match(after.status, /cannot play sound/);
  });
});

test('when the audio device cannot be opened, P says why instead of failing silently', async () => {
  const refuse = () => {
    window.AudioContext = class {
      constructor() { throw new Error('no audio device'); }
    };
  };
  await withMelodyAndScript('', refuse, async ({ page }) => {
    assert.equal((await soundState(page)).buttonDisabled, false, 'Web Audio looks available until asked');
    await page.keyboard.press('p');
    const after = await soundState(page);
    assert.equal(after.playing, false);
    assert.equal(after.supported, false);
    assert.equal(after.status, 'Sound could not start (no audio device).');
    assert.equal(after.buttonDisabled, true);
  });
});

test('a melody plays to its end on the audio clock, and the page says it is silent again', async () => {
  await withMelody('#tune=custom&notes=60,64,67&durations=2,2,4', async ({ page }) => {
    await page.keyboard.press('p');
    const playing = await soundState(page);
    assert.equal(playing.playing, true);
    assert.match(playing.status, /Playing the tune/);
    // Eight sixteenths at 112 quarter notes a minute: about 1.1 s.
    await page.waitForFunction(() => !window.__melody.player.state().playing, null, { timeout: 5000 });
    const ended = await soundState(page);
    assert.equal(ended.noteIndex, -1);
    assert.match(ended.status, /^Silent until you press Play melody/);
    assert.equal(await page.locator('.piano-roll--tune .roll-note.sounding').count(), 0, 'no note is left lit');
  });
});

test('at 375 px a trained network’s small losses fit inside their pills, and no gradient text crosses its box', async () => {
  await withPage(browser, '/melody.html#step=epoch', { viewport: { width: 375, height: 800 } }, async (view) => {
    await waitForStart(view, () => window.__melody && document.querySelector('.step-column'), { what: 'the melody page', timeout: 20000 });
    await view.page.evaluate(() => window.__melody.controller.step(300, { animate: false }));
    const boxes = await view.page.evaluate(() => Array.from(document.querySelectorAll('.unrolled-view .step-column'), (column) => {
      const width = (selector) => column.querySelector(selector).getBBox().width;
      return {
        loss: column.querySelector('.loss-node .value').textContent,
        lossText: width('.loss-node .value'),
        lossPill: width('.loss-node rect'),
        gradientText: width('.hidden-node .gradient'),
        hiddenBox: width('.hidden-node .node-frame'),
      };
    }));
    assert.ok(boxes.some((box) => box.loss.length >= 7), `some loss has two significant digits: ${boxes.map((box) => box.loss).join(' ')}`);
    for (const box of boxes) {
      assert.ok(box.lossText + 8 <= box.lossPill, `loss ${box.loss}: ${box.lossText.toFixed(1)} px of text in a ${box.lossPill} px pill`);
      assert.ok(box.gradientText + 8 <= box.hiddenBox, `gradient text ${box.gradientText.toFixed(1)} px in a ${box.hiddenBox} px box`);
    }
  });
});

test('the tune’s caption names a blue note only when one is blue: the note to guess, the one sounding', async () => {
  await withMelody('', async ({ page }) => {
    const roll = () => page.evaluate(() => ({
      caption: document.querySelector('.piano-roll--tune .piano-roll-caption').textContent,
      next: document.querySelectorAll('.piano-roll--tune .roll-note.next').length,
      sounding: document.querySelectorAll('.piano-roll--tune .roll-note.sounding').length,
    }));
    const fresh = await roll();
    assert.deepEqual([fresh.next, fresh.sounding], [0, 0]);
    assert.doesNotMatch(fresh.caption, /blue/, fresh.caption);

    await page.evaluate(() => window.__melody.controller.step(1, { animate: false }));
    const forward = await roll();
    assert.equal(forward.next, 1);
    assert.match(forward.caption, /, the blue note the one the current step must guess;/, forward.caption);

    await page.evaluate(() => window.__melody.controller.step(7, { animate: false })); // the loss: no current step
    const loss = await roll();
    assert.equal(loss.next, 0);
    assert.doesNotMatch(loss.caption, /blue/, loss.caption);

    await page.keyboard.press('p');
    await page.waitForFunction(() => document.querySelector('.piano-roll--tune .roll-note.sounding'), null, { timeout: 5000 });
    assert.match((await roll()).caption, /, the blue note the one sounding;/);
    await page.keyboard.press('p');
  });
});

test('a window of one step still gives each weights pill room for its name beside its change', async () => {
  await withMelody('#tune=custom&notes=60,62&durations=4,4&step=window', async ({ page }) => {
    await page.evaluate(() => window.__melody.controller.step(1, { animate: false }));
    assert.equal(await page.evaluate(() => window.__melody.controller.snapshot().steps), 1);
    for (const block of ['input', 'recurrent', 'output']) {
      const spacing = await page.evaluate((pill) => {
        const name = document.querySelector(`${pill} .shared-name`).getBoundingClientRect();
        const change = document.querySelector(`${pill} .shared-change`).getBoundingClientRect();
        const frame = document.querySelector(`${pill} rect`).getBoundingClientRect();
        return { between: change.left - name.right, inside: Math.min(name.left - frame.left, frame.right - change.right) };
      }, `.shared-pill[data-block="${block}"]`);
      assert.ok(spacing.between >= 6, `${block}: its name runs into its change (${spacing.between.toFixed(1)} px apart)`);
      assert.ok(spacing.inside >= 4, `${block}: its text leaves its pill (${spacing.inside.toFixed(1)} px)`);
    }
  });
});
