// @ts-check
/**
 * The present view of a vignette, for a seminar (course_site/instructors.py writes the page).
 *
 * "Present" opens the vignette full-window in large type, one scene at a time: the scene and the client's words
 * first, so the group can talk before seeing any option; "Show the replies" reveals the therapist's replies;
 * choosing one shows its feedback and its effect on the alliance meters, then "Next scene" moves on. "Back"
 * undoes a step, "Start again" restarts, Escape or "Close" leaves. Everything shown is cloned from the text on the
 * page (which reads well without JavaScript); the JSON block beside it holds only the structure and meters.
 */

/** @typedef {{next: string, effects: Record<string, number>}} Choice */
/** @typedef {{start: string, meters: {names: string[], start: Record<string, number>, min: number, max: number},
 *   nodes: Record<string, {ending?: string, choices?: Choice[]}>, title: string, client: string}} Story */

/** @param {string} tag @param {string} [className] @param {string} [text] */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** @param {Element | null} node */
function copy(node) {
  const clone = /** @type {Element} */ (node?.cloneNode(true) || el("div"));
  for (const withId of clone.querySelectorAll("[id]")) withId.removeAttribute("id");
  clone.removeAttribute("id");
  return clone;
}

/** @param {Story} story @param {Record<string, number>} values */
function meterText(story, values) {
  return story.meters.names.map((name) => `${name[0].toUpperCase()}${name.slice(1)} ${values[name]}`).join(" · ") +
    ` (of ${story.meters.max})`;
}

/** @param {HTMLElement} box */
function init(box) {
  const data = box.querySelector("script.course-data");
  const button = /** @type {HTMLButtonElement | null} */ (box.querySelector(".course-present-start"));
  if (!data || !button) return;
  /** @type {Story} */
  const story = JSON.parse(data.textContent || "{}");
  const scenes = new Map([...box.querySelectorAll("section.course-scene")].map((s) => [s.getAttribute("data-node"), s]));

  const dialog = /** @type {HTMLDialogElement} */ (el("dialog", "course-stage"));
  const titleId = `${box.id}-stage-title`;
  dialog.setAttribute("aria-labelledby", titleId);
  const top = el("div", "course-stage-top");
  const name = el("p", "course-stage-vignette", story.title);
  const meters = el("p", "course-stage-meters");
  meters.setAttribute("aria-live", "polite");
  const close = el("button", "course-stage-button", "Close");
  close.setAttribute("type", "button");
  top.append(name, meters, close);
  const stage = el("div", "course-stage-scene");
  const bottom = el("div", "course-stage-bottom");
  const back = el("button", "course-stage-button", "Back");
  const restart = el("button", "course-stage-button", "Start again");
  for (const b of [back, restart]) b.setAttribute("type", "button");
  bottom.append(back, restart);
  dialog.append(top, stage, bottom);
  document.body.append(dialog);

  /** @type {{node: string, values: Record<string, number>}[]} */
  let history = [];
  let node = story.start;
  /** @type {Record<string, number>} */
  let values = { ...story.meters.start };

  function clamp(/** @type {number} */ v) {
    return Math.max(story.meters.min, Math.min(story.meters.max, v));
  }

  function show() {
    const scene = scenes.get(node);
    meters.textContent = meterText(story, values);
    back.toggleAttribute("disabled", !history.length);
    stage.replaceChildren();
    if (!scene) return;
    const heading = el("h2", "course-stage-title", scene.querySelector(".course-scene-title")?.textContent || node);
    heading.id = titleId;
    heading.tabIndex = -1;
    stage.append(heading, copy(scene.querySelector(".course-scene-narrative")));
    const says = scene.querySelector(".course-scene-says");
    if (says) {
      const who = el("p", "course-stage-who", `${story.client} says:`);
      stage.append(who, copy(says));
    }
    if (story.nodes[node]?.ending) {
      stage.append(copy(scene.querySelector(".course-scene-ending")), copy(scene.querySelector(".course-scene-debrief")));
      heading.focus();
      return;
    }
    const practice = scene.querySelector(".course-scene-practice");
    if (practice) stage.append(copy(practice));
    const reveal = el("button", "course-stage-button course-stage-primary", "Show the replies");
    reveal.setAttribute("type", "button");
    const replies = el("ol", "course-stage-replies");
    replies.hidden = true;
    const feedback = el("div", "course-stage-feedback");
    feedback.hidden = true;
    feedback.setAttribute("aria-live", "polite");
    const items = [...scene.querySelectorAll("li.course-reply")];
    for (const item of items) {
      const choose = el("button", "course-stage-reply");
      choose.setAttribute("type", "button");
      choose.append(...copy(item.querySelector(".course-reply-text")).childNodes);
      const row = el("li");
      row.append(choose);
      replies.append(row);
      choose.addEventListener("click", () => pick(item, choose, replies, feedback));
    }
    reveal.addEventListener("click", () => {
      reveal.remove();
      replies.hidden = false;
      /** @type {HTMLElement | null} */ (replies.querySelector("button"))?.focus();
    });
    stage.append(reveal, replies, feedback);
    heading.focus();
  }

  /** @param {Element} item @param {HTMLElement} chosen @param {HTMLElement} replies @param {HTMLElement} feedback */
  function pick(item, chosen, replies, feedback) {
    const index = Number(item.getAttribute("data-choice"));
    const choice = story.nodes[node]?.choices?.[index];
    if (!choice) return;
    for (const b of replies.querySelectorAll("button")) {
      b.setAttribute("disabled", "");
      b.classList.toggle("course-stage-chosen", b === chosen);
      if (b === chosen) b.setAttribute("aria-pressed", "true");
    }
    const after = { ...values };
    for (const [meter, change] of Object.entries(choice.effects)) after[meter] = clamp(after[meter] + change);
    const next = el("button", "course-stage-button course-stage-primary",
      story.nodes[choice.next]?.ending ? "See how it ends" : "Next scene");
    next.setAttribute("type", "button");
    next.addEventListener("click", () => {
      history.push({ node, values });
      node = choice.next;
      values = after;
      show();
    });
    feedback.replaceChildren(copy(item.querySelector(".course-reply-feedback")),
      copy(item.querySelector(".course-reply-effects")), next);
    feedback.hidden = false;
    meters.textContent = meterText(story, after);
    next.focus();
  }

  back.addEventListener("click", () => {
    const last = history.pop();
    if (last) ({ node, values } = last);
    show();
  });
  restart.addEventListener("click", () => {
    history = [];
    node = story.start;
    values = { ...story.meters.start };
    show();
  });
  close.addEventListener("click", () => dialog.close());
  // Escape leaves, wherever the focus is (the browser's own Escape can be held back by other key handlers).
  dialog.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      dialog.close();
    }
  });
  dialog.addEventListener("close", () => button.focus());
  button.addEventListener("click", () => {
    history = [];
    node = story.start;
    values = { ...story.meters.start };
    dialog.showModal();
    show();
  });
  const actions = button.closest(".course-present-actions");
  if (actions instanceof HTMLElement) actions.hidden = false;
}

for (const box of document.querySelectorAll(".course-present[data-vignette]")) init(/** @type {HTMLElement} */ (box));
