// A small static file server for the web build, on the loopback address only.
//   node tools/web/serve.mjs [--root DIR] [--port N]
// Port 0 (the default) takes a free port. Prints "serving http://127.0.0.1:PORT/"
// once listening, then one line per failed request. No dependencies: plain node.
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
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
};

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
  const etag = `"${st.size}-${st.mtimeMs}"`;
  const headers = {
    'Content-Type': types[extname(file)] || 'application/octet-stream',
    'Content-Length': st.size,
    // Always ask: a rebuilt game must not mix with a cached one.
    'Cache-Control': 'no-cache',
    ETag: etag,
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, { ETag: etag, 'Cache-Control': 'no-cache' }).end();
    return;
  }
  res.writeHead(200, headers);
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
});

server.listen(port, '127.0.0.1', () => {
  console.log(`serving http://127.0.0.1:${server.address().port}/ from ${root}`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
