// @ts-check
/**
 * The home page's "continue where you left off" (course_site/chapters.py writes the box and the chapter list).
 *
 * When this browser holds saved answers, the box names the chapter of the most recent one and links to that
 * activity, with how much of the chapter's activities has been started. With nothing saved (a first visit, or
 * storage turned off) the box stays hidden and "Start with chapter 1" is the way in. The progress is read with
 * the quiz engine's own store (it tolerates garbage and blocked storage), never parsed here.
 */
import { load } from "./pq/store.js";

/** @typedef {{key: string, title: string, kind: string, url: string}} Activity */
/** @typedef {{number: number, title: string, url: string, activities: Activity[]}} Chapter */

/**
 * The most recently saved activity of the course, with its chapter.
 * @param {Chapter[]} chapters
 * @param {{entries: Record<string, {items: Record<string, {at: string}>}>}} progress
 * @returns {{chapter: Chapter, activity: Activity, at: string} | null}
 */
export function latest(chapters, progress) {
  /** @type {{chapter: Chapter, activity: Activity, at: string} | null} */
  let found = null;
  for (const chapter of chapters) {
    for (const activity of chapter.activities) {
      const items = progress.entries[activity.key]?.items || {};
      for (const record of Object.values(items)) {
        if (record.at && (!found || record.at > found.at)) found = { chapter, activity, at: record.at };
      }
    }
  }
  return found;
}

/** @param {Chapter} chapter @param {{entries: Record<string, {items: Record<string, unknown>}>}} progress */
function started(chapter, progress) {
  return chapter.activities.filter((a) => Object.keys(progress.entries[a.key]?.items || {}).length).length;
}

function start() {
  const root = document.querySelector(".course-front-door");
  const box = /** @type {HTMLElement | null} */ (root?.querySelector(".course-continue"));
  const data = root?.querySelector("script.course-data");
  if (!root || !box || !data) return;
  /** @type {{chapters: Chapter[]}} */
  const catalogue = JSON.parse(data.textContent || "{}");
  const progress = load();
  const last = latest(catalogue.chapters || [], progress);
  if (!last) return;
  const { chapter, activity } = last;
  const heading = document.createElement("p");
  heading.className = "course-continue-title";
  heading.textContent = "Continue where you left off";
  const link = document.createElement("a");
  link.className = "course-continue-link";
  link.href = activity.url;
  link.textContent = `Chapter ${chapter.number}: ${chapter.title}`;
  const detail = document.createElement("p");
  detail.className = "course-continue-detail";
  const count = started(chapter, progress);
  detail.textContent = `Last saved: ${activity.title}. ${count} of ${chapter.activities.length} ` +
    `activit${chapter.activities.length === 1 ? "y" : "ies"} in this chapter started.`;
  const linkLine = document.createElement("p");
  linkLine.append(link);
  box.replaceChildren(heading, linkLine, detail);
  box.hidden = false;
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
