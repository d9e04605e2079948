// @ts-check
/** Read the JSON payload the build wrote inside a widget. */

/** @param {Element} root @returns {any} */
export function readPayload(root) {
  const script = root.querySelector(":scope > script.pq-data");
  return script ? JSON.parse(script.textContent || "{}") : null;
}

/** The text shown for each verdict; never colour alone. */
export const VERDICT_TEXT = {
  correct: "✓ Correct.",
  incorrect: "✗ Not quite.",
  partial: "◐ Partly right.",
};

/**
 * Make an element with text content only (nothing a student typed is ever parsed as HTML).
 * @param {string} tag @param {string} [text] @param {string} [className]
 */
export function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}
