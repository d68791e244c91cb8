// Reading aids on every page of the book (the build adds the rest: skip and jump links to
// the exercises, figure links; see medialit/pageweight.py). Jupyter Book loads every
// *.js file of _static/ on every page, after the theme's and copybutton.js.
//  - Copy buttons get a name ("Copy this code"): sphinx-copybutton gives them none.
//  - A table wider than its box gets a visible cue: "scroll sideways →" above it and a
//    fade at the edge where more columns are hidden; its box can be scrolled with the
//    keyboard (Tab to it, then the arrow keys). Widgets are left alone.
(function () {
  "use strict";

  function nameCopyButtons() {
    document.querySelectorAll("button.copybtn:not([aria-label])").forEach(function (b) {
      b.setAttribute("aria-label", "Copy this code");
      b.querySelectorAll("svg").forEach(function (s) { s.setAttribute("aria-hidden", "true"); });
    });
  }

  // The box that scrolls a table sideways: its nearest ancestor in the content whose
  // overflow-x lets it scroll.
  function scrollBox(table) {
    for (var e = table.parentElement; e && !e.matches("article, body"); e = e.parentElement) {
      var x = getComputedStyle(e).overflowX;
      if (x === "auto" || x === "scroll") return e;
    }
    return null;
  }

  function addCue(box) {
    if (box.closest(".ml-exercise, .ml-scroll") || !box.parentElement) return;
    var wrap = document.createElement("div");
    wrap.className = "ml-scroll";
    var hint = document.createElement("p");
    hint.className = "ml-scroll__hint";
    hint.setAttribute("aria-hidden", "true");
    hint.textContent = "Wide table: scroll sideways \u2192";
    box.parentElement.insertBefore(wrap, box);
    wrap.appendChild(hint);
    wrap.appendChild(box);
    function update() {
      var wide = box.scrollWidth > box.clientWidth + 1;
      wrap.classList.toggle("ml-scrolls", wide);
      wrap.classList.toggle("ml-scrolled", box.scrollLeft > 1);
      wrap.classList.toggle("ml-at-end", box.scrollLeft + box.clientWidth >= box.scrollWidth - 1);
      if (wide) {
        box.tabIndex = 0;
        box.setAttribute("role", "group");
        box.setAttribute("aria-label", "Wide table: scroll sideways to see every column");
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    }
    box.addEventListener("scroll", update, { passive: true });
    if (window.ResizeObserver) new ResizeObserver(update).observe(box);
    else window.addEventListener("resize", update);
    update();
  }

  function cueWideTables() {
    document.querySelectorAll("article.bd-article table").forEach(function (table) {
      var box = scrollBox(table);
      if (box) addCue(box);
    });
  }

  function run() {
    nameCopyButtons();
    cueWideTables();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
  window.addEventListener("load", nameCopyButtons); // buttons added late are named too
})();
