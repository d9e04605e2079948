// @ts-check
/**
 * The practice log on the progress page: every reply the student wrote in a vignette's practices (or chose to
 * skip), with the markers they ticked and the date, and a button that downloads it all as a Markdown file to hand
 * in. The build lists the vignettes and their prompts (sphinx/progress.py); the replies come from the store.
 */
import { readPayload, el } from "./payload.js";
import { t, LANGUAGE } from "./i18n.js";
import "./strings/practice_log.js";
import * as store from "./store.js";

/**
 * @typedef {{name: string, title: string, url: string, practice: {node: string, prompt: string}[]}} VignetteInfo
 * @typedef {{prompt: string, reply: string, ticks: string[], skipped: boolean, at: string}} Entry
 */

/**
 * Per vignette, the practices the student has done, in the story's order.
 * @param {VignetteInfo[]} vignettes @param {ReturnType<typeof store.load>} progress
 * @returns {{vignette: VignetteInfo, entries: Entry[]}[]}
 */
export function practiceDone(vignettes, progress) {
  return vignettes.map((vignette) => {
    const items = progress.entries[`vignette:${vignette.name}`]?.items || {};
    /** @type {Entry[]} */
    const entries = [];
    for (const { node, prompt } of vignette.practice) {
      const record = items[`practice-${node}`];
      const answer = /** @type {any} */ (record?.answer);
      if (!record || record.verdict === "draft" || !answer || typeof answer.reply !== "string") continue;
      const ticks = Array.isArray(answer.ticks) ? answer.ticks.filter((t) => typeof t === "string") : [];
      entries.push({ prompt, reply: answer.reply, ticks, skipped: record.verdict === "skipped", at: record.at });
    }
    return { vignette, entries };
  }).filter((group) => group.entries.length);
}

/** "2026-11-30" from a time stamp; empty when it cannot be read. @param {string} at */
const day = (at) => (Number.isNaN(Date.parse(at)) ? "" : new Date(at).toISOString().slice(0, 10));

/**
 * The practice log as Markdown: a title, what it is, then per vignette each prompt with the reply (quoted), the
 * markers ticked and the date.
 * @param {string} project @param {ReturnType<typeof practiceDone>} done @param {Date} now
 */
export function practiceMarkdown(project, done, now) {
  const lines = [`# ${t("practice_log.title", { project })}`, "",
    t("practice_log.intro", { date: now.toISOString().slice(0, 10) }), "", `${t("practice_log.name")} `, ""];
  for (const { vignette, entries } of done) {
    lines.push(`## ${vignette.title}`, "");
    for (const entry of entries) {
      lines.push(`### ${entry.prompt}`, "");
      const date = day(entry.at);
      const reply = entry.reply.trim();
      // [without a date, with one]: catalogue keys
      const said = entry.skipped ? (reply ? ["practice_log.skipped_had", "practice_log.skipped_had_on"]
        : ["practice_log.skipped", "practice_log.skipped_on"]) : ["practice_log.written", "practice_log.written_on"];
      lines.push(t(said[date ? 1 : 0], { date }), "");
      if (reply) lines.push(...reply.split(/\r?\n/).map((line) => `> ${line}`.trimEnd()), "");
      if (entry.skipped) continue;
      lines.push(t(entry.ticks.length ? "practice_log.ticked" : "practice_log.ticked_none"), "");
      if (entry.ticks.length) lines.push(...entry.ticks.map((tick) => `- ${tick}`), "");
    }
  }
  if (!done.length) lines.push(t("practice_log.none"), "");
  return lines.join("\n");
}

/** @param {Element} root */
export function init(root) {
  const data = readPayload(root);
  if (!data) return;
  const list = /** @type {HTMLElement} */ (root.querySelector(".pq-practice-entries"));
  const status = el("p", "", "pq-practice-status");
  status.setAttribute("role", "status");
  const download = el("button", t("practice_log.download"), "pq-button");
  download.setAttribute("type", "button");
  const controls = el("div", undefined, "pq-controls");
  controls.append(download);

  function render() {
    const done = practiceDone(data.vignettes, store.load());
    list.replaceChildren();
    if (!done.length) {
      list.append(el("p", t("practice_log.none_yet")));
    }
    for (const { vignette, entries } of done) {
      const heading = el("h3", undefined, "pq-practice-vignette");
      const link = el("a", vignette.title);
      link.setAttribute("href", vignette.url);
      heading.append(link);
      const items = el("ul", undefined, "pq-practice-done");
      for (const entry of entries) {
        const item = el("li");
        const date = day(entry.at) ? new Date(entry.at).toLocaleDateString(LANGUAGE) : "";
        item.append(el("p", entry.prompt, "pq-practice-prompt"));
        if (entry.reply.trim()) item.append(el("blockquote", entry.reply.trim(), "pq-practice-said"));
        const ticks = entry.ticks.join("; ");
        // [without a date, with one]: catalogue keys
        const said = entry.skipped ? ["practice_log.you_skipped", "practice_log.you_skipped_on"]
          : entry.ticks.length ? ["practice_log.you_wrote_ticked", "practice_log.you_wrote_ticked_on"]
            : ["practice_log.you_wrote", "practice_log.you_wrote_on"];
        item.append(el("p", t(said[date ? 1 : 0], { date, ticks })));
        items.append(item);
      }
      list.append(heading, items);
    }
    download.hidden = !done.length;
  }

  download.addEventListener("click", () => {
    const now = new Date();
    const text = practiceMarkdown(data.project, practiceDone(data.vignettes, store.load()), now);
    const link = el("a");
    link.setAttribute("href", URL.createObjectURL(new Blob([text], { type: "text/markdown" })));
    link.setAttribute("download", `practice-log-${now.toISOString().slice(0, 10)}.md`);
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.getAttribute("href") || ""), 1000);
    status.textContent = t("practice_log.downloaded");
  });

  root.append(controls, status);
  render();
  // The progress page re-draws after an import or a reset, and when another tab saves.
  root.closest(".pq-progress")?.addEventListener("pq:rendered", render);
  store.onChange(render);
}
