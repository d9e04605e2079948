// @ts-check
/** `python`: code in a text area, run against the question's tests in the Pyodide worker. */
import { runTests } from "../python-client.js";
import { setupCodeArea } from "../code-area.js";

/** @param {{tests: string, timeout: number}} spec @param {unknown} answer */
export async function grade(spec, answer) {
  if (typeof answer !== "string") return { verdict: "invalid" };
  return runTests(answer, spec.tests, spec.timeout);
}

/** @param {Element} root */
export function read(root) {
  return /** @type {HTMLTextAreaElement} */ (root.querySelector("textarea.pq-code")).value;
}

/** @param {Element} root @param {unknown} answer */
export function restore(root, answer) {
  if (typeof answer === "string") /** @type {HTMLTextAreaElement} */ (root.querySelector("textarea.pq-code")).value = answer;
}

export const invalidMessage = "Write some code first.";
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
