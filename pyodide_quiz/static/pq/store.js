// @ts-check
/**
 * The progress store: one versioned record in localStorage. Garbage, a foreign format or a missing or
 * full localStorage never breaks a page: reads fall back to an empty store, failed writes are reported.
 *
 * Every record carries its time stamp `at`, and one rule joins two copies of the store (an imported file,
 * another tab's save): per item, the record with the later `at` wins. A removal (a reset question) is kept as
 * its time in `removed`, so an older copy does not bring the answer back. The rule knows nothing of what a
 * record means: a new kind of entry (`kind:name`) or extra fields on a record get it for free.
 */

const KEY = "pyodide-quiz:progress";
const VERSION = 1;

/**
 * `hash` names the version of the question the answer was given to; extra fields are kept as they are.
 * @typedef {{hash: string, answer: unknown, verdict: string, at: string, [field: string]: unknown}} ItemRecord
 */
/**
 * `removed`: "kind:name/item" -> when it was removed (reset).
 * @typedef {{version: number, entries: Record<string, {title?: string, items: Record<string, ItemRecord>}>,
 *   removed: Record<string, string>}} Progress
 */

/** @returns {Progress} */
function empty() {
  return { version: VERSION, entries: {}, removed: {} };
}

const isObject = (/** @type {unknown} */ value) => Boolean(value) && typeof value === "object" && !Array.isArray(value);

/** @param {unknown} data @returns {Progress} */
export function sanitise(data) {
  const clean = empty();
  if (!isObject(data) || /** @type {any} */ (data).version !== VERSION) return clean;
  const entries = /** @type {any} */ (data).entries;
  if (!isObject(entries)) return clean;
  for (const [key, entry] of Object.entries(entries)) {
    if (!/^[a-z][\w-]*:[\w.-]+$/.test(key) || !isObject(entry)) continue;
    /** @type {Record<string, ItemRecord>} */
    const items = {};
    for (const [id, rec] of Object.entries(isObject(entry.items) ? entry.items : {})) {
      if (isObject(rec) && typeof rec.hash === "string" && typeof rec.verdict === "string") {
        items[id] = { ...rec, at: String(rec.at || "") };
      }
    }
    clean.entries[key] = { title: typeof entry.title === "string" ? entry.title : undefined, items };
  }
  const removed = /** @type {any} */ (data).removed;
  for (const [ref, at] of Object.entries(isObject(removed) ? removed : {})) {
    if (typeof at === "string") clean.removed[ref] = at;
  }
  return clean;
}

/** A time stamp as a number to compare; a missing or unreadable one is older than any other. @param {unknown} at */
function when(at) {
  const time = Date.parse(String(at || ""));
  return Number.isNaN(time) ? -Infinity : time;
}

/** Kinds of entry that follow from the results (the review schedule, schedule.js): joined like any other, but not
 * counted as results. */
const NOT_RESULTS = new Set(["review"]);

/**
 * Join `incoming` into `base` (changed in place): per item the record with the later time stamp; a removal
 * newer than a record hides it. Returns how many of `incoming`'s results were taken and how many were skipped
 * as older than (or the same age as) what `base` holds.
 * @param {Progress} base @param {Progress} incoming @returns {{kept: number, skipped: number}}
 */
export function merge(base, incoming) {
  let kept = 0;
  let skipped = 0;
  for (const [ref, at] of Object.entries(incoming.removed)) {
    if (when(at) > when(base.removed[ref])) base.removed[ref] = at;
  }
  for (const [key, entry] of Object.entries(incoming.entries)) {
    const mine = base.entries[key] || { items: {} };
    const counted = NOT_RESULTS.has(key.slice(0, key.indexOf(":"))) ? 0 : 1;
    for (const [id, record] of Object.entries(entry.items)) {
      const current = mine.items[id];
      const newest = Math.max(when(current?.at), when(base.removed[`${key}/${id}`]));
      if (when(record.at) > newest || (!current && !(`${key}/${id}` in base.removed))) {
        mine.items[id] = record;
        kept += counted;
      } else {
        skipped += counted;
      }
    }
    mine.title = entry.title || mine.title;
    base.entries[key] = mine;
  }
  // A record older than its removal stays removed, whichever copy it came from.
  for (const [ref, at] of Object.entries(base.removed)) {
    const [key, id] = splitRef(ref);
    const record = base.entries[key]?.items[id];
    if (record && when(record.at) <= when(at)) delete base.entries[key].items[id];
  }
  return { kept, skipped };
}

/** "quiz:04-evidence/r-squared" -> ["quiz:04-evidence", "r-squared"]. @param {string} ref */
function splitRef(ref) {
  const slash = ref.indexOf("/");
  return [ref.slice(0, slash), ref.slice(slash + 1)];
}

/** @returns {Progress} */
export function load() {
  try {
    const text = window.localStorage.getItem(KEY);
    return text ? sanitise(JSON.parse(text)) : empty();
  } catch {
    return empty();
  }
}

/** @param {Progress} progress @returns {boolean} whether it was saved */
function save(progress) {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(progress));
    return true;
  } catch {
    return false;
  }
}

/** Whether this browser lets the site save anything at all. */
export function canSave() {
  try {
    const probe = `${KEY}:probe`;
    window.localStorage.setItem(probe, "1");
    window.localStorage.removeItem(probe);
    return true;
  } catch {
    return false;
  }
}

/**
 * @param {string} kind @param {string} name @param {string} itemId @param {ItemRecord} record
 * @param {string} [title]
 * @returns {boolean} whether it was saved
 */
export function put(kind, name, itemId, record, title) {
  const progress = load();
  const key = `${kind}:${name}`;
  const entry = progress.entries[key] || { items: {} };
  if (title) entry.title = title;
  entry.items[itemId] = record;
  progress.entries[key] = entry;
  delete progress.removed[`${key}/${itemId}`];
  return save(progress);
}

/** @param {string} kind @param {string} name @param {string} itemId @returns {ItemRecord | undefined} */
export function get(kind, name, itemId) {
  return load().entries[`${kind}:${name}`]?.items[itemId];
}

/** @param {string} kind @param {string} name @param {string} itemId */
export function remove(kind, name, itemId) {
  const progress = load();
  const key = `${kind}:${name}`;
  const entry = progress.entries[key];
  if (entry) delete entry.items[itemId];
  progress.removed[`${key}/${itemId}`] = new Date().toISOString();
  return save(progress);
}

export function resetAll() {
  try {
    window.localStorage.removeItem(KEY);
    return true;
  } catch {
    return false;
  }
}

export function exportText() {
  return JSON.stringify({ ...load(), exported: new Date().toISOString() }, null, 2);
}

/**
 * Join a previously exported file into the store: per item, the newer record (merge). `message` is what to tell
 * the student, as a key of the catalogue of texts (progress-page.js words it with `kept` and `skipped`).
 * @param {string} text
 * @returns {{ok: boolean, kept: number, skipped: number, message: string}}
 */
export function importText(text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, kept: 0, skipped: 0, message: "progress.import_not_json" };
  }
  const incoming = sanitise(parsed);
  const count = Object.values(incoming.entries).reduce((n, e) => n + Object.keys(e.items).length, 0);
  if (!count) return { ok: false, kept: 0, skipped: 0, message: "progress.import_empty" };
  const progress = load();
  const { kept, skipped } = merge(progress, incoming);
  const ok = save(progress);
  if (!ok) return { ok, kept: 0, skipped: 0, message: "progress.import_no_storage" };
  return { ok, kept, skipped, message: "progress.imported" };
}

/**
 * Call `listener` with the store as saved whenever another tab (or window) of the site changes it. A tab's own
 * saves do not fire it. Returns a function that stops listening.
 * @param {(progress: Progress) => void} listener @returns {() => void}
 */
export function onChange(listener) {
  /** @param {StorageEvent} event */
  const heard = (event) => {
    // key null: the other tab cleared all of localStorage.
    if (event.key === KEY || event.key === null) listener(load());
  };
  window.addEventListener("storage", heard);
  return () => window.removeEventListener("storage", heard);
}
