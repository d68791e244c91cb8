/*
 * Widget loader for the static book (no kernel, no network).
 *
 * Loaded on pages with widget state, after require.js and before
 * html-manager's embed-amd.js (order set by nb_ipywidgets_js in _config.yml).
 * It tells RequireJS where the local copies of the widget modules are:
 *   - "anywidget": anywidget's AMD build, copied from the anywidget pip wheel;
 *   - the modules bundled inside embed-amd.js: they are already defined by that
 *     file, but each derives the URL of its fonts (Font Awesome) from its own
 *     module URL, so every one of them must map to a file next to the fonts.
 * The base URL is taken from this script's own URL, so it works at any page
 * depth, over http(s) and from file:// (a zipped book opened from disk).
 *
 * It also restores the exercise widgets' shared sources: the build replaced each
 * widget's copy of its JavaScript and CSS in the page's widget state by a reference
 * ("medialit-shared:<hash>") to medialit-widget.js, loaded just before this file
 * (window.medialitShared). The state is rewritten on DOMContentLoaded, before
 * embed-amd.js reads it (on "load").
 * medialit.book.prepare_widget_assets() copies this file into the layout below.
 */
(function () {
  "use strict";
  var script =
    document.currentScript ||
    Array.prototype.filter.call(document.scripts, function (s) {
      return /\/widget-loader\.js(\?|#|$)/.test(s.src);
    })[0];
  if (!script || !window.requirejs) {
    console.error("widget-loader.js: load it with a src, after require.js");
    return;
  }
  // Directory of this script, without Sphinx's "?v=<checksum>" suffix.
  var base = new URL(".", script.src).href;
  var hm = base + "html-manager/";
  var shared = window.medialitShared || {};
  var PREFIX = "medialit-shared:";
  function restoreShared() {
    var tags = document.querySelectorAll('script[type="application/vnd.jupyter.widget-state+json"]');
    Array.prototype.forEach.call(tags, function (tag) {
      if (tag.textContent.indexOf(PREFIX) < 0) return;
      var state = JSON.parse(tag.textContent);
      Object.keys(state.state || {}).forEach(function (id) {
        var values = state.state[id].state || {};
        ["_esm", "_css"].forEach(function (key) {
          var ref = values[key];
          if (typeof ref !== "string" || ref.indexOf(PREFIX) !== 0) return;
          if (Object.prototype.hasOwnProperty.call(shared, ref)) values[key] = shared[ref];
          else console.error("widget-loader.js: " + ref + " is not in medialit-widget.js");
        });
      });
      tag.textContent = JSON.stringify(state);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", restoreShared);
  else restoreShared();

  window.requirejs.config({
    paths: {
      anywidget: base + "anywidget/index",
      "@jupyter-widgets/base": hm + "base",
      "@jupyter-widgets/base7": hm + "base7",
      "@jupyter-widgets/controls": hm + "controls",
      "@jupyter-widgets/controls7": hm + "controls7",
      "@jupyter-widgets/html-manager": hm + "html-manager",
      "@jupyter-widgets/html-manager/dist/libembed-amd": hm + "libembed-amd",
    },
  });
})();
