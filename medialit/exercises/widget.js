// Exercise widget (anywidget ESM), the controls: widget.py serves checker.js and then this
// file as one module, so check(), readLength(), plain(), strip(), chars(), NUM and
// UNIT_MINUTES come from checker.js. All text is inserted with textContent: nothing from
// the item or the student is parsed as HTML.

// ---------------------------------------------------------------- keeping answers in this browser
// The static book has no kernel to save to, so each answer is also kept in the browser's
// localStorage and restored when the page is opened again. A kernel's saved answer wins.
const STORE = "medialit:v1:";
const KEPT = ["answer", "status", "feedback", "attempts", "hints_shown"];

function remember(model, item) {
  try {
    localStorage.setItem(STORE + item.id, JSON.stringify(Object.fromEntries(KEPT.map((k) => [k, model.get(k)]))));
  } catch { /* storage full or disabled: the answer stays on the page */ }
}

function restore(model, item) {
  const answer = model.get("answer");
  if (answer && Object.keys(answer).length) return;
  let kept;
  try { kept = JSON.parse(localStorage.getItem(STORE + item.id) || "null"); } catch { kept = null; }
  if (!kept || typeof kept !== "object" || typeof kept.answer !== "object") return;
  for (const k of KEPT) if (k in kept && typeof kept[k] === typeof model.get(k)) model.set(k, kept[k]);
  model.save_changes();
}

// ---------------------------------------------------------------- the widget
let uid = 0;
const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "text") node.textContent = v;
    else if (k in node && k !== "for") node[k] = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c) node.append(c);
  return node;
};

// Paper: every control is hidden in print (widget.css) and these print-only elements
// stand in for it (display: none on screen, so neither seen nor in the accessibility tree).
const printOnly = (tag, props = {}, ...children) =>
  el(tag, { ...props, className: `ml-print-only ${props.className || ""}`.trim() }, ...children);
const blank = () => printOnly("span", { className: "ml-blank" });
const tickBoxes = (texts) => printOnly("span", { className: "ml-print-boxes" },
  ...texts.map((t) => el("span", { className: "ml-print-box", text: `☐ ${t}` })));
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

const HEDGES = [
  ["about", "plain or “about” (two hours, about two hours)"],
  ["at_least", "“more than” / “at least” / “over”"],
  ["at_most", "“nearly” / “up to” / “less than”"],
];

// What a number box holds: null when empty, a number when it is plain digits (as
// type=number gave), else the text as typed, for the checker to read or explain.
function typed(text) {
  const t = strip(text);
  if (t === "") return null;
  return NUM.test(t) && Number.isFinite(Number(t)) ? Number(t) : t;
}

function buildInputs(item, answer, ids) {
  // Returns [node, read()] where read() gives the answer object from the controls.
  const kind = item.kind;
  if (kind === "single_choice" || kind === "multiple_choice") {
    const type = kind === "single_choice" ? "radio" : "checkbox";
    const fs = el("fieldset", { className: "ml-options" }, el("legend", { className: "ml-visually-hidden", text: item.prompt }),
      printOnly("p", { className: "ml-help", text: type === "radio" ? "Tick one box." : "Tick every box that applies." }));
    const boxes = item.options.map((o, i) => {
      const id = `${ids}-o${i}`;
      const checked = type === "radio" ? answer.choice === o.id : (answer.selected || []).includes(o.id);
      const input = el("input", { type, name: ids, id, value: o.id, checked });
      fs.append(el("div", { className: "ml-option" }, input, el("label", { htmlFor: id, text: o.label })));
      return input;
    });
    // Many short options print in two columns (widget.css); the screen keeps one.
    if (item.options.length >= 6 && item.options.every((o) => chars(o.label).length <= 40)) fs.classList.add("ml-print-columns");
    const read = type === "radio"
      ? () => { const b = boxes.find((x) => x.checked); return b ? { choice: b.value } : {}; }
      : () => ({ selected: boxes.filter((x) => x.checked).map((x) => x.value) });
    return [fs, read];
  }
  if (kind === "span_marking") {
    const picked = new Set(answer.selected || []);
    const wrap = el("p", { className: "ml-passage ml-spans" });
    const toggles = [];
    for (const seg of item.segments) {
      if (!seg.selectable) { wrap.append(document.createTextNode(seg.text)); continue; }
      const b = el("button", { type: "button", className: "ml-span", text: seg.text, "aria-pressed": String(picked.has(seg.id)) });
      b.dataset.id = seg.id;
      b.addEventListener("click", () => b.setAttribute("aria-pressed", String(b.getAttribute("aria-pressed") !== "true")));
      toggles.push(b);
      wrap.append(b);
    }
    const note = el("p", { className: "ml-help ml-screen-only", text: "Select a phrase to mark it; select it again to unmark it." });
    const paper = printOnly("p", { className: "ml-help", text: "Underline each phrase in a dashed box that you mark." });
    return [el("div", {}, note, paper, wrap), () => ({ selected: toggles.filter((b) => b.getAttribute("aria-pressed") === "true").map((b) => b.dataset.id) })];
  }
  if (kind === "labelling") {
    const wrap = el("div", { className: "ml-segments" });
    const letter = (i) => LETTERS[i] || String(i + 1);
    wrap.append(printOnly("div", { className: "ml-print-labels" },
      el("p", { className: "ml-help", text: "Labels: write a letter on the line after each passage." }),
      el("ul", {}, ...item.labels.map((l, i) => el("li", {}, el("b", { text: letter(i) }), `  ${l.label}`)))));
    const selects = item.segments.map((seg, i) => {
      const id = `${ids}-s${i}`;
      const sel = el("select", { id });
      sel.append(el("option", { value: "", text: "— choose —" }));
      for (const l of item.labels) sel.append(el("option", { value: l.id, text: l.label, selected: (answer.labels || {})[seg.id] === l.id }));
      wrap.append(el("div", { className: "ml-segment" },
        el("blockquote", { className: "ml-quote", id: `${id}-text`, text: seg.text }),
        el("label", { htmlFor: id, text: `Passage ${i + 1} is: ` }), sel,
        printOnly("span", { className: "ml-print-answer", text: `Passage ${i + 1}: ` }, blank())));
      sel.setAttribute("aria-describedby", `${id}-text`);
      return [seg.id, sel];
    });
    return [wrap, () => ({ labels: Object.fromEntries(selects.filter(([, s]) => s.value).map(([k, s]) => [k, s.value])) })];
  }
  if (kind === "duration") {
    // A text box, not type=number (which drops "min" from "150 min" without a word): the
    // checker reads digits with a unit or hedge (readLength), and the menus follow them.
    const num = el("input", { type: "text", id: `${ids}-n`, autocomplete: "off", placeholder: "e.g. 2.5 or 150 min", value: answer.number ?? "" });
    const unit = el("select", { id: `${ids}-u` });
    for (const u of Object.keys(UNIT_MINUTES)) unit.append(el("option", { value: u, text: u, selected: (answer.unit || "hours") === u }));
    const hedge = el("select", { id: `${ids}-b` });
    for (const [v, t] of HEDGES) hedge.append(el("option", { value: v, text: t, selected: (answer.bound || "about") === v }));
    const none = el("input", { type: "checkbox", id: `${ids}-x`, checked: answer.not_stated === true });
    const sync = () => { for (const c of [num, unit, hedge]) c.disabled = none.checked; };
    none.addEventListener("change", sync);
    sync();
    num.addEventListener("change", () => {
      if (plain(num.value)) return;
      try {
        const [, u, b] = readLength(num.value);
        if (u) unit.value = u;
        if (b) hedge.value = b;
      } catch { /* Check explains what it cannot read */ }
    });
    const node = el("div", { className: "ml-duration" },
      el("div", {}, el("label", { htmlFor: num.id, text: "Number " }), num, blank(), el("label", { htmlFor: unit.id, text: " Unit " }), unit,
        tickBoxes(Object.keys(UNIT_MINUTES))),
      el("div", {}, el("label", { htmlFor: hedge.id, text: "How is it hedged? " }), hedge, tickBoxes(HEDGES.map(([, t]) => t))),
      el("div", {}, none, el("label", { htmlFor: none.id, text: " The report does not say" })));
    const read = () => none.checked ? { not_stated: true } : { number: typed(num.value), unit: unit.value, bound: hedge.value };
    const fill = (a) => { none.checked = !!a.not_stated; if (!a.not_stated) { num.value = a.number; unit.value = a.unit; hedge.value = a.bound; } sync(); };
    return [node, read, fill];
  }
  if (kind === "numeric") {
    // type=text: "350 prisoners" reaches the checker (which asks for the number only)
    // instead of being dropped by the browser as an empty box.
    const num = el("input", { type: "text", id: `${ids}-n`, autocomplete: "off", inputMode: "decimal", value: answer.value ?? "" });
    return [el("div", {}, el("label", { htmlFor: num.id, text: "Your answer " }), num, blank()), () => { const v = typed(num.value); return v === null ? {} : { value: v }; }];
  }
  const ta = el("textarea", { id: `${ids}-t`, rows: 6, value: answer.text || "" });
  const lines = printOnly("div", { className: "ml-lines" }, ...Array.from({ length: 8 }, () => el("div", { className: "ml-line" })));
  return [el("div", { className: "ml-free" }, el("label", { htmlFor: ta.id, text: "Your answer" }), ta, lines), () => ({ text: ta.value })];
}

function render({ model, el: root }) {
  const item = model.get("item");
  const ids = `ml-${item.id}-${++uid}`;
  const box = el("section", { className: "ml-exercise", "aria-labelledby": `${ids}-p` });
  box.dataset.item = item.id;
  // Live kernel only: a box for the student's name while the notebook has none (Voilà
  // cannot edit the start(…) cell). The kernel opens the answer file under that name.
  const nameInput = el("input", { type: "text", id: `${ids}-name`, autocomplete: "name", maxLength: 200 });
  const nameForm = el("form", { className: "ml-name-form" },
    el("label", { htmlFor: nameInput.id, text: "Type your name to save your answers: " }), nameInput,
    el("button", { type: "submit", className: "ml-button", text: "Save" }));
  const nameNote = el("p", { className: "ml-name-note", "aria-live": "polite", tabIndex: -1 });
  const nameBox = el("div", { className: "ml-name" }, nameForm, nameNote);
  nameForm.addEventListener("submit", (e) => { e.preventDefault(); model.send({ type: "name", name: nameInput.value }); });
  box.append(nameBox);
  box.append(el("p", { className: "ml-prompt", id: `${ids}-p`, text: item.prompt }));
  if (item.passage) {
    const who = item.report ? `Report ${item.report.slice(0, 3)}` : "";
    box.append(el("figure", { className: "ml-figure" },
      el("blockquote", { className: "ml-quote", text: item.passage }),
      who ? el("figcaption", { text: who }) : null));
  }
  restore(model, item);
  let [inputs, read, fill] = buildInputs(item, model.get("answer") || {}, ids);
  box.append(inputs);
  // An answer restored by the kernel (a name typed after the page was drawn) redraws the controls.
  const redraw = () => {
    const answer = model.get("answer") || {};
    if (JSON.stringify(answer) === JSON.stringify(read())) return;
    const [node, r, f] = buildInputs(item, answer, ids);
    inputs.replaceWith(node);
    [inputs, read, fill] = [node, r, f];
  };

  // Live kernel only: free text parsed by the Python library. Hidden until Python answers.
  let typed = null;
  if (item.kind === "duration" && fill) {
    const t = el("input", { type: "text", id: `${ids}-w`, placeholder: "e.g. two and a half hours" });
    const go = el("button", { type: "button", className: "ml-button", text: "Read it" });
    typed = el("div", { className: "ml-typed", hidden: true }, el("label", { htmlFor: t.id, text: "…or type it in words: " }), t, go);
    go.addEventListener("click", () => model.send({ type: "parse", text: t.value }));
    t.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); go.click(); } });
    box.append(typed);
  }
  const checkBtn = el("button", { type: "button", className: "ml-button ml-check", text: item.kind === "free_text" ? "Save" : "Check" });
  const hintBtn = el("button", { type: "button", className: "ml-button ml-hint-button", text: "Hint" });
  const buttons = el("div", { className: "ml-buttons" }, checkBtn);
  if ((item.hints || []).length) buttons.append(hintBtn);
  const attempts = el("span", { className: "ml-attempts" });
  buttons.append(attempts);
  box.append(buttons);
  const notice = el("p", { className: "ml-notice", role: "alert" });
  const status = el("p", { className: "ml-feedback", role: "status", "aria-live": "polite" });
  const hints = el("ul", { className: "ml-hints", "aria-live": "polite" });
  box.append(status, notice, hints);
  if (item.kind === "free_text" && item.rubric) {
    const list = el("dl", { className: "ml-rubric" });
    for (const [level, text] of Object.entries(item.rubric)) list.append(el("dt", { text: level }), el("dd", { text }));
    box.append(el("details", { className: "ml-rubric-box" }, el("summary", { text: "Rubric: what a good answer does" }), list));
  }
  root.append(box);

  const show = () => {
    const s = model.get("status");
    const mark = { correct: "✔ Correct: ", incorrect: "✘ Not yet: ", invalid: "⚠ ", saved: "✔ " }[s] || "";
    status.className = `ml-feedback ml-${s || "none"}`;
    status.textContent = model.get("feedback") ? mark + model.get("feedback") : "";
    const n = model.get("attempts");
    attempts.textContent = n ? ` Attempts: ${n}` : "";
    hints.replaceChildren(...(item.hints || []).slice(0, model.get("hints_shown")).map((h) => el("li", { text: `Hint: ${h}` })));
    // aria-disabled, not disabled: a button that becomes disabled while focused drops
    // the keyboard focus to the top of the page.
    hintBtn.setAttribute("aria-disabled", String(model.get("hints_shown") >= (item.hints || []).length));
    notice.textContent = model.get("notice") ? `⚠ ${model.get("notice")}` : "";
    const asking = model.get("ask_name");
    const hadFocus = !nameForm.hidden && nameForm.contains(document.activeElement);
    nameForm.hidden = !asking;
    nameBox.hidden = !asking && !model.get("name_note");
    nameNote.textContent = model.get("name_note") || "";
    if (hadFocus && !asking) nameNote.focus();  // the form is gone: keep the keyboard here
  };
  const runCheck = () => {
    const answer = read();
    const r = check(item, answer);
    model.set("answer", answer);
    if (r.valid) model.set("attempts", model.get("attempts") + 1);
    model.set("status", !r.valid ? "invalid" : r.correct === null ? "saved" : r.correct ? "correct" : "incorrect");
    model.set("feedback", r.feedback);
    model.save_changes();
    remember(model, item);
    show();
  };
  checkBtn.addEventListener("click", runCheck);
  hintBtn.addEventListener("click", () => {
    if (hintBtn.getAttribute("aria-disabled") === "true") return;  // every hint is shown
    model.set("hints_shown", model.get("hints_shown") + 1); model.save_changes(); remember(model, item); show();
  });
  model.on("change:feedback", show);
  model.on("change:status", show);
  model.on("change:notice", show);
  for (const k of ["attempts", "hints_shown", "ask_name", "name_note"]) model.on(`change:${k}`, show);
  model.on("change:answer", redraw);
  model.on("msg:custom", (msg) => {
    if (msg.type === "pong" && typed) typed.hidden = false;
    if (msg.type === "parsed" && fill) { fill(msg.answer); runCheck(); }
    if (msg.type === "parse_error") { model.set("status", "invalid"); model.set("feedback", msg.message); model.save_changes(); show(); }
  });
  try { model.send({ type: "ping" }); } catch { /* static page: no kernel to answer */ }
  show();
}

export default { render };
