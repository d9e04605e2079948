// @ts-check
/** `python`: code in a text area, run against the question's tests in the Pyodide worker. */
import { runTests, showState, testList, failureNotice, PythonUnavailable } from "../python-client.js";
import { setupCodeArea } from "../code-area.js";
import { el } from "../payload.js";
import { t } from "../i18n.js";
import "../strings/python.js";

/**
 * @param {{tests: string, timeout: number}} spec @param {unknown} answer
 * @param {HTMLElement} [status] where to show Python's download and start-up while the student waits
 */
export async function grade(spec, answer, status) {
  if (typeof answer !== "string") return { verdict: "invalid" };
  const line = el("p", undefined, "pq-python-state");
  status?.append(line);
  const stop = showState(line, true);
  try {
    return await runTests(answer, spec.tests, spec.timeout);
  } catch (error) {
    // Not the student's mistake: no verdict, nothing saved; the status says why and offers Retry.
    if (error instanceof PythonUnavailable) return { verdict: "unavailable", problem: error };
    throw error;
  } finally {
    stop();
  }
}

/** The status when Python could not start: why, and Retry (which checks again). @param {any} result @param {() => void} onRetry */
export function unavailable(result, onRetry) {
  return failureNotice(result.problem, onRetry);
}

/** The tests' results, any error and the printed output, under the code. @param {Element} root @param {any} result */
export function show(root, result) {
  const box = /** @type {HTMLElement} */ (root.querySelector(".pq-test-results"));
  box.replaceChildren(...testList(result.results || []));
  if (result.error) box.prepend(el("pre", result.error, "pq-error"));
  if (result.output) box.append(el("p", t("python.printed"), "pq-output-label"), el("pre", result.output, "pq-output"));
}

/** @param {Element} root */
export function read(root) {
  return /** @type {HTMLTextAreaElement} */ (root.querySelector("textarea.pq-code")).value;
}

/** @param {Element} root @param {unknown} answer */
export function restore(root, answer) {
  if (typeof answer === "string") /** @type {HTMLTextAreaElement} */ (root.querySelector("textarea.pq-code")).value = answer;
}

/** The catalogue key of the status when there is no answer to grade yet. */
export const invalidMessage = "python.invalid";
export const usesPython = true;

/** @param {Element} root @param {any} ctx */
export function setup(root, ctx) {
  const area = /** @type {HTMLTextAreaElement} */ (root.querySelector("textarea.pq-code"));
  setupCodeArea(area);
  root.querySelector(".pq-reset")?.addEventListener("click", () => {
    area.value = area.dataset.starter || "";
    ctx.clear();
  });
}
