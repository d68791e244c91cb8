/*
 * "Print exercises": a button in the bar above a page that has exercise widgets. It
 * prints the title, the headings of sections with exercises and the exercise boxes only
 * (print.css, html.ml-print-exercises), not the prose, code or tables around them.
 *
 * Jupyter Book adds every *.js file in book/_static/ to every page by itself, in <head>;
 * this one waits for the page. The bar is the theme's (outside the content, not printed).
 */
(function () {
  "use strict";
  var CLASS = "ml-print-exercises";
  var WIDGETS = 'script[type="application/vnd.jupyter.widget-view+json"]';

  function done() {
    document.documentElement.classList.remove(CLASS);
  }

  function printExercises() {
    document.documentElement.classList.add(CLASS);
    try {
      window.print(); // returns once the print dialog is closed
    } finally {
      done();
    }
  }

  function addButton() {
    var bar = document.querySelector(".article-header-buttons");
    if (!bar || !document.querySelector(WIDGETS) || bar.querySelector(".ml-print-button")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-sm ml-print-button";
    button.title = "Print the exercises only";
    button.setAttribute("aria-label", "Print the exercises only");
    var icon = document.createElement("i");
    icon.className = "fa-solid fa-print";
    icon.setAttribute("aria-hidden", "true");
    var text = document.createElement("span");
    text.className = "ml-print-button__text";
    text.textContent = "Print exercises";
    button.append(icon, text);
    button.addEventListener("click", printExercises);
    bar.insertBefore(button, bar.firstChild);
  }

  window.addEventListener("afterprint", done);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", addButton);
  else addButton();
})();
