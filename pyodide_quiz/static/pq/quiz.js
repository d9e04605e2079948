// @ts-check
/**
 * Quiz controller: wires each question to its type module (./types/<type>.js), grades, shows feedback,
 * hints, retry and "show answer", and keeps each answer in the progress store.
 */
import { readPayload, VERDICT_TEXT, el } from "./payload.js";
import * as store from "./store.js";

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
    questions.push(new Question(/** @type {HTMLElement} */ (section), spec, type, data, () => updateScore()));
  }
  function updateScore() {
    const right = questions.filter((q) => q.section.dataset.verdict === "correct").length;
    const done = questions.filter((q) => q.section.dataset.verdict).length;
    score.textContent = `Score: ${right} of ${questions.length} right` + (done < questions.length ? ` (${questions.length - done} not answered yet).` : ".");
    if (end) showEnd(end, questions, score.textContent, done);
  }
  updateScore();
  if (questions.some((q) => q.type.usesPython)) {
    const python = await import("./python-client.js");
    python.startWhenIdle();
  }
  root.classList.add("pq-ready");
}

/**
 * Under the last question: the score again, and the sections that teach what was missed, each once, with the
 * numbers of its questions (a wrong answer's "Review" link in the answer key names its section).
 * @param {HTMLElement} end @param {Question[]} questions @param {string} score @param {number} done
 */
function showEnd(end, questions, score, done) {
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
  if (!revisit.size) return;
  const list = el("ul");
  for (const [link, numbers] of revisit.values()) {
    const item = el("li");
    item.append(link, ` (question${numbers.length > 1 ? "s" : ""} ${numbers.join(", ")})`);
    list.append(item);
  }
  end.append(el("p", "To revisit:"), list);
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

class Question {
  /**
   * @param {HTMLElement} section @param {any} spec @param {any} type @param {any} quiz
   * @param {() => void} onChange
   */
  constructor(section, spec, type, quiz, onChange) {
    this.section = section;
    this.spec = spec;
    this.type = type;
    this.quiz = quiz;
    this.onChange = onChange;
    this.locked = false;
    this.hintsShown = 0;
    this.status = /** @type {HTMLElement} */ (section.querySelector(".pq-status"));
    this.details = /** @type {HTMLDetailsElement} */ (section.querySelector("details.pq-answer"));
    this.check = /** @type {HTMLButtonElement} */ (section.querySelector(".pq-check"));
    this.retry = /** @type {HTMLButtonElement} */ (section.querySelector(".pq-retry"));
    this.show = /** @type {HTMLButtonElement} */ (section.querySelector(".pq-show"));
    this.hint = /** @type {HTMLButtonElement | null} */ (section.querySelector(".pq-hint"));
    /** @type {HTMLElement} */ (section.querySelector(".pq-controls")).hidden = false;
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
    this.restoreSaved();
  }

  restoreSaved() {
    const saved = store.get("quiz", this.quiz.quiz, this.spec.id);
    if (!saved || saved.hash !== this.spec.hash) return;
    this.type.restore(this.section, saved.answer);
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
      this.status.textContent = this.type.invalidMessage;
      return;
    }
    let result;
    if (this.type.usesPython) {
      this.check.disabled = true;
      this.status.textContent = "Running your code…";
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
      this.status.textContent = this.type.invalidMessage;
      return;
    }
    this.showVerdict(result, answer, true);
  }

  /** @param {any} result @param {unknown} answer @param {boolean} save */
  showVerdict(result, answer, save) {
    this.section.dataset.verdict = result.verdict;
    this.status.replaceChildren();
    this.status.append(el("p", VERDICT_TEXT[result.verdict] || "", "pq-verdict"));
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
      const saved = store.put("quiz", this.quiz.quiz, this.spec.id,
        { hash: this.spec.hash, answer, verdict: result.verdict, at: new Date().toISOString() }, this.quiz.title);
      if (!saved) this.status.append(el("p", "Your browser does not let this site save, so this answer will not be kept.", "pq-note"));
    }
    this.onChange();
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

  reset() {
    this.clearVerdict();
    if (!this.type.usesPython) {
      this.section.querySelectorAll("input[type=radio], input[type=checkbox]").forEach((input) => {
        /** @type {HTMLInputElement} */ (input).checked = false;
      });
      this.section.querySelectorAll("input.pq-input").forEach((input) => { /** @type {HTMLInputElement} */ (input).value = ""; });
    }
    store.remove("quiz", this.quiz.quiz, this.spec.id);
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
    this.hint.textContent = `Hint (${this.hintsShown} of ${hints.length})`;
    if (this.hintsShown >= hints.length) this.hint.disabled = true;
  }
}
