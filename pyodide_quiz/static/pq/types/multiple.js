// @ts-check
/** `multiple`: checkboxes. Mirrors pyodide_quiz/graders/multiple.py. */

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

export const invalidMessage = "Tick at least one option first.";

/** @param {any} answer */
export function feedbackFor(answer) {
  return answer;
}

/** @param {any} result */
export function summary(result) {
  const wrong = result.wrong ? ` and ${result.wrong} wrong one${result.wrong > 1 ? "s" : ""}` : "";
  return `You ticked ${result.found} of ${result.right} right option${result.right > 1 ? "s" : ""}${wrong}.`;
}
