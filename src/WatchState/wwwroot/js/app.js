// Behaviour shared by every page. No inline scripts: the Content-Security-Policy forbids them, so pages mark
// elements with data-* attributes and this file attaches the behaviour.
(function () {
    "use strict";

    function currentTheme() {
        var set = document.documentElement.getAttribute("data-theme");
        if (set) { return set; }
        return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
    }

    function toast(message, kind) {
        var box = document.getElementById("toast");
        if (!box) { return; }
        box.textContent = message;
        box.className = "toast " + (kind || "info");
        box.hidden = false;
        clearTimeout(box._timer);
        box._timer = setTimeout(function () { box.hidden = true; }, 6000);
    }

    document.addEventListener("click", function (event) {
        var toggle = event.target.closest("[data-theme-toggle]");
        if (toggle) {
            var next = currentTheme() === "dark" ? "light" : "dark";
            document.documentElement.setAttribute("data-theme", next);
            try { localStorage.setItem("ws-theme", next); } catch (e) { /* not remembered, still switched */ }
            return;
        }

        var copy = event.target.closest("[data-copy]");
        if (copy) {
            var source = document.getElementById(copy.getAttribute("data-copy"));
            var text = source ? (source.value || source.textContent) : "";
            if (navigator.clipboard && window.isSecureContext) {
                navigator.clipboard.writeText(text).then(function () { toast("Copied", "ok"); });
            } else if (source && source.select) {
                // Plain http on a LAN address is not a secure context: select the text for Ctrl+C instead.
                source.select();
                toast("Selected: press Ctrl+C to copy", "info");
            }
        }
    });

    // A failed htmx request says why, from the ProblemDetails the server answers with, instead of doing nothing.
    document.addEventListener("htmx:responseError", function (event) {
        var xhr = event.detail.xhr;
        var message = "The server answered " + xhr.status;
        try {
            var problem = JSON.parse(xhr.responseText);
            if (problem && (problem.detail || problem.title)) { message = problem.detail || problem.title; }
        } catch (e) {
            if (xhr.responseText && xhr.responseText.length < 300) { message = xhr.responseText; }
        }
        toast(message, "error");
    });

    // A typed search already searches as you type. Its "change" (fired when it loses focus, e.g. when a result is
    // clicked) would reach the form's change trigger and search again; that answer's history push cancels the click's
    // navigation, so the first click on a result did nothing. Stopped before it reaches the form.
    document.addEventListener("change", function (event) {
        if (event.target.closest && event.target.closest("[data-typed-search]")) { event.stopPropagation(); }
    }, true);

    document.addEventListener("htmx:sendError", function () {
        toast("Could not reach watchstate: is the server running?", "error");
    });

    // Server-side messages (after a redirect or an htmx swap) arrive as data-toast on any element.
    function showToasts(root) {
        (root || document).querySelectorAll("[data-toast]").forEach(function (el) {
            toast(el.getAttribute("data-toast"), el.getAttribute("data-toast-kind") || "info");
            el.removeAttribute("data-toast");
        });
    }

    document.addEventListener("DOMContentLoaded", function () { showToasts(document); });
    document.addEventListener("htmx:afterSwap", function (event) { showToasts(event.target); });

    /* logs: pause the live tail, keep it scrolled to the newest line unless the reader scrolled up */
    document.addEventListener("click", function (event) {
        var pause = event.target.closest("[data-log-pause]");
        if (!pause) { return; }
        var paused = pause.getAttribute("aria-pressed") !== "true";
        pause.setAttribute("aria-pressed", paused ? "true" : "false");
        pause.textContent = paused ? "Resume" : "Pause";
        toast(paused ? "Paused: new lines wait until you resume" : "Following new lines", "info");
    });

    document.addEventListener("htmx:beforeRequest", function (event) {
        var pause = document.querySelector("[data-log-pause]");
        if (event.detail.elt.hasAttribute("data-log-poll") && pause && pause.getAttribute("aria-pressed") === "true") {
            event.preventDefault();
        }
    });

    function logAtBottom(box) { return box.scrollHeight - box.scrollTop - box.clientHeight < 40; }
    var logFollow = true;
    document.addEventListener("htmx:oobBeforeSwap", function (event) {
        var box = document.getElementById("log-lines");
        if (box && event.detail.target === box) { logFollow = logAtBottom(box); }
    });
    document.addEventListener("htmx:oobAfterSwap", function (event) {
        var box = document.getElementById("log-lines");
        if (box && event.detail.target === box && logFollow) { box.scrollTop = box.scrollHeight; }
    });
    document.addEventListener("DOMContentLoaded", function () {
        var box = document.getElementById("log-lines");
        if (box) { box.scrollTop = box.scrollHeight; }
    });
})();
