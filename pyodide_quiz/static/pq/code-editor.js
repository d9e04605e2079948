// @ts-check
/**
 * A small Python code editor: the page's own <textarea> (so the label, typing, selection, undo, spell-check
 * off, mobile keyboards and screen readers all behave as in any text box) drawn over a highlighted copy of
 * its text, with a line-number gutter.
 *
 * Why not CodeMirror 6 or Monaco: they need a bundler (bare-module imports) or weigh hundreds of KB, and this
 * project has no build step (STYLE.md). Exercises are short, stdlib-only Python; what students need is
 * colouring of keywords, strings, comments and numbers, line numbers, Tab indentation and a way out with
 * the keyboard (code-area.js). That fits in a few KB and keeps the textarea as the one accessible control.
 *
 * Everything drawn comes from the text via textContent: nothing typed is ever parsed as HTML.
 */
import { setupCodeArea } from "./code-area.js";

const KEYWORDS = new Set(("False None True and as assert async await break class continue def del elif else except " +
  "finally for from global if import in is lambda match case nonlocal not or pass raise return try while with yield").split(" "));
const CONSTANTS = new Set(["False", "None", "True"]);
const BUILTINS = new Set(("abs all any bool dict enumerate filter float format int isinstance len list map max min " +
  "open print range repr reversed round set sorted str sum tuple type zip ValueError TypeError KeyError " +
  "IndexError ZeroDivisionError Exception self").split(" "));

// One pass over the text: comments, strings (with prefixes, triple quotes, unterminated ones), numbers,
// words and decorators. Text between matches (operators, spaces) stays plain.
const TOKEN = new RegExp([
  /(#[^\n]*)/.source,
  /((?:[rRbBuUfF]{1,2})?(?:'''[\s\S]*?(?:'''|$)|"""[\s\S]*?(?:"""|$)|'(?:\\.|[^'\\\n])*'?|"(?:\\.|[^"\\\n])*"?))/.source,
  /(\b0[xXoObB][\da-fA-F_]+\b|\b\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?[jJ]?\b|\.\d[\d_]*(?:[eE][+-]?\d+)?\b)/.source,
  /([A-Za-z_][\w]*)/.source,
  /(@[A-Za-z_][\w.]*)/.source,
].join("|"), "g");

/**
 * Split Python source into [text, kind] pieces; kind is "" for plain text.
 * @param {string} code @returns {Array<[string, string]>}
 */
export function tokenize(code) {
  /** @type {Array<[string, string]>} */
  const pieces = [];
  let last = 0;
  let previousWord = "";
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(code); match; match = TOKEN.exec(code)) {
    if (match.index > last) pieces.push([code.slice(last, match.index), ""]);
    const [text, comment, string, number, word, decorator] = match;
    let kind = "";
    if (comment) kind = "comment";
    else if (string) kind = "string";
    else if (number) kind = "number";
    else if (decorator) kind = "decorator";
    else if (word) {
      if (previousWord === "def" || previousWord === "class") kind = "name";
      else if (CONSTANTS.has(word)) kind = "constant";
      else if (KEYWORDS.has(word)) kind = "keyword";
      else if (BUILTINS.has(word)) kind = "builtin";
      previousWord = word;
    }
    if (!word) previousWord = "";
    pieces.push([text, kind]);
    last = match.index + text.length;
    if (!text.length) TOKEN.lastIndex += 1; // never loop on an empty match
  }
  if (last < code.length) pieces.push([code.slice(last), ""]);
  return pieces;
}

/** @param {string} code @returns {DocumentFragment} */
function highlighted(code) {
  const fragment = document.createDocumentFragment();
  for (const [text, kind] of tokenize(code)) {
    if (!kind) {
      fragment.append(text);
      continue;
    }
    const span = document.createElement("span");
    span.className = `pq-tok-${kind}`;
    span.textContent = text;
    fragment.append(span);
  }
  // A final newline would otherwise leave the copy one line shorter than the text box.
  fragment.append("\n");
  return fragment;
}

/**
 * @typedef {object} Editor
 * @property {() => string} getValue
 * @property {(code: string) => void} setValue  replace the whole text (the change is announced to onInput)
 * @property {() => void} focus
 */

/**
 * A <div> of the editor's frame. @param {string} className
 * @param {boolean} [hidden] whether screen readers skip it (a copy of what the text box already says)
 */
function part(className, hidden = false) {
  const node = document.createElement("div");
  node.className = className;
  if (hidden) node.setAttribute("aria-hidden", "true");
  return node;
}

/**
 * Turn a textarea into the editor. The textarea stays in place (with its label) and keeps the focus.
 * @param {HTMLTextAreaElement} area
 * @param {{onInput?: (code: string) => void, minRows?: number, maxRows?: number}} [options]
 * @returns {Editor}
 */
export function createEditor(area, options = {}) {
  const minRows = options.minRows || 6;
  const maxRows = options.maxRows || 28;
  const frame = part("pq-editor");
  const gutter = part("pq-editor-gutter", true);
  const numbers = part("pq-editor-numbers");
  gutter.append(numbers);
  const body = part("pq-editor-body");
  // A <div>, not a <pre>: the theme makes overflowing <pre> elements focusable, and this copy is hidden.
  const copy = part("pq-editor-highlight", true);
  const copyCode = part("pq-editor-lines");
  copy.append(copyCode);
  area.replaceWith(frame);
  body.append(copy, area);
  frame.append(gutter, body);
  area.classList.add("pq-editor-input");
  area.wrap = "off";
  setupCodeArea(area);

  let lineCount = 0;
  function render() {
    const code = area.value;
    copyCode.replaceChildren(highlighted(code));
    const lines = code.split("\n").length;
    if (lines !== lineCount) {
      lineCount = lines;
      numbers.textContent = Array.from({ length: lines }, (_, i) => String(i + 1)).join("\n");
      gutter.style.width = `${String(lines).length + 1.6}ch`;
      // Grow with the code up to maxRows (one extra row leaves room for a horizontal scroll bar).
      area.rows = Math.max(minRows, Math.min(maxRows, lines + 1));
    }
    syncScroll();
  }
  function syncScroll() {
    copyCode.style.transform = `translate(${-area.scrollLeft}px, ${-area.scrollTop}px)`;
    numbers.style.transform = `translateY(${-area.scrollTop}px)`;
  }

  area.addEventListener("input", () => {
    render();
    options.onInput?.(area.value);
  });
  area.addEventListener("scroll", syncScroll);
  area.addEventListener("keydown", (event) => {
    // Enter keeps the line's indentation, and indents once more after a line ending in ":".
    if (event.key !== "Enter" || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return;
    const { selectionStart: start, selectionEnd: end, value } = area;
    const lineStart = value.lastIndexOf("\n", start - 1) + 1;
    const line = value.slice(lineStart, start);
    let indent = (line.match(/^[ \t]*/) || [""])[0];
    if (/:\s*(#.*)?$/.test(line)) indent += "    ";
    if (!indent) return;
    event.preventDefault();
    area.setRangeText(`\n${indent}`, start, end, "end");
    area.dispatchEvent(new Event("input", { bubbles: true }));
  });
  render();

  return {
    getValue: () => area.value,
    setValue(code) {
      area.value = code;
      area.scrollTop = 0;
      area.scrollLeft = 0;
      area.dispatchEvent(new Event("input", { bubbles: true }));
    },
    focus: () => area.focus(),
  };
}
