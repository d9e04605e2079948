// @ts-check
/**
 * The words a student sees, from the catalogue of the site's language. The build writes that catalogue split by
 * area, the part of a key before its first dot (pyodide_quiz/strings: runtime_modules): ./strings/quiz.js holds
 * the quiz.* texts and adds them here when imported. A module imports the areas whose texts it shows, statically
 * (`import "./strings/quiz.js";`), so a page fetches only its own language and only the areas its widgets use,
 * with no extra round trip; tests/unit/test_strings.py fails when a module names a key of an area it does not import.
 * Catalogue texts hold {name} placeholders; a text with plural forms is an object chosen by `count`
 * (Intl.PluralRules: "one", "other", ...), so no sentence is ever glued together from translated pieces.
 */
import { LANGUAGE } from "./strings/language.js";

const plurals = new Intl.PluralRules(LANGUAGE);
const numbers = new Map();
/** @type {Record<string, any>} */
const texts = {};

/**
 * Add an area's texts (what each ./strings/<area>.js does when a module imports it).
 * @param {Record<string, unknown>} area
 */
export function addTexts(area) {
  Object.assign(texts, area);
}

/** @param {string} key @param {Record<string, unknown>} vars */
function entry(key, vars) {
  const value = texts[key];
  if (typeof value === "string") return value;
  if (value && typeof value === "object") return value[plurals.select(Number(vars.count))] ?? value.other;
  // A key missing from the catalogue, or from the areas imported, is the engine's bug: say so to the developer,
  // and show the key, not nothing.
  const area = key.split(".")[0];
  console.warn(`pyodide_quiz: no text for "${key}" in the ${LANGUAGE} catalogue (is ./strings/${area}.js imported?)`);
  return key;
}

/**
 * The catalogue's text for `key`, its {placeholders} filled from `vars`.
 * @param {string} key @param {Record<string, unknown>} [vars]
 */
export function t(key, vars = {}) {
  return entry(key, vars).replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

/**
 * The same text as a list of strings and nodes, for a sentence with an element inside (a link): each
 * placeholder whose value is a Node becomes that node, so the translation decides where the link goes.
 * @param {string} key @param {Record<string, unknown>} [vars] @returns {(string | Node)[]}
 */
export function tNodes(key, vars = {}) {
  const parts = [];
  for (const [index, piece] of entry(key, vars).split(/\{(\w+)\}/).entries()) {
    if (index % 2 === 0) { if (piece) parts.push(piece); continue; }
    const value = vars[piece];
    parts.push(value instanceof Node ? value : value === undefined ? `{${piece}}` : String(value));
  }
  return parts;
}

/**
 * A number as the site's language writes it (7.8 in English, 7,8 in German).
 * @param {number} value @param {number} [digits] digits after the decimal point
 */
export function formatNumber(value, digits = 0) {
  if (!numbers.has(digits)) {
    numbers.set(digits, new Intl.NumberFormat(LANGUAGE, { minimumFractionDigits: digits, maximumFractionDigits: digits }));
  }
  return numbers.get(digits).format(value);
}

/** The site's language, for dates (toLocaleDateString) and the like. */
export { LANGUAGE };
