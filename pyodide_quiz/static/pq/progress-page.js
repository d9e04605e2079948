// @ts-check
/**
 * The progress page: the course's catalogue (written by the build) against what this browser has saved. The
 * build writes the frame (sphinx/progress.py): per part, per chapter and objective, vignette endings, each count
 * naming the saved results it counts in `data-refs`; this module fills the counts, says where to continue, and
 * lists every activity. Export and import as a JSON file; reset; print. Never breaks on odd storage: it just
 * shows nothing saved.
 */
import { readPayload, el } from "./payload.js";
import * as store from "./store.js";
import { drawCalibration } from "./calibration.js";

/** @typedef {ReturnType<typeof store.load>} Progress */

/** The saved record a ref ("quiz:04-evidence/r-squared") names. @param {Progress} progress @param {string} ref */
function recordOf(progress, ref) {
  const [key, item] = ref.split("/");
  return progress.entries[key]?.items[item];
}

/** Done: a right answer, passing tests, a finished vignette, an ending reached (not a wrong answer or a draft). */
const isDone = (/** @type {any} */ record) => Boolean(record) && !/^(incorrect|partial|in-progress|draft)$/.test(record.verdict);

/** @param {Progress} progress @param {string[]} refs */
const doneOf = (progress, refs) => refs.filter((ref) => isDone(recordOf(progress, ref))).length;

/**
 * Where to go next: the activity last worked on, or, when it is complete, the next one in reading order that
 * is not; the first activity when nothing is saved.
 * @param {any[]} items @param {Progress} progress
 */
function nextActivity(items, progress) {
  let latest = -1;
  let when = "";
  items.forEach((item, index) => {
    for (const ref of item.refs) {
      const at = recordOf(progress, ref)?.at || "";
      if (at > when) [when, latest] = [at, index];
    }
  });
  const unfinished = (/** @type {any} */ item) => doneOf(progress, item.refs) < item.refs.length;
  if (latest >= 0 && unfinished(items[latest])) return { item: items[latest], resume: true };
  return { item: items.slice(latest + 1).find(unfinished) || items.find(unfinished), resume: false };
}

/** @param {any} item @param {any} saved */
function describe(item, saved) {
  const items = saved?.items || {};
  if (item.kind === "quiz") {
    const total = item.items.length;
    const records = item.items.map((/** @type {string} */ id) => items[id]).filter(Boolean);
    const right = records.filter((/** @type {any} */ r) => r.verdict === "correct").length;
    return { text: records.length ? `${right} of ${total} right (${records.length} answered)` : `not started (${total} questions)`,
      done: records.length === total, right, total };
  }
  if (item.kind === "transcript") {
    const coding = items.coding;
    const kappa = coding?.answer?.kappa;
    const text = !coding ? "not started" : coding.verdict !== "complete" ? "coding in progress"
      : `compared with the coders (kappa ${typeof kappa === "number" ? kappa.toFixed(2) : "not defined"})`;
    return { text, done: coding?.verdict === "complete", right: coding?.verdict === "complete" ? 1 : 0, total: 1 };
  }
  if (item.kind === "vignette") {
    const path = items.path;
    const text = !path ? "not started" : path.verdict === "complete" ? "completed" : "in progress";
    return { text, done: path?.verdict === "complete", right: path?.verdict === "complete" ? 1 : 0, total: 1 };
  }
  const code = items.code || items.tests;
  const text = !code ? "not started" : code.verdict === "correct" ? "all tests pass" : "started";
  return { text, done: code?.verdict === "correct", right: code?.verdict === "correct" ? 1 : 0, total: 1 };
}

/** @param {Element} root */
export function init(root) {
  const data = readPayload(root);
  if (!data) return;
  const list = /** @type {HTMLElement} */ (root.querySelector(".pq-progress-list"));
  const loading = root.querySelector(".pq-progress-loading");
  const status = el("p", "", "pq-progress-status");
  status.setAttribute("role", "status");
  const table = el("table", undefined, "pq-progress-table");
  const view = /** @type {HTMLElement | null} */ (root.querySelector(".pq-progress-view"));
  const next = root.querySelector(".pq-continue");

  function render() {
    const progress = store.load();
    const calibration = /** @type {HTMLElement | null} */ (root.querySelector(".pq-calibration-view"));
    if (calibration) drawCalibration(calibration, progress);
    root.querySelectorAll("[data-refs]").forEach((node) => {
      const refs = (/** @type {HTMLElement} */ (node).dataset.refs || "").split(" ").filter(Boolean);
      const done = doneOf(progress, refs);
      if (node instanceof HTMLProgressElement) node.value = done;
      else node.textContent = `${done} of ${refs.length}`;
    });
    root.querySelectorAll("[data-ref]").forEach((node) => {
      /** @type {HTMLElement} */ (node).hidden = !recordOf(progress, /** @type {HTMLElement} */ (node).dataset.ref || "");
    });
    const { item, resume } = nextActivity(data.items, progress);
    if (next && item) {
      const link = el("a", `${resume ? "Continue where you left off" : "Next"}: ${item.title || item.name}`, "pq-button pq-primary");
      link.setAttribute("href", item.url);
      next.replaceChildren(link, ` (${item.page_title})`);
    }
    table.replaceChildren();
    const caption = el("caption", "Your results, saved in this browser on this device");
    const head = el("thead");
    const headRow = el("tr");
    ["Activity", "Chapter", "Result"].forEach((h) => { const th = el("th", h); th.setAttribute("scope", "col"); headRow.append(th); });
    head.append(headRow);
    const body = el("tbody");
    let done = 0;
    for (const item of data.items) {
      const info = describe(item, progress.entries[`${item.kind}:${item.name}`]);
      done += info.done ? 1 : 0;
      const row = el("tr");
      const link = el("a", item.title || item.name);
      link.setAttribute("href", item.url);
      const kind = { quiz: "Quiz", vignette: "Vignette", transcript: "Transcript", exercise: "Exercise" }[item.kind] || item.kind;
      const first = el("td");
      first.append(el("span", `${kind}: `, "pq-kind"), link);
      row.append(first, el("td", item.page_title), el("td", info.text));
      row.dataset.name = item.name;
      row.dataset.kind = item.kind;
      body.append(row);
    }
    table.append(caption, head, body);
    status.textContent = `${done} of ${data.items.length} activities complete. ` +
      (store.canSave() ? "" : "This browser does not let the site save, so results cannot be kept.");
    // Parts of the page drawn by other modules (the practice log) re-draw too.
    root.dispatchEvent(new CustomEvent("pq:rendered"));
  }

  const controls = el("div", undefined, "pq-controls");
  const exportButton = el("button", "Export my results (JSON file)", "pq-button");
  const importLabel = el("label", "Import results from a file", "pq-button");
  const importInput = /** @type {HTMLInputElement} */ (el("input"));
  importInput.type = "file";
  importInput.accept = "application/json,.json";
  importInput.className = "pq-visually-hidden";
  importLabel.append(importInput);
  const printButton = el("button", "Print or save a completion summary", "pq-button");
  const resetButton = el("button", "Reset all my results", "pq-button");
  [exportButton, printButton, resetButton].forEach((b) => b.setAttribute("type", "button"));
  controls.append(exportButton, importLabel, printButton, resetButton);

  exportButton.addEventListener("click", () => {
    const blob = new Blob([store.exportText()], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `${data.file || "progress"}-${new Date().toISOString().slice(0, 10)}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    status.textContent = "Exported your results as a JSON file.";
  });
  importInput.addEventListener("change", async () => {
    const file = importInput.files?.[0];
    if (!file) return;
    const result = store.importText(await file.text());
    render();
    status.textContent = result.message;
    importInput.value = "";
  });
  printButton.addEventListener("click", () => window.print());
  resetButton.addEventListener("click", () => {
    if (!window.confirm("Delete every saved answer and result in this browser? This cannot be undone.")) return;
    store.resetAll();
    render();
    status.textContent = "All your results were deleted from this browser.";
  });

  const printed = el("p", `Completion summary printed on ${new Date().toLocaleDateString()}. This is the student's own record, kept in their browser; it is not an official transcript.`, "pq-print-only");
  loading?.remove();
  list.hidden = true;
  if (view) view.hidden = false;
  root.prepend(status);
  (view || root).append(table);
  root.append(controls, printed);
  render();
  // Another tab saved (or imported, or reset): this page shows what is saved now.
  store.onChange(() => {
    render();
    status.textContent = `Updated with what was just saved in another tab. ${status.textContent}`;
  });
}
