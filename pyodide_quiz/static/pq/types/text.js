// @ts-check
/** `text`: typed short answer, normalised. Mirrors pyodide_quiz/graders/text.py (see its docstring). */

const PLAIN = { "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u2212": "-" };
const EDGE = "\"'.,;:!?()[]{}-_ ";

/** @param {unknown} text */
export function normalise(text) {
  if (typeof text !== "string") return "";
  let out = text.normalize("NFKC").toLowerCase().replace(/[\u2018\u2019\u201c\u201d\u2013\u2014\u2212]/g, (c) => PLAIN[c]);
  out = out.split(/\s+/).filter(Boolean).join(" ");
  let start = 0;
  let end = out.length;
  while (start < end && EDGE.includes(out[start])) start += 1;
  while (end > start && EDGE.includes(out[end - 1])) end -= 1;
  out = out.slice(start, end);
  return out.replace(/^(the|a|an) /, "");
}

/** @param {{accept: string[], patterns: string[], feedback: string[]}} spec @param {unknown} answer */
export function grade(spec, answer) {
  const given = normalise(answer);
  if (!given) return { verdict: "invalid" };
  if (spec.accept.includes(given) || spec.patterns.some((p) => new RegExp(`^(?:${p})$`).test(given))) {
    return { verdict: "correct" };
  }
  return { verdict: "incorrect", feedback: spec.feedback.indexOf(given) };
}

/** @param {Element} root */
export function read(root) {
  return /** @type {HTMLInputElement} */ (root.querySelector("input.pq-input")).value;
}

/** @param {Element} root @param {unknown} answer */
export function restore(root, answer) {
  /** @type {HTMLInputElement} */ (root.querySelector("input.pq-input")).value = typeof answer === "string" ? answer : "";
}

export const invalidMessage = "Type an answer first.";

/** @param {any} _answer @param {any} result */
export function feedbackFor(_answer, result) {
  return result.feedback >= 0 ? [result.feedback] : [];
}
