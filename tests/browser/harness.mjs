// Shared helpers for the browser tests: Debian's Chromium driven by playwright-core, a page served
// from the built site (web/dist, or $ALGORHYTHM_WEB_DIST), and every console error, page error, failed
// request and CSP violation collected so a test can assert there were none.
//
//   const browser = await openBrowser();
//   const view = await openPage(browser, '/', { viewport: { width: 800, height: 600 } });
//   ... view.page ...; assert.deepEqual(view.consoleErrors, []);
//   await view.page.screenshot({ path: artifactPath('start.png') });
//   await view.close(); await browser.close();
//
//   await withPage(browser, '/', options, async (view) => {  // the same, closing and checking for you
//     await waitForStart(view, () => window.__algorhythm);   // or fail, naming the errors the page logged
//     ...
//   });
//   await withHostPage(browser, '<!doctype html>…<nn-figure …>', async (view) => { … }); // a page the test writes
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../web/serve.mjs';
import { pageHash, workloadNamed } from '../bench/workloads.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoDir = path.resolve(here, '..', '..');
// playwright-core is installed in web/node_modules, which imports from tests/ cannot see.
const { chromium } = createRequire(path.join(repoDir, 'web', 'package.json'))('playwright-core');

/** The built site that openPage serves. */
export const webDist = path.resolve(process.env.ALGORHYTHM_WEB_DIST ?? path.join(repoDir, 'web', 'dist'));

/**
 * The page playing the benchmark's W3 (the spiral; all seven input features → six layers of 8 → 1),
 * from the one definition in tests/bench/workloads.json.
 */
export const W3_LINK = `/${pageHash(workloadNamed('W3'))}`;

// Without the networking flags Chromium keeps trying to reach Google's hosts, which this machine refuses.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium (a fresh temporary profile each time). */
export function openBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

const isFavicon = (url) => new URL(url).pathname === '/favicon.ico';

/**
 * Serves webDist (or `root`) on a free port, opens `pagePath` in a new browser context and waits for `load`.
 * @param {import('playwright-core').Browser} browser
 * @param {string} pagePath path and query, e.g. '/' or '/examples/embed.html#seed=2'
 * @param {{viewport?: {width: number, height: number}, csp?: string|null, root?: string, initScript?: Function} & object} options
 *   csp: sent as a Content-Security-Policy header; root: the folder to serve instead of webDist (a
 *   test's own fixture page); initScript: run in the page before its own scripts (context.addInitScript);
 *   any other field goes to browser.newContext
 *   (e.g. reducedMotion: 'reduce', colorScheme: 'dark', hasTouch: true)
 * @returns {Promise<{page, context, url, consoleErrors: string[], pageErrors: string[],
 *   failedRequests: string[], cspViolations: string[],
 *   responses: {url: string, status: number, contentType: string}[], close: () => Promise<void>}>}
 *   The arrays keep filling while the page lives; responses lists every response since navigation.
 */
export async function openPage(browser, pagePath = '/', { viewport = { width: 1280, height: 800 }, csp = null, root = webDist, initScript = null, ...contextOptions } = {}) {
  const server = await startServer(root, { csp });
  const context = await browser.newContext({ viewport, ...contextOptions });
  const consoleErrors = [];
  const pageErrors = [];
  const failedRequests = [];
  const cspViolations = [];
  const responses = [];

  await context.exposeBinding('__reportCspViolation', (_source, text) => cspViolations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__reportCspViolation(`${event.violatedDirective} blocked ${event.blockedURI || 'inline code'}` +
        (event.sourceFile ? ` at ${event.sourceFile}:${event.lineNumber}` : ''));
    });
  });

  if (initScript) await context.addInitScript(initScript);

  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location().url;
    if (where && isFavicon(where)) return; // Chromium asks for /favicon.ico on its own
    consoleErrors.push(message.text() + (where ? ` (${where})` : ''));
  });
  page.on('pageerror', (error) => pageErrors.push(error.stack ?? String(error)));
  page.on('requestfailed', (request) => failedRequests.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    responses.push({ url: response.url(), status: response.status(), contentType: response.headers()['content-type'] ?? '' });
    if (response.status() >= 400 && !isFavicon(response.url())) {
      failedRequests.push(`${response.url()}: HTTP ${response.status()}`);
    }
  });

  const url = new URL(pagePath.replace(/^\//, ''), server.url).href;
  await page.goto(url, { waitUntil: 'load' });
  return {
    page,
    context,
    url,
    consoleErrors,
    pageErrors,
    failedRequests,
    cspViolations,
    responses,
    close: async () => {
      await context.close();
      await server.close();
    },
  };
}

/**
 * openPage, then body(view); then the page must have logged no console or page error. The page is
 * closed whether the body passes or fails. Returns what the body returns.
 * @param {{expectedConsoleErrors?: RegExp} & object} options openPage's options, and
 *   expectedConsoleErrors: console errors it matches are allowed (a test that makes the page fail
 *   on purpose, e.g. Chromium's own "Failed to load resource" for a refused request)
 */
export async function withPage(browser, pagePath, { expectedConsoleErrors = null, ...options }, body) {
  const view = await openPage(browser, pagePath, options);
  try {
    const result = await body(view);
    const unexpected = view.consoleErrors.filter((text) => !expectedConsoleErrors?.test(text));
    assert.deepEqual(unexpected, [], 'console errors');
    assert.deepEqual(view.pageErrors, [], 'page errors');
    return result;
  } finally {
    await view.close();
  }
}

/**
 * withPage on a page that starts the app (window.__algorhythm), once its engine has its first snapshot
 * (waitForStart); with `complete`, once every panel is drawn too. Resolves to body(view)'s result.
 */
export function withApp(browser, pagePath, options, body, { complete = false } = {}) {
  return withPage(browser, pagePath, options, async (view) => {
    await waitForStart(view, () => window.__algorhythm?.snapshot(), { what: 'the app page' });
    if (complete) await view.page.evaluate(() => window.__algorhythm.complete);
    return body(view);
  });
}

/**
 * withPage on a page the test writes (`html`), served at options.pagePath (default '/host-post.html') on
 * the site's origin through page.route, so that the built site needs no test fixtures. options.beforeGoto(page)
 * runs before the page is opened (e.g. to route other requests); the other options are withPage's, and
 * `options` may be left out. What the server's first page (a small file that only starts it) fetched
 * or logged is forgotten: the checks are about the written page. Resolves to body(view)'s result.
 */
export function withHostPage(browser, html, options, body) {
  if (body === undefined) return withHostPage(browser, html, {}, options);
  const { pagePath = '/host-post.html', beforeGoto = async () => {}, ...pageOptions } = options;
  return withPage(browser, '/embed.css', pageOptions, async (view) => { // any small file: it starts the server
    await view.page.route(`**${pagePath}`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    await beforeGoto(view.page);
    view.responses.length = 0;
    view.failedRequests.length = 0;
    view.consoleErrors.length = 0;
    await view.page.goto(new URL(pagePath, view.url).href, { waitUntil: 'load' });
    return body(view);
  });
}

/**
 * Waits until `ready` (a function run in the page, as page.waitForFunction) returns a truthy value.
 * A page that never gets there fails with the errors it logged, which say why better than a timeout.
 */
export async function waitForStart(view, ready, { what = 'the page', timeout = 30_000 } = {}) {
  try {
    await view.page.waitForFunction(ready, null, { timeout });
  } catch (error) {
    const problems = [...view.consoleErrors, ...view.pageErrors, ...view.failedRequests, ...view.cspViolations].join('; ');
    throw new Error(`${what} did not start: ${problems || error.message}`);
  }
}

/** Path for a test artifact (screenshot, trace) in tests/browser/artifacts/, which git ignores. */
export function artifactPath(name) {
  const folder = path.join(here, 'artifacts');
  mkdirSync(folder, { recursive: true });
  return path.join(folder, name);
}
