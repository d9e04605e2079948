// @ts-check
/** `numeric`: typed number within a tolerance. Mirrors pyodide_quiz/graders/numeric.py. */

const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/;
const EPSILON = 1e-9;

/** @param {unknown} text @returns {number | null} */
export function parse(text) {
  if (typeof text !== "string") return null;
  const cleaned = text.trim().replace(/\u2212/g, "-");
  if (!NUMBER.test(cleaned)) return null;
  return Number(cleaned.replace(",", "."));
}

/** @param {{answer: number, tolerance: number}} spec @param {unknown} answer */
export function grade(spec, answer) {
  const value = parse(answer);
  if (value === null) return { verdict: "invalid" };
  return { verdict: Math.abs(value - spec.answer) <= spec.tolerance + EPSILON ? "correct" : "incorrect" };
}

/** @param {Element} root */
export function read(root) {
  return /** @type {HTMLInputElement} */ (root.querySelector("input.pq-input")).value;
}

/** @param {Element} root @param {unknown} answer */
export function restore(root, answer) {
  /** @type {HTMLInputElement} */ (root.querySelector("input.pq-input")).value = typeof answer === "string" ? answer : "";
}

export const invalidMessage = "Type a number, for example 7.8 or 7,8.";
