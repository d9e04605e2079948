// @ts-check
/**
 * Vignette player. The page holds the whole story as a decision tree (readable without JavaScript); this module
 * plays it one scene at a time by cloning text from the tree, driven by the JSON payload's graph: choices,
 * meters, feedback, step back, restart, a path summary at the end, and the place kept in the progress store.
 */
import { readPayload, el } from "./payload.js";
import * as store from "./store.js";
import { holdWhileConnected } from "./lifetime.js";
import { t, tNodes } from "./i18n.js";
import "./strings/vignette.js";

const ITEM = "path";
/** The catalogue keys of the meters' names (a vignette's own meter is named by its id). */
const METER_LABELS = /** @type {Record<string, string>} */ ({ goal: "vignette.meter_goal", task: "vignette.meter_task", bond: "vignette.meter_bond" });

/** @typedef {{next: string, effects: Record<string, number>}} ChoiceSpec */
/** @typedef {{choices?: ChoiceSpec[], ending?: string}} NodeSpec */
/**
 * @typedef {{vignette: string, title: string, hash: string, start: string, practice?: Record<string, string>,
 *   meters: {names: string[], start: Record<string, number>, min: number, max: number},
 *   nodes: Record<string, NodeSpec>}} VignetteSpec
 */
/** @typedef {{node: string, index: number, choice: ChoiceSpec, after: Record<string, number>}} Step */

/** @param {Element} root */
export async function init(root) {
  const spec = readPayload(root);
  if (!spec) return;
  // Only a vignette with practices needs the writing module; if it cannot load, the choices show as before.
  const practice = spec.practice ? await import("./practice.js").catch(() => null) : null;
  new Player(/** @type {HTMLElement} */ (root), spec, practice);
}

/**
 * Follow a path of choice indices from the start: the node it reaches, the meters there and each step taken.
 * Null when the path does not fit the story (an edited vignette, or a damaged record).
 * @param {VignetteSpec} spec @param {unknown} path
 * @returns {{node: string, values: Record<string, number>, steps: Step[]} | null}
 */
export function walk(spec, path) {
  if (!Array.isArray(path)) return null;
  let node = spec.start;
  const values = { ...spec.meters.start };
  /** @type {Step[]} */
  const steps = [];
  for (const index of path) {
    const choices = spec.nodes[node]?.choices;
    if (!choices || !Number.isInteger(index) || index < 0 || index >= choices.length) return null;
    const choice = choices[index];
    for (const name of spec.meters.names) values[name] += choice.effects[name] || 0;
    steps.push({ node, index, choice, after: { ...values } });
    node = choice.next;
  }
  return spec.nodes[node] ? { node, values, steps } : null;
}

/** "+2" or "−1" (a true minus sign, which screen readers read as "minus"). @param {number} change */
function signed(change) {
  return `${change > 0 ? "+" : "−"}${Math.abs(change)}`;
}

/**
 * A copy of authored text from the tree, without ids (they must stay unique on the page).
 * @template {Node} T @param {T} source @returns {T}
 */
function copy(source) {
  const clone = /** @type {T} */ (source.cloneNode(true));
  if (clone instanceof Element) {
    clone.removeAttribute("id");
    clone.querySelectorAll("[id]").forEach((node) => node.removeAttribute("id"));
  }
  return clone;
}

class Player {
  /** @param {HTMLElement} root @param {VignetteSpec} spec @param {typeof import("./practice.js") | null} practice */
  constructor(root, spec, practice) {
    this.root = root;
    this.spec = spec;
    this.practice = practice;
    /** @type {number[]} */
    this.path = [];
    this.headingTag = `h${Math.min(Math.max(Number(root.dataset.level) || 4, 2), 6)}`;
    const find = (/** @type {string} */ selector) => /** @type {HTMLElement} */ (root.querySelector(selector));
    this.play = find(".pq-vignette-play");
    this.startButton = /** @type {HTMLButtonElement} */ (find(".pq-vignette-start"));
    this.tree = /** @type {HTMLDetailsElement} */ (find("details.pq-vignette-tree"));
    this.feedback = find(".pq-vignette-feedback");
    this.scene = find(".pq-vignette-scene");
    this.summary = find(".pq-vignette-path");
    this.back = /** @type {HTMLButtonElement} */ (find(".pq-vignette-back"));
    this.help = /** @type {HTMLDetailsElement | null} */ (root.querySelector("details.pq-meters-help"));
    /** @type {IntersectionObserver | undefined} */
    this.watch = undefined;
    /** The time stamp of the place last saved or restored here, to notice another tab's newer one. */
    this.savedAt = "";
    this.restart = /** @type {HTMLButtonElement} */ (find(".pq-vignette-restart"));
    this.startButton.hidden = false;
    this.startButton.addEventListener("click", () => this.begin());
    this.back.addEventListener("click", () => this.stepBack());
    this.restart.addEventListener("click", () => this.restartStory());
    this.restoreSaved();
    holdWhileConnected(root, store.onChange(() => this.syncFromOtherTab()));
    root.classList.add("pq-ready");
  }

  /** @param {string} id @returns {HTMLElement} the node's section in the decision tree */
  template(id) {
    return /** @type {HTMLElement} */ (this.root.querySelector(`.pq-vignette-node[data-node="${CSS.escape(id)}"]`));
  }

  /** @param {string} node @param {number} index @returns {HTMLElement} */
  choiceTemplate(node, index) {
    return /** @type {HTMLElement} */ (this.template(node).querySelector(`.pq-node-choice[data-choice="${index}"]`));
  }

  restoreSaved() {
    const saved = store.get("vignette", this.spec.vignette, ITEM);
    if (!saved || saved.hash !== this.spec.hash || !walk(this.spec, saved.answer)) return;
    this.savedAt = saved.at;
    this.path = /** @type {number[]} */ (saved.answer).slice();
    this.show(false);
    this.setFeedback([el("p", t("vignette.welcome_back"))]);
  }

  /** Another tab moved on in this vignette: show its place here (a restart there leaves this tab's place). */
  syncFromOtherTab() {
    const saved = store.get("vignette", this.spec.vignette, ITEM);
    if (!saved || saved.at === this.savedAt || saved.hash !== this.spec.hash || !walk(this.spec, saved.answer)) return;
    this.savedAt = saved.at;
    this.path = /** @type {number[]} */ (saved.answer).slice();
    this.show(false);
    this.setFeedback([el("p", t("vignette.other_tab"))]);
  }

  begin() {
    this.path = [];
    this.show(true);
    this.setFeedback([]);
    this.save();
  }

  /** @param {number} index */
  choose(index) {
    const before = walk(this.spec, this.path);
    if (!before || !this.spec.nodes[before.node].choices?.[index]) return;
    this.path.push(index);
    // The meanings have been read by now; they stay one tap away.
    if (this.help) this.help.open = false;
    this.setFeedback([]);
    this.show(true, true);
    this.save();
  }

  /** "You said: “…”" for a step, with `lead` before the quote. @param {Step} step @param {string} lead */
  said(step, lead) {
    const said = el("p", undefined, "pq-vignette-said");
    const quote = document.createDocumentFragment();
    quote.append(...Array.from(copy(this.choiceText(this.choiceTemplate(step.node, step.index))).childNodes));
    said.append(el("strong", lead), ...tNodes("vignette.quote", { quote }));
    return said;
  }

  stepBack() {
    if (!this.path.length) return;
    this.path.pop();
    const state = this.show(true);
    this.setFeedback([el("p", t("vignette.stepped_back", { scene: this.path.length + 1 })), this.metersLine(state.values)]);
    this.save();
  }

  restartStory() {
    this.path = [];
    const state = this.show(true);
    this.setFeedback([el("p", t("vignette.restarted")), this.metersLine(state.values)]);
    store.remove("vignette", this.spec.vignette, ITEM);
  }

  save() {
    const state = walk(this.spec, this.path);
    const ending = state && this.spec.nodes[state.node].ending;
    const at = new Date().toISOString();
    this.savedAt = at;
    const saved = store.put("vignette", this.spec.vignette, ITEM, {
      hash: this.spec.hash, answer: this.path.slice(), verdict: ending ? "complete" : "in-progress", at,
    }, this.spec.title);
    // Every ending reached is kept (a restart forgets the path, not the endings): the progress page lists them.
    if (ending) store.put("vignette", this.spec.vignette, `end-${state.node}`, { hash: this.spec.hash, answer: state.node, verdict: ending, at });
    if (!saved && !this.play.querySelector(".pq-vignette-nosave")) {
      const note = t("vignette.not_saved");
      this.play.append(el("p", note, "pq-note pq-vignette-nosave"));
    }
  }

  /**
   * Show the scene the current path leads to, with the meters there. Just after a choice the scene tells the
   * story in the order it happened: what you said, how the client responds, and only then what that did to the
   * alliance; the meters change when that part comes into view, so the client's response is read first.
   * @param {boolean} focus move focus to the scene's heading (after a student's action, never on page load)
   * @param {boolean} [chosen] the scene follows a choice just made
   */
  show(focus, chosen) {
    const state = /** @type {NonNullable<ReturnType<typeof walk>>} */ (walk(this.spec, this.path));
    const node = this.spec.nodes[state.node];
    const template = this.template(state.node);
    const last = state.steps[state.steps.length - 1];
    this.play.hidden = false;
    this.startButton.hidden = true;
    // The tree would give the story away while playing; at an ending it is there to explore other branches.
    this.tree.hidden = !node.ending;
    if (!node.ending) this.tree.open = false;

    const heading = el(this.headingTag, node.ending ? t("vignette.ending") : t("vignette.scene", { scene: this.path.length + 1 }), "pq-scene-title");
    heading.tabIndex = -1;
    const parts = [heading];
    if (chosen && last) parts.push(this.said(last, t("vignette.you_said")));
    for (const selector of [":scope > .pq-narrative", ":scope > .pq-says"]) {
      const source = template.querySelector(selector);
      if (source) parts.push(copy(/** @type {HTMLElement} */ (source)));
    }
    this.watch?.disconnect();
    const change = () => this.updateMeters(state.values, last ? last.choice.effects : null);
    if (chosen && last) {
      const effects = el("p", t("vignette.effect", { effect: this.effectWords(last) }), "pq-vignette-effects");
      const outcome = el("div", undefined, "pq-vignette-outcome");
      outcome.append(...this.feedbackOf(this.choiceTemplate(last.node, last.index)), effects, this.metersLine(state.values));
      parts.push(outcome);
      if ("IntersectionObserver" in window) {
        this.watch = new IntersectionObserver((seen) => {
          if (seen.some((entry) => entry.isIntersecting)) {
            this.watch?.disconnect();
            change();
          }
        });
        this.watch.observe(effects);
      } else change();
    } else change();
    if (node.ending) {
      for (const selector of [":scope > .pq-ending-kind", ":scope > .pq-debrief"]) {
        parts.push(copy(/** @type {HTMLElement} */ (template.querySelector(selector))));
      }
    } else {
      const promptId = `${this.root.id}-prompt`;
      const prompt = el("p", t("vignette.what_do_you_say"), "pq-choices-intro");
      prompt.id = promptId;
      const group = el("div", undefined, "pq-vignette-choices");
      group.setAttribute("role", "group");
      group.setAttribute("aria-labelledby", promptId);
      // The choices in the order the page's tree shows them (the build's, not the file's).
      const shown = Array.from(this.template(state.node).querySelectorAll(".pq-node-choice"),
        (choice) => Number(/** @type {HTMLElement} */ (choice).dataset.choice));
      shown.filter((index) => node.choices?.[index]).forEach((index) => {
        const button = /** @type {HTMLButtonElement} */ (el("button", undefined, "pq-button pq-vignette-choice"));
        button.type = "button";
        button.dataset.choice = String(index);
        button.append(...Array.from(copy(this.choiceText(this.choiceTemplate(state.node, index))).childNodes));
        button.addEventListener("click", () => this.choose(index));
        group.append(button);
      });
      const practice = this.practicePanel(state.node, () => { prompt.hidden = false; group.hidden = false; });
      if (practice) {
        parts.push(practice.element);
        prompt.hidden = group.hidden = !practice.ready;
      }
      parts.push(prompt, group);
    }
    this.scene.replaceChildren(...parts);
    this.scene.dataset.node = state.node;
    this.root.dataset.state = node.ending ? "ended" : "playing";
    this.back.disabled = this.path.length === 0;
    this.showSummary(node.ending ? state : null);
    if (focus) {
      heading.focus({ preventScroll: true });
      // At once, not smoothly: the meters wait for the response to be read, which a scroll passing over it
      // would cut short.
      this.play.scrollIntoView({ block: "start" });
    }
    return state;
  }

  /**
   * The writing panel of a scene with a practice (null without one): the choices wait until the student has
   * written a reply or chosen to skip. @param {string} node @param {() => void} onReady
   */
  practicePanel(node, onReady) {
    const hash = this.spec.practice?.[node];
    const template = this.template(node).querySelector(":scope > .pq-practice");
    if (!this.practice || !hash || !template) return null;
    const level = Math.min(Number(this.headingTag.slice(1)) + 1, 6);
    return this.practice.practicePanel({
      vignette: this.spec.vignette, title: this.spec.title, node, hash, onReady,
      client: this.root.dataset.client || t("vignette.the_client"), template: /** @type {HTMLElement} */ (template),
      idPrefix: `${this.root.id}--${node}`, headingTag: `h${level}`,
    });
  }

  /** @param {HTMLElement} choice @returns {HTMLElement} */
  choiceText(choice) {
    return /** @type {HTMLElement} */ (choice.querySelector(".pq-choice-text"));
  }

  /** @param {HTMLElement} choice @returns {HTMLElement[]} */
  feedbackOf(choice) {
    return [copy(/** @type {HTMLElement} */ (choice.querySelector(".pq-choice-feedback")))];
  }

  /**
   * "Task +1, Bond −2.": the words the build wrote beside the choice in the decision tree, never worked out again.
   * @param {{ node: string, index: number }} step
   */
  effectWords(step) {
    return this.choiceTemplate(step.node, step.index).querySelector(".pq-effect-words")?.textContent || "";
  }

  /** @param {Record<string, number>} values @param {string} [key] the line's catalogue key, with {meters} */
  metersLine(values, key = "vignette.meters_now") {
    const max = this.spec.meters.max;
    const parts = this.spec.meters.names.map((name) => t("vignette.meter_value",
      { meter: METER_LABELS[name] ? t(METER_LABELS[name]) : name, value: values[name], max }));
    return el("p", t(key, { meters: parts.join(", ") }), "pq-vignette-meters-now");
  }

  /** @param {Record<string, number>} values @param {Record<string, number> | null} effects */
  updateMeters(values, effects) {
    const { min, max } = this.spec.meters;
    for (const name of this.spec.meters.names) {
      const box = this.root.querySelector(`.pq-meter[data-meter="${CSS.escape(name)}"]`);
      if (!box) continue;
      const value = values[name];
      /** @type {HTMLElement} */ (box.querySelector(".pq-meter-value")).textContent = String(value);
      const change = effects?.[name] || 0;
      const changeText = /** @type {HTMLElement} */ (box.querySelector(".pq-meter-change"));
      changeText.textContent = change ? ` (${signed(change)})` : "";
      /** @type {HTMLElement} */ (box).dataset.change = change > 0 ? "up" : change < 0 ? "down" : "";
      const bar = /** @type {HTMLElement} */ (box.querySelector(".pq-meter-bar"));
      bar.setAttribute("aria-valuenow", String(value));
      bar.setAttribute("aria-valuetext", t("vignette.meter_valuetext", { value, max }));
      const share = max > min ? ((value - min) / (max - min)) * 100 : 0;
      const fill = /** @type {HTMLElement} */ (bar.querySelector(".pq-meter-fill"));
      fill.style.width = `${Math.min(Math.max(share, 0), 100)}%`;
    }
  }

  /** The live region: read out after each action, while focus moves to the new scene. @param {Node[]} parts */
  setFeedback(parts) {
    this.feedback.replaceChildren(...parts);
  }

  /** At an ending: every choice made, with its feedback and effect, and where the meters finished. */
  showSummary(/** @type {ReturnType<typeof walk>} */ state) {
    this.summary.hidden = !state;
    if (!state) {
      this.summary.replaceChildren();
      return;
    }
    const list = el("ol", undefined, "pq-vignette-steps");
    state.steps.forEach((step, number) => {
      const item = el("li");
      const effects = el("p", t("vignette.effect", { effect: this.effectWords(step) }), "pq-vignette-effects");
      item.append(this.said(step, t("vignette.scene_said", { scene: number + 1 })), ...this.feedbackOf(this.choiceTemplate(step.node, step.index)), effects);
      list.append(item);
    });
    const heading = el(this.headingTag, t("vignette.your_path"), "pq-vignette-path-title");
    const intro = el("p", t("vignette.choices_made", { count: state.steps.length }));
    const final = this.metersLine(state.values, "vignette.meters_ended");
    this.summary.replaceChildren(heading, intro, list, final);
  }
}
