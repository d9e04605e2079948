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
import { t, formatNumber, LANGUAGE } from "./i18n.js";
import "./strings/kappa.js";
import "./strings/progress.js";

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
    return { text: records.length ? t("progress.quiz_result", { right, count: total, answered: records.length })
      : t("progress.quiz_not_started", { count: total }),
      done: records.length === total, right, total };
  }
  if (item.kind === "transcript") {
    const coding = items.coding;
    const kappa = coding?.answer?.kappa;
    const text = !coding ? t("progress.not_started") : coding.verdict !== "complete" ? t("progress.coding")
      : t("progress.compared", { kappa: typeof kappa === "number" ? formatNumber(kappa, 2) : t("kappa.undefined") });
    return { text, done: coding?.verdict === "complete", right: coding?.verdict === "complete" ? 1 : 0, total: 1 };
  }
  if (item.kind === "vignette") {
    const path = items.path;
    const text = t(!path ? "progress.not_started" : path.verdict === "complete" ? "progress.completed" : "progress.in_progress");
    return { text, done: path?.verdict === "complete", right: path?.verdict === "complete" ? 1 : 0, total: 1 };
  }
  const code = items.code || items.tests;
  const text = t(!code ? "progress.not_started" : code.verdict === "correct" ? "progress.tests_pass" : "progress.started");
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
      else node.textContent = t("progress.n_of", { done, count: refs.length });
    });
    root.querySelectorAll("[data-ref]").forEach((node) => {
      /** @type {HTMLElement} */ (node).hidden = !recordOf(progress, /** @type {HTMLElement} */ (node).dataset.ref || "");
    });
    const { item, resume } = nextActivity(data.items, progress);
    if (next && item) {
      const link = el("a", t(resume ? "progress.continue" : "progress.next", { title: item.title || item.name }), "pq-button pq-primary");
      link.setAttribute("href", item.url);
      next.replaceChildren(link, ` (${item.page_title})`);
    }
    table.replaceChildren();
    const caption = el("caption", t("progress.caption"));
    const head = el("thead");
    const headRow = el("tr");
    [t("progress.activity"), t("progress.chapter"), t("progress.result")].forEach((h) => { const th = el("th", h); th.setAttribute("scope", "col"); headRow.append(th); });
    head.append(headRow);
    const body = el("tbody");
    let done = 0;
    for (const item of data.items) {
      const info = describe(item, progress.entries[`${item.kind}:${item.name}`]);
      done += info.done ? 1 : 0;
      const row = el("tr");
      const link = el("a", item.title || item.name);
      link.setAttribute("href", item.url);
      const kind = { quiz: "progress.kind_quiz", vignette: "progress.kind_vignette", transcript: "progress.kind_transcript",
        exercise: "progress.kind_exercise" }[/** @type {string} */ (item.kind)];
      const first = el("td");
      first.append(el("span", kind ? `${t(kind)} ` : `${item.kind}: `, "pq-kind"), link);
      row.append(first, el("td", item.page_title), el("td", info.text));
      row.dataset.name = item.name;
      row.dataset.kind = item.kind;
      body.append(row);
    }
    table.append(caption, head, body);
    status.textContent = t(store.canSave() ? "progress.status" : "progress.status_unsaved", { done, count: data.items.length });
    // Parts of the page drawn by other modules (the practice log) re-draw too.
    root.dispatchEvent(new CustomEvent("pq:rendered"));
  }

  const controls = el("div", undefined, "pq-controls");
  const exportButton = el("button", t("progress.export"), "pq-button");
  const importLabel = el("label", t("progress.import"), "pq-button");
  const importInput = /** @type {HTMLInputElement} */ (el("input"));
  importInput.type = "file";
  importInput.accept = "application/json,.json";
  importInput.className = "pq-visually-hidden";
  importLabel.append(importInput);
  const printButton = el("button", t("progress.print"), "pq-button");
  const resetButton = el("button", t("progress.reset"), "pq-button");
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
    status.textContent = t("progress.exported");
  });
  importInput.addEventListener("change", async () => {
    const file = importInput.files?.[0];
    if (!file) return;
    const result = store.importText(await file.text());
    render();
    status.textContent = result.skipped
      ? `${t(result.message, { count: result.kept })} ${t("progress.import_skipped", { count: result.skipped })}`
      : t(result.message, { count: result.kept });
    importInput.value = "";
  });
  printButton.addEventListener("click", () => window.print());
  resetButton.addEventListener("click", () => {
    if (!window.confirm(t("progress.confirm_reset"))) return;
    store.resetAll();
    render();
    status.textContent = t("progress.deleted");
  });

  const printed = el("p", t("progress.printed", { date: new Date().toLocaleDateString(LANGUAGE) }), "pq-print-only");
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
    status.textContent = t("progress.other_tab", { status: status.textContent });
  });
}
