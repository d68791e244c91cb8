// The exercise checker (the first half of the widget's ES module; widget.py puts
// widget.js, the controls, after it). It runs in the browser, so answers are also checked in
// the static book with no kernel, and mirrors medialit/exercises/engine.py exactly:
// normalise the answer into parts, compare salted hashes, decrypt the matching feedback,
// by the rules and messages of rules.json (RULES below, filled in by widget.py). It touches
// no page: node runs it as it is (tests/test_engine.py, the parity tests).

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
// The rules (bounds, unit minutes, the input patterns, every message) are data, in
// rules.json, which engine.py loads too: widget.py puts them in place of the marker below
// when it reads this file, so the kernel and the static book check by the same rules.
const RULES = /*@RULES@*/ {};
const { bounds: BOUNDS, unit_minutes: UNIT_MINUTES, max_listed: MAX_LISTED, max_value: MAX_VALUE, max_decimals: MAX_DECIMALS, messages: MESSAGES } = RULES;
const FIELD = /\{([a-z_]+)\}/g;
// A message of rules.json with its {name} fields filled in (engine.say, one pass).
const say = (key, values = {}) => MESSAGES[key].replace(FIELD, (_, name) => String(values[name]));

class BadAnswer extends Error {}

// Explicit rules for whitespace and numbers (rules.json): JavaScript's trim() and Number()
// differ from Python's strip() and float().
const WS = new RegExp(RULES.whitespace);
const EDGE_WS = new RegExp(`^${RULES.whitespace}|${RULES.whitespace}$`, "g");
const NUM = new RegExp(RULES.number);
const strip = (s) => s.replace(EDGE_WS, "");
const words = (s) => s.split(WS).filter(Boolean).length;
const chars = (s) => Array.from(s);  // code points, as Python counts them
const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const isDict = (o) => o !== null && typeof o === "object" && !Array.isArray(o);

// A length typed with digits into a duration item's number box ("150 min", "2h30", "90+
// minutes", "more than 90 mins"): RULES.length and its tables; engine.py says how they are read.
const LENGTH_HEDGES = RULES.length_hedges;
const LENGTH_UNITS = RULES.length_units;
const LEN = new RegExp(RULES.length);
const WS_RUNS = new RegExp(RULES.whitespace, "g");
const NUMBER_THEN_WORDS = new RegExp(RULES.number_then_words);

function inRange(v) {
  if (!Number.isFinite(v) || v < 0 || v > MAX_VALUE) throw new BadAnswer(say("out_of_range"));
  return v;
}

function number(x) {
  let v;
  if (typeof x === "number") v = x;
  else if (typeof x === "string" && chars(x).length < 40 && strip(x)) {
    const text = strip(x);
    if (!NUM.test(text.replace(/,/g, ""))) {
      const w = NUMBER_THEN_WORDS.exec(text);
      if (w) throw new BadAnswer(say("only_the_number", { number: w[1] }));
      throw new BadAnswer(say("not_a_number", { text: chars(text).slice(0, 30).join("") }));
    }
    v = Number(text.replace(/,/g, ""));
  } else throw new BadAnswer(say("type_a_number"));
  return inRange(v);
}
const whole = (x) => String(Math.floor(x + 0.5));
const plain = (x) => typeof x !== "string" || chars(x).length >= 40 || !strip(x) || NUM.test(strip(x).replace(/,/g, ""));
// A numeric answer (not negative) as both checkers compare it (engine.fixed): rounded half
// up to d places on its shortest decimal form (String(v), as Python's repr), places written.
export function fixed(v, d) {
  if (!d) return whole(v);
  const [digits, exp = "0"] = String(Math.abs(v)).split("e");  // "2.45", or "5e-7" below 1e-6
  const [int, frac = ""] = digits.split(".");
  let all = int + frac;
  let point = int.length + Number(exp);  // the decimal point's place in all
  if (point < 0) { all = "0".repeat(-point) + all; point = 0; }
  all += "0".repeat(Math.max(0, point + d + 1 - all.length));
  const n = Number(all.slice(0, point + d)) + (all[point + d] >= "5" ? 1 : 0);  // < 2**53
  const s = String(n).padStart(d + 1, "0");
  return `${s.slice(0, -d)}.${s.slice(-d)}`;
}
// The places a numeric item compares at (engine.decimals_of): 1 to MAX_DECIMALS, else 0.
const decimalsOf = (item) => {
  const d = item.decimals;
  return typeof d === "number" && Number.isInteger(d) && d > 0 && d <= MAX_DECIMALS ? d : 0;
};
const shown = (v) => (v === Math.floor(v) ? whole(v) : String(Number(v.toPrecision(10))));

// [number, unit or null, bound or null] of a length typed with digits (engine.read_length).
export function readLength(text) {
  const low = strip(text).replace(WS_RUNS, " ").replace(/[A-Z]+/g, (m) => m.toLowerCase());
  const m = LEN.exec(low);
  if (!m) {
    if (!/[0-9]/.test(low)) throw new BadAnswer(say("type_digits"));
    throw new BadAnswer(say("not_a_length", { text: chars(text).slice(0, 30).join("") }));
  }
  const [, before, num, plus, u, extra] = m;
  const hedges = [...new Set([before, plus, m[7]].filter((h) => h).map((h) => LENGTH_HEDGES[h]))];
  if (hedges.length > 1) throw new BadAnswer(say("one_hedge"));
  let value = inRange(Number(num.replace(/,/g, "")));
  let unit = u ? LENGTH_UNITS[u] : null;
  if (extra !== undefined) {
    if (unit !== "hours" || Number(extra) >= 60) throw new BadAnswer(say("hours_then_minutes"));
    value = inRange(value * 60 + Number(extra));
    unit = "minutes";
  }
  return [value, unit, hedges.length ? hedges[0] : null];
}

export function normalise(item, answer) {
  const kind = item.kind;
  if (answer == null || (typeof answer === "object" && Object.keys(answer).length === 0)) {
    throw new BadAnswer(say("give_answer"));
  }
  if (kind === "single_choice") {
    if (!item.options.some((o) => o.id === answer.choice)) throw new BadAnswer(say("pick_one"));
    return { choice: answer.choice };
  }
  if (kind === "multiple_choice" || kind === "span_marking") {
    const picked = answer.selected;
    if (!Array.isArray(picked) || !picked.every((x) => typeof x === "string")) {
      throw new BadAnswer(say(kind === "multiple_choice" ? "tick_boxes" : "select_words"));
    }
    const ids = kind === "multiple_choice" ? item.options.map((o) => o.id) : item.segments.filter((x) => x.selectable).map((x) => x.id);
    const unknown = [...new Set(picked)].filter((x) => !ids.includes(x));
    if (unknown.length) throw new BadAnswer(say("unknown_options", { ids: chars(unknown.join(", ")).slice(0, 80).join("") }));
    const out = {};
    for (const id of ids) out[id] = picked.includes(id) ? "1" : "0";
    return out;
  }
  if (kind === "labelling") {
    const labels = own(answer, "labels") ? answer.labels : answer;
    if (!isDict(labels)) throw new BadAnswer(say("label_each"));
    const allowed = item.labels.map((l) => l.id);
    const out = {};
    for (const seg of item.segments) {
      const lab = own(labels, seg.id) ? labels[seg.id] : null;
      if (typeof lab !== "string" || !allowed.includes(lab)) throw new BadAnswer(say("label_every", { passage: seg.id }));
      out[seg.id] = lab;
    }
    return out;
  }
  if (kind === "duration") {
    if (answer.not_stated === true) return { minutes: "none", bound: "none" };
    let num = answer.number, typedUnit = null, typedBound = null;
    if (!plain(num)) [num, typedUnit, typedBound] = readLength(num);  // words win over the menus
    const unit = typedUnit || answer.unit;
    if (typeof unit !== "string" || !own(UNIT_MINUTES, unit)) throw new BadAnswer(say("choose_unit"));
    const bound = typedBound || (own(answer, "bound") ? answer.bound : "about");
    if (typeof bound !== "string" || !BOUNDS.includes(bound)) throw new BadAnswer(say("choose_hedge"));
    const value = number(num);
    const minutes = value * UNIT_MINUTES[unit];
    const most = item.max_minutes;
    if (typeof most === "number" && minutes > most) {
      const days = minutes >= 2880 ? say("n_days", { n: Math.floor(minutes / 1440) }) : say("a_day");
      throw new BadAnswer(say("too_long", { value: shown(value), unit, days }));
    }
    return { minutes: whole(minutes), bound };
  }
  if (kind === "numeric") return { value: fixed(number(answer.value), decimalsOf(item)) };
  throw new BadAnswer(say("nothing_to_check", { kind }));
}

export function check(item, answer) {
  try {
    if (item.kind === "free_text") {
      const text = isDict(answer) && own(answer, "text") ? answer.text : "";
      if (typeof text !== "string" || !words(text)) throw new BadAnswer(say("write_first"));
      return { correct: null, valid: true, feedback: say("saved", { words: words(text), rubric: item.rubric_summary || say("rubric_default") }) };
    }
    const spec = item.check;
    const values = normalise(item, answer);
    const ok = {};
    for (const p of spec.parts) ok[p.name] = p.ok.includes(digest(spec.salt, p.name, values[p.name]));
    const names = spec.parts.map((p) => p.name);
    if (names.every((n) => ok[n])) {
      const full = spec.parts.map((p) => `${p.name}=${values[p.name]}`).join("&");
      const sealed = (spec.done || {})[digest(spec.salt, "*", full)];
      return { correct: true, valid: true, feedback: sealed ? unseal(spec.salt, "*", full, sealed) : say("correct") };
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
    const head = names.length > 1 && !spec.first_only ? say("n_of_m_right", { right: names.length - wrong, total: names.length }) : "";
    const more = messages.length - MAX_LISTED;
    const body = messages.slice(0, MAX_LISTED).join(" ") || say("look_again");
    return { correct: false, valid: true, feedback: head + body + (more > 0 ? say("and_more", { more }) : "") };
  } catch (e) {
    if (e instanceof BadAnswer) return { correct: null, valid: false, feedback: e.message };
    return { correct: null, valid: false, feedback: say("catch_all") };
  }
}

