// The melody page (melody.html, issue 6) in Chromium, driven by the real engine: stepping one window
// phase by phase with every number on the unrolled network checked against the engine's snapshot,
// the waves and the distributions, the piano roll (writing a melody, and the parser's message for a bad
// one), composing and measuring the composition's sound offline with the page's own instrument, the
// keyboard's play/stop, tab order and focus, and the page at phone width (at 375, 768 and 1440 px no
// two notes overlap and no column or number is cut at the edge of a panel that scrolls sideways).
// Screenshots of the unrolled graph, the waves and the piano rolls are saved in tests/browser/artifacts/.
//
//   node --test tests/browser/melody.test.mjs      (after scripts/build)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, withPage, waitForStart, artifactPath } from './harness.mjs';
import { formatNumber, formatPercent } from '../../web/src/format.js';
import { formatSmall } from '../../web/src/melody/numbers.js';
import { pitchName } from '../../web/src/melody/notes.js';

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser?.close(); });

/**
 * body(view) on melody.html (with a hash) once its first frame is drawn; afterwards, no console or
 * page error (withPage), no failed request and no CSP violation. `options` (openPage's) may be left out.
 */
function withMelody(hash, options, body) {
  if (body === undefined) return withMelody(hash, {}, options);
  return withPage(browser, `/melody.html${hash}`, options, async (view) => {
    await waitForStart(view, () => window.__melody && document.querySelector('.step-column'), { what: 'the melody page', timeout: 20000 });
    await body(view);
    assert.deepEqual(view.failedRequests, [], 'failed requests');
    assert.deepEqual(view.cspViolations, [], 'CSP violations');
  });
}

/** The engine's snapshot as plain arrays, with the shape and vocabulary. */
function engineState(page) {
  return page.evaluate(() => {
    const { controller } = window.__melody;
    const s = controller.snapshot();
    const plain = {};
    for (const [key, value] of Object.entries(s)) plain[key] = ArrayBuffer.isView(value) ? Array.from(value) : value;
    return { snapshot: plain, shape: controller.run.shape(), vocabulary: controller.run.vocabulary() };
  });
}

/** What the unrolled graph shows for column t. */
function columnText(page, t) {
  return page.evaluate((step) => {
    const column = document.querySelector(`.unrolled-view .step-column[data-step="${step}"]`);
    const text = (selector) => column.querySelector(selector)?.textContent ?? null;
    return {
      classes: column.getAttribute('class'),
      loss: text('.loss-node .value'),
      guess: text('.output-node .guess'),
      targetProbability: text('.output-node .target-probability'),
      gradient: text('.hidden-node .gradient'),
      gradientValue: text('.gradient-bar .gradient-value'),
      pitch: text('.input-node .pitch'),
      cellFills: Array.from(column.querySelectorAll('.hidden-node .cell'), (cell) => cell.getAttribute('fill')),
      barHeights: Array.from(column.querySelectorAll('.output-node .bar'), (bar) => Number(bar.getAttribute('height'))),
      targetBars: column.querySelectorAll('.output-node .bar.target').length,
    };
  }, t);
}

/**
 * Saves a screenshot of one panel, cut from a screenshot of the whole page scrolled to its top, so that
 * the sticky transport bar (then at the top of the page) does not cover the panel.
 */
async function panelShot(page, selector, name) {
  await page.evaluate(() => scrollTo(0, 0)); // a sticky bar is drawn where it is on screen
  const box = await page.locator(selector).evaluate((element) => {
    const rect = element.getBoundingClientRect();
    return { x: rect.left + scrollX, y: rect.top + scrollY, width: rect.width, height: rect.height };
  });
  await page.screenshot({ path: artifactPath(name), fullPage: true, clip: box });
}

const badge = (page) => page.locator('.melody-explanation .phase-badge').textContent();
const explanation = (page) => page.locator('.melody-explanation .explanation-text').textContent();

test('the page loads cleanly under its CSP, with every view drawn and nothing playing', async () => {
  await withMelody('', async ({ page, responses }) => {
    await page.waitForLoadState('networkidle');
    assert.match(await page.title(), /melody/i);
    const wasm = responses.filter(({ url }) => new URL(url).pathname.endsWith('.wasm'));
    assert.equal(wasm.length, 1, 'one .wasm fetch');
    const { shape, snapshot } = await engineState(page);
    assert.equal(await page.locator('.unrolled-view .step-column').count(), snapshot.steps, 'a column per time step');
    assert.equal(await page.locator('.waves-view .wave').count(), shape.hidden, 'a wave per hidden unit');
    assert.equal(await page.locator('.distributions-view .distribution-step').count(), snapshot.steps, 'a distribution per step');
    assert.equal(await page.locator('.distributions-view .distribution-step').first().locator('.distribution-row').count(),
      shape.vocabularySize, 'a bar per note of the vocabulary');
    const notes = await page.evaluate(() => window.__melody.controller.run.melody().pitches.length);
    assert.equal(await page.locator('.piano-roll--tune .roll-note').count(), notes, 'a bar per note of the tune');
    assert.equal(await page.locator('.piano-roll--composition .roll-note').count(), 0, 'no composition yet');
    const sound = await page.evaluate(() => window.__melody.player.state());
    assert.equal(sound.playing, false, 'nothing plays until the reader asks');
    assert.equal(sound.contextState, 'none', 'no AudioContext before the reader asks for sound');
  });
});

test('one window, phase by phase: forward through time, the loss, back through time, the update — the numbers are the engine’s', async () => {
  // A small window keeps the test quick: 4 steps, 6 hidden units, Elman cells.
  await withMelody('#cell=elman&hidden=6&truncation=4', { viewport: { width: 1400, height: 1000 } }, async ({ page }) => {
    let { snapshot, shape, vocabulary } = await engineState(page);
    const T = snapshot.steps;
    const H = shape.hidden;
    const V = shape.vocabularySize;
    assert.equal(T, 4);
    assert.equal(snapshot.phase, 'idle');
    assert.equal(await badge(page), 'Ready');

    // Forward: one key press per time step.
    for (let t = 0; t < T; t += 1) {
      await page.keyboard.press('ArrowRight');
      ({ snapshot } = await engineState(page));
      assert.equal(snapshot.phase, 'forward');
      assert.equal(snapshot.phaseStep, t);
      assert.equal(await badge(page), 'Forward in time');
      const column = await columnText(page, t);
      assert.match(column.classes, /\bcurrent\b/, `column ${t} is the current one`);
      assert.match(column.classes, /\bcomputed\b/);
      const target = snapshot.targets[t];
      const pTarget = snapshot.probabilities[t * V + target];
      assert.equal(column.targetProbability, `p(${pitchName(vocabulary[target].pitch)}) ${formatNumber(pTarget)}`,
        `step ${t}: p(true next note) shown = engine's`);
      assert.equal(column.pitch, pitchName(vocabulary[snapshot.inputs[t]].pitch), `step ${t}: the note read`);
      assert.equal(column.cellFills.length, H);
      assert.ok(column.cellFills.every((fill) => fill && fill !== 'null'), 'every hidden unit coloured');
      assert.equal(column.loss, '·', 'no loss before the loss phase');
      assert.equal(column.targetBars, 1, 'the true next note is marked once');
      // Bar heights are proportional to the engine's probabilities.
      const ratio = column.barHeights[target] / Math.max(...column.barHeights);
      const expected = pTarget / Math.max(...snapshot.probabilities.slice(t * V, (t + 1) * V));
      assert.ok(Math.abs(ratio - expected) < 0.05, `bar of the true note ${ratio} ≈ ${expected}`);
      // The distribution table: the true next note's bar carries its probability.
      const marked = await page.evaluate((step) => {
        const row = document.querySelector(`.distributions-view .distribution-step[data-step="${step}"] .distribution-row.target`);
        return { token: Number(row.dataset.token), text: row.querySelector('.marker').textContent, width: Number(row.querySelector('.bar').getAttribute('width')) };
      }, t);
      assert.equal(marked.token, target);
      assert.equal(marked.text, formatNumber(pTarget, 2));
      const words = await explanation(page);
      assert.ok(words.includes(`Step ${t + 1} of ${T}`), words);
      assert.ok(words.includes(formatPercent(pTarget)) || words.includes(formatPercent(Math.max(...snapshot.probabilities.slice(t * V, (t + 1) * V)))), words);
      if (t + 1 < T) assert.match((await columnText(page, t + 1)).classes, /\bpending\b/, `column ${t + 1} not computed yet`);
      // The waves are drawn up to this step: the memory carried in plus t + 1 steps, each dot on the
      // side of its line that the engine's value says (up for positive).
      const dots = await page.evaluate(() => Array.from(document.querySelectorAll('.waves-view .wave[data-unit="0"] .wave-dots circle'),
        (dot) => Number(dot.getAttribute('cy'))));
      assert.equal(dots.length, t + 2);
      const value = snapshot.hidden[t * H];
      if (Math.abs(value) > 0.02) assert.equal(Math.sign(-dots.at(-1)), Math.sign(value), 'wave dot on the right side');
    }
    await panelShot(page, '.panel-waves', 'melody-waves.png');

    // Loss: every step charged −ln p(true next note).
    await page.keyboard.press('ArrowRight');
    ({ snapshot } = await engineState(page));
    assert.equal(snapshot.phase, 'loss');
    assert.equal(await badge(page), 'Loss');
    for (let t = 0; t < T; t += 1) {
      const column = await columnText(page, t);
      assert.equal(column.loss, formatSmall(snapshot.stepLosses[t]), `loss of step ${t}`);
      const pTarget = snapshot.probabilities[t * V + snapshot.targets[t]];
      assert.ok(Math.abs(snapshot.stepLosses[t] + Math.log(pTarget)) < 1e-4, 'the loss is −ln p(true next note)');
    }
    assert.ok((await explanation(page)).includes(formatSmall(snapshot.windowLoss, 2)), 'the window loss in words');

    // Backward: one press per step, from the last step to the first; gradients appear right to left.
    for (let t = T - 1; t >= 0; t -= 1) {
      await page.keyboard.press('ArrowRight');
      ({ snapshot } = await engineState(page));
      assert.equal(snapshot.phase, 'backward');
      assert.equal(snapshot.phaseStep, t);
      assert.equal(await badge(page), 'Back through time');
      for (let u = 0; u < T; u += 1) {
        const column = await columnText(page, u);
        if (u >= t) {
          assert.equal(column.gradient, `∂ ${formatSmall(snapshot.hiddenGradientNorms[u])}`, `‖∂L/∂h‖ of step ${u}`);
          assert.equal(column.gradientValue, formatSmall(snapshot.hiddenGradientNorms[u]));
        } else {
          assert.equal(column.gradient, '', `no gradient yet at step ${u}`);
        }
      }
      // A gradient link back through time for every known step but the last, as thick as it is large.
      const links = await page.evaluate(() => Array.from(document.querySelectorAll('.gradient-link.back'),
        (link) => ({ step: Number(link.dataset.step), width: Number(link.getAttribute('stroke-width')) })));
      assert.equal(links.length, T - 1 - t);
      for (const a of links) {
        for (const b of links) {
          if (snapshot.recurrentGradientNorms[a.step] > snapshot.recurrentGradientNorms[b.step] * 1.01) {
            assert.ok(a.width > b.width, 'a larger gradient is drawn thicker');
          }
        }
      }
      if (t < T - 1) {
        const words = await explanation(page);
        assert.ok(words.includes(formatSmall(snapshot.recurrentGradientNorms[t], 2)), words);
      }
      if (t === 1) await panelShot(page, '.panel-unrolled', 'melody-unrolled-backward.png');
    }

    // Update: the shared weights change, by the sizes the engine's lastUpdates give.
    await page.keyboard.press('ArrowRight');
    ({ snapshot } = await engineState(page));
    assert.equal(snapshot.phase, 'update');
    assert.equal(snapshot.updates, 1);
    assert.equal(await badge(page), 'Update');
    const norm = (block) => Math.hypot(...snapshot.lastUpdates.slice(block.offset, block.offset + block.rows * block.columns));
    const shown = await page.evaluate(() => Object.fromEntries(Array.from(document.querySelectorAll('.shared-pill'),
      (pill) => [pill.dataset.block, pill.querySelector('.shared-change').textContent])));
    assert.equal(shown.input, `Δ ${formatSmall(norm(shape.inputWeights) + norm(shape.hiddenBias))}`);
    assert.equal(shown.recurrent, `Δ ${formatSmall(norm(shape.recurrentWeights))}`);
    assert.equal(shown.output, `Δ ${formatSmall(norm(shape.outputWeights) + norm(shape.outputBias))}`);
    assert.ok(norm(shape.recurrentWeights) > 0, 'the recurrent weights moved');
    assert.ok((await explanation(page)).includes(formatSmall(snapshot.gradientNorm, 2)), 'the gradient size in words');
    await panelShot(page, '.panel-unrolled', 'melody-unrolled-update.png');

    // Step back: exactly the previous phase again, with its numbers.
    await page.keyboard.press('ArrowLeft');
    ({ snapshot } = await engineState(page));
    assert.equal(snapshot.phase, 'backward');
    assert.equal(snapshot.phaseStep, 0);
    assert.equal(snapshot.updates, 0);
    assert.equal((await columnText(page, 0)).gradient, `∂ ${formatSmall(snapshot.hiddenGradientNorms[0])}`);
  });
});

test('a window step, an epoch step and reset go through the same controller; the loss chart follows', async () => {
  await withMelody('#step=window', async ({ page }) => {
    await page.keyboard.press('ArrowRight');
    let { snapshot } = await engineState(page);
    assert.equal(snapshot.phase, 'update');
    assert.equal(snapshot.updates, 1);
    await page.locator('.segmented.granularity label', { hasText: 'Epoch' }).click();
    assert.equal(await page.evaluate(() => window.__melody.store.get().step), 'epoch');
    assert.match(page.url(), /step=epoch/, 'the step size is in the URL');
    await page.locator('button.step').click();
    await page.locator('button.step').click();
    ({ snapshot } = await engineState(page));
    assert.ok(snapshot.epochsCompleted >= 2, 'two epochs');
    const points = Number(await page.locator('.loss-chart__plot').getAttribute('data-points'));
    assert.ok(points >= 3, `the loss chart has the readings (${points})`);
    await page.keyboard.press('r');
    ({ snapshot } = await engineState(page));
    assert.equal(snapshot.updates, 0, 'R resets');
    // Before the first update the x axis counts whole updates (not 0, 200m, 400m…); no test set, no test key.
    const ticks = await page.locator('.loss-chart__panel--loss .loss-chart__axis--x .tick text').allTextContents();
    assert.ok(ticks.length >= 2 && ticks.every((tick) => /^\d+$/.test(tick)), `whole-number ticks: ${ticks.join(' ')}`);
    assert.equal(await page.textContent('.loss-chart__panel--loss .loss-chart__axis-label--x'), 'updates');
    assert.equal(await page.locator('.loss-chart__key--test').count(), 0, 'no test key');
    assert.equal(await page.locator('.loss-chart__key--train').count(), 1);
  });
});

test('the composition renders as sound that is not silent, with the page’s own instrument', async () => {
  await withMelody('#length=24', async ({ page }) => {
    await page.evaluate(() => window.__melody.controller.actions.setSettings({ step: 'epoch' }));
    await page.evaluate(() => window.__melody.controller.step(30));
    await page.keyboard.press('g');
    const composition = await page.evaluate(() => {
      const c = window.__melody.composition();
      return c && { pitches: Array.from(c.pitches), durations: Array.from(c.durations), text: c.text };
    });
    assert.ok(composition, 'G composed a melody');
    assert.equal(composition.pitches.length, 24);
    assert.equal(await page.locator('.piano-roll--composition .roll-note').count(), 24, 'the composition on its roll');
    const level = await page.evaluate((melody) => window.__melody.renderLevel(melody), composition);
    assert.ok(level.seconds > 2, `the rendering lasts the melody (${level.seconds} s)`);
    assert.ok(level.rms > 0.02, `the composition is audible: RMS ${level.rms.toFixed(4)} > 0.02`);
    // The measurement can fail: a melody of rests renders as silence.
    const silence = await page.evaluate(() => window.__melody.renderLevel({ pitches: [-1, -1, -1], durations: [4, 4, 4] }));
    assert.ok(silence.rms < 1e-4, `rests are silent (RMS ${silence.rms})`);

    // G again with nothing changed: the next composition seed, a different melody.
    const seedBefore = await page.evaluate(() => window.__melody.store.get().sampleSeed);
    await page.keyboard.press('g');
    const seedAfter = await page.evaluate(() => window.__melody.store.get().sampleSeed);
    assert.equal(seedAfter, seedBefore + 1);
    await panelShot(page, '.panel-listen', 'melody-piano-roll.png');
  });
});

test('P plays and stops the sound; the playhead moves across the roll and the unrolled graph', async () => {
  await withMelody('', async ({ page }) => {
    const state = () => page.evaluate(() => window.__melody.player.state());
    const soundButton = page.locator('button.transport-button.sound');
    assert.equal(await soundButton.getAttribute('aria-pressed'), 'false');
    await page.keyboard.press('p');
    let sound = await state();
    assert.equal(sound.playing, true, 'P starts the sound');
    assert.equal(sound.source, 'tune');
    assert.equal(await soundButton.getAttribute('aria-pressed'), 'true');
    assert.match(await page.locator('.sound-status').textContent(), /Playing the tune/);
    assert.notEqual(sound.contextState, 'none');
    // The audio clock runs: notes go by, and the sounding note lights up on the roll and in the graph.
    await page.waitForFunction(() => window.__melody.player.state().noteIndex >= 1, null, { timeout: 5000 });
    // Read the player and the page in one go (the next note may come at any moment).
    const seen = await page.evaluate(() => ({
      noteIndex: window.__melody.player.state().noteIndex,
      windowStart: window.__melody.snapshot().windowStart,
      rollNote: document.querySelector('.piano-roll--tune .roll-note.sounding')?.dataset.index,
      playhead: document.querySelectorAll('.piano-roll--tune .roll-playhead:not([hidden])').length,
      column: document.querySelector('.unrolled-view .step-column.sounding')?.dataset.step,
    }));
    assert.equal(Number(seen.rollNote), seen.noteIndex, 'the sounding note lights up on the roll');
    assert.equal(seen.playhead, 1, 'the playhead shows');
    assert.equal(Number(seen.column), seen.noteIndex - seen.windowStart, 'the column of the sounding note is marked');
    await page.keyboard.press('p');
    sound = await state();
    assert.equal(sound.playing, false, 'P again stops it');
    assert.equal(await soundButton.getAttribute('aria-pressed'), 'false');
    assert.equal(await page.locator('.roll-note.sounding').count(), 0);
    // The volume control reaches the player.
    await page.locator('.volume-field input').fill('0.3');
    assert.equal((await state()).volume, 0.3);
  });
});

test('writing a melody: the roll edits it, a bad text gets the parser’s message, a good one is learned', async () => {
  await withMelody('', async ({ page }) => {
    // Click the first note's column on another row: the note moves there, and a new run starts.
    const before = await page.evaluate(() => Array.from(window.__melody.controller.run.melody().pitches));
    const firstNote = page.locator('.piano-roll--tune .roll-note[data-index="0"]');
    await firstNote.scrollIntoViewIfNeeded();
    const box = await firstNote.boundingBox();
    await page.mouse.click(box.x + box.width / 2, box.y - 2 * 13 + box.height / 2);
    const after = await page.evaluate(() => Array.from(window.__melody.controller.run.melody().pitches));
    assert.equal(after.length, before.length);
    assert.equal(after[0], before[0] + 2, 'the first note moved two semitones up');
    assert.deepEqual(after.slice(1), before.slice(1));
    assert.equal(await page.evaluate(() => window.__melody.store.get().tune), 'custom');
    assert.match(page.url(), /tune=custom/);
    assert.match(page.url(), /notes=62,60,67/, 'the written melody is in the URL');

    // A bad note: the engine's parser names it, beside the field; the run keeps its melody.
    await page.locator('.melody-text-details summary').click();
    await page.locator('.melody-text textarea').fill('C4/4 D4/4 H4/4 E4/2');
    await page.locator('button.learn-text').click();
    const error = await page.locator('.melody-text__error').textContent();
    assert.match(error, /note 3 'H4\/4'/);
    assert.match(error, /unknown pitch name 'H'/);
    assert.equal(await page.locator('.melody-text textarea').getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await page.evaluate(() => Array.from(window.__melody.controller.run.melody().pitches)), after);
    // One note is too few: the engine says so.
    await page.locator('.melody-text textarea').fill('C4/4');
    await page.locator('button.learn-text').click();
    assert.match(await page.locator('.melody-text__error').textContent(), /at least 2 notes/);

    // A good one is learned.
    await page.locator('.melody-text textarea').fill('C4/4 E4/4 G4/4 C5/2 R/4 G4/8 E4/8 C4/2');
    await page.locator('button.learn-text').click();
    assert.equal(await page.locator('.melody-text__error').textContent(), '');
    const melody = await page.evaluate(() => window.__melody.controller.run.melody());
    assert.equal(Object.keys(melody.pitches).length, 8);
    assert.equal(await page.locator('.piano-roll--tune .roll-note').count(), 8);
    assert.equal(await page.locator('.piano-roll--tune .roll-note.rest').count(), 1);
  });
});

test('every control is reachable with Tab, named, and shows its focus', async () => {
  await withMelody('', async ({ page }) => {
    const controls = await page.evaluate(() => Array.from(document.querySelectorAll('#app button, #app input, #app select, #app textarea, #app [tabindex="0"], #app summary'))
      .filter((element) => element.checkVisibility())
      .filter((element) => !element.disabled)
      .map((element) => {
        element.dataset.tabProbe = Math.random().toString(36).slice(2);
        const labelled = element.getAttribute('aria-label') || element.labels?.[0]?.textContent || element.textContent ||
          (element.id && document.querySelector(`label[for="${element.id}"]`)?.textContent) || element.closest('label')?.textContent;
        return { probe: element.dataset.tabProbe, name: (labelled ?? '').trim(), tag: element.tagName };
      }));
    assert.ok(controls.length > 25, `many controls (${controls.length})`);
    for (const control of controls) assert.notEqual(control.name, '', `${control.tag} has an accessible name`);
    const reached = new Set();
    let outlineSeen = false;
    for (let i = 0; i < controls.length * 2 + 20; i += 1) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement;
        const style = element ? getComputedStyle(element) : null;
        return { probe: element?.dataset?.tabProbe ?? null, outline: style ? style.outlineStyle : 'none', radio: element?.type === 'radio' };
      });
      if (focused.probe) reached.add(focused.probe);
      if (focused.probe && !focused.radio && focused.outline !== 'none') outlineSeen = true;
    }
    // A radio group is one tab stop (its arrow keys choose); every other control is reached.
    const radios = new Set(await page.evaluate(() => Array.from(document.querySelectorAll('#app input[type="radio"]'), (r) => r.dataset.tabProbe)));
    const unreached = controls.filter((control) => !reached.has(control.probe) && !radios.has(control.probe));
    assert.deepEqual(unreached.map((c) => `${c.tag} ${c.name}`), [], 'every control is reachable with Tab');
    assert.ok(outlineSeen, 'focus is visible (an outline)');
  });
});

test('at 1400 and 360 pixels wide the page fits, and the unrolled graph scrolls inside its panel', async () => {
  for (const width of [1400, 360]) {
    await withMelody('', { viewport: { width, height: 900 } }, async ({ page }) => {
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(700);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 1, `no sideways scrolling of the page at ${width} px (${overflow} px)`);
      await page.screenshot({ path: artifactPath(`melody-page-${width}.png`), fullPage: true });
      if (width === 1400) await panelShot(page, '.panel-unrolled', 'melody-unrolled.png');
      if (width === 360) {
        await panelShot(page, '.panel-unrolled', 'melody-unrolled-360.png');
        await panelShot(page, '.panel-listen', 'melody-piano-roll-360.png');
      }
    });
  }
});

/**
 * Which of the elements matching `selector` inside `root` a scroller's edge cuts (part in view, part
 * out), as "text @ left–right" against the scroller's "left–right". Also works for any clipping box.
 */
function cutAtEdge(page, scrollerSelector, selector) {
  return page.evaluate(([scrollerSel, sel]) => {
    const scroller = document.querySelector(scrollerSel).getBoundingClientRect();
    const cut = (r) => (r.left < scroller.left - 0.5 && r.right > scroller.left + 0.5) ||
      (r.left < scroller.right - 0.5 && r.right > scroller.right + 0.5);
    return Array.from(document.querySelectorAll(sel))
      .filter((element) => element.getBBox?.().width !== 0)
      .map((element) => ({ text: element.textContent, rect: element.getBoundingClientRect() }))
      .filter(({ rect }) => cut(rect))
      .map(({ text, rect }) => `${text} @ ${Math.round(rect.left)}–${Math.round(rect.right)} (view ${Math.round(scroller.left)}–${Math.round(scroller.right)})`);
  }, [scrollerSelector, selector]);
}

/**
 * The room in pixels between the first elements matching two selectors: the gap between them, sideways
 * or up and down, whichever is larger (negative: they overlap).
 */
function room(page, a, b) {
  return page.evaluate(([first, second]) => {
    const r1 = document.querySelector(first).getBoundingClientRect();
    const r2 = document.querySelector(second).getBoundingClientRect();
    const sideways = Math.max(r1.left, r2.left) - Math.min(r1.right, r2.right);
    const upDown = Math.max(r1.top, r2.top) - Math.min(r1.bottom, r2.bottom);
    return Math.round(Math.max(sideways, upDown));
  }, [a, b]);
}

test('at 375 px the waves’ two notes do not overlap and no distribution column or probability is cut at the edge', async () => {
  await withMelody('#step=epoch', { viewport: { width: 375, height: 812 } }, async ({ page }) => {
    // Trained, so the true next note's probability is near 1: its bar fills the cell and the number
    // after it reaches the column's right end.
    await page.evaluate(() => window.__melody.controller.step(150));
    const spacing = await room(page, '.waves-view .waves-scale', '.waves-view .waves-axis-label');
    assert.ok(spacing >= 2, `"each line spans …" and "time → …" ${spacing < 0 ? 'overlap' : 'touch'} (${spacing} px)`);
    const T = (await engineState(page)).snapshot.steps;
    assert.ok(await page.evaluate(() => {
      const scroller = document.querySelector('.distribution-scroller');
      return scroller.scrollWidth > scroller.clientWidth;
    }), `at 375 px the ${T} steps do not all fit: the table scrolls`);
    assert.deepEqual(await cutAtEdge(page, '.distribution-scroller', '.distribution-row .marker'), [], 'probabilities cut at the edge');
    assert.ok(await page.evaluate(() => Array.from(document.querySelectorAll('.distribution-row.target .marker'))
      .some((marker) => marker.textContent === '1.00')), 'trained: some probabilities read 1.00');
    assert.deepEqual(await cutAtEdge(page, '.distribution-scroller', '.distribution-hit'), [], 'columns cut at the edge');
    assert.equal(await page.locator('.distribution-scroll-hint').textContent(), `Scroll sideways to see all ${T} steps.`);
    assert.ok(await page.locator('.distribution-scroll-hint').isVisible(), 'the hint shows');
    await panelShot(page, '.panel-waves', 'melody-waves-375.png');
    await panelShot(page, '.panel-distributions', 'melody-distributions-375.png');
  });
});

test('at 768 and 1440 px a 6-step window fits the unrolled graph whole, the weights’ names clear of their changes', async () => {
  for (const width of [768, 1440]) {
    await withMelody('#step=window&truncation=6', { viewport: { width, height: 900 } }, async ({ page }) => {
      await page.keyboard.press('ArrowRight');   // the update: each weights pill shows its change
      assert.equal((await engineState(page)).snapshot.steps, 6);
      assert.deepEqual(await cutAtEdge(page, '.unrolled-scroller', '.step-column .loss-node rect'), [], `columns cut at ${width} px`);
      for (const block of ['input', 'recurrent', 'output']) {
        const pill = `.shared-pill[data-block="${block}"]`;
        assert.match(await page.locator(`${pill} .shared-change`).textContent(), /^Δ /);
        const spacing = await room(page, `${pill} .shared-name`, `${pill} .shared-change`);
        assert.ok(spacing >= 6, `${block} pill at ${width} px: its name runs into its change (${spacing} px apart)`);
      }
      assert.equal(await page.locator('.distribution-scroll-hint').isVisible(), false, 'six steps fit the distributions: no scroll hint');
      if (width === 768) await panelShot(page, '.panel-unrolled', 'melody-unrolled-768.png');
    });
  }
});

test('at 375 px the tune\'s roll keeps the window being trained in view as training moves it on', async () => {
  await withMelody('#step=window', { viewport: { width: 375, height: 812 } }, async ({ page }) => {
    const inView = () => page.evaluate(() => {
      const scroller = document.querySelector('.piano-roll-scroller').getBoundingClientRect();
      const band = document.querySelector('.window-band rect').getBoundingClientRect();
      return { window: window.__melody.controller.snapshot().window, left: band.left - scroller.left, right: scroller.right - band.right };
    });
    assert.ok(await page.evaluate(() => {
      const scroller = document.querySelector('.piano-roll-scroller');
      return scroller.scrollWidth > scroller.clientWidth;
    }), 'the tune is wider than a phone: the roll scrolls');
    const seen = [];
    for (let k = 0; k < 8; k += 1) {
      await page.evaluate(() => window.__melody.controller.step(1));
      const where = await inView();
      seen.push(where.window);
      assert.ok(where.left >= 0 && where.right >= 0, `window ${where.window + 1} is in view (${where.left.toFixed(0)} px from the left edge, ${where.right.toFixed(0)} from the right)`);
    }
    assert.ok(Math.max(...seen) >= 5, `training reached a window far along the tune (windows ${seen.map((w) => w + 1)})`);
  });
});
