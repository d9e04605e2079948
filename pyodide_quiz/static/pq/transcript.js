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
import { compare } from "./transcript-grader.js";

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

/** "0.45", "1.00", "−0.12" (a true minus sign, read as "minus"); "not defined" for null. @param {number | null} k */
export function kappaText(k) {
  if (k === null) return "not defined";
  const text = Math.abs(k).toFixed(2);
  return k < 0 && text !== "0.00" ? `−${text}` : text;
}

/** @param {number} count @param {string} one @param {string} [many] */
function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
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
    store.onChange(() => this.syncFromOtherTab());
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
    const boxLabel = el("label", isClient ? "Marker" : "Repair", "pq-turn-box-label");
    boxLabel.setAttribute("for", boxId);
    boxLabel.append(el("span", isClient ? ` at turn ${turn}` : ` attempt at turn ${turn}`, "pq-visually-hidden"));
    const tick = el("span", undefined, "pq-turn-tick");
    tick.append(box, boxLabel);

    const select = /** @type {HTMLSelectElement} */ (el("select", undefined, "pq-turn-select"));
    select.id = selectId;
    select.append(new Option(isClient ? "Choose its kind…" : "Choose its strategy…", ""));
    if (isClient) {
      for (const [family, label] of Object.entries(this.spec.codes.families)) {
        const group = /** @type {HTMLOptGroupElement} */ (el("optgroup"));
        group.label = `${label} markers`;
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
    const selectLabel = el("label", isClient ? "Kind" : "Strategy", "pq-turn-select-label");
    selectLabel.setAttribute("for", selectId);
    selectLabel.append(el("span", isClient ? ` of the marker at turn ${turn}` : ` of the repair at turn ${turn}`,
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
    else this.updateCount("Welcome back: your marks are as you left them.");
  }

  /** Another tab saved marks on this transcript: show them here (a clear there leaves this tab's marks). */
  syncFromOtherTab() {
    const saved = store.get("transcript", this.spec.transcript, this.spec.item);
    if (!saved || saved.at === this.savedAt || saved.hash !== this.spec.hash || !saved.answer || typeof saved.answer !== "object") return;
    this.savedAt = saved.at;
    this.reopen();
    this.apply(/** @type {any} */ (saved.answer));
    if (saved.verdict === "complete") this.showResult(false);
    else this.updateCount("Your marks from another tab are shown here.");
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
    const marked = `You have marked ${plural(markers.length, "rupture marker")} and ` +
      plural(repairs.length, "repair attempt");
    const words = marked + (open ? `; ${open} still without a kind or strategy (such a mark counts only on the ` +
      "coders’ exact turn)." : ".");
    this.count.textContent = lead ? `${lead} ${words}` : words;
  }

  /** The coding sheet's line under each turn (printed): the student's code, or a blank to write on. */
  updateSheet() {
    for (const { speaker, box, select, sheet } of this.turns.values()) {
      if (!sheet) continue;
      if (!box.checked) {
        sheet.textContent = "Code: ________________";
      } else {
        const chosen = select.value ? select.selectedOptions[0].text : "kind not chosen";
        sheet.textContent = `Code: ${speaker === "client" ? "rupture marker" : "repair attempt"}, ${chosen}`;
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
      const note = "Your browser does not let this site save, so your marks will not be kept.";
      this.controls.append(el("p", note, "pq-note pq-transcript-nosave"));
    }
  }

  compareNow() {
    const result = this.showResult(true);
    this.save(result);
  }

  clear() {
    if (!window.confirm("Clear every mark you made on this transcript?")) return;
    this.apply({ markers: [], repairs: [] });
    store.remove("transcript", this.spec.transcript, this.spec.item);
    this.updateCount("Your marks were cleared.");
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
    this.updateCount("Your marks are open again: change them and compare once more.");
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
    const heading = el(this.headingTag, "How your coding compares with the coders’", "pq-transcript-result-title");
    heading.id = `${this.prefix}-result-title`;
    heading.tabIndex = -1;
    const again = el("button", "Code it again", "pq-button pq-transcript-again");
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
    return `You found ${result.hits} of the coders’ ${plural(total, "marker")}, missed ${result.misses} and ` +
      `marked ${plural(result.false_alarms, "turn")} they did not. Cohen’s kappa: ${kappaText(result.kappa)}.`;
  }

  /** @param {Result} result */
  summaryLine(result) {
    return el("p", this.summaryText(result), "pq-transcript-summary-line");
  }

  /** @param {Result} result */
  table(result) {
    const table = el("table", undefined, "pq-transcript-table");
    table.append(el("caption", "Your coding against the coders’"));
    const body = el("tbody");
    const rows = [
      ["Markers the coders found", String(result.hits + result.misses)],
      ["Hits: you marked them too (on the same turn, or with the same kind on the client’s turn next to it)",
        String(result.hits)],
      ["Misses: you did not mark them", String(result.misses)],
      ["False alarms: you marked a turn the coders did not", String(result.false_alarms)],
      ["Same kind, of your hits", `${result.kinds_agree} of ${result.hits}`],
      ["Same family (withdrawal or confrontation), of your hits", `${result.families_agree} of ${result.hits}`],
      ["Repair attempts you found, of the coders’",
        `${result.repairs.hits} of ${result.repairs.hits + result.repairs.misses}`],
      ["Same strategy, of the repairs you found", `${result.repairs.strategies_agree} of ${result.repairs.hits}`],
      ["Repair attempts you marked that the coders did not", String(result.repairs.extra.length)],
      ["Cohen’s kappa over the client’s turns", kappaText(result.kappa)],
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
    return el("p", `Cohen’s kappa compares your marks with the coders’ on each of the client’s ${result.units} ` +
      "turns and removes the agreement that chance alone would give: 1 means you agree on every turn, 0 means no " +
      "better than chance (marking every turn, or none, scores 0), and below 0 means worse than chance.",
    "pq-transcript-kappa-note");
  }

  /** A link to a turn of the transcript. @param {number} turn @param {string} [text] */
  turnLink(turn, text = `Turn ${turn}`) {
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
    const lead = el("strong", "The coders: ");
    const first = why.firstElementChild;
    if (first && first.tagName === "P") first.prepend(lead);
    else why.prepend(lead);
    return why;
  }

  /** @param {string | null} kind */
  kindWords(kind) {
    if (!kind) return "no kind chosen";
    const info = this.spec.codes.kinds[kind];
    return `${info.label.toLowerCase()} (${this.spec.codes.families[info.family || ""].toLowerCase()})`;
  }

  /** @param {Result} result */
  markerList(result) {
    const title = el(this.headingTag, "The coders’ markers", "pq-transcript-part-title");
    const list = el("ul", undefined, "pq-transcript-marks");
    for (const entry of result.key) {
      const info = this.spec.codes.kinds[entry.kind];
      const what = `: ${this.spec.codes.families[info.family || ""]} marker, ${info.label.toLowerCase()}.`;
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
    meaning.append(el("strong", "Definition: "), definition);
    item.append(head, el("p", verdict, "pq-mark-verdict"), meaning, this.rationale(rationale));
    return item;
  }

  /** @param {Result["key"][number]} entry */
  markerVerdict(entry) {
    if (entry.matched === null) {
      return "✗ Missed: you did not mark this turn (or the client’s turn next to it with the same kind).";
    }
    const where = entry.offset === 0 ? "You marked this turn"
      : `You marked turn ${entry.matched}, the client’s ${entry.offset && entry.offset > 0 ? "next" : "previous"} ` +
        "turn, with the same kind, which counts as found";
    if (entry.student_kind === null) return `✓ Found. ${where}, without choosing a kind.`;
    const kind = entry.kind_agrees ? "the same kind."
      : entry.family_agrees ? `${this.kindWords(entry.student_kind)}: the same family, a different kind.`
        : `${this.kindWords(entry.student_kind)}: a different family.`;
    return `✓ Found. ${where}, as ${kind}`;
  }

  /** @param {Result} result */
  extraList(result) {
    if (!result.extra.length) return [];
    const title = el(this.headingTag, "Turns you marked that the coders did not", "pq-transcript-part-title");
    const list = el("ul", undefined, "pq-transcript-extra");
    const units = this.spec.spec.units;
    const missed = new Map(result.key.filter((entry) => entry.matched === null).map((entry) => [entry.turn, entry]));
    for (const mark of result.extra) {
      const item = el("li");
      item.dataset.turn = String(mark.turn);
      item.append(this.turnLink(mark.turn), `: you marked ${this.kindWords(mark.kind)}. The coders saw no marker ` +
        "here. ");
      const place = units.indexOf(mark.turn);
      const near = [units[place - 1], units[place + 1]].map((turn) => missed.get(turn)).find(Boolean);
      item.append(near ? `Their marker on turn ${near.turn}, next to it, is ${this.kindWords(near.kind)}: a ` +
        "neighbouring mark counts only with the same kind."
        : "Read the turn again: what made it look like a rupture, and what else could explain it?");
      list.append(item);
    }
    return [title, list];
  }

  /** @param {Result} result */
  repairList(result) {
    const repairs = result.repairs;
    if (!repairs.key.length && !repairs.extra.length) return [];
    const title = el(this.headingTag, "Repair attempts", "pq-transcript-part-title");
    const list = el("ul", undefined, "pq-transcript-repairs");
    for (const entry of repairs.key) {
      const info = this.spec.codes.strategies[entry.strategy];
      let verdict = "✗ Missed: you did not mark this repair attempt.";
      if (entry.matched !== null) {
        const chosen = entry.student_strategy ? this.spec.codes.strategies[entry.student_strategy].label.toLowerCase()
          : "no strategy chosen";
        verdict = `✓ Found${entry.matched === entry.turn ? "" : ` (you marked turn ${entry.matched})`}, as ` +
          (entry.strategy_agrees ? "the same strategy." : `${chosen}: a different strategy.`);
      }
      list.append(this.keyItem(entry, `: ${info.label.toLowerCase()} repair.`, verdict, info.definition,
        `.pq-key-repair[data-turn="${entry.turn}"]`));
    }
    for (const mark of repairs.extra) {
      const item = el("li");
      item.dataset.turn = String(mark.turn);
      item.append(this.turnLink(mark.turn), ": you marked a repair attempt here; the coders did not code one.");
      list.append(item);
    }
    return [title, list];
  }

  /** Beside each turn the coders coded or the student marked: what the coders said, in words. @param {Result} result */
  annotateTurns(result) {
    /** @type {Map<number, string>} */
    const notes = new Map();
    for (const entry of result.key) {
      const info = this.spec.codes.kinds[entry.kind];
      notes.set(entry.turn, `Coders: ${this.spec.codes.families[info.family || ""].toLowerCase()} marker, ` +
        `${info.label.toLowerCase()}. ${entry.matched === null ? "You missed it." : "You found it."}`);
    }
    for (const entry of result.repairs.key) {
      const info = this.spec.codes.strategies[entry.strategy];
      const found = entry.matched === null ? "You missed it." : "You found it.";
      notes.set(entry.turn, `Coders: ${info.label.toLowerCase()} repair. ${found}`);
    }
    for (const mark of [...result.extra, ...result.repairs.extra]) {
      notes.set(mark.turn, "Coders: nothing coded on this turn.");
    }
    for (const [turn, { item }] of this.turns) {
      item.querySelector(".pq-turn-result")?.remove();
      const note = notes.get(turn);
      if (!note) {
        delete item.dataset.result;
        continue;
      }
      item.dataset.result = note.endsWith("missed it.") ? "miss" : note.endsWith("found it.") ? "hit" : "extra";
      item.append(el("p", note, "pq-turn-result"));
    }
  }
}
