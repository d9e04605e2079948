// @ts-check
/**
 * The progress store: one versioned record in localStorage. Garbage, a foreign format or a missing or
 * full localStorage never breaks a page: reads fall back to an empty store, failed writes are reported.
 */

const KEY = "pyodide-quiz:progress";
const VERSION = 1;

/** @typedef {{hash: string, answer: unknown, verdict: string, at: string}} ItemRecord */
/** @typedef {{version: number, entries: Record<string, {title?: string, items: Record<string, ItemRecord>}>}} Progress */

/** @returns {Progress} */
function empty() {
  return { version: VERSION, entries: {} };
}

/** @param {unknown} data @returns {Progress} */
export function sanitise(data) {
  const clean = empty();
  if (!data || typeof data !== "object" || /** @type {any} */ (data).version !== VERSION) return clean;
  const entries = /** @type {any} */ (data).entries;
  if (!entries || typeof entries !== "object") return clean;
  for (const [key, entry] of Object.entries(entries)) {
    if (!/^(quiz|vignette|transcript|exercise):[\w.-]+$/.test(key) || !entry || typeof entry !== "object") continue;
    const items = {};
    for (const [id, rec] of Object.entries(entry.items || {})) {
      if (rec && typeof rec === "object" && typeof rec.hash === "string" && typeof rec.verdict === "string") {
        items[id] = { hash: rec.hash, answer: rec.answer, verdict: rec.verdict, at: String(rec.at || "") };
      }
    }
    clean.entries[key] = { title: typeof entry.title === "string" ? entry.title : undefined, items };
  }
  return clean;
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
  return save(progress);
}

/** @param {string} kind @param {string} name @param {string} itemId @returns {ItemRecord | undefined} */
export function get(kind, name, itemId) {
  return load().entries[`${kind}:${name}`]?.items[itemId];
}

/** @param {string} kind @param {string} name @param {string} itemId */
export function remove(kind, name, itemId) {
  const progress = load();
  const entry = progress.entries[`${kind}:${name}`];
  if (entry) delete entry.items[itemId];
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
 * Merge a previously exported file into the store.
 * @param {string} text
 * @returns {{ok: boolean, count: number, message: string}}
 */
export function importText(text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, count: 0, message: "This file is not a progress export (it is not JSON)." };
  }
  const incoming = sanitise(parsed);
  const count = Object.values(incoming.entries).reduce((n, e) => n + Object.keys(e.items).length, 0);
  if (!count) return { ok: false, count: 0, message: "This file holds no results from this course." };
  const progress = load();
  for (const [key, entry] of Object.entries(incoming.entries)) {
    const mine = progress.entries[key] || { items: {} };
    mine.title = entry.title || mine.title;
    Object.assign(mine.items, entry.items);
    progress.entries[key] = mine;
  }
  const ok = save(progress);
  return { ok, count, message: ok ? `Imported ${count} result(s).` : "Could not save: this browser does not allow storage." };
}
