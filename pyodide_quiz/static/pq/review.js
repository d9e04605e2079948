// @ts-check
/**
 * The review page (sphinx/review.py): the questions due today from every quiz the student has tried, asked with
 * the chapter quiz's own code (quiz.js mountQuestion: same widgets, grading and feedback), "How sure are you?"
 * on by default. The questions arrive only now, from the data file the build wrote; the schedule is in the
 * progress store (schedule.js). Without storage there is no schedule, and the page says so.
 */
import { readPayload, el } from "./payload.js";
import * as store from "./store.js";
import { reviewQueue, records, localDay, addDays } from "./schedule.js";
import { mountQuestion } from "./quiz.js";
import { t, tNodes, LANGUAGE } from "./i18n.js";
import "./strings/review.js";

/** @typedef {{id: string, type: string, hash: string, spec: any, html: string}} BankQuestion */
/** @typedef {{quiz: string, title: string, page: string, page_title: string, questions: BankQuestion[]}} BankQuiz */

/** @param {Element} root */
export async function init(root) {
  const data = readPayload(root);
  if (!data || root.classList.contains("pq-ready")) return;
  root.classList.add("pq-ready");
  const style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = new URL("./review.css", import.meta.url).href;
  document.head.append(style);
  const site = new URL(data.root, window.location.href);
  const view = el("div", undefined, "pq-review-view");
  root.querySelector(".pq-review-loading")?.replaceWith(view);

  /** A note in place of the page's content. @param {string} text */
  const note = (text) => view.replaceChildren(el("p", text, "pq-review-note"));
  if (!store.canSave()) {
    note(t("review.no_storage"));
    return;
  }
  if (!Object.keys(records()).length) {
    note(t("review.nothing_yet"));
    return;
  }
  /** @type {{quizzes: BankQuiz[]}} */
  let bank;
  try {
    const response = await fetch(new URL(data.src, window.location.href));
    if (!response.ok) throw new Error(String(response.status));
    bank = await response.json();
  } catch {
    note(t("review.load_failed"));
    return;
  }
  /** @type {Map<string, {quiz: BankQuiz, question: BankQuestion}>} */
  const byKey = new Map();
  for (const quiz of bank.quizzes) for (const question of quiz.questions) byKey.set(`${quiz.quiz}/${question.id}`, { quiz, question });
  overview(view, bank, byKey, data, site);
}

/** "Thursday 3 December" (or "tomorrow") for a day "YYYY-MM-DD". @param {string} day @param {string} today */
function dayName(day, today) {
  const [year, month, date] = day.split("-").map(Number);
  return day === addDays(today, 1) ? t("review.tomorrow") : t("review.on_day", { day: new Date(year, month - 1, date)
    .toLocaleDateString(LANGUAGE, { weekday: "long", day: "numeric", month: "long" }) });
}

/**
 * What is due, when the next questions are, and the buttons that start a round.
 * @param {HTMLElement} view @param {{quizzes: BankQuiz[]}} bank @param {Map<string, any>} byKey @param {any} data
 * @param {URL} site
 */
function overview(view, bank, byKey, data, site) {
  const today = localDay(new Date());
  const queue = reviewQueue(bank.quizzes, records(), today);
  const heading = el("h2", t("review.due_today"), "pq-review-heading");
  heading.tabIndex = -1;
  const lines = [];
  if (!queue.attempted) {
    lines.push(el("p", t("review.nothing_from_site")));
  } else if (!queue.due.length) {
    lines.push(el("p", t("review.nothing_due")));
  } else {
    const chapters = new Set(queue.due.map((d) => d.quiz)).size;
    lines.push(el("p", t("review.due_count", { count: queue.due.length, chapters: t("review.n_chapters", { count: chapters }) }),
      "pq-review-due"));
    const sure = queue.due.filter((d) => d.sureWrong).length;
    if (sure) lines.push(el("p", t("review.sure_wrong", { count: sure })));
  }
  if (queue.upcoming.length) {
    const [next] = queue.upcoming;
    lines.push(el("p", t("review.next_due", { count: next.count, day: dayName(next.day, today) }), "pq-review-next"));
  }
  const buttons = el("div", undefined, "pq-controls");
  const round = Math.max(1, Number(data.round) || 10);
  /** @param {string} text @param {number} size */
  const start = (text, size) => {
    const button = el("button", text, "pq-button");
    button.setAttribute("type", "button");
    button.addEventListener("click", () => ask(view, queue.due.slice(0, size), byKey, data, site,
      () => overview(view, bank, byKey, data, site)));
    return button;
  };
  if (queue.due.length > round) buttons.append(start(t("review.short_round", { count: round }), round));
  if (queue.due.length) {
    buttons.append(start(t(queue.due.length > round ? "review.all" : "review.start", { count: queue.due.length }), queue.due.length));
  }
  buttons.firstElementChild?.classList.add("pq-primary");
  const how = el("p", t("review.how"), "pq-review-how");
  view.replaceChildren(heading, ...lines, ...(buttons.children.length ? [buttons] : []), how);
  if (data.progress) {
    const link = el("a", t("review.progress_link"));
    link.setAttribute("href", data.progress);
    const line = el("p");
    line.append(...tNodes("review.calibration_line", { link }));
    view.append(line);
  }
  return heading;
}

/**
 * A round: the chosen questions, each with its chapter, one after another on the page.
 * @param {HTMLElement} view @param {Array<{quiz: string, id: string}>} due @param {Map<string, any>} byKey
 * @param {any} data @param {URL} site @param {() => HTMLElement} back
 */
async function ask(view, due, byKey, data, site, back) {
  const heading = el("h2", t("review.round_heading", { count: due.length }), "pq-review-heading");
  heading.tabIndex = -1;
  const progress = el("p", "", "pq-review-progress");
  progress.setAttribute("role", "status");
  const list = el("div", undefined, "pq-review-round");
  const done = el("button", t("review.back"), "pq-button");
  done.setAttribute("type", "button");
  done.addEventListener("click", () => back().focus());
  view.replaceChildren(heading, progress, list, done);
  const mounted = [];
  for (const [index, item] of due.entries()) {
    const found = byKey.get(`${item.quiz}/${item.id}`);
    if (!found) continue;
    const page = new URL(found.quiz.page, site);
    const section = questionSection(found.question.html, page);
    if (!section) continue;
    const number = section.querySelector(".pq-number");
    if (number) number.textContent = t("review.question_number", { number: index + 1, count: due.length });
    const from = el("p", undefined, "pq-review-from");
    const chapter = el("a", found.quiz.page_title);
    chapter.setAttribute("href", page.href);
    from.append(...tNodes("review.from", { chapter }));
    const box = el("div", undefined, "pq-review-item");
    box.dataset.quiz = found.quiz.quiz;
    box.append(from, section);
    list.append(box);
    mounted.push(mountQuestion(section, found.question, { quiz: found.quiz.quiz, title: found.quiz.title },
      { confidence: data.confidence !== false, onChange: () => update() }));
  }
  const questions = await Promise.all(mounted);
  function update() {
    const answered = questions.filter((q) => q.section.dataset.verdict);
    const right = answered.filter((q) => q.section.dataset.verdict === "correct").length;
    progress.textContent = answered.length < questions.length
      ? t("review.progress", { answered: answered.length, count: questions.length, right })
      : t("review.finished", { right, count: questions.length });
  }
  update();
  heading.focus();
}

/**
 * The chapter's question section, its links and images pointed at the chapter page they were written for.
 * @param {string} html @param {URL} page
 */
function questionSection(html, page) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const section = /** @type {HTMLElement | null} */ (template.content.querySelector("section.pq-question"));
  section?.querySelectorAll("[href], [src]").forEach((node) => {
    for (const name of ["href", "src"]) {
      const value = node.getAttribute(name);
      if (value !== null) node.setAttribute(name, new URL(value, page).href);
    }
  });
  return section;
}
