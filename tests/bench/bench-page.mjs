// The browser benchmark: the real page (web/dist, or $ALGORHYTHM_WEB_DIST) in headless Chromium.
//
//   node tests/bench/bench-page.mjs [--smoke] [--json] [--load-only] [--loads=N]
//
// Measures
// - transfer: every file the page requests on a cold load, raw and gzip -9 (from the dist files
//   themselves: web/serve.mjs sends them uncompressed, a real host would compress them);
// - ready: ms from navigation start to the page's ready signal, the moment web/src/main.js assigns
//   window.__algorhythm (trapped by a setter installed before any page script runs): the first
//   figure is drawn and its controls work. Navigated to from a window that is already open, as a
//   reader does (WINDOW_SETTLE_MS); freshWindowReadyMs: navigating at the moment the window opens;
// - loadBreakdown: where those ms go, each a median over the loads (LOAD_STEPS below), from the
//   resource timing entries and the performance marks the page sets on its way to ready;
// - otherPages: ready on the melody page (window.__melody) and the iframe route embed.html (its
//   <nn-figure> reaching data-state="ready"), which load the same way;
// - frames: the page playing workloads.json's page workload (W3) at each number of epochs per frame.
//   The page plays (at its slowest speed, so its own clock adds about one step a second) and each
//   animation frame calls the controller's playFrame(n) — n steps and a playing frame's drawing, as
//   the clock does it — and the time between consecutive requestAnimationFrame callbacks is the frame
//   time: script, style, layout and paint. Chromium runs here with its frame-rate limit and vsync off
//   (otherwise every frame would last 16.7 ms however little it did), and with reduced motion, as
//   playing at 60 steps per second never animates a step (web/src/controller.js ANIMATION_LIMIT);
//   Twice: in a reader's 1280 × 900 window scrolled to the network (as a reader watches it train:
//   the network, the heat map beside it and the top of the loss chart on screen) and in a window as
//   tall as the page, every view on screen. Each setting first plays warm-up frames (runs pageWarmUpFrames,
//   reported apart: just after the page loads, V8 is still compiling the drawing code), then the
//   measured frames, then a shorter traced run: CPU ms per frame of the page's main thread, its
//   raster threads and the compositor (cpuPerFrame).
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
// Each browser context of headless Chromium opens a new window, whose own interface (the "WebUI Top
// Renderer" process in a trace: ~0.9 s of main-thread CPU and ~0.6 s on its workers) starts up in
// the first few hundred ms, on the same two cores as the page. A reader's window is already open
// when they follow a link: loads navigate once the window has had this long to settle.
const WINDOW_SETTLE_MS = 1000;

// Runs before any page script: records when a page signals that it is ready — the main page and
// the melody page publish window.__algorhythm or window.__melody, an <nn-figure> (embed.html)
// sets data-state="ready".
function trapReadySignal() {
  const ready = () => {
    if (window.__benchReadyMs === undefined) window.__benchReadyMs = performance.now();
  };
  for (const name of ['__algorhythm', '__melody']) {
    let value;
    Object.defineProperty(window, name, {
      configurable: true,
      get: () => value,
      set: (next) => {
        value = next;
        ready();
      },
    });
  }
  new MutationObserver((changes) => {
    if (changes.some((change) => change.target.dataset?.state === 'ready')) ready();
  }).observe(document, { subtree: true, attributeFilter: ['data-state'] });
}

/**
 * The steps from navigation to ready, in the order they usually happen: [key in loadBreakdown, how
 * the page reports it]. The marks come from web/src (engine/compile.js, engine/engine.js, main.js,
 * mount.js); a page that sets fewer of them has fewer keys.
 */
const LOAD_STEPS = [
  ['jsArrived', 'every .js file has arrived (resource timing responseEnd)'],
  ['wasmArrived', 'engine.wasm has arrived'],
  ['compileStart', 'mark engine:compile-start: engine-start.js starts compiling engine.wasm'],
  ['compiled', 'mark engine:compiled'],
  ['firstPaint', 'first-contentful-paint: the page header, before the figure'],
  ['appStart', 'mark app:start: the app bundle is parsed and its modules have run'],
  ['engineReady', 'mark engine:ready: instantiated, the Emscripten runtime started'],
  ['runStarted', 'mark figure:started: the controller has started the first run'],
  ['firstFigureDrawn', 'mark figure:drawn: the first figure\'s views are drawn, shortcuts bound'],
  ['ready', 'the ready signal'],
  ['complete', 'mark figure:complete: the side views, the data and the export panel are drawn too'],
];
const MARK_OF_STEP = {
  compileStart: 'engine:compile-start', compiled: 'engine:compiled', appStart: 'app:start', engineReady: 'engine:ready',
  runStarted: 'figure:started', firstFigureDrawn: 'figure:drawn', complete: 'figure:complete',
};

/** The load steps of the page in `page` (ms after navigation; absent if the page did not report one). */
function loadStepsOf(page) {
  return page.evaluate(async (markOfStep) => {
    await window.__algorhythm?.complete;
    const resources = performance.getEntriesByType('resource');
    const arrived = (suffix) => {
      const ends = resources.filter((entry) => new URL(entry.name).pathname.endsWith(suffix)).map((entry) => entry.responseEnd);
      return ends.length > 0 ? Math.max(...ends) : undefined;
    };
    const steps = {
      jsArrived: arrived('.js'),
      wasmArrived: arrived('.wasm'),
      firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      ready: window.__benchReadyMs,
    };
    for (const [step, mark] of Object.entries(markOfStep)) steps[step] = performance.getEntriesByName(mark, 'mark')[0]?.startTime;
    return steps;
  }, MARK_OF_STEP);
}

async function openPage(browser, server, pagePath = '', { settleMs = WINDOW_SETTLE_MS } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  await context.addInitScript(trapReadySignal);
  const page = await context.newPage();
  if (settleMs > 0) await page.waitForTimeout(settleMs);
  const requested = [];
  const errors = [];
  page.on('response', (response) => requested.push({ url: response.url(), status: response.status() }));
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.location().url?.endsWith('/favicon.ico')) errors.push(message.text());
  });
  await page.goto(`${server.url}${pagePath}`, { waitUntil: 'load' });
  // Ready, or failed: an error while starting ends the wait at once.
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await page.evaluate(() => window.__benchReadyMs !== undefined))) {
    if (errors.length > 0 || Date.now() > deadline) {
      await context.close();
      throw new Error(`${pagePath || 'the page'} did not signal ready (web/src/main.js assigns window.__algorhythm)` +
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

/**
 * Cold loads of `pagePath` (a fresh context, so an empty cache, each time): transfer sizes, time to
 * ready and its breakdown (medians of LOAD_STEPS), and how many times engine.wasm was fetched.
 */
async function measureLoad(browser, server, pagePath, repeats, { settleMs = WINDOW_SETTLE_MS } = {}) {
  const steps = {};
  const wasmFetches = [];
  let transfer = null;
  for (let k = 0; k < repeats; k += 1) {
    const { context, page, requested } = await openPage(browser, server, pagePath, { settleMs });
    for (const [step, ms] of Object.entries(await loadStepsOf(page))) {
      if (ms !== undefined && ms !== null) (steps[step] ??= []).push(ms);
    }
    await page.waitForLoadState('networkidle');
    wasmFetches.push(requested.filter(({ url }) => new URL(url).pathname.endsWith('.wasm')).length);
    transfer = transferOf(server, requested);
    await context.close();
  }
  const loadBreakdown = {};
  for (const [step] of LOAD_STEPS) if (steps[step]) loadBreakdown[step] = spreadOf(steps[step]).median;
  return {
    ...transfer,
    readyMs: spreadOf(steps.ready),
    wasmArrivedMs: spreadOf(steps.wasmArrived),
    loadBreakdown,
    wasmFetches: Math.max(...wasmFetches),
  };
}

const TRACED_FRAMES = 30;

/**
 * CPU time per frame while `playFrames()` runs, from Chromium's trace: the page's main thread (all its
 * tasks: script, style, layout, paint), its raster threads, and the compositor drawing the window.
 * Steadier than frame times on a shared machine, and not floored at one vsync period as a frame with
 * nothing new on screen is in this headless Chromium.
 * @returns {Promise<{mainMs: number, rasterMs: number, compositeMs: number}>}
 */
async function cpuPerFrame(browser, page, playFrames) {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'cc', 'viz'] });
  const { deltas } = await playFrames();
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
  const threadNames = new Map();
  for (const e of traceEvents) if (e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args.name);
  // The page's renderer: the process whose main thread ran the animation frames.
  const frameCounts = new Map();
  for (const e of traceEvents) if (e.name === 'FireAnimationFrame') frameCounts.set(e.pid, (frameCounts.get(e.pid) ?? 0) + 1);
  const pagePid = [...frameCounts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const cpu = (e) => (e.tdur ?? e.dur ?? 0) / 1000;
  let mainMs = 0;
  let rasterMs = 0;
  let compositeMs = 0;
  let mainTaskEnd = -Infinity;   // top-level tasks only: a nested RunTask is inside its parent's time
  for (const e of traceEvents.filter((event) => event.ph === 'X').sort((a, b) => a.ts - b.ts)) {
    const thread = threadNames.get(`${e.pid}:${e.tid}`);
    if (e.pid === pagePid && thread === 'CrRendererMain' && e.name === 'RunTask' && e.ts >= mainTaskEnd) {
      mainMs += cpu(e);
      mainTaskEnd = e.ts + e.dur;
    } else if (e.pid === pagePid && e.name === 'RasterTask') {
      rasterMs += cpu(e);
    } else if (e.name === 'Display::DrawAndSwap') {
      compositeMs += cpu(e);
    }
  }
  const frames = Math.max(1, deltas.length);
  return { mainMs: mainMs / frames, rasterMs: rasterMs / frames, compositeMs: compositeMs / frames };
}

/**
 * One page playing `workload` at each number of epochs per frame in turn, `frames` frames each;
 * `extraHash` adds settings to the link (e.g. '&views=graph').
 */
async function measureFrames(browser, server, workload, frames, epochsList = benchmark.page.epochsPerFrame, extraHash = '',
  { everyViewOnScreen = false, scrolledTo = null, warmUpFrames = 0 } = {}) {
  const { context, page, errors } = await openPage(browser, server, pageHash(workload) + extraHash);
  try {
    await page.evaluate(() => window.__algorhythm.complete); // every panel drawn
    if (everyViewOnScreen) {
      // A window as tall as the page: nothing is off screen, so nothing can be spared drawing.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.setViewportSize({ width: 1280, height });
    }
    if (scrolledTo) {
      // The panel's top just under the transport bar, which stays at the top of the window.
      await page.evaluate((selector) => {
        const bar = document.querySelector('.figure-top').getBoundingClientRect().height;
        window.scrollTo(0, document.querySelector(selector).getBoundingClientRect().top + window.scrollY - bar - 8);
      }, scrolledTo);
    }
    if (everyViewOnScreen || scrolledTo) {
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    }
    const viewport = page.viewportSize();
    const play = [];
    for (const epochsPerFrame of epochsList) {
      const playFrames = (count) => page.evaluate(async ({ epochsPerFrame, frames, expected }) => {
        const { controller, store } = window.__algorhythm;
        const settings = store.get();
        for (const [name, value] of Object.entries(expected)) {
          if (String(settings[name]) !== String(value)) throw new Error(`the page ignored ${name}=${value} in its link`);
        }
        store.set({ speed: 1 });
        controller.play();
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
            controller.playFrame(epochsPerFrame);
            scriptMs.push(performance.now() - start);
            requestAnimationFrame(onFrame);
          };
          requestAnimationFrame(onFrame);
        });
        controller.pause();
        return { deltas, scriptMs, epochs: controller.run.snapshot().epochsCompleted - epochBefore };
      }, {
        epochsPerFrame,
        frames: count,
        expected: { step: 'epoch', hidden: workload.hidden.join(','), features: workload.features.join(',') },
      });
      // First a warm-up, not measured but reported: just after the page loads, V8 is still compiling
      // the drawing code and the frames take about twice as long (as in the wasm benchmark's warm-up).
      const warmUp = warmUpFrames > 0 ? await playFrames(warmUpFrames) : null;
      const result = await playFrames(frames);
      // Then a shorter run under Chromium's trace (which slows frames a little): CPU time per frame.
      const cpuMs = await cpuPerFrame(browser, page, () => playFrames(Math.min(frames, TRACED_FRAMES)));
      if (errors.length) throw new Error(`page errors while playing: ${errors.join('; ')}`);
      const third = Math.max(1, Math.floor(result.deltas.length / 3));
      play.push({
        workload: workload.name,
        viewport: `${viewport.width}×${viewport.height}`,
        everyViewOnScreen,
        scrolledTo,
        epochsPerFrame,
        measuredEpochsPerFrame: result.epochs / result.scriptMs.length,
        frameMs: spreadOf(result.deltas),
        warmUpFrameMs: warmUp ? spreadOf(warmUp.deltas) : null,
        scriptMs: spreadOf(result.scriptMs),
        cpuMs,
        // The cost of a frame must not grow with the length of the run: late frames over early ones.
        growth: spreadOf(result.deltas.slice(-third)).median / spreadOf(result.deltas.slice(0, third)).median,
      });
    }
    return play;
  } finally {
    await context.close();
  }
}

/** The other pages whose load is measured, with the page path. */
const OTHER_PAGES = ['melody.html', 'embed.html'];

/**
 * @param {'full'|'smoke'} mode
 * @param {{loadOnly?: boolean, loads?: number}} options loadOnly: measure loading only (no frames);
 *   loads: cold loads per page instead of workloads.json's pageLoads
 */
export async function benchPage(mode, { loadOnly = false, loads = null } = {}) {
  const options = runOptions(mode);
  const repeats = loads ?? options.pageLoads;
  const server = await startServer(webDist, { port: 0 });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    // The default page (the songs) is what a reader first sees.
    const load = await measureLoad(browser, server, '', repeats);
    const freshWindow = await measureLoad(browser, server, '', repeats, { settleMs: 0 });
    load.freshWindowReadyMs = freshWindow.readyMs;
    const otherPages = {};
    for (const pagePath of OTHER_PAGES) {
      const other = await measureLoad(browser, server, pagePath, repeats);
      otherPages[pagePath] = { readyMs: other.readyMs, transferGzipBytes: other.transferGzipBytes, loadBreakdown: other.loadBreakdown };
    }
    if (loadOnly) return { chromium: browser.version(), ...load, otherPages, play: [], views: [] };
    const workload = workloadNamed(benchmark.page.workload);
    // As a reader's 1280 × 900 window shows the network training, and with every view on screen.
    const play = [
      ...await measureFrames(browser, server, workload, options.pageFrames, undefined, '',
        { scrolledTo: '.panel-network', warmUpFrames: options.pageWarmUpFrames }),
      ...await measureFrames(browser, server, workload, options.pageFrames, undefined, '',
        { everyViewOnScreen: true, warmUpFrames: options.pageWarmUpFrames }),
    ];
    // Which views cost what: the same page showing no view, then one view at a time (the store's
    // `views` setting), at one epoch per frame. Full runs only.
    const views = [];
    if (mode === 'full') {
      for (const name of ['', ...VIEW_NAMES]) {
        const [result] = await measureFrames(browser, server, workload, 30, [1], `&views=${name}`, { warmUpFrames: 30 });
        views.push({ view: name || '(none)', frameMs: result.frameMs.median, scriptMs: result.scriptMs.median, mainMs: result.cpuMs.mainMs });
      }
    }
    return { chromium: browser.version(), ...load, otherPages, play, views };
  } finally {
    await browser.close();
    await server.close();
  }
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const mode = process.argv.includes('--smoke') ? 'smoke' : 'full';
  const loads = process.argv.find((arg) => arg.startsWith('--loads='));
  const result = await benchPage(mode, { loadOnly: process.argv.includes('--load-only'), loads: loads ? Number(loads.split('=')[1]) : null });
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(result));
  } else {
    console.log(`Chromium ${result.chromium}: ${result.files.length} files, ${result.transferBytes} bytes ` +
      `(${result.transferGzipBytes} gzip), ready ${result.readyMs.median.toFixed(0)} ms after navigation ` +
      `(${result.freshWindowReadyMs.median.toFixed(0)} ms navigating as the window opens)`);
    console.log('  where the time goes (median ms after navigation):');
    for (const [step, what] of LOAD_STEPS) {
      if (step in result.loadBreakdown) console.log(`  ${result.loadBreakdown[step].toFixed(0).padStart(6)}  ${step}: ${what}`);
    }
    for (const [pagePath, other] of Object.entries(result.otherPages)) {
      console.log(`  ${pagePath}: ready ${other.readyMs.median.toFixed(0)} ms, ${other.transferGzipBytes} bytes gzip`);
    }
    for (const p of result.play) {
      console.log(`${p.workload} at ${p.epochsPerFrame} epoch(s)/frame, ${p.viewport}: frame ${p.frameMs.median.toFixed(2)} ms ` +
        `(quartiles ${p.frameMs.p25.toFixed(2)}-${p.frameMs.p75.toFixed(2)}), script ${p.scriptMs.median.toFixed(2)} ms, ` +
        `CPU a frame: main ${p.cpuMs.mainMs.toFixed(1)}, raster ${p.cpuMs.rasterMs.toFixed(1)}, compositor ${p.cpuMs.compositeMs.toFixed(1)} ms, ` +
        `late/early ${p.growth.toFixed(2)}` + (p.warmUpFrameMs ? `; warm-up frames ${p.warmUpFrameMs.median.toFixed(2)} ms` : ''));
    }
  }
}
