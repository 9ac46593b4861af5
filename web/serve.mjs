// A tiny static file server for the built page (web/dist), for `scripts/run` and the browser tests.
// It sends the MIME types the page needs (application/wasm, so wasm compiles while streaming), refuses
// paths that leave the served folder, and can add a Content-Security-Policy header. Each file is read
// whole and sent in one write, as a real host does from its cache: streaming it in 64 KB chunks, each
// a round through the event loop, held engine.wasm and app.js back whenever Node was busy (issue 7).
//
//   import { startServer } from './serve.mjs';
//   const server = await startServer('web/dist', { port: 0 });  // port 0: any free port
//   ... server.url ...; await server.close();
//
//   node web/serve.mjs [root=web/dist] [port=$PORT or 8000]      (HOST=... to change 127.0.0.1)
import { createServer } from 'node:http';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
  '.woff2': 'font/woff2',
};

const isInside = (folder, file) => file === folder || file.startsWith(folder + path.sep);

/**
 * Serves the files under `root` over HTTP.
 * @param {string} root folder to serve
 * @param {{port?: number, host?: string, csp?: string|null}} options port 0 picks a free port;
 *   csp, when given, is sent as the Content-Security-Policy header of every response
 * @returns {Promise<{url: string, close: () => Promise<void>}>} url ends with '/'
 */
export async function startServer(root, { port = 0, host = '127.0.0.1', csp = null } = {}) {
  const rootPath = await realpath(path.resolve(root));

  async function resolveFile(urlPath) {
    const requested = path.resolve(rootPath, '.' + decodeURIComponent(urlPath));
    if (!isInside(rootPath, requested)) return { status: 403 };
    let file = requested;
    let info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      file = path.join(file, 'index.html');
      info = await stat(file).catch(() => null);
    }
    if (!info?.isFile()) return { status: 404 };
    // A symbolic link inside root must not lead outside it either.
    if (!isInside(rootPath, await realpath(file))) return { status: 403 };
    return { status: 200, file, size: info.size };
  }

  function sendError(response, status, message) {
    response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(`${status} ${message}\n`);
  }

  const server = createServer(async (request, response) => {
    if (csp) response.setHeader('Content-Security-Policy', csp);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'no-store');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return sendError(response, 405, 'Method Not Allowed');
    }
    let target;
    try {
      target = await resolveFile(new URL(request.url, 'http://localhost').pathname);
    } catch {
      return sendError(response, 400, 'Bad Request'); // e.g. a malformed %-escape
    }
    if (target.status === 403) return sendError(response, 403, 'Forbidden');
    if (target.status === 404) return sendError(response, 404, 'Not Found');
    const type = MIME_TYPES[path.extname(target.file).toLowerCase()] ?? 'application/octet-stream';
    if (request.method === 'HEAD') {
      response.writeHead(200, { 'Content-Type': type, 'Content-Length': target.size });
      return response.end();
    }
    let body;
    try {
      body = await readFile(target.file);
    } catch {
      return sendError(response, 404, 'Not Found'); // removed since it was found
    }
    response.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length });
    response.end(body);
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const runDirectly = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (runDirectly) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = process.argv[2] ?? path.join(here, 'dist');
  const port = Number(process.argv[3] ?? process.env.PORT ?? 8000);
  const host = process.env.HOST ?? '127.0.0.1';
  try {
    const server = await startServer(root, { port, host });
    console.log(`Serving ${path.resolve(root)} at ${server.url}  (Ctrl-C to stop)`);
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.once(signal, () => server.close().then(() => process.exit(0)));
    }
  } catch (error) {
    const hint = error.code === 'EADDRINUSE' ? ` (port ${port} is taken: set PORT to another one)` : '';
    console.error(`serve.mjs: cannot serve ${root}: ${error.message}${hint}`);
    process.exit(1);
  }
}
