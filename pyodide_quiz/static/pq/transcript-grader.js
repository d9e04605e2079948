// @ts-check
/**
 * The transcript grader in the browser: the same comparison as pyodide_quiz/graders/transcript.py (the truth),
 * step for step, so that the page answers at once without starting Python. tests/browser/test_transcripts.py
 * runs both on the same answers for every course transcript and requires identical results, kappa included
 * (both compute it from whole-number counts with one division, so the floating-point result is the same).
 * Read the Python module's docstring for the rules; this file only mirrors them.
 */

/**
 * @typedef {{units: number[], markers: {turn: number, kind: string}[], repair_units: number[],
 *   repairs: {turn: number, strategy: string}[], families: Record<string, string>, strategies: string[]}} Spec
 * @typedef {{turn: number, [field: string]: any}} Mark
 */

/**
 * The usable marks of one category, in the order given: known turns only, each turn once.
 * @param {unknown} marks @param {number[]} units @param {string} field @param {(value: string) => boolean} allowed
 * @returns {Mark[]}
 */
function clean(marks, units, field, allowed) {
  if (!Array.isArray(marks)) return [];
  const known = new Set(units);
  const seen = new Set();
  /** @type {Mark[]} */
  const found = [];
  for (const mark of marks) {
    if (!mark || typeof mark !== "object" || Array.isArray(mark)) continue;
    const turn = mark.turn;
    if (!Number.isInteger(turn) || !known.has(turn) || seen.has(turn)) continue;
    seen.add(turn);
    const value = mark[field];
    found.push({ turn, [field]: typeof value === "string" && allowed(value) ? value : null });
  }
  return found;
}

/**
 * Pair key marks with student marks: [[key mark, student mark or null]] in key order, and the unmatched student
 * marks in turn order. `field` names what a neighbour's mark must share with the key mark ("kind").
 * @param {Mark[]} key @param {Mark[]} marks @param {number[]} units @param {string} field
 * @returns {{pairs: [Mark, Mark | null][], extra: Mark[]}}
 */
export function match(key, marks, units, field) {
  const position = new Map(units.map((turn, index) => [turn, index]));
  const byTurn = new Map(marks.map((mark) => [mark.turn, mark]));
  const sorted = key.slice().sort((a, b) => a.turn - b.turn);
  /** @type {Map<number, Mark>} */
  const paired = new Map();
  const used = new Set();
  for (const mark of sorted) {
    const same = byTurn.get(mark.turn);
    if (same) {
      paired.set(mark.turn, same);
      used.add(mark.turn);
    }
  }
  for (const mark of sorted) {
    if (paired.has(mark.turn)) continue;
    const place = /** @type {number} */ (position.get(mark.turn));
    for (const neighbour of [place - 1, place + 1]) {
      if (neighbour < 0 || neighbour >= units.length) continue;
      const turn = units[neighbour];
      const candidate = byTurn.get(turn);
      if (candidate && !used.has(turn) && candidate[field] === mark[field]) {
        paired.set(mark.turn, candidate);
        used.add(turn);
        break;
      }
    }
  }
  /** @type {[Mark, Mark | null][]} */
  const pairs = sorted.map((mark) => [mark, paired.get(mark.turn) || null]);
  const extra = marks.filter((mark) => !used.has(mark.turn)).sort((a, b) => a.turn - b.turn);
  return { pairs, extra };
}

/**
 * Cohen's kappa for two raters marking `units` turns as marked / not marked; null when chance agreement is 1.
 * @param {number} units @param {number} hits @param {number} falseAlarms @param {number} misses
 */
export function kappa(units, hits, falseAlarms, misses) {
  const neither = units - hits - falseAlarms - misses;
  const agreed = units * (hits + neither);
  const chance = (hits + falseAlarms) * (hits + misses) + (misses + neither) * (falseAlarms + neither);
  if (units * units === chance) return null;
  return (agreed - chance) / (units * units - chance);
}

/**
 * The comparison the page shows (the same keys and values as the Python grader's).
 * @param {Spec} spec @param {unknown} answer
 */
export function compare(spec, answer) {
  const given = answer && typeof answer === "object" && !Array.isArray(answer) ? /** @type {any} */ (answer) : {};
  const families = spec.families;
  const units = spec.units;
  const markers = clean(given.markers, units, "kind", (kind) => Object.prototype.hasOwnProperty.call(families, kind));
  const { pairs, extra } = match(spec.markers, markers, units, "kind");
  const keyMarks = pairs.map(([mark, found]) => {
    const entry = { turn: mark.turn, kind: mark.kind, matched: /** @type {number | null} */ (null),
      offset: /** @type {number | null} */ (null), student_kind: /** @type {string | null} */ (null),
      kind_agrees: false, family_agrees: false };
    if (found) {
      const studentKind = found.kind;
      entry.matched = found.turn;
      entry.offset = units.indexOf(found.turn) - units.indexOf(mark.turn);
      entry.student_kind = studentKind;
      entry.kind_agrees = studentKind === mark.kind;
      entry.family_agrees = studentKind !== null && families[studentKind] === families[mark.kind];
    }
    return entry;
  });
  const hits = keyMarks.filter((entry) => entry.matched !== null).length;
  const misses = keyMarks.length - hits;

  const repairUnits = spec.repair_units;
  const repairs = clean(given.repairs, repairUnits, "strategy", (strategy) => spec.strategies.includes(strategy));
  const repaired = match(spec.repairs, repairs, repairUnits, "strategy");
  const keyRepairs = repaired.pairs.map(([mark, found]) => ({
    turn: mark.turn, strategy: mark.strategy, matched: found ? found.turn : null,
    student_strategy: found ? found.strategy : null,
    strategy_agrees: Boolean(found && found.strategy === mark.strategy),
  }));
  const repairHits = keyRepairs.filter((entry) => entry.matched !== null).length;

  return {
    units: units.length,
    marked: markers.length,
    hits,
    misses,
    false_alarms: extra.length,
    kinds_agree: keyMarks.filter((entry) => entry.kind_agrees).length,
    families_agree: keyMarks.filter((entry) => entry.family_agrees).length,
    kappa: kappa(units.length, hits, extra.length, misses),
    key: keyMarks,
    extra,
    repairs: {
      marked: repairs.length,
      hits: repairHits,
      misses: keyRepairs.length - repairHits,
      extra: repaired.extra,
      strategies_agree: keyRepairs.filter((entry) => entry.strategy_agrees).length,
      key: keyRepairs,
    },
  };
}
