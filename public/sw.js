// Handover's service worker: keeps a coordinator's "My deliveries" readable without a signal.
// It stores only the "My deliveries" page (and its data), the app's own scripts and styles, and the
// packet files that page asks for. Other pages go to the network as usual; nothing is stored for
// them, so no other event's data lands on the phone. Logging in or out clears what was stored.
const VERSION = "v1";
const ASSETS = `handover-assets-${VERSION}`;
const DAY = `handover-day-${VERSION}`;

const isDayPage = (url) =>
  url.pathname === "/dashboard/my" ||
  url.pathname === "/dashboard/my.data" ||
  url.pathname === "/manifest.webmanifest" ||
  url.pathname === "/favicon.svg";
const isAsset = (url) => url.pathname.startsWith("/build/");
const isPacketFile = (url) =>
  /^\/dashboard\/c\/[^/]+\/deliveries\/events\/\d+\/packet\/[^/]+\/(\d+\.pdf|print)$/.test(
    url.pathname,
  );

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys())
        if (name !== ASSETS && name !== DAY) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

async function networkFirst(request) {
  const cache = await caches.open(DAY);
  try {
    const response = await fetch(request);
    // Never store a redirect (e.g. to the login page) or an error in place of the page. A copy
    // that cannot be stored (quota, an odd response) must not cost the person the page itself.
    if (response.ok && !response.redirected)
      await cache.put(request, response.clone()).catch(() => {});
    return response;
  } catch (error) {
    const cached =
      (await cache.match(request)) || (await cache.match(request, { ignoreSearch: true }));
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(cacheName, request) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return;
  // Someone logs in or out on this phone: forget the previous person's day.
  if (url.pathname === "/login" || url.pathname === "/logout") {
    event.waitUntil(caches.delete(DAY));
    return;
  }
  if (event.request.method !== "GET") return;
  if (isAsset(url)) event.respondWith(cacheFirst(ASSETS, event.request));
  else if (isDayPage(url)) event.respondWith(networkFirst(event.request));
  else if (isPacketFile(url)) event.respondWith(networkFirst(event.request));
});

// The page lists the packet files of the person's own events: store those, drop any others.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "keep-packets" || !Array.isArray(data.urls)) return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(DAY);
      const keep = new Set(data.urls.map((u) => new URL(u, self.location.origin).href));
      for (const request of await cache.keys()) {
        const url = new URL(request.url);
        if (isPacketFile(url) && !keep.has(url.href)) await cache.delete(request);
      }
      for (const href of keep) {
        if (await cache.match(href)) continue;
        try {
          const response = await fetch(href, { credentials: "same-origin" });
          if (response.ok && !response.redirected) await cache.put(href, response);
        } catch {
          // Offline now: the next visit online stores it.
        }
      }
      if (event.source) event.source.postMessage({ type: "packets-kept", count: keep.size });
    })(),
  );
});
