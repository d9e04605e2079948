// @ts-check
/** `numeric`: typed number within a tolerance. Mirrors pyodide_quiz/graders/numeric.py. */
// quiz.js shows invalidMessage's text, so the type brings that area of the catalogue.
import "../strings/numeric.js";

const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/;
const EPSILON = 1e-9;

/** @param {unknown} text @returns {number | null} */
export function parse(text) {
  if (typeof text !== "string") return null;
  const cleaned = text.trim().replace(/\u2212/g, "-");
  if (!NUMBER.test(cleaned)) return null;
  return Number(cleaned.replace(",", "."));
}

/** @param {number} value @param {number} target @param {number} tolerance */
const near = (value, target, tolerance) => Math.abs(value - target) <= tolerance + EPSILON;

/** @param {{answer: number, tolerance: number, wrong?: number[][]}} spec @param {unknown} answer */
export function grade(spec, answer) {
  const value = parse(answer);
  if (value === null) return { verdict: "invalid" };
  if (near(value, spec.answer, spec.tolerance)) return { verdict: "correct" };
  return { verdict: "incorrect", feedback: (spec.wrong || []).findIndex(([target, tolerance]) => near(value, target, tolerance)) };
}

export { feedbackFor, read, restore } from "../typed-answer.js";

/** The catalogue key of the status when there is no answer to grade yet. */
export const invalidMessage = "numeric.invalid";
/** One answer a student can be more or less sure of: a chapter quiz asks "How sure are you?" before Check. */
export const asksConfidence = true;
