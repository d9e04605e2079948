// @ts-check
/** `multiple`: checkboxes. Mirrors pyodide_quiz/graders/multiple.py. */
import { t } from "../i18n.js";
import "../strings/multiple.js";

/** @param {{options: number, correct: number[]}} spec @param {unknown} answer */
export function grade(spec, answer) {
  // Nothing ticked is no answer at all (the page asks for a tick first), not a wrong one.
  if (!Array.isArray(answer) || !answer.length || answer.some((i) => !Number.isInteger(i) || i < 0 || i >= spec.options)) {
    return { verdict: "invalid" };
  }
  const ticked = new Set(answer);
  const right = new Set(spec.correct);
  const found = [...ticked].filter((i) => right.has(i)).length;
  const wrong = ticked.size - found;
  let verdict = "incorrect";
  if (found === right.size && wrong === 0) verdict = "correct";
  else if (found) verdict = "partial";
  return { verdict, found, wrong, right: right.size };
}

/** @param {Element} root */
export function read(root) {
  const ticked = [...root.querySelectorAll("input[type=checkbox]:checked")].map((i) => Number(/** @type {HTMLInputElement} */ (i).value));
  return ticked.length ? ticked.sort((a, b) => a - b) : null;
}

/** @param {Element} root @param {unknown} answer */
export function restore(root, answer) {
  const chosen = new Set(Array.isArray(answer) ? answer : []);
  root.querySelectorAll("input[type=checkbox]").forEach((input) => {
    /** @type {HTMLInputElement} */ (input).checked = chosen.has(Number(/** @type {HTMLInputElement} */ (input).value));
  });
}

/** The catalogue key of the status when there is no answer to grade yet. */
export const invalidMessage = "multiple.invalid";
/** One answer a student can be more or less sure of: a chapter quiz asks "How sure are you?" before Check. */
export const asksConfidence = true;

/** @param {any} answer */
export function feedbackFor(answer) {
  return answer;
}

/** @param {any} result */
export function summary(result) {
  const vars = { found: result.found, count: result.right };
  return result.wrong ? t(result.wrong > 1 ? "multiple.summary_wrong_many" : "multiple.summary_wrong_one", { ...vars, wrong: result.wrong })
    : t("multiple.summary", vars);
}
