// readout: optional touches; every page works without this script.
// "/" focuses the search box; a highlighted passage is scrolled into view and focused
// when the address names no anchor.
(function () {
  "use strict";
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var t = ev.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) return;
    var box = document.getElementById("q") || document.getElementById("site-q");
    if (box) { ev.preventDefault(); box.focus(); box.select(); }
  });
  document.addEventListener("DOMContentLoaded", function () {
    if (location.hash) return;
    var first = document.querySelector("main mark.hl");
    if (first && first.scrollIntoView) first.scrollIntoView({ block: "center" });
  });
})();
