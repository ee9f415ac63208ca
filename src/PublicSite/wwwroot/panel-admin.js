// Administration pages: after a command, focus goes where a post would put it (error summary or confirmation).
export function focus(selector) {
    const element = document.querySelector(selector);
    if (element) {
        element.focus();
    }
}
