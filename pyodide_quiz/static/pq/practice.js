// @ts-check
/**
 * Write your own reply: at a vignette scene with a practice, the student writes what they would say before the
 * choices appear, then compares it with the authors' exemplars and ticks the rubric's markers their reply shows.
 * Loaded by vignette.js only when a vignette has practices. All text comes from the page's decision tree; the
 * reply and the ticks are saved as `practice-<node>` in the progress store (the progress page lists them and
 * exports them as a practice log). Nothing is scored: the ticks are the student's own judgement.
 */
import { el } from "./payload.js";
import { t } from "./i18n.js";
import "./strings/practice.js";
import * as store from "./store.js";

/** @typedef {{reply: string, ticks: string[], skipped: boolean}} Practice */

// What was written in this page's life, for a browser that does not let the site save.
/** @type {Map<string, {answer: Practice, verdict: string}>} */
const memory = new Map();

/** @param {string} node */
export const itemOf = (node) => `practice-${node}`;

/**
 * The saved practice at a node, or undefined. A record whose answer is not a practice (damaged) counts as none.
 * @param {string} vignette @param {string} node
 * @returns {{answer: Practice, verdict: string} | undefined}
 */
export function savedPractice(vignette, node) {
  const record = store.get("vignette", vignette, itemOf(node)) || memory.get(`${vignette}/${node}`);
  const answer = /** @type {any} */ (record?.answer);
  if (!record || !answer || typeof answer.reply !== "string") return undefined;
  const ticks = Array.isArray(answer.ticks) ? answer.ticks.filter((t) => typeof t === "string") : [];
  return { answer: { reply: answer.reply, ticks, skipped: Boolean(answer.skipped) }, verdict: record.verdict };
}

/**
 * The practice panel of a scene. `ready` says whether the choices may show now; `onReady` is called once when
 * the student submits or skips.
 * @param {{vignette: string, title: string, node: string, hash: string, client: string, template: HTMLElement,
 *   idPrefix: string, headingTag: string, onReady: () => void}} options
 * @returns {{element: HTMLElement, ready: boolean}}
 */
export function practicePanel(options) {
  const { vignette, title, node, hash, template, idPrefix, onReady } = options;
  const text = (/** @type {string} */ selector) => (template.querySelector(selector)?.textContent || "").trim();
  const markers = Array.from(template.querySelectorAll(".pq-practice-markers > li"), (li) => (li.textContent || "").trim());
  const saved = savedPractice(vignette, node);
  let verdict = saved?.verdict || "";
  let ready = verdict === "written" || verdict === "skipped";

  const panel = el("section", undefined, "pq-practice-play");
  const headingId = `${idPrefix}-practice`;
  const heading = el(options.headingTag, t("practice.heading"), "pq-practice-heading");
  heading.id = headingId;
  panel.setAttribute("aria-labelledby", headingId);
  const hintId = `${idPrefix}-practice-hint`;
  const hint = el("p", t("practice.hint", { client: options.client }), "pq-note");
  hint.id = hintId;
  const box = /** @type {HTMLTextAreaElement} */ (el("textarea", undefined, "pq-practice-reply"));
  box.id = `${idPrefix}-practice-reply`;
  box.rows = 4;
  box.value = saved?.answer.reply || "";
  box.setAttribute("aria-describedby", hintId);
  const label = el("label", text(".pq-practice-prompt"), "pq-practice-label");
  label.setAttribute("for", box.id);
  const compare = el("button", t("practice.compare"), "pq-button pq-primary pq-practice-compare");
  const skip = el("button", t("practice.skip"), "pq-button pq-practice-skip");
  [compare, skip].forEach((button) => button.setAttribute("type", "button"));
  const controls = el("div", undefined, "pq-controls pq-practice-controls");
  controls.append(compare, skip);
  const status = el("p", "", "pq-practice-status");
  status.setAttribute("role", "status");

  // After writing (or skipping): the exemplars, then the checklist for a written reply.
  const after = el("div", undefined, "pq-practice-after");
  const examplesHeading = el("p", t("practice.examples"), "pq-practice-subheading");
  examplesHeading.tabIndex = -1;
  const examples = template.querySelector(".pq-exemplars")?.cloneNode(true);
  const rubric = el("fieldset", undefined, "pq-practice-checklist");
  const legend = el("legend", t("practice.checklist"));
  rubric.append(legend);
  markers.forEach((marker, index) => {
    const row = el("label", undefined, "pq-practice-marker");
    const tick = /** @type {HTMLInputElement} */ (el("input"));
    tick.type = "checkbox";
    tick.value = marker;
    tick.id = `${idPrefix}-practice-mark-${index}`;
    tick.checked = Boolean(saved?.answer.ticks.includes(marker));
    tick.addEventListener("change", () => save(verdict || "written"));
    row.append(tick, ` ${marker}`);
    rubric.append(row);
  });
  const honest = el("p", t("practice.honest"), "pq-note");
  after.append(examplesHeading, .../** @type {Node[]} */ (examples ? [examples] : []), rubric, honest);

  const ticks = () => Array.from(rubric.querySelectorAll("input:checked"), (input) => /** @type {HTMLInputElement} */ (input).value);
  const showAfter = () => {
    after.hidden = !ready;
    rubric.hidden = verdict !== "written";
    honest.hidden = verdict !== "written";
    skip.hidden = ready;
    compare.textContent = t(verdict === "written" ? "practice.save_changes" : "practice.compare");
  };

  /** @param {string} next the verdict to save: draft, written or skipped */
  function save(next) {
    verdict = next;
    const answer = { reply: box.value, ticks: verdict === "written" ? ticks() : [], skipped: verdict === "skipped" };
    memory.set(`${vignette}/${node}`, { answer, verdict });
    return store.put("vignette", vignette, itemOf(node), { hash, answer, verdict, at: new Date().toISOString() }, title);
  }

  /** @param {string} next @param {string} key @param {string} unsaved what the status says (catalogue keys) */
  function open(next, key, unsaved) {
    const wasReady = ready;
    const kept = save(next);
    ready = true;
    showAfter();
    status.textContent = t(kept ? key : unsaved);
    examplesHeading.focus();
    if (!wasReady) onReady();
  }

  // Every keystroke is kept, so a reload never loses a draft; submitting or skipping is what opens the choices.
  box.addEventListener("input", () => save(verdict || "draft"));
  compare.addEventListener("click", () => {
    if (!box.value.trim()) {
      status.textContent = t("practice.write_first");
      box.focus();
      return;
    }
    open("written", "practice.written", "practice.written_unsaved");
  });
  skip.addEventListener("click", () => open("skipped", "practice.skipped", "practice.skipped_unsaved"));

  panel.append(heading, hint, label, box, controls, status, after);
  showAfter();
  return { element: panel, ready };
}
