// Exercise widget (anywidget ESM). The check runs here, in the browser, so it also works
// in the static book with no kernel. It mirrors medialit/exercises/engine.py exactly:
// normalise the answer into parts, compare salted hashes, decrypt the matching feedback.
// All text is inserted with textContent: nothing from the item or the student is parsed
// as HTML.

// ---------------------------------------------------------------- SHA-256 (FIPS 180-4)
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

export function sha256(bytes) {
  const len = bytes.length;
  const padded = new Uint8Array(((len + 9 + 63) >> 6) << 6);
  padded.set(bytes);
  padded[len] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 4, (len * 8) >>> 0);
  view.setUint32(padded.length - 8, Math.floor(len / 0x20000000));
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                             0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  const rotr = (x, n) => (x >>> n) | (x << (32 - n));
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + 4 * i);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, k] = h;
    for (let i = 0; i < 64; i++) {
      const t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      k = g; g = f; f = e; e = (d + t1) >>> 0; d = c; c = b; b = a; a = (t1 + t2) >>> 0;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += k;
  }
  const out = new Uint8Array(32);
  const ov = new DataView(out.buffer);
  h.forEach((x, i) => ov.setUint32(4 * i, x));
  return out;
}

const utf8 = (s) => new TextEncoder().encode(s);
const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
const concat = (a, b) => { const o = new Uint8Array(a.length + b.length); o.set(a); o.set(b, a.length); return o; };

export function digest(salt, name, value) {
  return hex(sha256(utf8(`${salt}\n${name}\n${value}`))).slice(0, 32);
}

export function unseal(salt, name, value, sealed) {
  const data = Uint8Array.from(atob(sealed), (c) => c.charCodeAt(0));
  const key = sha256(utf8(`key\n${salt}\n${name}\n${value}`));
  const out = new Uint8Array(data.length);
  let block = new Uint8Array(0);
  for (let i = 0; i < data.length; i++) {
    if (i % 32 === 0) block = sha256(concat(key, utf8(String(i / 32))));
    out[i] = data[i] ^ block[i % 32];
  }
  return new TextDecoder().decode(out);
}

// ---------------------------------------------------------------- normalising and checking
const BOUNDS = ["about", "at_least", "at_most"];
const UNIT_MINUTES = { minutes: 1, hours: 60, days: 1440 };
const MAX_LISTED = 4;

class BadAnswer extends Error {}

// The same explicit rules as engine.py (WHITESPACE and NUMBER there, character for
// character): JavaScript's trim() and Number() differ from Python's strip() and float().
const WHITESPACE = String.raw`[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+`;
const NUMBER = String.raw`^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$`;
const WS = new RegExp(WHITESPACE);
const EDGE_WS = new RegExp(`^${WHITESPACE}|${WHITESPACE}$`, "g");
const NUM = new RegExp(NUMBER);
const strip = (s) => s.replace(EDGE_WS, "");
const words = (s) => s.split(WS).filter(Boolean).length;
const chars = (s) => Array.from(s);  // code points, as Python counts them
const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const isDict = (o) => o !== null && typeof o === "object" && !Array.isArray(o);
const TYPE_A_NUMBER = "Type a number, such as 2.5 or 150.";
const OUT_OF_RANGE = "That number is out of range: type a positive number such as 2.5.";
const TYPE_DIGITS = "Type the length with digits here, such as 2.5 hours, 150 min or 2h30: this box does not read number words.";

// A length typed with digits into a duration item's number box ("150 min", "2h30", "90+
// minutes", "more than 90 mins"): the same pattern and tables as LENGTH, LENGTH_HEDGES and
// LENGTH_UNITS in engine.py, whose comment says how they are read.
const LENGTH = String.raw`^(?:(more than|at least|longer than|just over|well over|over|above|nearly|almost|up to|less than|just under|under|about|around|approximately|approx\.?|roughly|some|circa|exactly|>=|<=|~|>|<) ?)?([0-9][0-9,]*(?:\.[0-9]*)?|\.[0-9]+)(\+)? ?(minutes|minute|mins|min|m|hours|hour|hrs|hr|h|days|day|d)?\.?(?: ?(?:and )?([0-9]+(?:\.[0-9]+)?) ?(minutes|minute|mins|min|m)?\.?)? ?(\+|or more|or longer|and more|plus|at least|or less|at most|or so)?$`;
const LENGTH_HEDGES = {
  "more than": "at_least", "at least": "at_least", "longer than": "at_least",
  "just over": "at_least", "well over": "at_least", "over": "at_least", "above": "at_least",
  ">=": "at_least", ">": "at_least", "+": "at_least", "or more": "at_least",
  "or longer": "at_least", "and more": "at_least", "plus": "at_least",
  "nearly": "at_most", "almost": "at_most", "up to": "at_most", "less than": "at_most",
  "just under": "at_most", "under": "at_most", "<=": "at_most", "<": "at_most",
  "or less": "at_most", "at most": "at_most",
  "about": "about", "around": "about", "approximately": "about", "approx": "about",
  "approx.": "about", "roughly": "about", "some": "about", "circa": "about",
  "exactly": "about", "~": "about", "or so": "about",
};
const LENGTH_UNITS = {
  "minutes": "minutes", "minute": "minutes", "mins": "minutes", "min": "minutes",
  "m": "minutes", "hours": "hours", "hour": "hours", "hrs": "hours", "hr": "hours",
  "h": "hours", "days": "days", "day": "days", "d": "days",
};
const LEN = new RegExp(LENGTH);
const WS_RUNS = new RegExp(WHITESPACE, "g");
const NUMBER_THEN_WORDS = /^([0-9][0-9,]*(?:\.[0-9]+)?) ?[A-Za-z]/;

function inRange(v) {
  if (!Number.isFinite(v) || v < 0 || v > 1e7) throw new BadAnswer(OUT_OF_RANGE);
  return v;
}

function number(x) {
  let v;
  if (typeof x === "number") v = x;
  else if (typeof x === "string" && chars(x).length < 40 && strip(x)) {
    const text = strip(x);
    if (!NUM.test(text.replace(/,/g, ""))) {
      const w = NUMBER_THEN_WORDS.exec(text);
      if (w) throw new BadAnswer(`Type only the number here, without words: “${w[1]}”.`);
      throw new BadAnswer(`“${chars(text).slice(0, 30).join("")}” is not a number. Type digits, such as 2.5 or 150.`);
    }
    v = Number(text.replace(/,/g, ""));
  } else throw new BadAnswer(TYPE_A_NUMBER);
  return inRange(v);
}
const whole = (x) => String(Math.floor(x + 0.5));
const plain = (x) => typeof x !== "string" || chars(x).length >= 40 || !strip(x) || NUM.test(strip(x).replace(/,/g, ""));
const shown = (v) => (v === Math.floor(v) ? whole(v) : String(Number(v.toPrecision(10))));

// [number, unit or null, bound or null] of a length typed with digits (engine.read_length).
export function readLength(text) {
  const low = strip(text).replace(WS_RUNS, " ").replace(/[A-Z]+/g, (m) => m.toLowerCase());
  const m = LEN.exec(low);
  if (!m) {
    if (!/[0-9]/.test(low)) throw new BadAnswer(TYPE_DIGITS);
    throw new BadAnswer(`“${chars(text).slice(0, 30).join("")}” is not a length this box can read. Type digits and a unit, such as 150 min, 2.5 hours or 2h30.`);
  }
  const [, before, num, plus, u, extra] = m;
  const hedges = [...new Set([before, plus, m[7]].filter((h) => h).map((h) => LENGTH_HEDGES[h]))];
  if (hedges.length > 1) throw new BadAnswer("Use one hedge: “more than”, “about” or “nearly”, not two.");
  let value = inRange(Number(num.replace(/,/g, "")));
  let unit = u ? LENGTH_UNITS[u] : null;
  if (extra !== undefined) {
    if (unit !== "hours" || Number(extra) >= 60) throw new BadAnswer("Give hours and then minutes under 60, such as 2h30, or one unit, such as 150 min.");
    value = inRange(value * 60 + Number(extra));
    unit = "minutes";
  }
  return [value, unit, hedges.length ? hedges[0] : null];
}

export function normalise(item, answer) {
  const kind = item.kind;
  if (answer == null || (typeof answer === "object" && Object.keys(answer).length === 0)) {
    throw new BadAnswer("Give an answer first, then press Check.");
  }
  if (kind === "single_choice") {
    if (!item.options.some((o) => o.id === answer.choice)) throw new BadAnswer("Pick one of the options, then press Check.");
    return { choice: answer.choice };
  }
  if (kind === "multiple_choice" || kind === "span_marking") {
    const picked = answer.selected;
    if (!Array.isArray(picked) || !picked.every((x) => typeof x === "string")) {
      throw new BadAnswer(kind === "multiple_choice" ? "Tick the boxes that apply." : "Select the words that apply.");
    }
    const ids = kind === "multiple_choice" ? item.options.map((o) => o.id) : item.segments.filter((x) => x.selectable).map((x) => x.id);
    const unknown = [...new Set(picked)].filter((x) => !ids.includes(x));
    if (unknown.length) throw new BadAnswer(`Unknown option(s): ${chars(unknown.join(", ")).slice(0, 80).join("")}.`);
    const out = {};
    for (const id of ids) out[id] = picked.includes(id) ? "1" : "0";
    return out;
  }
  if (kind === "labelling") {
    const labels = own(answer, "labels") ? answer.labels : answer;
    if (!isDict(labels)) throw new BadAnswer("Give a label for each passage.");
    const allowed = item.labels.map((l) => l.id);
    const out = {};
    for (const seg of item.segments) {
      const lab = own(labels, seg.id) ? labels[seg.id] : null;
      if (typeof lab !== "string" || !allowed.includes(lab)) throw new BadAnswer(`Choose a label for every passage (passage ${seg.id} has none).`);
      out[seg.id] = lab;
    }
    return out;
  }
  if (kind === "duration") {
    if (answer.not_stated === true) return { minutes: "none", bound: "none" };
    let num = answer.number, typedUnit = null, typedBound = null;
    if (!plain(num)) [num, typedUnit, typedBound] = readLength(num);  // words win over the menus
    const unit = typedUnit || answer.unit;
    if (typeof unit !== "string" || !own(UNIT_MINUTES, unit)) throw new BadAnswer("Choose a unit: minutes, hours or days.");
    const bound = typedBound || (own(answer, "bound") ? answer.bound : "about");
    if (typeof bound !== "string" || !BOUNDS.includes(bound)) throw new BadAnswer("Choose how the report hedges the number: about, more than or up to.");
    const value = number(num);
    const minutes = value * UNIT_MINUTES[unit];
    const most = item.max_minutes;
    if (typeof most === "number" && minutes > most) {
      const days = minutes >= 2880 ? `${Math.floor(minutes / 1440)} days` : "a day";
      throw new BadAnswer(`${shown(value)} ${unit}? That would be more than ${days}. Check the unit: minutes or hours?`);
    }
    return { minutes: whole(minutes), bound };
  }
  if (kind === "numeric") return { value: whole(number(answer.value)) };
  throw new BadAnswer(`This item (${kind}) has nothing to check.`);
}

export function check(item, answer) {
  try {
    if (item.kind === "free_text") {
      const text = isDict(answer) && own(answer, "text") ? answer.text : "";
      if (typeof text !== "string" || !words(text)) throw new BadAnswer("Write your answer in the box first.");
      return { correct: null, valid: true, feedback: `Saved (${words(text)} words). ${item.rubric_summary || "Compare your answer with the rubric."}` };
    }
    const spec = item.check;
    const values = normalise(item, answer);
    const ok = {};
    for (const p of spec.parts) ok[p.name] = p.ok.includes(digest(spec.salt, p.name, values[p.name]));
    const names = spec.parts.map((p) => p.name);
    if (names.every((n) => ok[n])) {
      const full = spec.parts.map((p) => `${p.name}=${values[p.name]}`).join("&");
      const sealed = (spec.done || {})[digest(spec.salt, "*", full)];
      return { correct: true, valid: true, feedback: sealed ? unseal(spec.salt, "*", full, sealed) : "Correct." };
    }
    const messages = [];
    for (const p of spec.parts) {
      if (ok[p.name]) continue;
      const sealed = p.fb[digest(spec.salt, p.name, values[p.name])];
      const msg = sealed ? unseal(spec.salt, p.name, values[p.name], sealed) : p.else;
      if (msg && !messages.includes(msg)) messages.push(msg);
      if (spec.first_only) break;
    }
    const wrong = names.filter((n) => !ok[n]).length;
    const head = names.length > 1 && !spec.first_only ? `${names.length - wrong} of ${names.length} right. ` : "";
    const more = messages.length - MAX_LISTED;
    const body = messages.slice(0, MAX_LISTED).join(" ") || "Look at the text again.";
    return { correct: false, valid: true, feedback: head + body + (more > 0 ? ` (And ${more} more to look at again.)` : "") };
  } catch (e) {
    if (e instanceof BadAnswer) return { correct: null, valid: false, feedback: e.message };
    return { correct: null, valid: false, feedback: "That answer could not be read. Try again with the controls above." };
  }
}

// ---------------------------------------------------------------- keeping answers in this browser
// The static book has no kernel to save to, so each answer is also kept in the browser's
// localStorage and restored when the page is opened again. A kernel's saved answer wins.
const STORE = "medialit:v1:";
const KEPT = ["answer", "status", "feedback", "attempts", "hints_shown"];

function remember(model, item) {
  try {
    localStorage.setItem(STORE + item.id, JSON.stringify(Object.fromEntries(KEPT.map((k) => [k, model.get(k)]))));
  } catch (e) { /* storage full or disabled: the answer stays on the page */ }
}

function restore(model, item) {
  const answer = model.get("answer");
  if (answer && Object.keys(answer).length) return;
  let kept = null;
  try { kept = JSON.parse(localStorage.getItem(STORE + item.id) || "null"); } catch (e) { kept = null; }
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
      } catch (e) { /* Check explains what it cannot read */ }
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
  try { model.send({ type: "ping" }); } catch (e) { /* static page: no kernel to answer */ }
  show();
}

export default { render };
