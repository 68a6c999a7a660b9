// The service worker: a second visit plays with no network, and a new version
// replaces the old one cleanly. The build (tools/web/site.cmake) writes it with
// this version's files; the page registers it once the game is running.
'use strict';
const CACHE = 'miraclemile-@MM_SITE_ID@';
const FILES = ['./', 'index.html', 'manifest.webmanifest', 'icon-192.png', 'icon-512.png',
  @MM_CACHE_FILES@];

// A new version keeps every file it needs (most come from the HTTP cache the
// first visit filled), then takes over at once: what a running page already
// loaded stays loaded, and everything it asks for next is of its version.
self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (e) => {
  e.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys
      .filter((k) => k.startsWith('miraclemile-') && k !== CACHE)
      .map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (/\.[0-9a-f]{8}\.[a-z]+$/.test(url.pathname)) {
    // A hashed name never changes: the cache first; a sound fetched when
    // first needed is kept as it comes, for the next visit.
    e.respondWith(caches.match(req, { ignoreSearch: true }).then((hit) => hit || fetch(req).then((res) => {
      if (res.ok) {
        const copy = res.clone();
        caches.open(CACHE).then((c) => c.put(req, copy));
      }
      return res;
    })));
    return;
  }
  // The page, the manifest, the icons: the network first, so an update shows
  // at once; the cache when there is no network.
  e.respondWith(fetch(req)
    .then((res) => {
      if (res.ok) {
        const copy = res.clone();
        caches.open(CACHE).then((c) => c.put(req, copy));
      }
      return res;
    })
    .catch(() => caches.match(req, { ignoreSearch: true })
      .then((hit) => hit || caches.match('index.html'))));
});
