// @ts-check
/** `order`: reorder a list with buttons or Alt+Arrow. Mirrors pyodide_quiz/graders/order.py. */
import { t } from "../i18n.js";
import "../strings/order.js";

/** @param {{count: number}} spec @param {unknown} answer */
export function grade(spec, answer) {
  if (!Array.isArray(answer) || answer.length !== spec.count || [...answer].sort((a, b) => a - b).some((v, i) => v !== i)) {
    return { verdict: "invalid" };
  }
  const inPlace = answer.filter((item, position) => item === position).length;
  return { verdict: inPlace === spec.count ? "correct" : "incorrect", in_place: inPlace, count: spec.count };
}

/** @param {Element} root */
export function read(root) {
  return [...root.querySelectorAll(".pq-order-item")].map((li) => Number(/** @type {HTMLElement} */ (li).dataset.index));
}

/** @param {Element} root @param {unknown} answer */
export function restore(root, answer) {
  const list = root.querySelector(".pq-order");
  if (!list || !Array.isArray(answer)) return;
  const byIndex = new Map([...list.children].map((li) => [Number(/** @type {HTMLElement} */ (li).dataset.index), li]));
  if (answer.length !== byIndex.size || !answer.every((i) => byIndex.has(i))) return;
  answer.forEach((i) => list.appendChild(/** @type {Element} */ (byIndex.get(i))));
}

/** The catalogue key of the status when there is no answer to grade yet. */
export const invalidMessage = "order.invalid";

/** @param {any} result */
export function summary(result) {
  return t("order.summary", { right: result.in_place, count: result.count });
}

/** Mark each item in its right place ✓ and each other ✗ (quiz.css draws the marks). @param {Element} root @param {any} _result @param {number[]} answer */
export function show(root, _result, answer) {
  root.querySelectorAll(".pq-order-item").forEach((li, position) => {
    /** @type {HTMLElement} */ (li).dataset.place = answer[position] === position ? "right" : "wrong";
  });
}

/**
 * @param {HTMLElement} item @param {number} step
 * @param {(message: string) => void} announce
 */
function move(item, step, announce) {
  const list = /** @type {HTMLElement} */ (item.parentElement);
  const sibling = step < 0 ? item.previousElementSibling : item.nextElementSibling;
  if (!sibling) return;
  if (step < 0) list.insertBefore(item, sibling);
  else list.insertBefore(sibling, item);
  const position = [...list.children].indexOf(item) + 1;
  announce(t("order.moved", { position, count: list.children.length }));
}

/** @param {Element} root @param {{announce: (m: string) => void, isLocked: () => boolean}} ctx */
export function setup(root, ctx) {
  root.querySelectorAll(".pq-order-item").forEach((node) => {
    const item = /** @type {HTMLElement} */ (node);
    item.addEventListener("keydown", (event) => {
      if (!event.altKey || ctx.isLocked() || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
      event.preventDefault();
      move(item, event.key === "ArrowUp" ? -1 : 1, ctx.announce);
      item.focus();
    });
    item.querySelectorAll("button.pq-move").forEach((button) => {
      button.addEventListener("click", () => {
        if (ctx.isLocked()) return;
        move(item, Number(/** @type {HTMLElement} */ (button).dataset.move), ctx.announce);
        /** @type {HTMLElement} */ (button).focus();
      });
    });
  });
}

/** @param {Element} root @param {boolean} locked */
export function lock(root, locked) {
  root.querySelectorAll("button.pq-move").forEach((b) => { /** @type {HTMLButtonElement} */ (b).disabled = locked; });
  if (!locked) root.querySelectorAll(".pq-order-item").forEach((li) => { delete /** @type {HTMLElement} */ (li).dataset.place; });
}
