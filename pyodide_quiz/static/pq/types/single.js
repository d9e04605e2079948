// @ts-check
/** `single`: radio buttons. Mirrors pyodide_quiz/graders/single.py. */
// quiz.js shows invalidMessage's text, so the type brings that area of the catalogue.
import "../strings/single.js";

/** @param {{options: number, correct: number}} spec @param {unknown} answer */
export function grade(spec, answer) {
  if (typeof answer !== "number" || !Number.isInteger(answer) || answer < 0 || answer >= spec.options) {
    return { verdict: "invalid" };
  }
  return { verdict: answer === spec.correct ? "correct" : "incorrect" };
}

/** @param {Element} root */
export function read(root) {
  const checked = root.querySelector(".pq-options input[type=radio]:checked"); // not the "How sure?" group
  return checked ? Number(/** @type {HTMLInputElement} */ (checked).value) : null;
}

/** @param {Element} root @param {unknown} answer */
export function restore(root, answer) {
  root.querySelectorAll(".pq-options input[type=radio]").forEach((input) => {
    /** @type {HTMLInputElement} */ (input).checked = Number(/** @type {HTMLInputElement} */ (input).value) === answer;
  });
}

/** The catalogue key of the status when there is no answer to grade yet. */
export const invalidMessage = "single.invalid";
/** One answer a student can be more or less sure of: a chapter quiz asks "How sure are you?" before Check. */
export const asksConfidence = true;

/** Feedback: the chosen option's own feedback. @param {any} answer */
export function feedbackFor(answer) {
  return [answer];
}
