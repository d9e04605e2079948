// @ts-check
/**
 * Spaced review in Leitner boxes. Each question a student has answered sits in box 1 to 5: a right answer
 * moves it up one box, a wrong (or partly right) one sends it back to box 1; it is due again after the box's
 * number of days. A question new to the schedule, or edited since (its hash changed), starts in box 1, so a
 * first right answer puts it in the 3-day box and a first wrong one makes it due tomorrow. Only the first answer
 * of a day can move a question up.
 *
 * Days are the student's local calendar days ("YYYY-MM-DD"): an answer given late at night is due the next
 * morning, not 24 hours later. The functions below are pure (node --test runs them as the browser does);
 * `remember` and `records` keep the schedule in the progress store under the kind "review".
 */
import * as store from "./store.js";

/** Days until a question in box n (1-based) is due again. */
export const BOX_DAYS = [1, 3, 7, 21, 60];
/** How sure a student said they were, least to most; stored as these values. */
export const CONFIDENCE = ["guessing", "fairly-sure", "sure"];
// What a student sees for each is in the catalogue of texts, as confidence.<value> (static/pq/i18n.js).

/** Answers kept per question for calibration (the schedule itself needs only the latest). */
const HISTORY = 20;

/**
 * @typedef {{hash: string, verdict: string, at: string, confidence?: string}} Answer
 * @typedef {{hash: string, verdict: string, at: string, box: number, due: string, confidence?: string,
 *   history: Array<[string, string, string]>}} ReviewRecord  history: [at, verdict, confidence or ""]
 * @typedef {{quiz: string, id: string, box: number, due: string, state: "new" | "changed" | "wrong" | "right",
 *   sureWrong: boolean}} Due
 */

/** The local calendar day of a time. @param {Date} time */
export function localDay(time) {
  const pad = (/** @type {number} */ n) => String(n).padStart(2, "0");
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}`;
}

/** The day `days` after `day` (both "YYYY-MM-DD"), across month ends and clock changes. @param {string} day @param {number} days */
export function addDays(day, days) {
  const [year, month, date] = day.split("-").map(Number);
  return localDay(new Date(year, month - 1, date + days));
}

/**
 * The schedule after an answer.
 * @param {ReviewRecord | undefined | null} previous  the question's record before, if any
 * @param {Answer} answer
 * @returns {ReviewRecord}
 */
export function schedule(previous, answer) {
  const restart = !previous || previous.hash !== answer.hash;
  const at = answer.at || new Date().toISOString();
  // Only a day's first answer moves a question up: trying again after a wrong answer (or a right one) the same
  // day shows the answer was just seen, not remembered.
  const again = !restart && localDay(new Date(previous.at)) === localDay(new Date(at));
  const from = restart ? 1 : previous.box;
  const box = answer.verdict !== "correct" ? 1 : again ? from : Math.min(from + 1, BOX_DAYS.length);
  const confidence = CONFIDENCE.includes(answer.confidence || "") ? answer.confidence : undefined;
  // Calibration is about the student's judgement, not the question: an edited question keeps its history.
  const history = [...(previous?.history || []), /** @type {[string, string, string]} */ ([at, answer.verdict, confidence || ""])]
    .slice(-HISTORY);
  return { hash: answer.hash, verdict: answer.verdict, at, box, due: addDays(localDay(new Date(at)), BOX_DAYS[box - 1]),
    ...(confidence ? { confidence } : {}), history };
}

/**
 * Where a question stands today: its record, or box 1 and due today when it is new or was edited.
 * @param {ReviewRecord | undefined} record @param {string} hash @param {string} today
 * @returns {{box: number, due: string, state: Due["state"], sureWrong: boolean}}
 */
export function standing(record, hash, today) {
  if (!record) return { box: 1, due: today, state: "new", sureWrong: false };
  if (record.hash !== hash) return { box: 1, due: today, state: "changed", sureWrong: false };
  const right = record.verdict === "correct";
  return { box: record.box, due: record.due, state: right ? "right" : "wrong",
    sureWrong: !right && record.confidence === "sure" };
}

/** First what needs it most: wrong answers, then right ones whose time has come, then edited, then new. */
const STATE_ORDER = { wrong: 0, right: 1, changed: 2, new: 3 };

/**
 * Every question due today from the quizzes the student has attempted (any question answered), in the order
 * to ask them: "sure but wrong" answers first, then the rest; within each, one question from each quiz in
 * turn (interleaved), each quiz's own most urgent first. Also the days when the next questions fall due.
 * @param {Array<{quiz: string, questions: Array<{id: string, hash: string}>}>} quizzes  in reading order
 * @param {Record<string, Record<string, ReviewRecord>>} records  quiz -> question id -> record
 * @param {string} today
 * @returns {{due: Due[], upcoming: Array<{day: string, count: number}>, attempted: number}}
 */
export function reviewQueue(quizzes, records, today) {
  /** @type {Due[][]} */
  const urgent = [];
  /** @type {Due[][]} */
  const rest = [];
  /** @type {Map<string, number>} */
  const later = new Map();
  let attempted = 0;
  for (const { quiz, questions } of quizzes) {
    const mine = records[quiz] || {};
    if (!questions.some((q) => mine[q.id])) continue;
    attempted += 1;
    const due = [];
    for (const question of questions) {
      const where = standing(mine[question.id], question.hash, today);
      if (where.due <= today) due.push({ quiz, id: question.id, ...where });
      else later.set(where.due, (later.get(where.due) || 0) + 1);
    }
    const byUrgency = (/** @type {Due} */ a, /** @type {Due} */ b) =>
      STATE_ORDER[a.state] - STATE_ORDER[b.state] || (a.due < b.due ? -1 : a.due > b.due ? 1 : 0);
    urgent.push(due.filter((d) => d.sureWrong).sort(byUrgency));
    rest.push(due.filter((d) => !d.sureWrong).sort(byUrgency));
  }
  const upcoming = [...later].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, count]) => ({ day, count }));
  return { due: [...interleave(urgent), ...interleave(rest)], upcoming, attempted };
}

/** One from each list in turn, until all are used. @template T @param {T[][]} lists @returns {T[]} */
export function interleave(lists) {
  const result = [];
  for (let round = 0; lists.some((list) => round < list.length); round += 1) {
    for (const list of lists) if (round < list.length) result.push(list[round]);
  }
  return result;
}

/**
 * For each confidence level, how many answers given with it were right (partly right counts as not right).
 * @param {Iterable<ReviewRecord>} all
 * @returns {Array<{level: string, answers: number, right: number}>}
 */
export function calibration(all) {
  const counts = Object.fromEntries(CONFIDENCE.map((level) => [level, { level, answers: 0, right: 0 }]));
  for (const record of all) {
    for (const [, verdict, level] of record.history || []) {
      if (!counts[level]) continue;
      counts[level].answers += 1;
      if (verdict === "correct") counts[level].right += 1;
    }
  }
  return CONFIDENCE.map((level) => counts[level]);
}

/**
 * The schedule as saved: quiz -> question id -> record. A question answered in a chapter quiz before the
 * schedule existed counts as answered once, at the time it was.
 * @param {ReturnType<typeof store.load>} [progress]
 * @returns {Record<string, Record<string, ReviewRecord>>}
 */
export function records(progress = store.load()) {
  /** @type {Record<string, Record<string, ReviewRecord>>} */
  const found = {};
  for (const [key, entry] of Object.entries(progress.entries)) {
    const [kind, quiz] = key.split(":");
    if (kind !== "quiz" && kind !== "review") continue;
    const mine = (found[quiz] ||= {});
    for (const [id, record] of Object.entries(entry.items)) {
      if (kind === "review") mine[id] = /** @type {ReviewRecord} */ (/** @type {unknown} */ (record));
      else if (!progress.entries[`review:${quiz}`]?.items[id]) mine[id] = schedule(null, record);
    }
  }
  return found;
}

/**
 * Note an answer in the schedule. Returns whether it was saved.
 * @param {string} quiz @param {string} id @param {Answer} answer
 */
export function remember(quiz, id, answer) {
  const saved = /** @type {ReviewRecord | undefined} */ (/** @type {unknown} */ (store.get("review", quiz, id)));
  // Before the schedule existed, the chapter quiz's own record was the only one (not this answer's, saved too).
  const before = saved ? undefined : store.get("quiz", quiz, id);
  const previous = saved || (before && before.at !== answer.at ? schedule(null, before) : null);
  return store.put("review", quiz, id, /** @type {any} */ (schedule(previous, answer)));
}
