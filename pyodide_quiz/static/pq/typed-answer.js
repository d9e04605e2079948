// @ts-check
/**
 * What the question types a student answers by typing (numeric, text) share: the answer is the text box's
 * value, and the feedback shown is the one the grader matched (a wrong value or a common wrong answer), if any.
 */

/** @param {Element} root */
export function read(root) {
  return /** @type {HTMLInputElement} */ (root.querySelector("input.pq-input")).value;
}

/** @param {Element} root @param {unknown} answer */
export function restore(root, answer) {
  /** @type {HTMLInputElement} */ (root.querySelector("input.pq-input")).value = typeof answer === "string" ? answer : "";
}

/** The feedback of the wrong answer the grader matched, if any. @param {any} _answer @param {any} result */
export function feedbackFor(_answer, result) {
  return result.feedback >= 0 ? [result.feedback] : [];
}
