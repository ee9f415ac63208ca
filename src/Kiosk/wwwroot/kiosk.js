// Mobilny Urzędnik – the kiosk's browser side: read-aloud, on-screen keyboard, keys, idle guard, display settings.
// State never goes into browser storage; the answers live in the server circuit only.
(() => {
    'use strict';
    const k = (window.muKiosk = window.muKiosk || {});
    let app = null; // DotNetObjectReference of the layout

    // A "5 5" pressed while the page is still connecting is kept and acted on once it is connected.
    let pendingNonVisual = false;
    k.init = (dotnet) => {
        app = dotnet;
        if (pendingNonVisual) {
            pendingNonVisual = false;
            app.invokeMethodAsync('ToggleNonVisual');
        }
    };

    // ---------- Display settings ----------
    k.display = (fontSize, highContrast) => {
        const html = document.documentElement;
        html.style.fontSize = fontSize;
        html.classList.toggle('contrast-high', !!highContrast);
        requestAnimationFrame(updateInset);
    };

    // ---------- Focus after a screen change ----------
    k.screenShown = (hasErrors) => {
        const place = () => {
            // In non-visual mode a problem takes focus to its field (the screen's speech names the field and the problem).
            const target = hasErrors ? (voiceErrorField() || document.querySelector('[data-error-summary]')) : document.querySelector('main h1');
            if (!target) return;
            if (!target.hasAttribute('tabindex') && !target.matches('input, textarea, select, button')) target.setAttribute('tabindex', '-1');
            focusQuietly(target);
            if (!hasErrors) window.scrollTo(0, 0);
            else target.scrollIntoView({ block: 'nearest' });
        };
        place();
        // When the focused field was removed with the old screen, the browser's focus fix-up can run after this
        // call and drop focus to <body>; put it back once the frame has settled.
        requestAnimationFrame(() => setTimeout(() => {
            if (document.activeElement === document.body || !document.activeElement) place();
        }, 0));
    };

    k.focus = (selector) => {
        const el = document.querySelector(selector);
        if (el) el.focus();
    };

    // ---------- Read-aloud ----------
    let speechToken = 0;
    let lastChunks = [];
    const audio = () => document.getElementById('kiosk-audio');

    function setSpeaking(on) {
        document.documentElement.classList.toggle('kiosk-speaking', on);
    }

    k.stop = () => {
        speechToken++;
        const a = audio();
        if (a && !a.paused) a.pause();
        if ('speechSynthesis' in window) window.speechSynthesis.cancel();
        setSpeaking(false);
    };

    k.speak = async (chunks) => {
        k.stop();
        if (!chunks || chunks.length === 0) return;
        lastChunks = chunks;
        const mine = ++speechToken;
        setSpeaking(true);
        for (const text of chunks) {
            if (mine !== speechToken) return;
            await playOne(text, mine);
        }
        if (mine === speechToken) setSpeaking(false);
    };

    k.repeat = () => k.speak(lastChunks);

    // A chunk is a text in the page's language, or { text, lang } for words in another one (the language buttons).
    async function playOne(chunk, mine) {
        const text = typeof chunk === 'string' ? chunk : chunk.text;
        const lang = (typeof chunk === 'object' && chunk.lang) || document.documentElement.lang || 'pl';
        let blob = null;
        try {
            const response = await fetch('api/mowa', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ tekst: text, jezyk: lang }),
            });
            if (response.ok) blob = await response.blob();
        } catch {
            blob = null;
        }
        if (mine !== speechToken) return;
        if (blob) {
            const a = audio();
            const url = URL.createObjectURL(blob);
            try {
                a.src = url;
                await new Promise((resolve) => {
                    a.onended = resolve;
                    a.onpause = resolve;
                    a.onerror = resolve;
                    a.play().catch(resolve);
                });
            } finally {
                a.onended = a.onpause = a.onerror = null;
                URL.revokeObjectURL(url);
            }
            return;
        }
        // Fallback only: the browser's own speech, and only with a voice in the chunk's language.
        await speakWithBrowser(text, lang);
    }

    function speakWithBrowser(text, lang) {
        return new Promise((resolve) => {
            if (!('speechSynthesis' in window)) return resolve();
            const voice = window.speechSynthesis.getVoices().find((v) => (v.lang || '').toLowerCase().startsWith(lang));
            if (!voice) return resolve();
            const utterance = new SpeechSynthesisUtterance(text);
            utterance.lang = voice.lang;
            utterance.voice = voice;
            utterance.onend = resolve;
            utterance.onerror = resolve;
            window.speechSynthesis.speak(utterance);
        });
    }

    // Speech stops on any touch (except the speech buttons themselves, which start or stop it).
    document.addEventListener('pointerdown', (e) => {
        if (!e.target.closest('[data-speech-control]')) k.stop();
    }, true);

    // A short tone for the idle warning.
    k.beep = () => {
        try {
            const ctx = new (window.AudioContext || window.webkitAudioContext)();
            const osc = ctx.createOscillator();
            const gain = ctx.createGain();
            osc.frequency.value = 880;
            gain.gain.value = 0.2;
            osc.connect(gain).connect(ctx.destination);
            osc.start();
            osc.stop(ctx.currentTime + 0.4);
            osc.onended = () => ctx.close();
        } catch {
            // No audio device: the dialog and the speech still warn.
        }
    };

    // ---------- On-screen keyboard ----------
    const editable = (el) => el && ((el.tagName === 'INPUT' && /^(text|tel|email|search)$/.test(el.type)) || el.tagName === 'TEXTAREA');
    let field = null;

    function keyboard() { return document.querySelector('[data-kiosk-keyboard]'); }

    function updateInset() {
        const bar = document.querySelector('[data-kiosk-bar]');
        const kb = keyboard();
        const open = document.documentElement.classList.contains('kiosk-keyboard-open');
        const inset = (bar ? bar.offsetHeight : 0) + (open && kb ? kb.offsetHeight : 0);
        document.documentElement.style.setProperty("--kiosk-inset", inset + "px");
        document.documentElement.style.setProperty("--kiosk-bar-height", (bar ? bar.offsetHeight : 0) + "px");
    }

    function openKeyboard(el) {
        field = el;
        document.documentElement.classList.toggle('kiosk-keypad-open', wantsKeypad(el));
        document.documentElement.classList.add('kiosk-keyboard-open');
        updateInset();
        // The field stays in view above the keyboard and the bar (scroll-padding-bottom is the inset).
        requestAnimationFrame(() => el.scrollIntoView({ block: 'nearest' }));
    }

    // Phone numbers, postal codes and date parts get the number keypad (OnScreenKeyboard.razor) instead of the letters.
    function wantsKeypad(el) {
        const mode = (el.getAttribute('inputmode') || '').toLowerCase();
        return el.type === 'tel' || mode === 'tel' || mode === 'numeric' || mode === 'decimal';
    }

    function closeKeyboard() {
        document.documentElement.classList.remove('kiosk-keyboard-open');
        updateInset();
    }

    // The keyboard stays open for the field's own dictation button: closing it under a finger would move the button
    // away before the tap ends, and the tap would land on whatever took its place.
    document.addEventListener('focusin', (e) => {
        if (editable(e.target)) openKeyboard(e.target);
        else if (!e.target.closest('[data-kiosk-keyboard], [data-dictation]')) closeKeyboard();
        requestAnimationFrame(updateInset);
    });
    window.addEventListener('resize', updateInset);

    function insert(text) {
        if (!field || !document.contains(field)) return;
        const value = field.value;
        let start = value.length, end = value.length;
        try {
            if (typeof field.selectionStart === 'number') { start = field.selectionStart; end = field.selectionEnd; }
        } catch { /* email inputs have no selection */ }
        if (text === '\b') {
            if (start === end && start > 0) start -= 1;
            field.value = value.slice(0, start) + value.slice(end);
            setCaret(start);
        } else {
            field.value = value.slice(0, start) + text + value.slice(end);
            setCaret(start + text.length);
        }
        field.dispatchEvent(new Event('input', { bubbles: true }));
        field.focus({ preventScroll: true });
    }

    function setCaret(pos) {
        try { field.setSelectionRange(pos, pos); } catch { /* not supported by this input type */ }
    }

    // Keys keep the focus in the field: a tap never moves focus to the key.
    document.addEventListener('pointerdown', (e) => {
        if (e.target.closest('[data-kiosk-keyboard] button')) e.preventDefault();
    });
    document.addEventListener('click', (e) => {
        const key = e.target.closest('[data-kiosk-keyboard] button');
        if (!key) return;
        const shiftOn = document.documentElement.classList.contains('kiosk-shift');
        const action = key.dataset.action;
        if (action === 'shift') {
            document.documentElement.classList.toggle('kiosk-shift', !shiftOn);
            key.setAttribute('aria-pressed', String(!shiftOn));
            return;
        }
        if (action === 'hide') { closeKeyboard(); return; }
        if (action === 'backspace') { insert('\b'); return; }
        const ch = key.dataset.key || '';
        insert(shiftOn ? ch.toLocaleUpperCase('pl') : ch);
        if (shiftOn && /\p{L}/u.test(ch)) {
            document.documentElement.classList.remove('kiosk-shift');
            document.querySelector('[data-kiosk-keyboard] [data-action="shift"]')?.setAttribute('aria-pressed', 'false');
        }
    });

    // ---------- Keys: Enter = Dalej, Escape = Wstecz, 5 twice = non-visual mode ----------
    let lastFive = 0;
    document.addEventListener('keydown', (e) => {
        if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
        const t = e.target;
        const inDialog = t.closest && t.closest('[role="alertdialog"]');
        if (e.key === 'Enter' && !inDialog && !(t.closest && t.closest('button, a, textarea, summary'))) {
            const next = document.querySelector('[data-kiosk-next]');
            if (next) { e.preventDefault(); next.click(); }
            return;
        }
        if (e.key === 'Escape' && !inDialog) {
            const back = document.querySelector('[data-kiosk-back]');
            if (back) { e.preventDefault(); back.click(); }
            return;
        }
        if (e.key === '5' && !editable(t)) {
            const now = Date.now();
            if (now - lastFive < 1000) {
                lastFive = 0;
                if (app) app.invokeMethodAsync('ToggleNonVisual'); else pendingNonVisual = !pendingNonVisual;
            } else {
                lastFive = now;
            }
        }
    });

    // ---------- Non-visual mode: every key answered by speech ----------
    // The server (KioskLayout) says when the mode and the headset are on, and gives the words in the kiosk's language
    // (KioskText.resx, Voice*). A focus move names what is focused: its name, kind, state and place ("Tak, wybór 1 z 2,
    // zaznaczony"); a changed choice names the new choice; typing is echoed letter by letter and, on Space, word by word,
    // but only in the headset; Backspace says what went; any key stops the speech; F1 says where you are and what the
    // keys do, F2 reads the whole screen again, F3 switches the headset.
    const voice = { on: false, headset: false, words: {} };
    let quietFocus = false;
    let announceTimer = 0;
    let announceTarget = null;
    let typedWord = '';

    k.voice = (on, headset, words) => {
        voice.on = !!on;
        voice.headset = !!headset;
        if (words) voice.words = words;
        typedWord = '';
    };

    const say = (key, ...args) => (voice.words[key] || '').replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ''));
    const tidy = (text) => (text || '').replace(/\s+/g, ' ').trim();

    // A focus the kiosk moves itself (a new screen, a problem's field) is not announced: the screen is read instead.
    function focusQuietly(el) {
        quietFocus = true;
        try { el.focus({ preventScroll: true }); } finally { quietFocus = false; }
    }

    function voiceErrorField() {
        if (!voice.on) return null;
        const link = document.querySelector('[data-error-summary] a[href*="#"]');
        const id = link ? decodeURIComponent(link.getAttribute('href').split('#')[1] || '') : '';
        return id ? document.getElementById(id) : null;
    }

    function nameOf(el) {
        const by = el.getAttribute('aria-labelledby');
        if (by) return tidy(by.split(/\s+/).map((id) => document.getElementById(id)?.innerText || '').join(' '));
        if (el.getAttribute('aria-label')) return tidy(el.getAttribute('aria-label'));
        if (el.labels && el.labels.length) return tidy(el.labels[0].innerText);
        return tidy(el.innerText || el.value || '');
    }

    // The texts an element is described by: its problem ("Błąd: …") always, an option's own hint for choices.
    function descriptions(el, withHints) {
        const list = (attr) => (attr || '').split(/\s+/).filter(Boolean);
        const own = list(el.getAttribute('aria-describedby')).filter((id) => withHints || id.endsWith('-error'));
        const group = list(el.closest('fieldset')?.getAttribute('aria-describedby')).filter((id) => id.endsWith('-error'));
        return [...new Set([...own, ...group])]
            .map((id) => tidy(document.getElementById(id)?.innerText))
            .filter(Boolean);
    }

    function describe(el) {
        const parts = [nameOf(el)];
        const choice = el.tagName === 'INPUT' && (el.type === 'radio' || el.type === 'checkbox');
        if (el.tagName === 'INPUT' && el.type === 'radio') {
            const group = [...document.querySelectorAll('input[type="radio"]')].filter((r) => r.name === el.name && r.form === el.form);
            parts.push(say('VoiceKindRadio', group.indexOf(el) + 1, group.length), say(el.checked ? 'VoiceChecked' : 'VoiceNotChecked'));
        } else if (el.tagName === 'INPUT' && el.type === 'checkbox') {
            parts.push(say('VoiceKindCheckbox'), say(el.checked ? 'VoiceChecked' : 'VoiceNotChecked'));
        } else if (editable(el)) {
            const value = el.value.trim();
            parts.push(say('VoiceKindTextField'), value === '' ? say('VoiceEmpty') : voice.headset ? say('VoiceTyped', value) : say('VoiceTypedHidden'));
        } else if (el.tagName === 'BUTTON' || el.getAttribute('role') === 'button') {
            parts.push(say('VoiceKindButton'));
            if (el.hasAttribute('aria-pressed')) parts.push(say(el.getAttribute('aria-pressed') === 'true' ? 'VoicePressed' : 'VoiceNotPressed'));
        } else if (el.tagName === 'A') {
            parts.push(say('VoiceKindLink'));
        } else if (/^H[1-6]$/.test(el.tagName)) {
            parts.push(say('VoiceKindHeading'));
        }
        if (el.disabled || el.getAttribute('aria-disabled') === 'true') parts.push(say('VoiceDisabled'));
        // An option's own hint can carry the person's data ("Zadzwonimy na numer 605 432 187"): like everything typed,
        // it is read through the speaker only with the headset on; a problem is always read.
        parts.push(...descriptions(el, choice && voice.headset));
        return parts.filter(Boolean).join(', ');
    }

    // The endpoint reads at most 600 characters at once: longer texts go sentence by sentence.
    function sentences(text) {
        const chunks = [];
        let current = '';
        for (const piece of text.split(/(?<=[.?!:])\s+/)) {
            if (current && current.length + piece.length + 1 > 500) { chunks.push(current); current = ''; }
            current = current ? current + ' ' + piece : piece;
        }
        if (current) chunks.push(current);
        return chunks;
    }

    function announceSoon(el) {
        // After the key's own work (an arrow press checks the radio it moves to) has settled.
        announceTarget = el;
        clearTimeout(announceTimer);
        announceTimer = setTimeout(() => {
            const target = announceTarget;
            announceTarget = null;
            if (!voice.on || !target || !target.isConnected || target.closest('[inert]')) return;
            // A control named in another language ("Українська", "English") is named in its own voice, the rest in the
            // page's: the speech service refuses Ukrainian letters sent as Polish, which left that button silent.
            const own = target.closest('[lang]')?.getAttribute('lang');
            const page = document.documentElement.lang || 'pl';
            const full = describe(target);
            const name = nameOf(target);
            if (own && own !== page && name && full.startsWith(name)) {
                k.speak([{ text: name, lang: own }, full.slice(name.length).replace(/^,\s*/, '')].filter((c) => c && (c.text || c.length)));
            } else {
                k.speak([full]);
            }
        }, 0);
    }

    function whereAndKeys() {
        const heading = tidy(document.querySelector('main h1')?.innerText);
        const here = [tidy(document.querySelector('.kiosk-progress')?.innerText), heading].filter(Boolean).join(', ').replace(/[.?!:]+$/, '');
        const el = document.activeElement;
        const now = el && el !== document.body && !el.matches('main, main h1') ? describe(el) : heading;
        return sentences(say('VoiceWhere', here, now) + ' ' + say('VoiceKeys'));
    }

    document.addEventListener('focusin', (e) => {
        typedWord = '';
        // The heading takes focus only when a screen is shown (FocusOnNavigate, screenShown): the screen itself is read.
        if (!voice.on || quietFocus || e.target.closest('[data-kiosk-keyboard]') || e.target.matches('main h1')) return;
        announceSoon(e.target);
    });

    document.addEventListener('change', (e) => {
        if (voice.on && e.target.matches && e.target.matches('input[type="radio"], input[type="checkbox"]')) announceSoon(e.target);
    });

    document.addEventListener('keydown', (e) => {
        if (!voice.on) return;
        k.stop();
        if (e.altKey || e.ctrlKey || e.metaKey) return;
        const keys = { F1: () => k.speak(whereAndKeys()), F2: () => app && app.invokeMethodAsync('ReadScreen'), F3: () => app && app.invokeMethodAsync('ToggleHeadsetByKey') };
        if (keys[e.key]) {
            e.preventDefault();
            keys[e.key]();
        }
    }, true);

    // What is typed, and what Backspace or Delete takes away, before the field changes.
    document.addEventListener('beforeinput', (e) => {
        const el = e.target;
        if (!voice.on || !editable(el)) return;
        if (e.inputType === 'insertText' && e.data) {
            if (/^\s+$/.test(e.data)) {
                const word = typedWord;
                typedWord = '';
                if (voice.headset) k.speak([word || say('VoiceSpace')]);
            } else {
                typedWord += e.data;
                if (voice.headset) k.speak([e.data]);
            }
            return;
        }
        if (!e.inputType.startsWith('delete')) return;
        const value = el.value;
        let start = value.length, end = value.length;
        try {
            if (typeof el.selectionStart === 'number') { start = el.selectionStart; end = el.selectionEnd; }
        } catch { /* email inputs have no selection */ }
        const gone = start !== end ? value.slice(start, end)
            : e.inputType === 'deleteContentBackward' ? value.slice(Math.max(0, start - 1), start)
            : e.inputType === 'deleteContentForward' ? value.slice(start, start + 1) : '';
        if (!gone) return;
        typedWord = typedWord.slice(0, Math.max(0, typedWord.length - gone.length));
        k.speak([voice.headset ? say('VoiceDeleted', /^\s+$/.test(gone) ? say('VoiceSpace') : gone) : say('VoiceDeletedHidden')]);
    }, true);

    // ---------- Idle guard ----------
    // The server (IdleGuard.razor) keeps the time and opens the warning; this side reports that someone is still
    // here, at most once a second, restores focus after "Chcę kontynuować", and wipes the page itself only when the
    // server has stayed silent well past the point where it should have acted (a lost connection).
    let guard = null, idleMs = 120000, warnMs = 30000, fallbackTimer = 0, lastReport = 0, reportTimer = 0;
    let lastFocus = null;

    function armFallback() {
        clearTimeout(fallbackTimer);
        if (guard) fallbackTimer = setTimeout(() => k.wipe(), idleMs + warnMs + 15000);
    }

    function report() {
        lastReport = Date.now();
        if (guard) guard.invokeMethodAsync('Active').catch(() => { /* the fallback timer still wipes the page */ });
    }

    function activity() {
        armFallback();
        if (reportTimer) return;
        const wait = lastReport + 1000 - Date.now();
        if (wait <= 0) report();
        else reportTimer = setTimeout(() => { reportTimer = 0; report(); }, wait);
    }

    // Everything a browser could keep goes, and the start screen replaces this page in the history.
    k.wipe = () => {
        k.stop();
        // The language chosen for this visit goes too: the next person starts in Polish.
        document.cookie = 'mu_kiosk_jezyk=; Max-Age=0; path=/; SameSite=Strict';
        try { sessionStorage.clear(); } catch { }
        try { localStorage.clear(); } catch { }
        document.querySelectorAll('input, textarea').forEach((el) => { el.value = ''; });
        location.replace('/');
    };

    k.startIdle = (dotnet, element) => {
        guard = dotnet;
        idleMs = Math.max(1, parseFloat(element.dataset.idleSeconds)) * 1000;
        warnMs = Math.max(1, parseFloat(element.dataset.warningSeconds)) * 1000;
        armFallback();
    };

    k.idleWarningShown = () => {
        const button = document.getElementById('kiosk-idle-continue');
        if (button) button.focus();
    };

    // Back to where the person was: the field or button they last used, when it is still on the screen.
    k.idleContinue = () => {
        armFallback();
        const back = lastFocus;
        // After the render that takes the page out of "inert" has been applied.
        requestAnimationFrame(() => setTimeout(() => {
            if (back && back.isConnected && !back.closest('[inert]')) back.focus({ preventScroll: true });
        }, 0));
    };

    document.addEventListener('focusin', (e) => {
        if (!e.target.closest('.kiosk-dialog')) lastFocus = e.target;
    });

    for (const type of ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart']) {
        document.addEventListener(type, activity, { capture: true, passive: true });
    }

    // ---------- Lost connection: a hard limit from the drop ----------
    // While the live connection is down the previous person's answers are still in this page, behind the reconnect
    // dialog. Kiosk:ConnectionLostSeconds after the drop (data-seconds on #kiosk-offline) the page wipes itself,
    // whatever is touched meanwhile: this timer is never re-armed by activity. A connection back in time cancels it.
    // The server forgets the circuit's answers at the same limit (KioskCircuitHandler).
    let connectionLostTimer = 0, connectionWiped = false;

    function connectionLostMs() {
        const seconds = parseFloat(document.getElementById('kiosk-offline')?.dataset.seconds);
        return (seconds > 0 ? seconds : 60) * 1000;
    }

    // Blazor tells the reconnect dialog (ReconnectModal) what the connection does; the event does not bubble, so
    // it is caught on the way down.
    document.addEventListener('components-reconnect-state-changed', (e) => {
        const state = e.detail && e.detail.state;
        if (connectionWiped) {
            // The page is only the notice now: Blazor's own retries must not reload the journey's address or bring
            // the old circuit back into a page that no longer shows it; the start screen replaces the page instead.
            e.stopImmediatePropagation();
            if (state === 'rejected' || state === 'hide') location.replace('/');
            return;
        }
        if (state === 'hide') {
            clearTimeout(connectionLostTimer);
            connectionLostTimer = 0;
        } else if (!connectionLostTimer && !connectionWiped) {
            connectionLostTimer = setTimeout(wipeAfterConnectionLost, connectionLostMs());
        }
    }, true);

    // The server cannot give the start screen now, so the page becomes a plain notice in place (nothing rendered for
    // the previous person survives) and asks the server every few seconds; the start screen replaces it once it answers.
    function wipeAfterConnectionLost() {
        connectionLostTimer = 0;
        connectionWiped = true;
        // The idle guard's own last resort would navigate to a server that is not there (the browser's error page).
        guard = null;
        clearTimeout(fallbackTimer);
        k.stop();
        document.cookie = 'mu_kiosk_jezyk=; Max-Age=0; path=/; SameSite=Strict';
        try { sessionStorage.clear(); } catch { }
        try { localStorage.clear(); } catch { }
        document.querySelectorAll('input, textarea').forEach((el) => { el.value = ''; });
        const notice = document.getElementById('kiosk-offline');
        document.documentElement.classList.remove('kiosk-keyboard-open', 'kiosk-keypad-open', 'kiosk-shift', 'kiosk-speaking');
        document.body.replaceChildren(notice ? notice.content.cloneNode(true) : '');
        if (notice && notice.dataset.title) document.title = notice.dataset.title;
        document.getElementById('main')?.focus({ preventScroll: true });
        // Whatever reloads the page from now on (Blazor's reconnect gives up with a reload of its own) lands on the start
        // screen, never on the journey's address (CI under load: a fresh "Dla kogo jest ta wizyta?" after the restart).
        try { history.replaceState(null, '', '/'); } catch { }
        const tryStart = async () => {
            try {
                const response = await fetch('/', { cache: 'no-store' });
                if (response.ok) { location.replace('/'); return; }
            } catch { /* still down */ }
            setTimeout(tryStart, 5000);
        };
        setTimeout(tryStart, 5000);
    }
})();
