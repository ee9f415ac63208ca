// Staff area. The server keeps the session's time (StaffSessions, SessionGuard.razor): this only tells it that someone
// is at the page — a key, a click, a wheel turn — at most every 30 s, so reading or scrolling counts as being there.
// Blocked, nothing breaks: the session simply ends after the idle time unless the page itself is used.
// While the session warning is open, the rest of the page is inert and focus returns where it was when it closes.
(() => {
    if (!document.querySelector('form[data-panel-signout]')) return;
    let last = 0;
    const report = () => {
        const now = Date.now();
        if (now - last < 30000) return;
        last = now;
        fetch('/panel/sesja', { method: 'POST', credentials: 'same-origin', headers: { 'X-Panel-Activity': '1' } }).catch(() => { });
    };
    ['keydown', 'pointerdown', 'wheel'].forEach(e => document.addEventListener(e, report, { passive: true, capture: true }));

    let back = null;
    let marked = [];
    new MutationObserver(() => {
        const warning = document.querySelector('[data-session-warning]');
        if (warning && !back) {
            back = document.activeElement;
            for (let node = warning; node.parentElement && node !== document.body; node = node.parentElement) {
                for (const other of node.parentElement.children) {
                    if (other !== node && other.tagName !== 'SCRIPT' && !other.hasAttribute('inert')) {
                        other.setAttribute('inert', '');
                        marked.push(other);
                    }
                }
            }
        } else if (!warning && back) {
            marked.forEach(el => el.removeAttribute('inert'));
            marked = [];
            const target = back;
            back = null;
            if (target && target.isConnected && target !== document.body) target.focus({ preventScroll: true });
        }
    }).observe(document.body, { childList: true, subtree: true });
})();
