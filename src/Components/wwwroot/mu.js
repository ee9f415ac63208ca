// Mobilny Urzędnik – small progressive enhancements. Every page works without this file.
(() => {
    // After a failed post the error summary takes focus; after a post that did something, its notice
    // (e.g. "Zapisaliśmy numer…"); after an enhanced navigation, the h1 does, so screen-reader users
    // hear where they are. A first full page load leaves focus alone (the skip link stays the first
    // Tab stop), except for the error summary and a notice.
    function focusAfterLoad(isNavigation) {
        const summary = document.querySelector('[data-error-summary]') || document.querySelector('[data-notice]');
        if (summary) {
            summary.focus();
            return;
        }
        if (isNavigation) {
            const h1 = document.querySelector('main h1');
            if (h1) {
                h1.setAttribute('tabindex', '-1');
                h1.focus();
            }
        }
    }

    // The skip link moves focus (not only the scroll position) into main, so the next Tab continues there.
    document.addEventListener('click', (e) => {
        const skip = e.target.closest('.skip-link');
        if (!skip) return;
        const target = document.getElementById(decodeURIComponent(skip.hash.slice(1)));
        if (!target) return;
        e.preventDefault();
        if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
        target.focus();
    });

    // The error summary's links move focus to the field (and its label into view), not just scroll.
    document.addEventListener('click', (e) => {
        const link = e.target.closest('.error-summary a[href*="#"]');
        if (!link) return;
        const field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
        if (!field) return;
        e.preventDefault();
        const label = document.querySelector(`label[for="${CSS.escape(field.id)}"]`) || field.closest('fieldset')?.querySelector('legend');
        (label || field).scrollIntoView();
        field.focus({ preventScroll: true });
    });

    // The form of a count's phrase: the resource lists them "one|few|many" (Polish, Ukrainian) or "one|other"
    // (English), the same order as the server's Plural helper; the browser's plural rules choose.
    function plural(forms, n, lang) {
        const list = forms.split('|');
        if (list.length === 1) return forms;
        const category = new Intl.PluralRules(lang).select(n);
        return list[category === 'one' ? 0 : category === 'few' ? 1 : list.length - 1];
    }

    // Live character count for textareas with a stated limit.
    function updateCount(textarea) {
        const group = textarea.closest('[data-character-count]');
        if (!group) return;
        const max = parseInt(group.getAttribute('data-character-count'), 10);
        const status = group.querySelector('[data-count-status]');
        if (!max || !status) return;
        const length = [...new Intl.Segmenter('pl', { granularity: 'grapheme' }).segment(textarea.value)].length;
        const left = max - length;
        const template = left >= 0 ? status.dataset.templateLeft : status.dataset.templateOver;
        const lang = document.documentElement.lang || 'pl';
        status.textContent = plural(template, Math.abs(left), lang).replace('{0}', Math.abs(left).toLocaleString(lang));
    }

    let countTimer;
    document.addEventListener('input', (e) => {
        if (e.target.matches('[data-character-count] textarea')) {
            clearTimeout(countTimer);
            const target = e.target;
            // Debounced, so screen readers are not flooded while typing.
            countTimer = setTimeout(() => updateCount(target), 400);
        }
    });

    // Print buttons only exist when they can work.
    function enablePrint() {
        document.querySelectorAll('[data-print]').forEach((b) => {
            b.hidden = false;
            b.onclick = () => window.print();
        });
    }

    // A live page without prerendering carries a stand-in <title data-fallback-title> until its live connection renders
    // the page's own: the stand-in goes as soon as another title with text is in the head (and again if an enhanced
    // navigation brings it back), so the document has one title, the page's own.
    function dropFallbackTitle() {
        const fallback = document.head.querySelector('title[data-fallback-title]');
        const own = [...document.head.querySelectorAll('title:not([data-fallback-title])')].some((t) => t.textContent.trim());
        if (fallback && own) fallback.remove();
    }
    if (document.head) {
        new MutationObserver(dropFallbackTitle).observe(document.head, { childList: true, subtree: true, characterData: true });
        dropFallbackTitle();
    }

    function onLoad(isNavigation) {
        enablePrint();
        focusAfterLoad(isNavigation);
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', () => onLoad(false));
    } else {
        onLoad(false);
    }

    if (window.Blazor && typeof window.Blazor.addEventListener === 'function') {
        window.Blazor.addEventListener('enhancedload', () => onLoad(true));
    } else {
        document.addEventListener('DOMContentLoaded', () => {
            window.Blazor?.addEventListener?.('enhancedload', () => onLoad(true));
        });
    }
})();
