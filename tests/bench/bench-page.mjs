// The browser benchmark: the real page (web/dist, or $ALGORHYTHM_WEB_DIST) in headless Chromium.
//
//   node tests/bench/bench-page.mjs [--smoke] [--json]
//
// Measures
// - transfer: every file the page requests on a cold load, raw and gzip -9 (from the dist files
//   themselves: web/serve.mjs sends them uncompressed, a real host would compress them);
// - ready: ms from navigation start to the page's ready signal, the moment web/src/main.js assigns
//   window.__algorhythm (trapped by a setter installed before any page script runs);
// - frames: the page playing workloads.json's page workload (W3) at each number of epochs per frame.
//   Each animation frame calls the controller's step(n) — advance(n) and render(), the same path
//   play() takes — and the time between consecutive requestAnimationFrame callbacks is the frame
//   time: script, style, layout and paint. Chromium runs here with its frame-rate limit and vsync off
//   (otherwise every frame would last 16.7 ms however little it did), and with reduced motion, as
//   playing at 60 steps per second never animates a step (web/src/controller.js ANIMATION_LIMIT);
// - per view (full runs): the same at one epoch per frame with no view, then with each view alone.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../web/serve.mjs';
import { VIEW_NAMES } from '../../web/src/store.js';
import { benchmark, pageHash, runOptions, spreadOf, workloadNamed } from './workloads.mjs';

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const webDist = path.resolve(process.env.ALGORHYTHM_WEB_DIST ?? path.join(repoDir, 'web', 'dist'));
// playwright-core lives in web/node_modules (see tests/browser/harness.mjs).
const { chromium } = createRequire(path.join(repoDir, 'web', 'package.json'))('playwright-core');

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
  // Frames as fast as the page can make them, so their duration is the page's own cost.
  '--disable-frame-rate-limit', '--disable-gpu-vsync',
];
const READY_TIMEOUT_MS = 30000;

// Runs before any page script: records when the page publishes window.__algorhythm.
function trapReadySignal() {
  let value;
  Object.defineProperty(window, '__algorhythm', {
    configurable: true,
    get: () => value,
    set: (next) => {
      value = next;
      if (window.__benchReadyMs === undefined) window.__benchReadyMs = performance.now();
    },
  });
}

async function openPage(browser, server, hash = '') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  await context.addInitScript(trapReadySignal);
  const page = await context.newPage();
  const requested = [];
  const errors = [];
  page.on('response', (response) => requested.push({ url: response.url(), status: response.status() }));
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.location().url?.endsWith('/favicon.ico')) errors.push(message.text());
  });
  await page.goto(`${server.url}${hash}`, { waitUntil: 'load' });
  // Ready, or failed: an error while starting ends the wait at once.
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await page.evaluate(() => window.__benchReadyMs !== undefined))) {
    if (errors.length > 0 || Date.now() > deadline) {
      await context.close();
      throw new Error('the page did not assign window.__algorhythm (its ready signal, web/src/main.js)' +
        (errors.length ? `; page errors: ${errors.join('; ')}` : ` within ${READY_TIMEOUT_MS} ms`));
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { context, page, requested, errors };
}

/** The files a page requested (paths under dist) with their raw and gzip -9 sizes. */
function transferOf(server, requested) {
  const files = requested
    .filter(({ url, status }) => status === 200 && url.startsWith(server.url))
    .map(({ url }) => decodeURIComponent(new URL(url).pathname).replace(/^\//, '') || 'index.html');
  const sizes = [...new Set(files)].sort().map((file) => {
    const bytes = readFileSync(path.join(webDist, file));
    return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  return {
    files: sizes,
    transferBytes: sizes.reduce((sum, f) => sum + f.bytes, 0),
    transferGzipBytes: sizes.reduce((sum, f) => sum + f.gzip, 0),
  };
}

/** Cold loads (a fresh context, so an empty cache, each time): transfer sizes and time to ready. */
async function measureLoad(browser, server, hash, repeats) {
  const readyMs = [];
  const wasmArrivedMs = [];
  let transfer = null;
  for (let k = 0; k < repeats; k += 1) {
    const { context, page, requested } = await openPage(browser, server, hash);
    readyMs.push(await page.evaluate(() => window.__benchReadyMs));
    // When engine.wasm had arrived: the rest of the wait is compiling it and starting the page.
    wasmArrivedMs.push(await page.evaluate(() => Math.max(...performance.getEntriesByType('resource')
      .filter((entry) => entry.name.endsWith('.wasm')).map((entry) => entry.responseEnd))));
    await page.waitForLoadState('networkidle');
    transfer = transferOf(server, requested);
    await context.close();
  }
  return { ...transfer, readyMs: spreadOf(readyMs), wasmArrivedMs: spreadOf(wasmArrivedMs) };
}

/**
 * One page playing `workload` at each number of epochs per frame in turn, `frames` frames each;
 * `extraHash` adds settings to the link (e.g. '&views=graph').
 */
async function measureFrames(browser, server, workload, frames, epochsList = benchmark.page.epochsPerFrame, extraHash = '') {
  const { context, page, errors } = await openPage(browser, server, pageHash(workload) + extraHash);
  try {
    const play = [];
    for (const epochsPerFrame of epochsList) {
      const result = await page.evaluate(async ({ epochsPerFrame, frames, expected }) => {
        const { controller, store } = window.__algorhythm;
        const settings = store.get();
        for (const [name, value] of Object.entries(expected)) {
          if (String(settings[name]) !== String(value)) throw new Error(`the page ignored ${name}=${value} in its link`);
        }
        const epochBefore = controller.run.snapshot().epochsCompleted;
        const deltas = [];
        const scriptMs = [];
        await new Promise((resolve) => {
          let last = null;
          const onFrame = (time) => {
            if (last !== null) deltas.push(time - last);
            last = time;
            if (deltas.length >= frames) { resolve(); return; }
            const start = performance.now();
            controller.actions.step(epochsPerFrame);
            scriptMs.push(performance.now() - start);
            requestAnimationFrame(onFrame);
          };
          requestAnimationFrame(onFrame);
        });
        return { deltas, scriptMs, epochs: controller.run.snapshot().epochsCompleted - epochBefore };
      }, {
        epochsPerFrame,
        frames,
        expected: { step: 'epoch', hidden: workload.hidden.join(','), features: workload.features.join(',') },
      });
      if (errors.length) throw new Error(`page errors while playing: ${errors.join('; ')}`);
      const third = Math.max(1, Math.floor(result.deltas.length / 3));
      play.push({
        workload: workload.name,
        epochsPerFrame,
        measuredEpochsPerFrame: result.epochs / result.scriptMs.length,
        frameMs: spreadOf(result.deltas),
        scriptMs: spreadOf(result.scriptMs),
        // The cost of a frame must not grow with the length of the run: late frames over early ones.
        growth: spreadOf(result.deltas.slice(-third)).median / spreadOf(result.deltas.slice(0, third)).median,
      });
    }
    return play;
  } finally {
    await context.close();
  }
}

export async function benchPage(mode) {
  const options = runOptions(mode);
  const server = await startServer(webDist, { port: 0 });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    // The default page (the songs) is what a reader first sees.
    const load = await measureLoad(browser, server, '', options.pageLoads);
    const workload = workloadNamed(benchmark.page.workload);
    const play = await measureFrames(browser, server, workload, options.pageFrames);
    // Which views cost what: the same page showing no view, then one view at a time (the store's
    // `views` setting), at one epoch per frame. Full runs only.
    const views = [];
    if (mode === 'full') {
      for (const name of ['', ...VIEW_NAMES]) {
        const [result] = await measureFrames(browser, server, workload, 30, [1], `&views=${name}`);
        views.push({ view: name || '(none)', frameMs: result.frameMs.median, scriptMs: result.scriptMs.median });
      }
    }
    return { chromium: browser.version(), ...load, play, views };
  } finally {
    await browser.close();
    await server.close();
  }
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const mode = process.argv.includes('--smoke') ? 'smoke' : 'full';
  const result = await benchPage(mode);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(result));
  } else {
    console.log(`Chromium ${result.chromium}: ${result.files.length} files, ${result.transferBytes} bytes ` +
      `(${result.transferGzipBytes} gzip), ready ${result.readyMs.median.toFixed(0)} ms after navigation`);
    for (const p of result.play) {
      console.log(`${p.workload} at ${p.epochsPerFrame} epoch(s)/frame: frame ${p.frameMs.median.toFixed(2)} ms ` +
        `(quartiles ${p.frameMs.p25.toFixed(2)}-${p.frameMs.p75.toFixed(2)}), script ${p.scriptMs.median.toFixed(2)} ms, ` +
        `late/early ${p.growth.toFixed(2)}`);
    }
  }
}
