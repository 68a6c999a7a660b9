// A small static file server for the web build, on the loopback address only.
//   node tools/web/serve.mjs [--root DIR] [--port N]
// Port 0 (the default) takes a free port. Prints "serving http://127.0.0.1:PORT/"
// once listening, then one line per failed request. No dependencies: plain node.
// Files are sent gzipped to browsers that ask for it (all do), as any static
// host does: the game's code and data shrink to about a third.
import { createServer } from 'node:http';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize, resolve, sep } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const root = resolve(opt('--root', 'build-web/site'));
const port = Number(opt('--port', '0'));

// WebAssembly must come as application/wasm, or the browser compiles it the
// slow way and warns about it.
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.json': 'application/json',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

// Worth compressing: text, code and the data package (PNG and Ogg inside it
// are compressed already, the rest is not).
const compressible = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.data', '.json', '.txt', '.webmanifest']);
const gzipped = new Map(); // path -> { etag, body }: each file compressed once
function gzipOf(file, etag) {
  const hit = gzipped.get(file);
  if (hit && hit.etag === etag) return hit.body;
  const body = gzipSync(readFileSync(file), { level: 9 });
  gzipped.set(file, { etag, body });
  return body;
}

const server = createServer((req, res) => {
  let path;
  try {
    path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(root, path));
  let st = null;
  if (file === root || file.startsWith(root + sep)) {
    try {
      st = statSync(file);
    } catch {
      st = null;
    }
  }
  if (!st || !st.isFile() || (req.method !== 'GET' && req.method !== 'HEAD')) {
    console.error(`${req.method} ${req.url}: ${st ? 405 : 404}`);
    res.writeHead(st ? 405 : 404, { 'Content-Type': 'text/plain' }).end('not found\n');
    return;
  }
  const gzip = compressible.has(extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] || '');
  const etag = `"${st.size}-${st.mtimeMs}${gzip ? '-gz' : ''}"`;
  // Files whose names carry their content's hash never change: cache them
  // for good. The page and the service worker are always asked for again.
  const cache = /\.[0-9a-f]{8}\./.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
  const headers = {
    'Content-Type': types[extname(file)] || 'application/octet-stream',
    'Cache-Control': cache,
    ETag: etag,
    Vary: 'Accept-Encoding',
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, { ETag: etag, 'Cache-Control': cache }).end();
    return;
  }
  if (gzip) {
    const body = gzipOf(file, etag);
    res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': st.size });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
});

server.listen(port, '127.0.0.1', () => {
  console.log(`serving http://127.0.0.1:${server.address().port}/ from ${root}`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
