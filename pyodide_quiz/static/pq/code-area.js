// @ts-check
/**
 * Keyboard behaviour for code text areas: Tab indents (four spaces), Shift+Tab dedents, and Escape lets the
 * next Tab leave the box, so keyboard users are never trapped.
 */

const INDENT = "    ";

/** @param {HTMLTextAreaElement} area */
export function setupCodeArea(area) {
  let escaped = false;
  area.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      escaped = true;
      return;
    }
    if (event.key !== "Tab" || escaped || event.ctrlKey || event.altKey || event.metaKey) {
      if (event.key !== "Shift") escaped = false;
      return;
    }
    event.preventDefault();
    const { selectionStart: start, selectionEnd: end, value } = area;
    const lineStart = value.lastIndexOf("\n", start - 1) + 1;
    if (event.shiftKey) {
      const line = value.slice(lineStart);
      const remove = line.startsWith(INDENT) ? INDENT.length : line.length - line.trimStart().length > 0 ? 1 : 0;
      if (remove) {
        area.setRangeText("", lineStart, lineStart + remove, "preserve");
        area.selectionStart = area.selectionEnd = Math.max(lineStart, start - remove);
      }
    } else {
      area.setRangeText(INDENT, start, end, "end");
    }
    area.dispatchEvent(new Event("input", { bubbles: true }));
  });
  area.addEventListener("blur", () => { escaped = false; });
}
