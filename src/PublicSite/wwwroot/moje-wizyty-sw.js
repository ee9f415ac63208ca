// The service worker of "Moje wizyty" (scope /panel/moje-wizyty): pages come from the network while there is a
// signal; without one, from the copy kept today. It keeps only pages the server marked for today (X-Mu-Offline: the
// day), in that day's cache, and never serves a day that has passed. The page script (moje-wizyty.js) fills the cache
// ahead and deletes it at midnight and at sign-out; the server's sign-out answer (Clear-Site-Data) removes it all.
const CACHE = 'mu-wizyty-';
const FILES = CACHE + 'pliki';
const DAY_PAGE = '/panel/moje-wizyty';
const OFFLINE_PAGE = '/panel/moje-wizyty/bez-polaczenia';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
    const request = event.request;
    if (request.method !== 'GET') return;
    const url = new URL(request.url);
    if (url.origin !== self.location.origin) return;
    if (request.mode === 'navigate') {
        if (url.pathname === DAY_PAGE || url.pathname.startsWith(DAY_PAGE + '/')) event.respondWith(page(request, url));
        return;
    }
    if (/\.(css|js|woff2?|svg|png|ico)$/.test(url.pathname)) event.respondWith(file(request));
});

async function page(request, url) {
    try {
        const response = await fetch(request);
        const day = response.headers.get('X-Mu-Offline');
        if (response.ok && !response.redirected && day && day >= today()) {
            const cache = await caches.open(CACHE + day);
            await cache.put(url.href, response.clone());
        }
        return response;
    } catch (error) {
        return (await kept(url)) || (await caches.match(OFFLINE_PAGE, { cacheName: FILES })) || Response.error();
    }
}

// The copy kept today: the address itself, or for the day page without a date, today's day page.
async function kept(url) {
    const names = (await caches.keys()).filter((n) => n.startsWith(CACHE) && n !== FILES && n.slice(CACHE.length) >= today()).sort().reverse();
    for (const name of names) {
        const cache = await caches.open(name);
        const exact = await cache.match(url.href);
        if (exact) return exact;
        if (url.pathname === DAY_PAGE) {
            const day = name.slice(CACHE.length);
            const page = (await cache.match(self.location.origin + DAY_PAGE)) || (await cache.match(self.location.origin + DAY_PAGE + '?dzien=' + day));
            if (page) return page;
        }
    }
    return null;
}

// Files (stylesheets, scripts) have fingerprinted addresses: a kept copy is always the right one.
async function file(request) {
    const cache = await caches.open(FILES);
    const hit = await cache.match(request);
    if (hit) return hit;
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
}
