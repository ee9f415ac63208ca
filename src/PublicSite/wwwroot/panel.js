// Staff area: after the session time-out without any input, sign out (the open page may show
// residents' data on an unattended screen). One minute before, a warning says so in a live region.
(() => {
    const form = document.querySelector('form[data-panel-signout]');
    if (!form) return;
    const minutes = Number(form.dataset.idleMinutes || '30');
    if (!(minutes > 0)) return;
    const limit = minutes * 60 * 1000;
    let last = Date.now();
    const note = document.createElement('p');
    note.className = 'panel-idle';
    note.setAttribute('role', 'status');
    document.querySelector('main')?.append(note);
    const reset = () => { last = Date.now(); note.textContent = ''; };
    ['keydown', 'pointerdown', 'input', 'wheel'].forEach(e => document.addEventListener(e, reset, { passive: true, capture: true }));
    setInterval(() => {
        const idle = Date.now() - last;
        if (idle >= limit) {
            form.querySelector('input[name=powod]').value = 'bezczynnosc';
            form.submit();
        } else if (idle >= limit - 60000 && !note.textContent) {
            note.textContent = 'Za minutę wylogujemy Cię z powodu braku aktywności. Naciśnij dowolny klawisz, aby zostać.';
        }
    }, 5000);
})();
