// @ts-check
/**
 * Quiz controller: wires each question to its type module (./types/<type>.js), grades, shows feedback,
 * hints, retry and "show answer", and keeps each answer in the progress store.
 */
import { readPayload, verdictText, el } from "./payload.js";
import { t, tNodes } from "./i18n.js";
import "./strings/confidence.js";
import "./strings/quiz.js";
import * as store from "./store.js";
import { holdWhileConnected } from "./lifetime.js";
import { remember, CONFIDENCE } from "./schedule.js";

/** @type {Record<string, Promise<any>>} */
const modules = {};
/** @param {string} type */
function typeModule(type) {
  modules[type] ||= import(`./types/${type}.js`);
  return modules[type];
}

/**
 * Type modules the page imported up front (sphinx/preload.py), so a quiz is ready without a round trip.
 * @param {Record<string, any>} provided
 */
export function provideTypes(provided) {
  for (const [type, module] of Object.entries(provided)) modules[type] ||= Promise.resolve(module);
}

/** Quizzes already started: the page's own entry and loader.js may both ask. */
const started = new WeakSet();

/** @param {Element} root */
export async function init(root) {
  if (started.has(root)) return;
  started.add(root);
  const data = readPayload(root);
  if (!data) return;
  const score = /** @type {HTMLElement} */ (root.querySelector(".pq-score"));
  const end = /** @type {HTMLElement | null} */ (root.querySelector(".pq-quiz-end"));
  const questions = [];
  // Every type module at once, not one after another.
  await Promise.all([...new Set(data.questions.map((/** @type {any} */ spec) => spec.type))].map(typeModule));
  for (const spec of data.questions) {
    const section = root.querySelector(`.pq-question[data-question-id="${CSS.escape(spec.id)}"]`);
    if (!section) continue;
    const type = await typeModule(spec.type);
    questions.push(new Question(/** @type {HTMLElement} */ (section), spec, type, data, () => updateScore(),
      { confidence: Boolean(data.confidence), keep: true }));
  }
  function updateScore() {
    const right = questions.filter((q) => q.section.dataset.verdict === "correct").length;
    const done = questions.filter((q) => q.section.dataset.verdict).length;
    score.textContent = done < questions.length
      ? t("quiz.score_unfinished", { right, count: questions.length, left: questions.length - done })
      : t("quiz.score", { right, count: questions.length });
    if (end) showEnd(end, questions, score.textContent, done, data.review);
  }
  updateScore();
  // The same chapter open in another tab: its answers appear here too (shown, not counted as attempts here).
  holdWhileConnected(root, store.onChange(() => questions.forEach((q) => q.sync())));
  if (questions.some((q) => q.type.usesPython)) {
    const python = await import("./python-client.js");
    python.startWhenIdle();
  }
  root.classList.add("pq-ready");
}

/**
 * Drive one question section outside a chapter quiz (the review page): the same widgets, grading and feedback.
 * @param {HTMLElement} section @param {any} spec @param {{quiz: string, title: string}} quiz
 * @param {{confidence?: boolean, onChange?: () => void}} [options]  answers go to the review schedule only
 */
export async function mountQuestion(section, spec, quiz, options = {}) {
  const type = await typeModule(spec.type);
  return new Question(section, spec, type, quiz, options.onChange || (() => {}),
    { confidence: Boolean(options.confidence), keep: false });
}

/**
 * Under the last question: the score again, and the sections that teach what was missed, each once, with the
 * numbers of its questions (a wrong answer's "Review" link in the answer key names its section).
 * Then the way to the review page (`review`: its address, when the site has one).
 * @param {HTMLElement} end @param {Question[]} questions @param {string} score @param {number} done
 * @param {string} [review]
 */
function showEnd(end, questions, score, done, review) {
  /** @type {Map<string, [HTMLElement, number[]]>} */
  const revisit = new Map();
  questions.forEach((q, index) => {
    const verdict = q.section.dataset.verdict;
    const link = verdict && verdict !== "correct" && q.details.querySelector(".pq-review a");
    if (!link) return;
    const href = link.getAttribute("href") || "";
    if (!revisit.has(href)) revisit.set(href, [copyOf(/** @type {HTMLElement} */ (link)), []]);
    /** @type {[HTMLElement, number[]]} */ (revisit.get(href))[1].push(index + 1);
  });
  end.hidden = !done;
  end.replaceChildren(el("p", score, "pq-end-score"));
  if (revisit.size) {
    const list = el("ul");
    for (const [link, numbers] of revisit.values()) {
      const item = el("li");
      item.append(...tNodes("quiz.revisit_item", { link, numbers: numbers.join(", "), count: numbers.length }));
      list.append(item);
    }
    end.append(el("p", t("quiz.revisit")), list);
  }
  if (review) {
    const link = el("a", t("quiz.review_link"));
    link.setAttribute("href", review);
    const line = el("p", "", "pq-review-link");
    line.append(...tNodes("quiz.review_line", { link }));
    end.append(line);
  }
}

/**
 * A copy of part of the answer key for the status box, without ids: the original stays in the page (citations
 * in feedback carry ids), and an id must be unique on the page.
 * @param {HTMLElement} source
 */
function copyOf(source) {
  const copy = /** @type {HTMLElement} */ (source.cloneNode(true));
  copy.removeAttribute("id");
  copy.querySelectorAll("[id]").forEach((node) => node.removeAttribute("id"));
  return copy;
}

/**
 * "How sure are you?" as a radio group in its own fieldset, asked before Check (quizzes/README.md).
 * @param {string} prefix  unique on the page
 */
function confidenceGroup(prefix) {
  const group = el("fieldset", undefined, "pq-confidence");
  group.append(el("legend", t("confidence.question")));
  for (const value of CONFIDENCE) {
    const input = /** @type {HTMLInputElement} */ (el("input"));
    Object.assign(input, { type: "radio", name: `${prefix}-sure`, value, id: `${prefix}-sure-${value}` });
    const label = el("label", ` ${t(`confidence.${value}`)}`);
    label.prepend(input);
    group.append(label);
  }
  return group;
}

class Question {
  /**
   * @param {HTMLElement} section @param {any} spec @param {any} type @param {any} quiz
   * @param {() => void} onChange
   * @param {{confidence: boolean, keep: boolean}} options  keep: save and restore the answer as the quiz's own
   */
  constructor(section, spec, type, quiz, onChange, options) {
    this.section = section;
    this.keep = options.keep;
    this.spec = spec;
    this.type = type;
    this.quiz = quiz;
    this.onChange = onChange;
    this.locked = false;
    this.hintsShown = 0;
    /** The time stamp of the saved answer on show ("" when none), to notice another tab's newer one. */
    this.shownAt = "";
    this.status = /** @type {HTMLElement} */ (section.querySelector(".pq-status"));
    this.details = /** @type {HTMLDetailsElement} */ (section.querySelector("details.pq-answer"));
    this.check = /** @type {HTMLButtonElement} */ (section.querySelector(".pq-check"));
    this.retry = /** @type {HTMLButtonElement} */ (section.querySelector(".pq-retry"));
    this.show = /** @type {HTMLButtonElement} */ (section.querySelector(".pq-show"));
    this.hint = /** @type {HTMLButtonElement | null} */ (section.querySelector(".pq-hint"));
    const controls = /** @type {HTMLElement} */ (section.querySelector(".pq-controls"));
    controls.hidden = false;
    /** The "How sure are you?" group, when this question asks it. */
    // A type module that exports `asksConfidence` may ask "How sure are you?" (an order or code question is not
    // one answer, so those do not).
    this.sure = options.confidence && type.asksConfidence ? confidenceGroup(section.id || spec.id) : null;
    if (this.sure) controls.before(this.sure);
    // The answer key stays in the page for readers without JavaScript; with it, it waits for an attempt.
    this.details.hidden = true;
    this.check.addEventListener("click", () => this.grade());
    this.retry.addEventListener("click", () => this.reset());
    this.show.addEventListener("click", () => this.reveal());
    this.hint?.addEventListener("click", () => this.nextHint());
    section.querySelectorAll("input.pq-input").forEach((input) => {
      input.addEventListener("keydown", (event) => {
        if (/** @type {KeyboardEvent} */ (event).key === "Enter") { event.preventDefault(); this.grade(); }
      });
    });
    type.setup?.(section, {
      announce: (/** @type {string} */ message) => { this.status.textContent = message; },
      isLocked: () => this.locked,
      clear: () => this.clearVerdict(),
    });
    /** The code as last saved or restored: code typed since then is the student's work in progress. */
    this.savedCode = this.type.usesPython ? this.type.read(section) : null;
    this.restoreSaved();
  }

  restoreSaved() {
    if (!this.keep) return;
    const saved = store.get("quiz", this.quiz.quiz, this.spec.id);
    if (!saved || saved.hash !== this.spec.hash) return;
    this.shownAt = saved.at;
    this.type.restore(this.section, saved.answer);
    this.sure?.querySelectorAll("input").forEach((input) => { input.checked = input.value === saved.confidence; });
    if (this.type.usesPython) this.savedCode = this.type.read(this.section);
    if (this.type.usesPython) {
      this.showVerdict({ verdict: saved.verdict }, saved.answer, false);
    } else {
      this.showVerdict(this.type.grade(this.spec.spec, saved.answer), saved.answer, false);
    }
  }

  async grade() {
    if (this.locked) return;
    const answer = this.type.read(this.section);
    if (answer === null || answer === "" || (typeof answer === "string" && !answer.trim())) {
      this.status.textContent = t(this.type.invalidMessage);
      return;
    }
    if (this.sure && !this.confidence()) {
      this.status.textContent = t("quiz.choose_confidence");
      /** @type {HTMLInputElement} */ (this.sure.querySelector("input")).focus();
      return;
    }
    let result;
    if (this.type.usesPython) {
      this.check.disabled = true;
      this.status.textContent = t("quiz.running");
      try {
        result = await this.type.grade(this.spec.spec, answer, this.status);
      } catch (error) {
        result = { verdict: "incorrect", error: error instanceof Error ? error.message : String(error), results: [] };
      } finally {
        this.check.disabled = false;
      }
    } else {
      result = this.type.grade(this.spec.spec, answer);
    }
    if (result.verdict === "invalid") {
      this.status.textContent = t(this.type.invalidMessage);
      return;
    }
    if (result.verdict === "unavailable") {
      // Retry removes its own button: the focus goes back to the code, and the status says what happens.
      this.status.replaceChildren(...this.type.unavailable(result, () => {
        /** @type {HTMLElement | null} */ (this.section.querySelector("textarea"))?.focus();
        this.grade();
      }));
      return;
    }
    this.showVerdict(result, answer, true);
  }

  /** @param {any} result @param {unknown} answer @param {boolean} save */
  showVerdict(result, answer, save) {
    this.section.dataset.verdict = result.verdict;
    this.status.replaceChildren();
    this.status.append(el("p", verdictText(result.verdict), "pq-verdict"));
    const summary = result.verdict !== "correct" && this.type.summary?.(result);
    if (summary) this.status.append(el("p", summary));
    if (this.type.feedbackFor) {
      for (const index of this.type.feedbackFor(answer, result)) {
        const source = this.details.querySelector(`[data-feedback-for="${index}"]`);
        if (source) {
          const copy = copyOf(/** @type {HTMLElement} */ (source));
          copy.removeAttribute("data-feedback-for");
          this.status.append(copy);
        }
      }
    }
    this.type.show?.(this.section, result, answer);
    // Right: why it is right. Not yet: where the course teaches it.
    const next = this.details.querySelector(result.verdict === "correct" ? ".pq-explanation" : ".pq-review");
    if (next) this.status.append(copyOf(/** @type {HTMLElement} */ (next)));
    this.lock(true);
    this.retry.hidden = false; // quizzes/README.md: after any attempt students can try again
    this.show.hidden = result.verdict === "correct";
    if (save) {
      const at = new Date().toISOString();
      this.shownAt = at;
      if (this.type.usesPython) this.savedCode = answer;
      const confidence = this.confidence();
      const record = { hash: this.spec.hash, answer, verdict: result.verdict, at, ...(confidence ? { confidence } : {}) };
      const saved = this.keep ? store.put("quiz", this.quiz.quiz, this.spec.id, record, this.quiz.title) : true;
      // Every answer, in a chapter quiz or on the review page, moves the question in the review schedule.
      if (!remember(this.quiz.quiz, this.spec.id, record) || !saved) this.status.append(el("p", t("quiz.not_saved"), "pq-note"));
    }
    this.onChange();
  }

  /** How sure the student said they were (a value of CONFIDENCE), or "" when not asked or not chosen. */
  confidence() {
    const chosen = /** @type {HTMLInputElement | null | undefined} */ (this.sure?.querySelector("input:checked"));
    return chosen ? chosen.value : "";
  }

  /** Show the answer another tab saved for this question, or none if it was reset there. */
  sync() {
    if (!this.keep) return;
    const saved = store.get("quiz", this.quiz.quiz, this.spec.id);
    const at = saved && saved.hash === this.spec.hash ? saved.at : "";
    if (at === this.shownAt) return;
    // Code typed here and not checked yet is kept: replacing it would lose the student's work.
    if (this.type.usesPython && this.type.read(this.section) !== this.savedCode) return;
    this.clearVerdict();
    this.clearInputs();
    this.shownAt = "";
    this.restoreSaved();
  }

  /** @param {boolean} locked */
  lock(locked) {
    // Code stays editable and runnable after a verdict: students fix it and run the tests again.
    if (this.type.usesPython) return;
    this.locked = locked;
    this.section.querySelectorAll("input").forEach((input) => { input.disabled = locked; });
    this.type.lock?.(this.section, locked);
    this.check.hidden = locked;
  }

  clearVerdict() {
    delete this.section.dataset.verdict;
    this.status.replaceChildren();
    this.retry.hidden = true;
    this.show.hidden = true;
    this.details.hidden = true;
    this.details.open = false;
    this.lock(false);
    this.onChange();
  }

  clearInputs() {
    if (this.type.usesPython) return;
    this.section.querySelectorAll("input[type=radio], input[type=checkbox]").forEach((input) => {
      /** @type {HTMLInputElement} */ (input).checked = false;
    });
    this.section.querySelectorAll("input.pq-input").forEach((input) => { /** @type {HTMLInputElement} */ (input).value = ""; });
  }

  reset() {
    this.clearVerdict();
    this.clearInputs();
    this.shownAt = "";
    if (this.keep) store.remove("quiz", this.quiz.quiz, this.spec.id);
    const first = /** @type {HTMLElement | null} */ (this.section.querySelector("input, textarea, .pq-order-item"));
    first?.focus();
  }

  reveal() {
    this.details.hidden = false;
    this.details.open = true;
    /** @type {HTMLElement} */ (this.details.querySelector("summary")).focus();
  }

  nextHint() {
    const hints = this.section.querySelectorAll(".pq-hint-text");
    const hint = /** @type {HTMLElement | undefined} */ (hints[this.hintsShown]);
    if (!hint || !this.hint) return;
    hint.hidden = false;
    this.hintsShown += 1;
    this.hint.textContent = t("quiz.hint_count", { shown: this.hintsShown, count: hints.length });
    if (this.hintsShown >= hints.length) this.hint.disabled = true;
  }
}
