// Runs before the page paints, so a chosen theme never flashes the other one first.
(function () {
    var chosen = null;
    try { chosen = localStorage.getItem("ws-theme"); } catch (e) { /* storage disabled: follow the system */ }
    if (chosen === "dark" || chosen === "light") {
        document.documentElement.setAttribute("data-theme", chosen);
    }
})();
