// "Moje wizyty" on a weak signal. The pages work without this file (plain links, a plain form); it adds:
// - today's day and today's visits kept on the phone (a service worker serves them when there is no signal);
// - an outcome typed without signal kept in localStorage and sent when the signal is back, with the form's idempotency
//   key, so it is stored once however many times it is sent;
// - nothing kept past the day: what was kept on an earlier day is deleted on load (and every minute), and sign-out
//   deletes it (the server also answers sign-out with Clear-Site-Data).
(() => {
    const root = document.getElementById('mu-offline');
    if (!root) return;

    const PREFIX = 'mu-wynik-';
    const CACHE = 'mu-wizyty-';
    const FILES = CACHE + 'pliki';
    const OFFLINE_PAGE = '/panel/moje-wizyty/bez-polaczenia';
    const status = root.querySelector('[data-offline-status]');
    const text = (name) => root.dataset['text' + name[0].toUpperCase() + name.slice(1)] || '';
    const form = document.querySelector('form[data-outcome-form]');
    const here = root.dataset.visit || null;

    const say = (message, focus) => {
        if (!status) return;
        status.textContent = message;
        status.hidden = !message;
        if (message && focus) status.focus();
    };

    // The Warsaw date on the phone's clock, "2026-11-24": what "today" means for anything kept.
    const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

    const keys = () => Object.keys(localStorage).filter((k) => k.startsWith(PREFIX));
    const read = (key) => { try { return JSON.parse(localStorage.getItem(key)); } catch { return null; } };
    const kept = () => keys().map(read).filter((item) => item && item.visit);
    const keep = (item) => localStorage.setItem(PREFIX + item.visit, JSON.stringify(item));
    const drop = (visit) => localStorage.removeItem(PREFIX + visit);
    const pending = () => kept().filter((item) => !item.error);

    async function wipe(all) {
        const day = today();
        for (const key of keys()) {
            const item = read(key);
            if (all || !item || !item.keptOn || item.keptOn < day) localStorage.removeItem(key);
        }
        if (!('caches' in window)) return;
        for (const name of await caches.keys()) {
            if (name.startsWith(CACHE) && (all || (name !== FILES && name.slice(CACHE.length) < day))) await caches.delete(name);
        }
    }

    async function send(item) {
        let response;
        try {
            response = await fetch(item.api, {
                method: 'POST',
                body: new URLSearchParams(item.fields),
                headers: { 'X-Requested-With': 'XMLHttpRequest' },
                credentials: 'same-origin',
                redirect: 'manual',
            });
        } catch {
            return 'kept';
        }
        if (response.ok) {
            drop(item.visit);
            return 'sent';
        }
        if (response.status === 401 || response.status === 403 || response.type === 'opaqueredirect') return 'signin';
        if (response.status === 422) return 'refused';
        // Anything else (a stale anti-forgery token, a server error): kept, marked, for the clerk to send again.
        item.error = true;
        keep(item);
        return 'failed';
    }

    let syncing = false;
    async function syncAll() {
        if (syncing || !navigator.onLine) return;
        syncing = true;
        try {
            let sent = 0;
            for (const item of pending()) {
                const result = await send(item);
                if (result === 'sent') {
                    sent++;
                    if (item.visit === here) {
                        location.assign(item.page + '?zapisano=1');
                        return;
                    }
                } else if (result === 'refused') {
                    if (item.visit === here && form) {
                        // The server has something to say about the form: let it say it, on the page, as a plain post would.
                        drop(item.visit);
                        fill(item.fields);
                        form.submit();
                        return;
                    }
                    item.error = true;
                    keep(item);
                } else if (result === 'signin') {
                    say(text('signin'));
                    break;
                }
            }
            if (sent > 0 && !here) location.reload();
        } finally {
            syncing = false;
            showPending();
        }
    }

    function fill(fields) {
        if (!form) return;
        for (const [name, value] of fields) {
            if (name === '__RequestVerificationToken' || name === '_handler') continue;
            for (const field of form.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
                if (field.type === 'radio' || field.type === 'checkbox') field.checked = field.value === value;
                else field.value = value;
            }
        }
    }

    function showPending() {
        const items = kept();
        document.querySelectorAll('section[data-visit]').forEach((section) => {
            const notice = section.querySelector('[data-pending-notice]');
            if (!notice) return;
            const waiting = items.some((item) => item.visit === section.dataset.visit);
            notice.textContent = waiting ? text('pending') : '';
            notice.hidden = !waiting;
        });
    }

    // Today's day, its visits' pages and the files they use, kept on the phone while there is a signal.
    async function keepToday() {
        const day = root.dataset.offlineDay;
        if (!day || !('caches' in window) || !navigator.onLine) return;
        try {
            const pages = await caches.open(CACHE + day);
            if (!(await pages.match(location.href))) {
                // Not served through the worker (it was not there yet when the page came): keep this page too.
                const response = await fetch(location.href, { credentials: 'same-origin' });
                if (response.ok && !response.redirected) await pages.put(location.href, response);
            }
            for (const link of document.querySelectorAll('a[data-offline-copy]')) {
                const response = await fetch(link.href, { credentials: 'same-origin', headers: { 'X-Mu-Kopia': 'telefon' } });
                if (response.ok && !response.redirected) await pages.put(link.href, response);
            }
            const files = await caches.open(FILES);
            const assets = [...document.querySelectorAll('link[rel="stylesheet"], script[src]')].map((e) => e.href || e.src);
            for (const url of [...assets, OFFLINE_PAGE]) {
                if (!(await files.match(url))) await files.add(url);
            }
            // Said once the worker that serves the kept copy without a signal is in place.
            if (navigator.serviceWorker) await navigator.serviceWorker.ready;
            say(text('ready'));
        } catch {
            // No room or no signal half-way: the page still works online.
        }
    }

    if (form) {
        const item = read(PREFIX + here);
        if (item) {
            fill(item.fields);
            say(item.error ? text('failed') : text('kept'));
        }
        form.addEventListener('submit', (event) => {
            event.preventDefault();
            const next = {
                visit: here,
                api: root.dataset.api,
                page: location.pathname,
                fields: [...new FormData(form)].map(([name, value]) => [name, String(value)]),
                keptOn: root.dataset.today,
                at: Date.now(),
            };
            keep(next);
            if (!navigator.onLine) {
                say(text('kept'), true);
                return;
            }
            say(text('sending'), true);
            syncAll().then(() => {
                if (read(PREFIX + here)) say(read(PREFIX + here).error ? text('failed') : text('kept'), true);
            });
        });
    }

    // Sign-out takes everything kept with it; an outcome not yet sent is sent first. If it cannot be, the first press
    // says so and a second press signs out anyway.
    const signout = document.querySelector('form[data-panel-signout]');
    if (signout) {
        const realSubmit = HTMLFormElement.prototype.submit;
        let warned = false;
        const settle = async () => {
            if (pending().length > 0) await syncAll();
            return pending().length === 0;
        };
        signout.addEventListener('submit', (event) => {
            if (warned || pending().length === 0) {
                wipe(true);
                return;
            }
            event.preventDefault();
            settle().then((clear) => {
                if (clear) {
                    wipe(true).then(() => realSubmit.call(signout));
                } else {
                    warned = true;
                    say(text('signout'), true);
                }
            });
        });

        // panel.js signs out after the idle time with form.submit(), which fires no submit event. A kept outcome is sent
        // first; one that cannot be sent is not wiped: the session ends on the sign-in page instead, and the outcome is
        // sent after the next sign-in.
        signout.submit = () => {
            settle().then((clear) => {
                if (clear) wipe(true).then(() => realSubmit.call(signout));
                else location.assign('/panel/logowanie?wygaslo=1');
            });
        };
    }

    if ('serviceWorker' in navigator) {
        navigator.serviceWorker.register('/moje-wizyty-sw.js', { scope: '/panel/moje-wizyty' }).catch(() => { });
    }

    window.addEventListener('online', syncAll);
    setInterval(() => {
        wipe(false).then(showPending);
        if (pending().length > 0) syncAll();
    }, 60000);

    wipe(false).then(() => {
        showPending();
        return syncAll();
    }).then(keepToday);
})();
