// Mobilny Urzędnik – dictation (V01–V05). An enhancement only: the button stays hidden unless the configured engine
// can work in this browser, typing always works, and nothing typed is lost to it ("Cofnij dyktowanie" restores the
// field exactly as it was). Two engines:
//   browser – the Web Speech API in the page, in the page's language;
//   server  – the microphone is recorded here, encoded as 16 kHz mono 16-bit WAV and posted to our endpoint, which
//             passes it to the engine the municipality configured. Nothing is stored in the browser but the
//             consent choice, for this session only.
(() => {
    'use strict';
    const Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
    const AudioCtx = window.AudioContext || window.webkitAudioContext;
    const consentKey = 'mu-dyktowanie-zgoda';
    const states = new WeakMap();
    const touchedFields = new WeakSet();

    function usable(box) {
        if (box.dataset.mode === 'browser') return !!Recognition;
        if (box.dataset.mode === 'server') return !!(AudioCtx && navigator.mediaDevices && navigator.mediaDevices.getUserMedia && window.fetch);
        return false;
    }

    function reveal() {
        document.querySelectorAll('[data-dictation][hidden]').forEach((box) => {
            if (!box.dataset.checked) {
                box.dataset.checked = '1';
                if (usable(box)) box.hidden = false;
            }
        });
    }

    const part = (box, name) => box.querySelector(`[data-dictation-${name}]`);
    const field = (box) => document.getElementById(box.dataset.field);
    const text = (box, key, ...args) => args.reduce((s, a, i) => s.replace(`{${i}}`, a), box.dataset[key] || '');

    function state(box) {
        let s = states.get(box);
        if (!s) {
            s = { phase: 'idle', snapshot: null };
            states.set(box, s);
        }
        return s;
    }

    function say(box, message) {
        part(box, 'status').textContent = message;
    }

    function showError(box, message) {
        part(box, 'error').textContent = message;
    }

    function setPhase(box, phase) {
        const s = state(box);
        s.phase = phase;
        const toggle = part(box, 'toggle');
        toggle.setAttribute('aria-pressed', phase === 'recording' ? 'true' : 'false');
        if (phase === 'working') toggle.setAttribute('aria-disabled', 'true');
        else toggle.removeAttribute('aria-disabled');
        box.classList.toggle('dictation--recording', phase === 'recording');
        part(box, 'recording').hidden = phase !== 'recording';
        if (phase !== 'recording') {
            clearInterval(s.clockTimer);
            clearTimeout(s.limitTimer);
        }
    }

    function clock(seconds) {
        const m = Math.floor(seconds / 60);
        const s = Math.floor(seconds % 60);
        return `${m}:${String(s).padStart(2, '0')}`;
    }

    function startClock(box) {
        const s = state(box);
        const max = parseInt(box.dataset.maxSeconds, 10) || 60;
        const started = Date.now();
        const tick = () => {
            part(box, 'clock').textContent = text(box, 'textRecording', clock((Date.now() - started) / 1000), clock(max));
        };
        tick();
        s.clockTimer = setInterval(tick, 1000);
        s.limitTimer = setTimeout(() => stop(box), max * 1000);
    }

    // The words go where the caret was (or at the end of a field never touched), with a space on either side as needed.
    function insert(box, words) {
        const f = field(box);
        if (!f || !words) return;
        const s = state(box);
        if (s.pending) {
            s.snapshot = s.pending;
            s.pending = null;
        }
        const touched = touchedFields.has(f);
        const start = touched ? f.selectionStart : f.value.length;
        const end = touched ? f.selectionEnd : f.value.length;
        let t = words.trim();
        const before = f.value.slice(0, start);
        const after = f.value.slice(end);
        if (before && !/\s$/.test(before)) t = ' ' + t;
        if (after && !/^\s/.test(after)) t += ' ';
        f.setRangeText(t, start, end, 'end');
        touchedFields.add(f);
        // Blazor (the kiosk) and the character count listen for these.
        f.dispatchEvent(new Event('input', { bubbles: true }));
        f.dispatchEvent(new Event('change', { bubbles: true }));
        part(box, 'undo').hidden = false;
    }

    function heard(box, words) {
        say(box, text(box, 'textHeard', words.trim()));
        // The kiosk reads the words back, so the resident can confirm or correct them.
        if (window.muKiosk && typeof window.muKiosk.speak === 'function') {
            window.muKiosk.speak([text(box, 'textReadback', words.trim()), text(box, 'textReadbackHint')]);
        }
    }

    function fail(box, key, detail) {
        cleanUp(box);
        setPhase(box, 'idle');
        say(box, '');
        showError(box, detail || box.dataset[key] || box.dataset.errorEngine);
    }

    function cleanUp(box) {
        const s = state(box);
        if (s.processor) { try { s.processor.disconnect(); } catch { } s.processor = null; }
        if (s.source) { try { s.source.disconnect(); } catch { } s.source = null; }
        if (s.stream) { s.stream.getTracks().forEach((t) => t.stop()); s.stream = null; }
        if (s.context) { s.context.close().catch(() => { }); s.context = null; }
    }

    // ---------- The browser's own recognition ----------
    const browserErrors = {
        'no-speech': 'errorNospeech',
        'audio-capture': 'errorNomic',
        'not-allowed': 'errorPermission',
        'service-not-allowed': 'errorPermission',
        'network': 'errorNetwork',
        'aborted': 'errorAborted',
        'language-not-supported': 'errorLanguage',
        'bad-grammar': 'errorEngine',
    };

    function startBrowser(box) {
        const s = state(box);
        const r = new Recognition();
        r.lang = box.dataset.lang || 'pl-PL';
        r.interimResults = true;
        r.continuous = true;
        r.maxAlternatives = 1;
        s.recognition = r;
        s.finalWords = '';
        r.onresult = (e) => {
            let interim = '';
            for (let i = e.resultIndex; i < e.results.length; i++) {
                const result = e.results[i];
                const words = result[0] ? result[0].transcript : '';
                if (result.isFinal) {
                    if (words.trim()) {
                        insert(box, words);
                        s.finalWords = (s.finalWords + ' ' + words).trim();
                        heard(box, words);
                    }
                } else {
                    interim += words;
                }
            }
            if (interim.trim()) say(box, text(box, 'textInterim', interim.trim()));
        };
        r.onerror = (e) => {
            s.failed = true;
            fail(box, browserErrors[e.error] || 'errorEngine');
        };
        r.onend = () => {
            s.recognition = null;
            if (s.failed) return;
            setPhase(box, 'idle');
            if (!s.finalWords) say(box, box.dataset.textStopped);
        };
        s.failed = false;
        try {
            r.start();
        } catch {
            fail(box, 'errorEngine');
            return;
        }
        setPhase(box, 'recording');
        say(box, box.dataset.textStarted);
        startClock(box);
    }

    // ---------- Recording for the server ----------
    async function startServer(box) {
        const s = state(box);
        setPhase(box, 'working');
        try {
            s.stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true } });
        } catch (e) {
            const name = e && e.name;
            fail(box, name === 'NotAllowedError' || name === 'SecurityError' ? 'errorPermission' : 'errorNomic');
            return;
        }
        try {
            s.context = new AudioCtx();
            await s.context.resume();
            s.source = s.context.createMediaStreamSource(s.stream);
            // ScriptProcessorNode is deprecated but everywhere; an AudioWorklet would need a separate module file.
            s.processor = s.context.createScriptProcessor(4096, 1, 1);
            s.chunks = [];
            s.processor.onaudioprocess = (e) => {
                if (state(box).phase === 'recording') s.chunks.push(new Float32Array(e.inputBuffer.getChannelData(0)));
            };
            s.source.connect(s.processor);
            s.processor.connect(s.context.destination);
        } catch {
            fail(box, 'errorNomic');
            return;
        }
        setPhase(box, 'recording');
        say(box, box.dataset.textStarted);
        startClock(box);
    }

    function toWav(chunks, fromRate) {
        const length = chunks.reduce((n, c) => n + c.length, 0);
        const input = new Float32Array(length);
        let offset = 0;
        for (const c of chunks) { input.set(c, offset); offset += c.length; }
        // Down to 16 kHz by averaging each output sample's span of input samples (a simple low-pass on the way).
        const ratio = fromRate / 16000;
        const outLength = Math.floor(length / ratio);
        const pcm = new Int16Array(outLength);
        for (let i = 0; i < outLength; i++) {
            const from = Math.floor(i * ratio);
            const to = Math.min(length, Math.max(from + 1, Math.floor((i + 1) * ratio)));
            let sum = 0;
            for (let j = from; j < to; j++) sum += input[j];
            const v = Math.max(-1, Math.min(1, sum / (to - from)));
            pcm[i] = v < 0 ? v * 0x8000 : v * 0x7fff;
        }
        const buffer = new ArrayBuffer(44 + pcm.length * 2);
        const view = new DataView(buffer);
        const ascii = (at, s) => { for (let i = 0; i < s.length; i++) view.setUint8(at + i, s.charCodeAt(i)); };
        ascii(0, 'RIFF'); view.setUint32(4, 36 + pcm.length * 2, true); ascii(8, 'WAVE');
        ascii(12, 'fmt '); view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
        view.setUint32(24, 16000, true); view.setUint32(28, 32000, true); view.setUint16(32, 2, true); view.setUint16(34, 16, true);
        ascii(36, 'data'); view.setUint32(40, pcm.length * 2, true);
        new Int16Array(buffer, 44).set(pcm);
        return new Blob([buffer], { type: 'audio/wav' });
    }

    async function sendRecording(box) {
        const s = state(box);
        const rate = s.context ? s.context.sampleRate : 48000;
        const chunks = s.chunks || [];
        s.chunks = [];
        cleanUp(box);
        setPhase(box, 'working');
        say(box, box.dataset.textWorking);
        const f = field(box);
        const token = f && f.form ? f.form.querySelector('input[name="__RequestVerificationToken"]') : null;
        const headers = { 'Content-Type': 'audio/wav' };
        if (token) headers.RequestVerificationToken = token.value;
        let response;
        try {
            // The page's language, and for a phone number or a postal code: numbers said as digits.
            const query = '?jezyk=' + encodeURIComponent((box.dataset.lang || 'pl').split('-')[0]) + (box.dataset.digits ? '&cyfry=true' : '');
            response = await fetch(box.dataset.endpoint + query, { method: 'POST', headers, body: toWav(chunks, rate), credentials: 'same-origin' });
        } catch {
            fail(box, 'errorNetwork');
            return;
        }
        let answer = null;
        try { answer = await response.json(); } catch { answer = null; }
        if (!response.ok) {
            fail(box, 'errorEngine', answer && typeof answer.detail === 'string' ? answer.detail : null);
            return;
        }
        const words = answer && typeof answer.tekst === 'string' ? answer.tekst : '';
        setPhase(box, 'idle');
        if (!words.trim()) {
            fail(box, 'errorNospeech');
            return;
        }
        insert(box, words);
        heard(box, words);
    }

    // ---------- The controls ----------
    function begin(box) {
        const s = state(box);
        const f = field(box);
        // What the field held before this dictation; it becomes what "Cofnij dyktowanie" restores once this
        // dictation actually puts words in (a recording that heard nothing leaves the last undo as it was).
        s.pending = f ? { value: f.value, start: f.selectionStart, end: f.selectionEnd } : null;
        showError(box, '');
        if (box.dataset.mode === 'browser') startBrowser(box);
        else startServer(box);
    }

    function stop(box) {
        const s = state(box);
        if (s.phase !== 'recording') return;
        if (box.dataset.mode === 'browser') {
            if (s.recognition) s.recognition.stop();
            setPhase(box, 'working');
        } else {
            sendRecording(box);
        }
    }

    function needsConsent(box) {
        if (!box.dataset.consent) return false;
        try { return sessionStorage.getItem(consentKey) !== 'tak'; } catch { return true; }
    }

    document.addEventListener('focusin', (e) => {
        if (e.target.matches && e.target.matches('textarea, input')) touchedFields.add(e.target);
    });

    document.addEventListener('click', (e) => {
        const target = e.target.closest('[data-dictation-toggle], [data-dictation-undo], [data-dictation-agree], [data-dictation-decline]');
        if (!target) return;
        const box = target.closest('[data-dictation]');
        if (!box) return;
        const s = state(box);
        const consent = part(box, 'consent');

        if (target.hasAttribute('data-dictation-toggle')) {
            if (s.phase === 'recording') { stop(box); return; }
            if (s.phase === 'working') return;
            if (needsConsent(box)) {
                consent.hidden = false;
                consent.focus();
                return;
            }
            begin(box);
        } else if (target.hasAttribute('data-dictation-agree')) {
            try { sessionStorage.setItem(consentKey, 'tak'); } catch { }
            consent.hidden = true;
            part(box, 'toggle').focus();
            begin(box);
        } else if (target.hasAttribute('data-dictation-decline')) {
            consent.hidden = true;
            say(box, box.dataset.textDeclined);
            const f = field(box);
            if (f) f.focus();
        } else if (target.hasAttribute('data-dictation-undo')) {
            const f = field(box);
            if (f && s.snapshot) {
                f.value = s.snapshot.value;
                f.dispatchEvent(new Event('input', { bubbles: true }));
                f.dispatchEvent(new Event('change', { bubbles: true }));
                f.focus();
                if (s.snapshot.start !== null) f.setSelectionRange(s.snapshot.start, s.snapshot.end);
            }
            s.snapshot = null;
            target.hidden = true;
            say(box, box.dataset.textUndone);
        }
    });

    // Escape stops a recording (the words so far are still used).
    document.addEventListener('keydown', (e) => {
        if (e.key !== 'Escape') return;
        document.querySelectorAll('[data-dictation].dictation--recording').forEach(stop);
    });

    // Pages change under us (enhanced navigation on the site, screens on the kiosk): look for new buttons.
    let pending = false;
    new MutationObserver(() => {
        if (pending) return;
        pending = true;
        requestAnimationFrame(() => { pending = false; reveal(); });
    }).observe(document.documentElement, { childList: true, subtree: true });
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', reveal);
    else reveal();
})();
