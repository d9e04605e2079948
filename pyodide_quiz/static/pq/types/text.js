// @ts-check
/** `text`: typed short answer, normalised. Mirrors pyodide_quiz/graders/text.py (see its docstring). */
import { t } from "../i18n.js";
import "../strings/text.js";

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

/** Levenshtein distance between two lists of characters (graders/text.py's edits). @param {string[]} a @param {string[]} b */
function edits(a, b) {
  let row = [...Array(b.length + 1).keys()];
  for (let i = 0; i < a.length; i++) {
    const next = [i + 1];
    for (let j = 0; j < b.length; j++) next.push(Math.min(row[j + 1] + 1, next[j] + 1, row[j] + Number(a[i] !== b[j])));
    row = next;
  }
  return row[b.length];
}

/** A misspelling of an accepted answer: graders/text.py's is_slip. @param {string} given @param {string} accepted */
function isSlip(given, accepted) {
  const n = [...accepted].length;
  return edits([...given], [...accepted]) <= (n < 3 || !/\p{L}/u.test(accepted) ? 0 : n < 5 ? 1 : 2);
}

/** @param {{accept: string[], patterns: string[], feedback: string[]}} spec @param {unknown} answer */
export function grade(spec, answer) {
  const given = normalise(answer);
  if (!given) return { verdict: "invalid" };
  if (spec.accept.includes(given) || spec.patterns.some((p) => new RegExp(`^(?:${p})$`).test(given))) {
    return { verdict: "correct" };
  }
  const feedback = spec.feedback.indexOf(given);
  return { verdict: "incorrect", feedback, near: feedback < 0 && spec.accept.some((a) => isSlip(given, a)) };
}

export { feedbackFor, read, restore } from "../typed-answer.js";

/** The catalogue key of the status when there is no answer to grade yet. */
export const invalidMessage = "text.invalid";
/** One answer a student can be more or less sure of: a chapter quiz asks "How sure are you?" before Check. */
export const asksConfidence = true;

/** @param {any} result */
export function summary(result) {
  return result.near ? t("text.near") : "";
}
