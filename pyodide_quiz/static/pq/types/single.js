// @ts-check
/** `single`: radio buttons. Mirrors pyodide_quiz/graders/single.py. */

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

export const invalidMessage = "Choose one option first.";

/** Feedback: the chosen option's own feedback. @param {any} answer */
export function feedbackFor(answer) {
  return [answer];
}
