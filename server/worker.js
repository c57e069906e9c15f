// Service worker for the comparison widget (go-app template; {{.Version}}
// and {{.ResourcesToCache}} are filled in by the server).
const cacheName = "app-" + "{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};
const navigationTimeout = 4000;

// Install only once every resource is cached: a half-filled cache would
// break offline use, while a failed install keeps the previous worker.
self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(cacheName);
    // "no-cache" revalidates what the page has just downloaded (a 304)
    // instead of downloading the WebAssembly a second time.
    await cache.addAll(resourcesToCache.map((url) => new Request(url, { cache: "no-cache" })));
    await self.skipWaiting();
  })());
});

// Not wrapped in waitUntil on purpose: go-app reads a worker reaching
// "activated" while a page is controlled as an update, and claiming inside
// waitUntil would announce one on the very first visit.
self.addEventListener("activate", async () => {
  const keys = await caches.keys();
  await Promise.all(keys.filter((k) => k !== cacheName).map((k) => caches.delete(k)));
  await self.clients.claim();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(navigate(request, url));
    return;
  }
  event.respondWith(cacheFirst(request));
});

// Pages come from the network when it answers (the server prerenders the
// filters in the query); offline, the cached page of the same path is used
// whatever its query, and the app applies the query itself.
async function navigate(request, url) {
  try {
    return await withTimeout(fetch(request), navigationTimeout);
  } catch (err) {
    const cache = await caches.open(cacheName);
    const page = await cache.match(url.pathname, { ignoreSearch: true });
    if (page) {
      return page;
    }
    const root = await cache.match(self.registration.scope, { ignoreSearch: true });
    return root || Response.error();
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  return cached || fetch(request);
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (v) => { clearTimeout(timer); resolve(v); },
      (e) => { clearTimeout(timer); reject(e); });
  });
}
