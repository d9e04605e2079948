// @ts-check
/**
 * Transcript coding trainer. The page holds the numbered turns, the codes and (closed) the coders' key; this
 * module adds one checkbox per turn ("Marker" on a client's turn, "Repair" on a therapist's) with a select for
 * the kind or strategy, keeps the marks in the progress store, and on "Compare with the coders" grades them with
 * transcript-grader.js and shows hits, misses, false alarms, agreement on kind and Cohen's kappa, with the
 * coders' rationale (cloned from the key) for every marker.
 */
import { readPayload, el } from "./payload.js";
import * as store from "./store.js";
import { holdWhileConnected } from "./lifetime.js";
import { compare } from "./transcript-grader.js";
import { t, formatNumber } from "./i18n.js";
import "./strings/kappa.js";
import "./strings/transcript.js";

/** @typedef {{label: string, family?: string, definition: string}} CodeInfo */
/**
 * @typedef {{transcript: string, title: string, hash: string, item: string, client: string,
 *   spec: import("./transcript-grader.js").Spec,
 *   codes: {families: Record<string, string>, kinds: Record<string, CodeInfo>,
 *     strategies: Record<string, CodeInfo>}}} TranscriptSpec
 */
/** @typedef {{turn: number, kind: string | null}} MarkerMark */
/** @typedef {{turn: number, strategy: string | null}} RepairMark */
/** @typedef {ReturnType<typeof compare>} Result */

/** @param {Element} root */
export function init(root) {
  const spec = readPayload(root);
  if (!spec) return;
  new Trainer(/** @type {HTMLElement} */ (root), spec);
}

/** "0.45", "1.00", "−0.12" (a true minus sign, read as "minus"; German "0,45"); "not defined" for null. @param {number | null} k */
export function kappaText(k) {
  if (k === null) return t("kappa.undefined");
  const text = formatNumber(Math.abs(k), 2);
  return k < 0 && Math.abs(k) >= 0.005 ? `−${text}` : text;
}

/**
 * A code's label (from the transcript's codes) inside a sentence: English lowercases it ("withdrawal marker"),
 * German keeps its nouns capitalised (the catalogue's transcript.label_case says which).
 * @param {string} label
 */
function inSentence(label) {
  return t("transcript.label_case") === "lower" ? label.toLowerCase() : label;
}

/**
 * A copy of authored text from the key, without ids (they must stay unique on the page).
 * @param {Element} source @returns {Element}
 */
function copy(source) {
  const clone = /** @type {Element} */ (source.cloneNode(true));
  clone.removeAttribute("id");
  clone.querySelectorAll("[id]").forEach((node) => node.removeAttribute("id"));
  return clone;
}

class Trainer {
  /** @param {HTMLElement} root @param {TranscriptSpec} spec */
  constructor(root, spec) {
    this.root = root;
    this.spec = spec;
    this.prefix = root.id;
    /** @type {Map<number, {speaker: string, item: HTMLElement, box: HTMLInputElement, select: HTMLSelectElement,
     *   choice: HTMLElement, sheet: HTMLElement | null}>} */
    this.turns = new Map();
    this.headingTag = `h${Math.min(Math.max(Number(root.dataset.level) || 4, 2), 6)}`;
    const find = (/** @type {string} */ selector) => /** @type {HTMLElement} */ (root.querySelector(selector));
    this.controls = find(".pq-transcript-controls");
    this.count = find(".pq-transcript-count");
    this.result = find(".pq-transcript-result");
    this.key = /** @type {HTMLDetailsElement} */ (find("details.pq-transcript-key"));
    this.compareButton = /** @type {HTMLButtonElement} */ (find(".pq-transcript-compare"));
    this.clearButton = /** @type {HTMLButtonElement} */ (find(".pq-transcript-clear"));
    const printButton = /** @type {HTMLButtonElement} */ (find(".pq-transcript-print"));
    root.querySelectorAll(".pq-turn").forEach((item) => this.addControls(/** @type {HTMLElement} */ (item)));
    this.compareButton.addEventListener("click", () => this.compareNow());
    this.clearButton.addEventListener("click", () => this.clear());
    printButton.addEventListener("click", () => window.print());
    // The key would give the answers away while coding; the comparison shows all of it afterwards.
    this.key.hidden = true;
    find(".pq-transcript-how").hidden = false;
    this.controls.hidden = false;
    /** The time stamp of the marks last saved or restored here, to notice another tab's newer ones. */
    this.savedAt = "";
    this.restoreSaved();
    holdWhileConnected(root, store.onChange(() => this.syncFromOtherTab()));
    root.classList.add("pq-ready");
  }

  /** A checkbox and a select for one turn: "Marker" and its kind (client), "Repair" and its strategy (therapist). */
  addControls(/** @type {HTMLElement} */ item) {
    const turn = Number(item.dataset.turn);
    const speaker = item.dataset.speaker || "client";
    const isClient = speaker === "client";
    const boxId = `${this.prefix}-mark-${turn}`;
    const selectId = `${this.prefix}-code-${turn}`;
    const box = /** @type {HTMLInputElement} */ (el("input"));
    box.type = "checkbox";
    box.id = boxId;
    box.className = "pq-turn-box";
    // The visible word, then the rest of the control's name for screen readers only (one key each).
    const boxLabel = el("label", t(isClient ? "transcript.box_marker" : "transcript.box_repair"), "pq-turn-box-label");
    boxLabel.setAttribute("for", boxId);
    boxLabel.append(el("span", t(isClient ? "transcript.box_marker_rest" : "transcript.box_repair_rest", { turn }), "pq-visually-hidden"));
    const tick = el("span", undefined, "pq-turn-tick");
    tick.append(box, boxLabel);

    const select = /** @type {HTMLSelectElement} */ (el("select", undefined, "pq-turn-select"));
    select.id = selectId;
    select.append(new Option(t(isClient ? "transcript.choose_kind" : "transcript.choose_strategy"), ""));
    if (isClient) {
      for (const [family, label] of Object.entries(this.spec.codes.families)) {
        const group = /** @type {HTMLOptGroupElement} */ (el("optgroup"));
        group.label = t("transcript.family_group", { family: label });
        for (const [kind, info] of Object.entries(this.spec.codes.kinds)) {
          if (info.family === family) group.append(new Option(info.label, kind));
        }
        select.append(group);
      }
    } else {
      for (const [strategy, info] of Object.entries(this.spec.codes.strategies)) {
        select.append(new Option(info.label, strategy));
      }
    }
    const selectLabel = el("label", t(isClient ? "transcript.select_kind" : "transcript.select_strategy"), "pq-turn-select-label");
    selectLabel.setAttribute("for", selectId);
    selectLabel.append(el("span", t(isClient ? "transcript.select_kind_rest" : "transcript.select_strategy_rest", { turn }),
      "pq-visually-hidden"));
    const choice = el("span", undefined, "pq-turn-choice");
    choice.append(selectLabel, select);
    choice.hidden = true;

    const row = el("div", undefined, "pq-turn-code");
    row.append(tick, choice);
    item.append(row);
    box.addEventListener("change", () => {
      choice.hidden = !box.checked;
      this.changed();
    });
    select.addEventListener("change", () => this.changed());
    const sheet = /** @type {HTMLElement | null} */ (item.querySelector(".pq-turn-sheet"));
    this.turns.set(turn, { speaker, item, box, select, choice, sheet });
  }

  /** The student's marks, in turn order, as the grader reads them. */
  answer() {
    /** @type {MarkerMark[]} */
    const markers = [];
    /** @type {RepairMark[]} */
    const repairs = [];
    for (const [turn, { speaker, box, select }] of this.turns) {
      if (!box.checked) continue;
      const value = select.value || null;
      if (speaker === "client") markers.push({ turn, kind: value });
      else repairs.push({ turn, strategy: value });
    }
    return { markers, repairs };
  }

  /** @param {{markers?: unknown, repairs?: unknown}} answer */
  apply(answer) {
    for (const { box, select, choice } of this.turns.values()) {
      box.checked = false;
      select.value = "";
      choice.hidden = true;
    }
    const marks = [...(Array.isArray(answer.markers) ? answer.markers : []),
      ...(Array.isArray(answer.repairs) ? answer.repairs : [])];
    for (const mark of marks) {
      const entry = mark && this.turns.get(mark.turn);
      if (!entry) continue;
      entry.box.checked = true;
      entry.choice.hidden = false;
      const value = entry.speaker === "client" ? mark.kind : mark.strategy;
      if (typeof value === "string" && [...entry.select.options].some((option) => option.value === value)) {
        entry.select.value = value;
      }
    }
    this.updateSheet();
  }

  restoreSaved() {
    const saved = store.get("transcript", this.spec.transcript, this.spec.item);
    if (!saved || saved.hash !== this.spec.hash || !saved.answer || typeof saved.answer !== "object") {
      this.updateCount();
      return;
    }
    this.savedAt = saved.at;
    this.apply(/** @type {any} */ (saved.answer));
    if (saved.verdict === "complete") this.showResult(false);
    else this.updateCount(t("transcript.welcome_back"));
  }

  /** Another tab saved marks on this transcript: show them here (a clear there leaves this tab's marks). */
  syncFromOtherTab() {
    const saved = store.get("transcript", this.spec.transcript, this.spec.item);
    if (!saved || saved.at === this.savedAt || saved.hash !== this.spec.hash || !saved.answer || typeof saved.answer !== "object") return;
    this.savedAt = saved.at;
    this.reopen();
    this.apply(/** @type {any} */ (saved.answer));
    if (saved.verdict === "complete") this.showResult(false);
    else this.updateCount(t("transcript.other_tab"));
  }

  changed() {
    this.updateSheet();
    this.updateCount();
    this.save(null);
  }

  /** The live region under the transcript: how many marks so far (and a greeting after a reload). */
  updateCount(/** @type {string} */ lead = "") {
    const { markers, repairs } = this.answer();
    const open = [...markers.filter((m) => !m.kind), ...repairs.filter((r) => !r.strategy)].length;
    const markersText = t("transcript.n_markers", { count: markers.length });
    const repairsText = t("transcript.n_repairs", { count: repairs.length });
    const words = open ? t("transcript.count_open", { markers: markersText, repairs: repairsText, open })
      : t("transcript.count", { markers: markersText, repairs: repairsText });
    this.count.textContent = lead ? t("transcript.lead_count", { lead, count: words }) : words;
  }

  /** The coding sheet's line under each turn (printed): the student's code, or a blank to write on. */
  updateSheet() {
    for (const { speaker, box, select, sheet } of this.turns.values()) {
      if (!sheet) continue;
      if (!box.checked) {
        sheet.textContent = t("transcript.sheet_blank");
      } else {
        const chosen = select.value ? select.selectedOptions[0].text : t("transcript.kind_not_chosen");
        sheet.textContent = t(speaker === "client" ? "transcript.sheet_marker" : "transcript.sheet_repair", { code: chosen });
      }
    }
  }

  /** @param {Result | null} result the comparison, once the student has compared */
  save(result) {
    const answer = this.answer();
    const record = {
      hash: this.spec.hash,
      answer: result ? { ...answer, kappa: result.kappa, hits: result.hits, misses: result.misses,
        false_alarms: result.false_alarms } : answer,
      verdict: result ? "complete" : "in-progress",
      at: new Date().toISOString(),
    };
    this.savedAt = record.at;
    const saved = store.put("transcript", this.spec.transcript, this.spec.item, record, this.spec.title);
    if (!saved && !this.controls.querySelector(".pq-transcript-nosave")) {
      const note = t("transcript.not_saved");
      this.controls.append(el("p", note, "pq-note pq-transcript-nosave"));
    }
  }

  compareNow() {
    const result = this.showResult(true);
    this.save(result);
  }

  clear() {
    if (!window.confirm(t("transcript.confirm_clear"))) return;
    this.apply({ markers: [], repairs: [] });
    store.remove("transcript", this.spec.transcript, this.spec.item);
    this.updateCount(t("transcript.cleared"));
  }

  /** Back to coding: the marks editable again, the comparison and each turn's result gone. */
  reopen() {
    this.lock(false);
    this.result.hidden = true;
    this.result.replaceChildren();
    this.root.dataset.state = "coding";
    for (const { item } of this.turns.values()) {
      delete item.dataset.result;
      item.querySelector(".pq-turn-result")?.remove();
    }
  }

  codeAgain() {
    this.reopen();
    this.save(null);
    this.updateCount(t("transcript.reopened"));
    const first = this.turns.values().next().value;
    first?.box.focus();
  }

  /** @param {boolean} locked */
  lock(locked) {
    for (const { box, select } of this.turns.values()) {
      box.disabled = locked;
      select.disabled = locked;
    }
    this.compareButton.hidden = locked;
    this.clearButton.hidden = locked;
  }

  /**
   * Grade the marks and show how they compare with the coders'.
   * @param {boolean} focus move focus to the result's heading (after the student's action, never on page load)
   * @returns {Result}
   */
  showResult(focus) {
    const result = compare(this.spec.spec, this.answer());
    this.lock(true);
    this.root.dataset.state = "compared";
    this.result.dataset.kappa = result.kappa === null ? "null" : String(result.kappa);
    const heading = el(this.headingTag, t("transcript.result_heading"), "pq-transcript-result-title");
    heading.id = `${this.prefix}-result-title`;
    heading.tabIndex = -1;
    const again = el("button", t("transcript.again"), "pq-button pq-transcript-again");
    again.setAttribute("type", "button");
    again.addEventListener("click", () => this.codeAgain());
    const debrief = this.key.querySelector(".pq-debrief");
    this.result.replaceChildren(heading, this.summaryLine(result), this.table(result), this.kappaNote(result),
      ...this.markerList(result), ...this.extraList(result), ...this.repairList(result),
      ...(debrief ? [copy(debrief)] : []), again);
    this.result.hidden = false;
    this.annotateTurns(result);
    this.count.textContent = this.summaryText(result);
    if (focus) {
      heading.focus({ preventScroll: true });
      const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      this.result.scrollIntoView({ block: "start", behavior: reduce ? "auto" : "smooth" });
    }
    return result;
  }

  /** @param {Result} result */
  summaryText(result) {
    const total = result.hits + result.misses;
    return t("transcript.summary", { hits: result.hits, count: total, misses: result.misses,
      false_alarms: t("transcript.n_turns", { count: result.false_alarms }), kappa: kappaText(result.kappa) });
  }

  /** @param {Result} result */
  summaryLine(result) {
    return el("p", this.summaryText(result), "pq-transcript-summary-line");
  }

  /** @param {Result} result */
  table(result) {
    const table = el("table", undefined, "pq-transcript-table");
    table.append(el("caption", t("transcript.table_caption")));
    const body = el("tbody");
    const rows = [
      [t("transcript.row_found"), String(result.hits + result.misses)],
      [t("transcript.row_hits"), String(result.hits)],
      [t("transcript.row_misses"), String(result.misses)],
      [t("transcript.row_false_alarms"), String(result.false_alarms)],
      [t("transcript.row_same_kind"), t("transcript.n_of", { n: result.kinds_agree, of: result.hits })],
      [t("transcript.row_same_family"), t("transcript.n_of", { n: result.families_agree, of: result.hits })],
      [t("transcript.row_repairs_found"),
        t("transcript.n_of", { n: result.repairs.hits, of: result.repairs.hits + result.repairs.misses })],
      [t("transcript.row_same_strategy"), t("transcript.n_of", { n: result.repairs.strategies_agree, of: result.repairs.hits })],
      [t("transcript.row_repairs_extra"), String(result.repairs.extra.length)],
      [t("transcript.row_kappa"), kappaText(result.kappa)],
    ];
    for (const [label, value] of rows) {
      const row = el("tr");
      const head = el("th", label);
      head.setAttribute("scope", "row");
      row.append(head, el("td", value));
      body.append(row);
    }
    table.append(body);
    return table;
  }

  /** @param {Result} result */
  kappaNote(result) {
    return el("p", t("transcript.kappa_note", { count: result.units }), "pq-transcript-kappa-note");
  }

  /** A link to a turn of the transcript. @param {number} turn @param {string} [text] */
  turnLink(turn, text = t("transcript.turn", { turn })) {
    const link = el("a", text);
    link.setAttribute("href", `#${this.prefix}-turn-${turn}`);
    return link;
  }

  /**
   * The coders' rationale for one entry of the key, copied from the page (it may hold citations and links),
   * led by "The coders:" in its first paragraph.
   * @param {string} entry selector of the key's entry
   */
  rationale(entry) {
    const why = el("div", undefined, "pq-mark-rationale");
    const source = this.key.querySelector(`${entry} .pq-key-rationale`);
    if (source) why.append(...Array.from(copy(source).childNodes));
    const lead = el("strong", t("transcript.coders_lead"));
    const first = why.firstElementChild;
    if (first && first.tagName === "P") first.prepend(lead);
    else why.prepend(lead);
    return why;
  }

  /** @param {string | null} kind */
  kindWords(kind) {
    if (!kind) return t("transcript.no_kind");
    const info = this.spec.codes.kinds[kind];
    return t("transcript.kind_family", { kind: inSentence(info.label), family: inSentence(this.spec.codes.families[info.family || ""]) });
  }

  /** @param {Result} result */
  markerList(result) {
    const title = el(this.headingTag, t("transcript.markers_heading"), "pq-transcript-part-title");
    const list = el("ul", undefined, "pq-transcript-marks");
    for (const entry of result.key) {
      const info = this.spec.codes.kinds[entry.kind];
      const what = t("transcript.key_marker", { family: this.spec.codes.families[info.family || ""], kind: inSentence(info.label) });
      list.append(this.keyItem(entry, what, this.markerVerdict(entry), info.definition,
        `.pq-key-mark[data-turn="${entry.turn}"]`));
    }
    return [title, list];
  }

  /**
   * One entry of the coders' key, found or missed: its turn and code, the verdict on the student's marks, the
   * code's definition and the coders' rationale (found in the page's key by `rationale`, a selector).
   * @param {{ turn: number, matched: number | null }} entry @param {string} what @param {string} verdict
   * @param {string} definition @param {string} rationale
   */
  keyItem(entry, what, verdict, definition, rationale) {
    const item = el("li", undefined, "pq-transcript-mark");
    item.dataset.turn = String(entry.turn);
    item.dataset.outcome = entry.matched === null ? "miss" : "hit";
    const head = el("p", undefined, "pq-mark-head");
    head.append(this.turnLink(entry.turn), what);
    const meaning = el("p", undefined, "pq-mark-definition");
    meaning.append(el("strong", t("transcript.definition")), definition);
    item.append(head, el("p", verdict, "pq-mark-verdict"), meaning, this.rationale(rationale));
    return item;
  }

  /** @param {Result["key"][number]} entry */
  markerVerdict(entry) {
    if (entry.matched === null) {
      return t("transcript.marker_missed");
    }
    if (entry.offset !== 0) {
      // Found on a neighbouring turn: only with the same kind, so there is nothing else to say about the kind.
      return t(entry.offset && entry.offset > 0 ? "transcript.found_next" : "transcript.found_previous", { turn: entry.matched });
    }
    if (entry.student_kind === null) return t("transcript.found_no_kind");
    if (entry.kind_agrees) return t("transcript.found_same_kind");
    return t(entry.family_agrees ? "transcript.found_same_family" : "transcript.found_other_family",
      { kind: this.kindWords(entry.student_kind) });
  }

  /** @param {Result} result */
  extraList(result) {
    if (!result.extra.length) return [];
    const title = el(this.headingTag, t("transcript.extra_heading"), "pq-transcript-part-title");
    const list = el("ul", undefined, "pq-transcript-extra");
    const units = this.spec.spec.units;
    const missed = new Map(result.key.filter((entry) => entry.matched === null).map((entry) => [entry.turn, entry]));
    for (const mark of result.extra) {
      const item = el("li");
      item.dataset.turn = String(mark.turn);
      const place = units.indexOf(mark.turn);
      const near = [units[place - 1], units[place + 1]].map((turn) => missed.get(turn)).find(Boolean);
      item.append(this.turnLink(mark.turn), near
        ? t("transcript.extra_near", { kind: this.kindWords(mark.kind), turn: near.turn, their: this.kindWords(near.kind) })
        : t("transcript.extra", { kind: this.kindWords(mark.kind) }));
      list.append(item);
    }
    return [title, list];
  }

  /** @param {Result} result */
  repairList(result) {
    const repairs = result.repairs;
    if (!repairs.key.length && !repairs.extra.length) return [];
    const title = el(this.headingTag, t("transcript.repairs_heading"), "pq-transcript-part-title");
    const list = el("ul", undefined, "pq-transcript-repairs");
    for (const entry of repairs.key) {
      const info = this.spec.codes.strategies[entry.strategy];
      let verdict = t("transcript.repair_missed");
      if (entry.matched !== null) {
        const chosen = entry.student_strategy ? inSentence(this.spec.codes.strategies[entry.student_strategy].label)
          : t("transcript.no_strategy");
        const here = entry.matched === entry.turn;
        verdict = entry.strategy_agrees
          ? t(here ? "transcript.repair_found_same" : "transcript.repair_found_same_at", { turn: entry.matched })
          : t(here ? "transcript.repair_found_other" : "transcript.repair_found_other_at", { turn: entry.matched, strategy: chosen });
      }
      list.append(this.keyItem(entry, t("transcript.key_repair", { strategy: inSentence(info.label) }), verdict, info.definition,
        `.pq-key-repair[data-turn="${entry.turn}"]`));
    }
    for (const mark of repairs.extra) {
      const item = el("li");
      item.dataset.turn = String(mark.turn);
      item.append(this.turnLink(mark.turn), t("transcript.repair_extra"));
      list.append(item);
    }
    return [title, list];
  }

  /** Beside each turn the coders coded or the student marked: what the coders said, in words. @param {Result} result */
  annotateTurns(result) {
    /** @type {Map<number, {text: string, outcome: string}>} */
    const notes = new Map();
    for (const entry of result.key) {
      const info = this.spec.codes.kinds[entry.kind];
      const vars = { family: inSentence(this.spec.codes.families[info.family || ""]), kind: inSentence(info.label) };
      notes.set(entry.turn, entry.matched === null ? { text: t("transcript.note_marker_missed", vars), outcome: "miss" }
        : { text: t("transcript.note_marker_found", vars), outcome: "hit" });
    }
    for (const entry of result.repairs.key) {
      const vars = { strategy: inSentence(this.spec.codes.strategies[entry.strategy].label) };
      notes.set(entry.turn, entry.matched === null ? { text: t("transcript.note_repair_missed", vars), outcome: "miss" }
        : { text: t("transcript.note_repair_found", vars), outcome: "hit" });
    }
    for (const mark of [...result.extra, ...result.repairs.extra]) {
      notes.set(mark.turn, { text: t("transcript.note_extra"), outcome: "extra" });
    }
    for (const [turn, { item }] of this.turns) {
      item.querySelector(".pq-turn-result")?.remove();
      const note = notes.get(turn);
      if (!note) {
        delete item.dataset.result;
        continue;
      }
      item.dataset.result = note.outcome;
      item.append(el("p", note.text, "pq-turn-result"));
    }
  }
}
