// The controls as a reader uses them: Play trains (the loss shown falls), the keyboard shortcuts and
// the Tab order work with visible focus and accessible names, bad values are refused with a polite
// message while the run carries on, settings changed mid-run behave as expected, and a malformed or
// hostile link falls back to defaults with a notice and runs nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, withApp as withAppPage } from './harness.mjs';

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser?.close(); });

/** body(view) on the app page at `path` in a wide window, once the engine has its first snapshot (harness withApp). */
const withApp = (path, body) => withAppPage(browser, path, { viewport: { width: 1400, height: 900 }, reducedMotion: 'reduce' }, body);

const snapshotOf = (page) => page.evaluate(() => {
  const s = window.__algorhythm.snapshot();
  return { tick: s.tick, phase: s.phase, updates: s.updates, trainLoss: s.trainLoss, parameters: Array.from(s.parameters) };
});
/** The training loss as the page shows it, as a number. */
const shownLoss = async (page) => Number((await page.textContent('[data-metric="train-loss"]')).replace('\u2212', '-'));

test('playing for two seconds on the better songs lowers the loss shown', async () => {
  await withApp('/#data=songs8', async ({ page }) => {
    const before = await shownLoss(page);
    assert.ok(Number.isFinite(before), 'a loss is shown before training');
    await page.click('.granularity input[value="example"]');
    await page.locator('.speed-control input[type="range"]').fill('8');
    assert.equal(await page.evaluate(() => window.__algorhythm.store.get().speed), 8);
    const play = page.locator('button[data-control="play"]');
    await play.click();
    assert.equal(await play.getAttribute('aria-label'), 'Pause', 'the button turns into Pause');
    await page.waitForTimeout(2000);
    await play.click();
    assert.equal(await play.getAttribute('aria-label'), 'Play');
    const snapshot = await snapshotOf(page);
    const after = await shownLoss(page);
    assert.ok(snapshot.updates > 20, `training ran (${snapshot.updates} updates)`);
    assert.ok(after < before, `the loss shown fell: ${before} → ${after}`);
    assert.equal(after.toFixed(3), snapshot.trainLoss.toFixed(3), 'the shown loss is the engine’s');
    // Paused means paused.
    await page.waitForTimeout(300);
    assert.equal((await snapshotOf(page)).tick, snapshot.tick);
  });
});

test('keyboard: → steps, ← steps back, Space plays and pauses, R resets', async () => {
  await withApp('/#data=songs4', async ({ page }) => {
    const start = await snapshotOf(page);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal((await snapshotOf(page)).tick, start.tick + 2);
    await page.keyboard.press('ArrowLeft');
    assert.equal((await snapshotOf(page)).tick, start.tick + 1);

    await page.keyboard.press('Space');
    assert.equal(await page.evaluate(() => window.__algorhythm.controller.isPlaying()), true, 'Space plays');
    assert.equal(await page.getAttribute('button[data-control="play"]', 'aria-label'), 'Pause');
    await page.waitForTimeout(1200);
    await page.keyboard.press('Space');
    assert.equal(await page.evaluate(() => window.__algorhythm.controller.isPlaying()), false, 'Space pauses');
    assert.ok((await snapshotOf(page)).tick > start.tick + 1, 'it played');

    await page.keyboard.press('r');
    const reset = await snapshotOf(page);
    assert.equal(reset.tick, 0, 'R resets to the start');
    assert.deepEqual(reset.parameters, start.parameters, 'with the same initial weights');

    // Shortcuts leave text fields alone.
    await page.focus('.settings-view input[id^="setting-rate"]');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('r');
    assert.equal((await snapshotOf(page)).tick, 0, 'typing in a field does not step');
  });
});

test('Tab reaches every control in order, each with a name and a visible focus ring', async () => {
  await withApp('/#data=songs4', async ({ page }) => {
    await page.keyboard.press('ArrowRight'); // Step back is disabled (so not focusable) until there is a step to undo
    const visited = [];
    for (let i = 0; i < 80; i += 1) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const element = document.activeElement;
        if (!element || element === document.body) return null;
        const labelled = element.getAttribute('aria-label')
          || (element.labels && element.labels[0]?.textContent)
          || (element.getAttribute('aria-labelledby') && document.getElementById(element.getAttribute('aria-labelledby'))?.textContent)
          || element.textContent;
        // A visible focus indicator: an outline on the element, on the segment it styles, or the
        // focus stroke on an SVG node's box.
        const style = getComputedStyle(element);
        let ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
        if (!ring && element.matches('.segments input')) {
          const span = getComputedStyle(element.nextElementSibling);
          ring = span.outlineStyle !== 'none' && parseFloat(span.outlineWidth) >= 2;
        }
        if (!ring && element instanceof SVGElement) {
          const box = element.querySelector('.node-box, .neuron-box');
          ring = Boolean(box) && parseFloat(getComputedStyle(box).strokeWidth) >= 3;
        }
        return { name: (labelled ?? '').trim().replace(/\s+/g, ' '), tag: element.tagName.toLowerCase(), ring, id: element.dataset?.control ?? element.dataset?.node ?? '' };
      });
      if (!info) break;
      visited.push(info);
    }
    const names = visited.map((item) => item.name);
    const index = (pattern) => names.findIndex((name) => pattern.test(name));
    // The transport comes first (after the skip link), in reading order.
    assert.match(names[0], /skip/i);
    const order = [/^Play$/, /^Step$/, /^Step back$/, /^Reset$/].map(index);
    assert.ok(order.every((i) => i > 0), `transport buttons reached: ${names.slice(0, 8).join(' | ')}`);
    assert.deepEqual([...order].sort((a, b) => a - b), order, 'in order');
    assert.ok(index(/weight/i) > order[3], 'graph weights are reachable');
    assert.ok(index(/toggle/i) > 0, 'table cells are reachable');
    assert.ok(index(/Learning rate/i) > 0 || visited.some((item) => item.tag === 'input'), 'settings are reachable');
    for (const item of visited) {
      assert.ok(item.name.length > 0, `every focusable element has a name (${item.tag} ${item.id})`);
      assert.ok(item.ring, `a visible focus ring on “${item.name}”`);
    }
  });
});

test('a refused setting is named politely and the run carries on', async () => {
  await withApp('/#data=songs8', async ({ page }) => {
    await page.keyboard.press('ArrowRight');
    const before = await snapshotOf(page);
    const rate = page.locator('.settings-view input[id^="setting-rate"]');
    await rate.fill('50');
    await rate.press('Enter');
    const alert = page.locator('.figure-alert[role="alert"]');
    await alert.waitFor({ state: 'visible' });
    assert.match(await alert.textContent(), /learning rate.*10/i, 'the message names the setting and its range');
    assert.equal(await page.evaluate(() => window.__algorhythm.store.get().learningRate), 0.3, 'the setting keeps its value');
    await page.click('button[data-control="step"]');
    assert.equal((await snapshotOf(page)).tick, before.tick + 1, 'the run continues');

    // A hyper-parameter mid-run keeps the run; the network shape starts a new one.
    await rate.fill('0.5');
    await rate.press('Enter');
    const mid = await snapshotOf(page);
    assert.equal(mid.tick, before.tick + 2, 'the change is one (edit) tick, not a reset');
    assert.equal(mid.phase, 'edit');
    assert.equal(await page.evaluate(() => window.__algorhythm.controller.run.settings().hyper.learningRate), 0.5);
    await page.click('.settings-view button[aria-label="Add a hidden layer"]');
    assert.equal((await snapshotOf(page)).tick, 0, 'a new shape is a new run');
    assert.equal(await page.evaluate(() => window.__algorhythm.shape().layers.length), 2);
    assert.ok(await page.locator('.panel-network').isVisible(), 'and the network view appears');
  });
});

test('stepping back over a mid-run change of the learning rate puts the setting back; stepping forward redoes it', async () => {
  await withApp('/#data=songs8&step=epoch', async ({ page }) => {
    const rate = page.locator('.settings-view input[id^="setting-rate"]');
    const shown = () => page.evaluate(() => ({
      field: Number(document.querySelector('.settings-view input[id^="setting-rate"]').value),
      link: new URLSearchParams(location.hash.slice(1)).get('learningRate'),
      engine: Number(window.__algorhythm.controller.run.settings().hyper.learningRate.toPrecision(7)),
    }));
    for (let i = 0; i < 3; i += 1) await page.click('button[data-control="step"]');
    await rate.fill('0.05');
    await rate.press('Enter');
    for (let i = 0; i < 2; i += 1) await page.click('button[data-control="step"]');
    assert.deepEqual(await shown(), { field: 0.05, link: '0.05', engine: 0.05 });
    // Back before the edit: the engine trains at 0.3 again, and the page says so (not 0.05).
    for (let i = 0; i < 4; i += 1) await page.click('button[data-control="back"]');
    const back = await shown();
    assert.equal(back.engine, 0.3, 'stepping back undid the edit in the engine');
    assert.equal(back.field, 0.3, 'the settings panel shows the learning rate the run trains with');
    assert.notEqual(back.link, '0.05', 'and the link no longer asks for the undone value');
    assert.match(await page.textContent('.explanation-text'), /learning rate 0\.3\b/, 'the explanation names the rate it trained with');
    // Forward over the edit again: redone in the engine, and shown.
    for (let i = 0; i < 4; i += 1) await page.click('button[data-control="step"]');
    assert.deepEqual(await shown(), { field: 0.05, link: '0.05', engine: 0.05 });
  });
});

test('choosing a regression data set brings squared error and a learning rate it trains at without diverging', async () => {
  await withApp('/#data=planar-circle&step=epoch', async ({ page }) => {
    await page.selectOption('.settings-view select[id^="setting-data"]', 'planar-plane');
    await page.waitForFunction(() => window.__algorhythm.store.get().data === 'planar-plane');
    const settings = await page.evaluate(() => window.__algorhythm.store.get());
    assert.equal(settings.loss, 'squared-error');
    assert.ok(settings.learningRate <= 0.03, `learning rate ${settings.learningRate}`);
    for (let i = 0; i < 5; i += 1) await page.click('button[data-control="step"]');
    const trained = await page.evaluate(() => window.__algorhythm.controller.run.snapshot());
    assert.equal(trained.diverged, false, 'the perceptron trains the tilted plane without diverging');
    assert.ok(Number.isFinite(trained.trainLoss));
  });
});

test('a malformed or hostile link falls back to defaults with a notice, and nothing runs', async () => {
  const hostile = encodeURIComponent('<img src=x onerror="window.__pwned=1">');
  await withApp(`/#learningRate=abc&data=${hostile}&hidden=4,99&bogus=${hostile}&seed=5`, async ({ page, cspViolations }) => {
    const dialogs = [];
    page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });
    const notice = page.locator('.figure-notice');
    assert.ok(await notice.isVisible(), 'a notice is shown');
    const text = await notice.textContent();
    // Settings by the names the settings panel gives them; a name that is no setting as it was written.
    for (const name of ['learning rate', 'data set', 'hidden layers', 'bogus']) assert.ok(text.includes(name), `the notice names ${name}: ${text}`);
    assert.ok(!text.includes('learningRate'), `the notice uses no internal name: ${text}`);
    assert.ok(text.includes('<img'), 'the hostile value is shown as text');
    assert.equal(await page.locator('img').count(), 0, 'no element was made from the link');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    const state = await page.evaluate(() => window.__algorhythm.store.get());
    assert.equal(state.learningRate, 0.3);
    assert.equal(state.data, 'songs4');
    assert.deepEqual(state.hidden, []);
    assert.equal(state.seed, 5, 'the valid part of the link is used');
    assert.deepEqual(dialogs, []);
    // The link is rewritten to what the page shows.
    assert.equal(new URL(page.url()).hash, '#seed=5');
    assert.deepEqual(cspViolations, []);
  });
});

test('the Show list: a view this network or data cannot show is disabled and says why; the rest toggle panels', async () => {
  // The songs: three features and no hidden layers, so no network view and no decision boundary.
  await withApp('/', async ({ page }) => {
    const choices = () => page.$$eval('.views-group label', (labels) => Object.fromEntries(labels.map((label) => {
      const input = label.querySelector('input');
      return [input.value, { checked: input.checked, disabled: input.disabled, why: label.title }];
    })));
    const songs = await choices();
    assert.equal(songs.network.disabled, true);
    assert.match(songs.network.why, /no hidden layers/);
    assert.equal(songs.boundary.disabled, true);
    assert.match(songs.boundary.why, /two features/);
    for (const name of ['explanation', 'graph', 'table', 'cube', 'loss']) assert.equal(songs[name].disabled, false, `${name} can be toggled`);
    // An enabled box shows and hides its panel.
    await page.click('.views-group input[value="cube"]');
    await page.waitForFunction(() => document.querySelector('.panel-cube')?.hidden === true);
    await page.click('.views-group input[value="cube"]');
    await page.waitForFunction(() => document.querySelector('.panel-cube')?.hidden === false);
    // With a hidden layer the network view applies and the graph stands aside.
    await page.evaluate(() => window.__algorhythm.store.set({ hidden: [3] }));
    await page.waitForFunction(() => !document.querySelector('.views-group input[value="network"]').disabled);
    const layered = await choices();
    assert.equal(layered.graph.disabled, true);
    assert.match(layered.graph.why, /hidden layers/);
  });
});

test('stepping back over an edit of the data shows the data before it; stepping forward redoes it and shows it', async () => {
  await withApp('/#data=songs4&step=example', async ({ page }) => {
    const labels = () => page.locator('.table-view .cell-label button').allTextContents();
    const step = (button, times) => (async () => { for (let i = 0; i < times; i += 1) await page.click(`button[data-control="${button}"]`); })();
    await step('step', 2);
    const original = await labels();
    await page.locator('.table-view .cell-label button').first().click(); // the first song's label flips
    const edited = await labels();
    assert.notDeepEqual(edited, original);
    await step('step', 1);
    await step('back', 2); // before the edit: the engine has the first label back, and the table shows it
    assert.deepEqual(await labels(), original);
    await step('step', 2); // over the edit again: the engine redoes it, and the table shows it
    assert.deepEqual(await labels(), edited);
  });
});
