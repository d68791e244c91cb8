/*
 * Draws the exercise widgets of a static book page: no kernel, no network.
 *
 * A page whose notebook was executed at build time holds its widgets' state in a
 * <script type="application/vnd.jupyter.widget-state+json"> and, where each widget
 * goes, a <script type="application/vnd.jupyter.widget-view+json"> naming its model.
 * The book's widgets are anywidgets (medialit.exercises.ExerciseWidget) inside
 * VBoxes, so this file draws just those, the way anywidget does in Jupyter: it
 * imports the widget's own module (its "_esm" source, from a Blob URL) and calls
 * its render({model, el}) with a model that keeps the state in the page (get, set,
 * on, off, save_changes; send goes nowhere, as there is no kernel).
 *
 * The build (medialit.book.share_widget_sources) replaced every widget's copy of
 * its JavaScript and CSS by a reference, "medialit-shared:<hash>", to the sources
 * in medialit-widget.js (window.medialitShared), loaded before this file and
 * cached by the browser across pages.
 *
 * It replaces @jupyter-widgets/html-manager (3.6 MB of JavaScript, plus require.js
 * and fonts) for a page that needs a few kilobytes. A widget of any other kind
 * shows a note that it needs a live notebook, and a console warning.
 */
(function () {
  "use strict";
  var PREFIX = "medialit-shared:";
  var MODEL = "IPY_MODEL_";
  var shared = window.medialitShared || {};
  var modules = {}; // module source -> Promise of the imported module
  var styled = {}; // CSS already added to the page

  function source(value) {
    if (typeof value === "string" && value.indexOf(PREFIX) === 0) {
      if (!Object.prototype.hasOwnProperty.call(shared, value)) {
        throw new Error(value + " is not in medialit-widget.js");
      }
      return shared[value];
    }
    return value;
  }

  // The state of one widget, kept in the page (anywidget's model interface).
  function Model(state) {
    this.state = state;
    this.handlers = {};
  }
  Model.prototype.get = function (key) {
    return this.state[key];
  };
  Model.prototype.set = function (key, value) {
    var before = JSON.stringify(this.state[key]);
    this.state[key] = value;
    if (JSON.stringify(value) !== before) this.trigger("change:" + key, value);
  };
  Model.prototype.on = function (event, handler) {
    (this.handlers[event] = this.handlers[event] || []).push(handler);
  };
  Model.prototype.off = function (event, handler) {
    if (!event) this.handlers = {};
    else if (!handler) delete this.handlers[event];
    else this.handlers[event] = (this.handlers[event] || []).filter(function (h) { return h !== handler; });
  };
  Model.prototype.trigger = function (event, value) {
    (this.handlers[event] || []).slice().forEach(function (h) { h(value); });
  };
  Model.prototype.save_changes = function () {}; // nothing to sync with
  Model.prototype.send = function () {}; // no kernel to hear it

  function addStyle(css) {
    if (!css || styled[css]) return;
    styled[css] = true;
    var style = document.createElement("style");
    style.textContent = css;
    document.head.appendChild(style);
  }

  function importSource(esm) {
    if (!modules[esm]) {
      var url = URL.createObjectURL(new Blob([esm], { type: "text/javascript" }));
      modules[esm] = import(url);
    }
    return modules[esm];
  }

  function drawAnyWidget(state, el) {
    addStyle(source(state._css));
    var model = new Model(state);
    return importSource(source(state._esm)).then(function (mod) {
      var widget = mod.default;
      return Promise.resolve(typeof widget === "function" ? widget() : widget).then(function (w) {
        return Promise.resolve(w.initialize ? w.initialize({ model: model }) : null).then(function () {
          return w.render({ model: model, el: el });
        });
      });
    });
  }

  function draw(models, id, el) {
    var entry = models[id];
    if (!entry) throw new Error("no state for widget model " + id);
    var state = entry.state || {};
    if (entry.model_name === "AnyModel") {
      el.className = "medialit-anywidget";
      return drawAnyWidget(state, el);
    }
    if (/^(VBox|HBox|Box)Model$/.test(entry.model_name)) {
      el.className = "medialit-box medialit-" + entry.model_name.slice(0, -5).toLowerCase();
      el.style.display = "flex";
      el.style.flexDirection = entry.model_name === "HBoxModel" ? "row" : "column";
      return Promise.all((state.children || []).map(function (child) {
        var div = document.createElement("div");
        el.appendChild(div);
        return draw(models, String(child).replace(MODEL, ""), div);
      }));
    }
    console.warn("widget-loader.js: a " + entry.model_name + " needs a live notebook");
    el.className = "medialit-needs-kernel";
    el.textContent = "This part of the page works in a live notebook only.";
    return Promise.resolve();
  }

  function drawPage() {
    var models = {};
    document.querySelectorAll('script[type="application/vnd.jupyter.widget-state+json"]')
      .forEach(function (tag) {
        var state = JSON.parse(tag.textContent).state || {};
        Object.keys(state).forEach(function (id) { models[id] = state[id]; });
      });
    document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')
      .forEach(function (tag) {
        var view = JSON.parse(tag.textContent);
        var before = tag.previousElementSibling; // the notebook's picture of the widget
        if (before && before.tagName === "IMG" && before.classList.contains("jupyter-widget")) {
          before.remove();
        }
        var el = document.createElement("div");
        el.className = "widget-subarea";
        tag.parentElement.insertBefore(el, tag);
        var inner = document.createElement("div");
        el.appendChild(inner);
        try {
          draw(models, view.model_id, inner).catch(function (e) {
            console.error("widget-loader.js: " + e);
          });
        } catch (e) {
          console.error("widget-loader.js: " + e);
        }
      });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", drawPage);
  else drawPage();
})();
