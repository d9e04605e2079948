// @ts-check
/**
 * Exercise controller: the editor, Run (the student's code as a script, then its chart() if any), Run tests
 * (the exercise's test file against the code), Reset (with undo), Show solution (after a failed test run,
 * with a confirm step), and the code kept in the progress store so that it survives a reload.
 *
 * Python runs in the page's one worker (python-client.js), with the same time limit as quizzes.
 */
import { readPayload, el } from "./payload.js";
import * as store from "./store.js";
import * as python from "./python-client.js";
import { createEditor } from "./code-editor.js";
import { drawChart } from "./chart.js";
import { t } from "./i18n.js";
import "./strings/exercise.js";
import "./strings/python.js";
import { holdWhileConnected, listen } from "./lifetime.js";

const SAVE_DELAY_MS = 500;

let warmed = false;
/** Start Python soon: when the browser is idle, or at once when the student reaches for an exercise. */
function warmUp(/** @type {HTMLElement} */ root) {
  if (!warmed) {
    warmed = true;
    python.startWhenIdle();
  }
  const now = () => python.warmUp();
  root.addEventListener("focusin", now, { once: true });
  root.addEventListener("pointerdown", now, { once: true });
}

/** @param {Element} root */
export function init(root) {
  const data = readPayload(root);
  if (!data) return;
  new Exercise(/** @type {HTMLElement} */ (root), data);
}

/**
 * Let the keyboard scroll boxes that overflow (a scrolling region must be focusable). The theme does this for
 * code blocks only when the window resizes, and marks hidden ones -1; call this after showing new content.
 * @param {Element} container
 */
function keyboardScrollable(container) {
  container.querySelectorAll("pre, .pq-chart-table-wrap").forEach((box) => {
    const overflows = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
    if (overflows) box.setAttribute("tabindex", "0");
  });
}

class Exercise {
  /**
   * @param {HTMLElement} root
   * @param {{slug: string, title: string, item: string, starter: string, solution: string, tests: string,
   *   files: Record<string, string>, timeout: number, hash: string}} data
   */
  constructor(root, data) {
    this.root = root;
    this.data = data;
    /** @param {string} selector */
    const find = (selector) => /** @type {HTMLElement} */ (root.querySelector(selector));
    this.workspace = find(".pq-workspace");
    this.output = find(".pq-output-panel");
    this.results = find(".pq-test-results");
    this.chart = find(".pq-chart");
    this.stateLine = find(".pq-python-state");
    this.runButton = /** @type {HTMLButtonElement} */ (find(".pq-run"));
    this.testButton = /** @type {HTMLButtonElement} */ (find(".pq-run-tests"));
    this.resetButton = /** @type {HTMLButtonElement} */ (find(".pq-reset"));
    this.showButton = /** @type {HTMLButtonElement} */ (find(".pq-show-solution"));
    this.confirm = find(".pq-confirm");
    this.solution = /** @type {HTMLDetailsElement} */ (find("details.pq-solution"));
    this.verdict = "draft";
    this.busy = false;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.saveTimer = undefined;
    this.saveWarned = false;
    /** The time stamp of the code last saved or restored here, to notice another tab's newer code. */
    this.savedAt = "";
    this.pythonState = "idle";

    this.editor = createEditor(/** @type {HTMLTextAreaElement} */ (find("textarea.pq-code")), {
      onInput: () => this.scheduleSave(),
    });
    this.editor.setValue(data.starter);
    this.restore(t("exercise.restored"));
    this.cancelSave(); // restoring is not an edit
    const stopSync = store.onChange(() => this.syncFromOtherTab());

    // The static starter and the solution are for readers without JavaScript; here the editor takes over,
    // and the solution waits until the tests have failed once and the student confirms.
    find(".pq-starter").hidden = true;
    this.solution.hidden = true;
    this.workspace.hidden = false;

    this.runButton.addEventListener("click", () => this.run());
    this.testButton.addEventListener("click", () => this.runTests());
    this.resetButton.addEventListener("click", () => this.reset());
    this.showButton.addEventListener("click", () => this.askToShowSolution());
    find(".pq-confirm-yes").addEventListener("click", () => this.showSolution());
    find(".pq-confirm-no").addEventListener("click", () => this.closeConfirm());
    this.confirm.addEventListener("keydown", (event) => {
      if (/** @type {KeyboardEvent} */ (event).key === "Escape") this.closeConfirm();
    });
    // A reload or a closed tab must not lose the last keystrokes still waiting to be saved.
    const flushWhenHidden = () => { if (document.visibilityState === "hidden") this.flushSave(); };
    holdWhileConnected(root, stopSync, listen(window, "pagehide", () => this.flushSave()),
      listen(document, "visibilitychange", flushWhenHidden),
      python.onState((state) => { this.pythonState = state; }), python.showState(this.stateLine),
      () => this.flushSave()); // swapped out with keystrokes not yet saved
    warmUp(root);
    root.classList.add("pq-ready");
  }

  get code() {
    return this.editor.getValue();
  }

  // ---- saving -------------------------------------------------------------------------------------------

  /** Put the saved code in the editor, with `lead` saying where it comes from. @param {string} lead */
  restore(lead) {
    const saved = store.get("exercise", this.data.slug, this.data.item);
    if (!saved || typeof saved.answer !== "string") return;
    this.savedAt = saved.at;
    this.editor.setValue(saved.answer);
    const notes = [el("p", lead, "pq-note")];
    if (saved.hash !== this.data.hash) {
      this.verdict = "draft";
      notes.push(el("p", t("exercise.changed"), "pq-note"));
    } else {
      this.verdict = saved.verdict;
      if (saved.verdict === "correct") notes.push(el("p", t("exercise.last_passed"), "pq-verdict"));
      if (saved.verdict === "incorrect") {
        notes.push(el("p", t("exercise.last_failed"), "pq-note"));
        this.showButton.hidden = false;
      }
    }
    this.root.dataset.verdict = this.verdict;
    this.output.replaceChildren(...notes);
  }

  /** Another tab saved this exercise's code: show it here, unless this tab has edits or a run of its own. */
  syncFromOtherTab() {
    const saved = store.get("exercise", this.data.slug, this.data.item);
    if (!saved || saved.at === this.savedAt || this.saveTimer !== undefined || this.busy) return;
    this.results.replaceChildren();
    this.chart.replaceChildren();
    this.restore(t("exercise.other_tab"));
    this.cancelSave(); // showing another tab's code is not an edit
  }

  scheduleSave() {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.save(), SAVE_DELAY_MS);
  }

  cancelSave() {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
  }

  flushSave() {
    if (this.saveTimer === undefined) return;
    this.cancelSave();
    this.save();
  }

  /** Keep the code with the verdict of the latest test run ("draft" until the tests have run once). */
  save() {
    this.saveTimer = undefined;
    this.savedAt = new Date().toISOString();
    const ok = store.put("exercise", this.data.slug, this.data.item,
      { hash: this.data.hash, answer: this.code, verdict: this.verdict, at: this.savedAt }, this.data.title);
    if (!ok && !this.saveWarned) {
      this.saveWarned = true;
      this.output.append(el("p", t("exercise.not_saved"), "pq-note"));
    }
  }

  // ---- running ------------------------------------------------------------------------------------------

  /** @param {boolean} busy */
  setBusy(busy) {
    this.busy = busy;
    // aria-disabled, not disabled: a disabled button would drop the keyboard focus to the top of the page.
    for (const button of [this.runButton, this.testButton]) button.setAttribute("aria-disabled", String(busy));
    this.root.toggleAttribute("aria-busy", busy);
  }

  /** What runs (`warm`), or, while Python is not up yet, that it also waits for Python (`cold`): catalogue keys. */
  startMessage(/** @type {string} */ warm, /** @type {string} */ cold) {
    return t(this.pythonState === "ready" || this.pythonState === "running" ? warm : cold);
  }

  async run() {
    if (this.busy) return;
    this.setBusy(true);
    this.flushSave();
    this.chart.replaceChildren();
    this.output.replaceChildren(el("p", this.startMessage("exercise.running_code", "exercise.running_code_cold"), "pq-note"));
    try {
      const result = await python.runProgram(this.code, this.data.timeout, this.data.files);
      this.showRun(result);
    } catch (error) {
      this.showFailure(error, () => this.run());
    } finally {
      this.setBusy(false);
    }
  }

  /** @param {{output?: string, error?: string | null, chart?: unknown}} result */
  showRun(result) {
    const parts = [];
    if (result.error) {
      parts.push(el("p", t("exercise.run_error"), "pq-verdict pq-bad"), el("pre", result.error, "pq-error"));
    } else {
      parts.push(el("p", t("exercise.run_ok"), "pq-verdict pq-good"));
    }
    if (result.output) parts.push(el("p", t("python.printed"), "pq-output-label"), el("pre", result.output, "pq-output"));
    else if (!result.error) parts.push(el("p", t("exercise.printed_nothing"), "pq-note"));
    this.output.replaceChildren(...parts);
    if (!result.error && result.chart !== null && result.chart !== undefined) {
      const problem = drawChart(this.chart, result.chart, `${this.root.id}-chart`);
      this.output.append(el("p", t(problem ? "exercise.chart_failed" : "exercise.chart_drawn"), "pq-note"));
      this.chart.querySelector("details")?.addEventListener("toggle", () => keyboardScrollable(this.chart));
    }
    keyboardScrollable(this.output);
  }

  async runTests() {
    if (this.busy) return;
    this.setBusy(true);
    this.flushSave();
    this.results.replaceChildren();
    this.output.replaceChildren(el("p", this.startMessage("exercise.running_tests", "exercise.running_tests_cold"), "pq-note"));
    let verdict = "incorrect";
    try {
      const result = await python.runTests(this.code, this.data.tests, this.data.timeout, this.data.files);
      verdict = result.verdict === "correct" ? "correct" : "incorrect";
      this.showTests(result);
    } catch (error) {
      this.showFailure(error, () => this.runTests());
      // Python that could not start says nothing about the code: the last verdict stands, nothing is saved.
      if (error instanceof python.PythonUnavailable) return;
    } finally {
      this.setBusy(false);
    }
    this.verdict = verdict;
    this.root.dataset.verdict = verdict;
    this.save();
    if (verdict === "incorrect") this.showButton.hidden = false;
  }

  /** @param {{verdict: string, error?: string | null, output?: string, results: Array<{name: string, passed: boolean, message: string}>}} result */
  showTests(result) {
    const tests = result.results || [];
    const failed = tests.filter((t) => !t.passed).length;
    /** @param {string} text @param {boolean} good */
    const verdict = (text, good) => el("p", text, `pq-verdict ${good ? "pq-good" : "pq-bad"}`);
    // The verdict goes to the live output panel; the list below it stays quiet until the student reads it.
    const summary = [];
    if (result.error) {
      summary.push(verdict(t("exercise.tests_error"), false),
        el("pre", result.error, "pq-error"));
    } else if (!tests.length) {
      summary.push(verdict(t("exercise.no_tests"), false));
    } else if (!failed) {
      summary.push(verdict(t("exercise.all_passed", { count: tests.length }), true));
    } else {
      summary.push(verdict(t("exercise.some_failed", { failed, count: tests.length }), false));
    }
    if (result.output) summary.push(el("p", t("python.printed"), "pq-output-label"), el("pre", result.output, "pq-output"));
    this.output.replaceChildren(...summary);
    this.results.replaceChildren(...python.testList(tests));
    keyboardScrollable(this.output);
    keyboardScrollable(this.results);
  }

  /** @param {unknown} error @param {() => void} again the run that failed, for Retry */
  showFailure(error, again) {
    const box = this.output;
    if (error instanceof python.PythonUnavailable) {
      box.replaceChildren(...python.failureNotice(error, () => {
        this.editor.focus(); // the button goes with the message; the output panel says what happens next
        again();
      }));
    } else if (error instanceof python.PythonTimeout) {
      box.replaceChildren(el("p", t("exercise.too_long", { seconds: this.data.timeout }), "pq-verdict pq-bad"),
        el("p", t("exercise.too_long_hint"), "pq-note"));
    } else {
      const message = error instanceof Error ? error.message : String(error);
      box.replaceChildren(el("p", t("exercise.python_stopped"), "pq-verdict pq-bad"), el("pre", message, "pq-error"));
    }
  }

  // ---- reset and solution -------------------------------------------------------------------------------

  reset() {
    const before = this.code;
    const beforeVerdict = this.verdict;
    if (before === this.data.starter) {
      this.output.replaceChildren(el("p", t("exercise.already_starter"), "pq-note"));
      return;
    }
    this.editor.setValue(this.data.starter);
    this.cancelSave();
    store.remove("exercise", this.data.slug, this.data.item);
    this.verdict = "draft";
    delete this.root.dataset.verdict;
    this.results.replaceChildren();
    this.chart.replaceChildren();
    const undo = el("button", t("exercise.undo_reset"), "pq-button");
    undo.setAttribute("type", "button");
    undo.addEventListener("click", () => {
      this.editor.setValue(before);
      this.verdict = beforeVerdict;
      this.save();
      this.output.replaceChildren(el("p", t("exercise.code_back"), "pq-note"));
      this.editor.focus();
    });
    this.output.replaceChildren(el("p", t("exercise.starter_again"), "pq-note"), undo);
  }

  askToShowSolution() {
    this.confirm.hidden = false;
    /** @type {HTMLElement} */ (this.confirm.querySelector(".pq-confirm-yes")).focus();
  }

  closeConfirm() {
    this.confirm.hidden = true;
    this.showButton.focus();
  }

  showSolution() {
    this.confirm.hidden = true;
    this.showButton.hidden = true;
    this.solution.hidden = false;
    this.solution.open = true;
    keyboardScrollable(this.solution);
    /** @type {HTMLElement} */ (this.solution.querySelector("summary")).focus();
  }
}
