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
  }
  updateScore();
  if (questions.some((q) => q.type.usesPython)) {
    const python = await import("./python-client.js");
    python.startWhenIdle();
  }
  root.classList.add("pq-ready");
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
      this.status.textContent = "Running your code… (the first run also loads Python, which takes a few seconds)";
      try {
        result = await this.type.grade(this.spec.spec, answer);
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
    if (this.type.summary && result.verdict !== "correct") this.status.append(el("p", this.type.summary(result)));
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
    if (this.type.usesPython) this.showTestResults(result);
    const explanation = this.details.querySelector(".pq-explanation");
    if (explanation && result.verdict === "correct") this.status.append(copyOf(/** @type {HTMLElement} */ (explanation)));
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

  /** @param {any} result */
  showTestResults(result) {
    const box = /** @type {HTMLElement} */ (this.section.querySelector(".pq-test-results"));
    box.replaceChildren();
    if (result.error) box.append(el("pre", result.error, "pq-error"));
    if (result.results?.length) {
      const list = el("ul", undefined, "pq-tests");
      for (const test of result.results) {
        const item = el("li", `${test.passed ? "✓ passed" : "✗ failed"}: ${test.name}`, test.passed ? "pq-pass" : "pq-fail");
        if (test.message) item.append(el("pre", test.message));
        list.append(item);
      }
      box.append(list);
    }
    if (result.output) {
      box.append(el("p", "Printed output:", "pq-output-label"), el("pre", result.output, "pq-output"));
    }
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
