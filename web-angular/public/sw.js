// The SPA's service worker: it lets the app install and open offline, read-only.
// - Pages (navigations): the network, else the cached shell (index.html).
// - The app's own files (scripts, styles, icons, manifest): the cache, filled at install
//   from offline-files.json (scripts/list-offline-files.mjs writes it at build time); their
//   names carry a content hash, so a cached file never goes stale.
// - Reading tasks (GET /api/tasks…): the network, and a copy is kept per user (keyed by
//   the bearer token's user, never shared between users of one browser); offline, the copy
//   last seen. Writes, the realtime stream and everything else pass straight through.
// A message { type: 'forget' } (sent on log-out) drops every user's copies.
const SHELL = 'todo-shell-v1';
const DATA = 'todo-data-v1';
const ASSET = /\.(?:js|css|svg|png|webmanifest|ico|woff2?)$/;

self.addEventListener('install', (event) => {
  event.waitUntil(keepTheShell().then(() => self.skipWaiting()));
});

/** The shell and the build's own files (offline-files.json, written at build time). */
async function keepTheShell() {
  const files = await (await fetch('/offline-files.json', { cache: 'no-store' })).json();
  const cache = await caches.open(SHELL);
  const wanted = new Set(['/', ...files].map((path) => new URL(path, self.location.origin).href));
  // Files of older builds go; their names carry content hashes, so they are never asked again.
  for (const request of await cache.keys()) if (!wanted.has(request.url)) await cache.delete(request);
  await cache.addAll([...wanted]);
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((n) => n !== SHELL && n !== DATA).map((n) => caches.delete(n))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  const message = event.data;
  if (message && message.type === 'forget') event.waitUntil(caches.delete(DATA));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') event.respondWith(page(request));
  else if (url.pathname === '/api/tasks' || url.pathname.startsWith('/api/tasks/'))
    event.respondWith(tasks(request));
  else if (!url.pathname.startsWith('/api/') && ASSET.test(url.pathname)) event.respondWith(asset(request));
});

async function page(request) {
  try {
    const fresh = await fetch(request);
    if (fresh.ok) (await caches.open(SHELL)).put('/', fresh.clone());
    return fresh;
  } catch {
    return (await caches.match('/')) ?? Response.error();
  }
}

async function asset(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const fresh = await fetch(request);
  if (fresh.ok) (await caches.open(SHELL)).put(request, fresh.clone());
  return fresh;
}

async function tasks(request) {
  const key = perUserKey(request);
  try {
    const fresh = await fetch(request);
    if (fresh.ok && key) (await caches.open(DATA)).put(key, fresh.clone());
    return fresh;
  } catch {
    const copy = key ? await caches.match(key) : undefined;
    if (copy) return copy;
    return new Response(
      JSON.stringify({
        type: 'about:blank',
        title: 'Offline',
        status: 503,
        detail: 'offline: this list was not seen yet',
      }),
      { status: 503, headers: { 'content-type': 'application/problem+json' } },
    );
  }
}

/**
 * The request's URL with the user it is for (the bearer token's `sub`): one user's copy is
 * never another's, and survives the token being refreshed.
 */
function perUserKey(request) {
  const token = (request.headers.get('authorization') ?? '').replace(/^Bearer /, '');
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const sub = JSON.parse(atob(payload)).sub;
    if (typeof sub !== 'string' || sub === '') return null;
    const url = new URL(request.url);
    url.searchParams.set('sw-user', sub);
    return url.toString();
  } catch {
    return null;
  }
}
