// @ts-check
/**
 * The progress page: the course's catalogue (written by the build) against what this browser has saved.
 * Export and import as a JSON file; reset; print. Never breaks on odd storage: it just shows nothing saved.
 */
import { readPayload, el } from "./payload.js";
import * as store from "./store.js";

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

  function render() {
    const progress = store.load();
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
      const kind = { quiz: "Quiz", vignette: "Vignette", exercise: "Exercise" }[item.kind] || item.kind;
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
    link.download = `working-alliance-progress-${new Date().toISOString().slice(0, 10)}.json`;
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
  root.append(status, table, controls, printed);
  render();
}
