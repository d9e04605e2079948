// @ts-check
// What the theme's 79 KB bootstrap.js (all of Bootstrap 5 and Popper) gave these pages, in a few KB:
// - tooltips on every [data-bs-toggle="tooltip"] button (search, colour mode), shown on hover after 500 ms and
//   at once on keyboard focus, hidden on leave, blur, a click or Escape, and named by aria-describedby;
// - the "source repositories" dropdown ([data-bs-toggle="dropdown"]): a click or Enter opens it, arrow keys
//   move through its links, Escape closes it and gives the focus back, a click outside closes it;
// - the theme's "back to top" button (shown while scrolling up, below the header);
// - window.bootstrap.Tooltip and .Dropdown for the theme's own script (pydata-sphinx-theme.js builds a
//   Tooltip for its collapse-sidebar button when a page has one).
// The markup and classes are Bootstrap's (.tooltip, .bs-tooltip-bottom, .dropdown-menu.show), so the theme's
// stylesheet draws them as before. Loaded with defer, before the theme's deferred script.
(() => {
  let counter = 0;
  /** @type {Set<Tooltip>} */
  const shown = new Set();

  /** @typedef {{title?: string, placement?: string, fallbackPlacements?: string[], offset?: number[],
   *   trigger?: string, delay?: number | {show?: number, hide?: number}}} TooltipOptions */

  const SIDES = { top: "top", bottom: "bottom", left: "start", right: "end" };

  class Tooltip {
    /** @param {Element} element @param {TooltipOptions} [options] */
    constructor(element, options = {}) {
      if (!(element instanceof HTMLElement)) throw new TypeError("Tooltip needs an element");
      this.element = element;
      const delay = options.delay ?? 0;
      this.delay = typeof delay === "number" ? { show: delay, hide: delay } : { show: delay.show ?? 0, hide: delay.hide ?? 0 };
      this.placement = options.placement || element.dataset.bsPlacement || "top";
      this.fallbacks = options.fallbackPlacements || [];
      this.gap = (options.offset && options.offset[1]) || 0;
      this.title = options.title || element.dataset.bsTitle || element.getAttribute("title") || "";
      // As Bootstrap: the native title would show a second tooltip; a button without text is named by it.
      if (element.hasAttribute("title")) {
        element.dataset.bsOriginalTitle = element.getAttribute("title") || "";
        element.removeAttribute("title");
      }
      if (!element.getAttribute("aria-label") && !element.textContent?.trim()) {
        element.setAttribute("aria-label", this.title);
      }
      /** @type {HTMLElement | null} */
      this.tip = null;
      /** @type {number | undefined} */
      this.timer = undefined;
      Tooltip.instances.set(element, this);
      if ((options.trigger || "hover focus") !== "manual") this.listen();
    }

    listen() {
      const el = this.element;
      el.addEventListener("mouseenter", () => this.later(() => this.show(), this.delay.show));
      el.addEventListener("mouseleave", () => this.later(() => this.hide(), this.delay.hide));
      // Keyboard focus shows it at once; a mouse click focuses too, and then hides it (Bootstrap did the same).
      el.addEventListener("focusin", () => { if (el.matches(":focus-visible")) this.show(); });
      el.addEventListener("focusout", () => this.hide());
      el.addEventListener("click", () => this.hide());
    }

    /** @param {() => void} action @param {number} ms */
    later(action, ms) {
      window.clearTimeout(this.timer);
      this.timer = window.setTimeout(action, ms);
    }

    show() {
      window.clearTimeout(this.timer);
      if (this.tip || !this.title || !this.element.isConnected) return;
      const tip = document.createElement("div");
      tip.id = `tooltip-course-${++counter}`;
      tip.setAttribute("role", "tooltip");
      tip.className = "tooltip fade";
      const arrow = document.createElement("div");
      arrow.className = "tooltip-arrow";
      const inner = document.createElement("div");
      inner.className = "tooltip-inner";
      inner.textContent = this.title;
      tip.append(arrow, inner);
      tip.style.position = "absolute";
      tip.style.top = "0";
      tip.style.left = "0";
      // Hoverable (WCAG 1.4.13): the pointer may move onto the tooltip without it going.
      tip.addEventListener("mouseenter", () => window.clearTimeout(this.timer));
      tip.addEventListener("mouseleave", () => this.later(() => this.hide(), this.delay.hide));
      document.body.append(tip);
      this.tip = tip;
      this.element.setAttribute("aria-describedby", tip.id);
      this.place(tip, arrow);
      shown.add(this);
      requestAnimationFrame(() => tip.classList.add("show"));
    }

    hide() {
      window.clearTimeout(this.timer);
      if (!this.tip) return;
      this.tip.remove();
      this.tip = null;
      this.element.removeAttribute("aria-describedby");
      shown.delete(this);
    }

    dispose() {
      this.hide();
      Tooltip.instances.delete(this.element);
    }

    /** The first placement (asked, then the fallbacks, then the opposite side) that fits in the viewport.
     * @param {HTMLElement} tip @param {HTMLElement} arrow */
    place(tip, arrow) {
      const target = this.element.getBoundingClientRect();
      const size = tip.getBoundingClientRect();
      const arrowSize = arrow.getBoundingClientRect();
      const opposite = { top: "bottom", bottom: "top", left: "right", right: "left" };
      const wanted = this.placement in SIDES ? this.placement : "top";
      const order = [wanted, ...this.fallbacks, opposite[/** @type {keyof typeof opposite} */ (wanted)]];
      const at = (/** @type {string} */ side) => {
        const across = side === "top" || side === "bottom";
        const reach = (across ? arrowSize.height : arrowSize.width) + this.gap;
        const top = side === "top" ? target.top - size.height - reach
          : side === "bottom" ? target.bottom + reach : target.top + (target.height - size.height) / 2;
        const left = side === "left" ? target.left - size.width - reach
          : side === "right" ? target.right + reach : target.left + (target.width - size.width) / 2;
        return { side, top, left };
      };
      const fits = (/** @type {{top: number, left: number}} */ p) => p.top >= 0 && p.left >= 0
        && p.top + size.height <= window.innerHeight && p.left + size.width <= document.documentElement.clientWidth;
      const spot = order.map(at).find(fits) || at(wanted);
      // Kept inside the viewport sideways; the arrow still points at the button's middle.
      const maxLeft = document.documentElement.clientWidth - size.width - 4;
      const left = Math.max(4, Math.min(spot.left, maxLeft));
      tip.classList.add(`bs-tooltip-${SIDES[/** @type {keyof typeof SIDES} */ (spot.side)]}`);
      tip.dataset.popperPlacement = spot.side;
      tip.style.transform = `translate(${Math.round(left + window.scrollX)}px, ${Math.round(spot.top + window.scrollY)}px)`;
      if (spot.side === "top" || spot.side === "bottom") {
        arrow.style.position = "absolute";
        arrow.style.left = `${Math.round(target.left + target.width / 2 - left - arrowSize.width / 2)}px`;
      } else {
        arrow.style.position = "absolute";
        arrow.style.top = `${Math.round((size.height - arrowSize.height) / 2)}px`;
      }
    }

    /** @param {Element} element */
    static getInstance(element) {
      return Tooltip.instances.get(element) || null;
    }

    /** @param {Element} element @param {TooltipOptions} [options] */
    static getOrCreateInstance(element, options) {
      return Tooltip.getInstance(element) || new Tooltip(element, options);
    }
  }
  /** @type {Map<Element, Tooltip>} */
  Tooltip.instances = new Map();

  /** @type {Dropdown | null} */
  let openDropdown = null;

  class Dropdown {
    /** @param {Element} button */
    constructor(button) {
      if (!(button instanceof HTMLElement)) throw new TypeError("Dropdown needs a button");
      this.button = button;
      this.menu = /** @type {HTMLElement | null} */ (button.parentElement?.querySelector(".dropdown-menu") || null);
      Dropdown.instances.set(button, this);
      button.addEventListener("click", (event) => {
        event.preventDefault();
        this.toggle();
      });
      button.addEventListener("keydown", (event) => {
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          event.preventDefault();
          this.show();
          this.step(event.key === "ArrowDown" ? 0 : -1, true);
        }
      });
      this.menu?.addEventListener("keydown", (event) => {
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          event.preventDefault();
          this.step(event.key === "ArrowDown" ? 1 : -1, false);
        }
      });
    }

    items() {
      return /** @type {HTMLElement[]} */ (Array.from(this.menu?.querySelectorAll(".dropdown-item, a[href], button") || []));
    }

    /** Focus the next (1) or previous (-1) item, or, from the button, the first (0) or last (-1).
     * @param {number} by @param {boolean} fromButton */
    step(by, fromButton) {
      const items = this.items();
      if (!items.length) return;
      const now = items.indexOf(/** @type {HTMLElement} */ (document.activeElement));
      const next = fromButton ? (by === 0 ? 0 : items.length - 1) : Math.max(0, Math.min(items.length - 1, now + by));
      items[next].focus();
    }

    toggle() {
      if (this.button.getAttribute("aria-expanded") === "true") this.hide();
      else this.show();
    }

    show() {
      if (!this.menu || this.button.getAttribute("aria-expanded") === "true") return;
      if (openDropdown && openDropdown !== this) openDropdown.hide();
      const menu = this.menu;
      menu.classList.add("show");
      this.button.classList.add("show");
      this.button.setAttribute("aria-expanded", "true");
      // Where Bootstrap's Popper put it: 2 px under the button, aligned with its left edge, or with its right edge
      // when the menu would run off the screen ("bottom-start", else "bottom-end").
      const fits = this.button.getBoundingClientRect().left + menu.offsetWidth <= document.documentElement.clientWidth;
      menu.style.position = "absolute";
      menu.style.inset = fits ? "0px auto auto 0px" : "0px 0px auto auto";
      menu.style.margin = "0px";
      menu.style.transform = `translate(0px, ${this.button.offsetHeight + 2}px)`;
      menu.dataset.popperPlacement = fits ? "bottom-start" : "bottom-end";
      openDropdown = this;
    }

    /** @param {boolean} [refocus] */
    hide(refocus = false) {
      if (!this.menu || this.button.getAttribute("aria-expanded") !== "true") return;
      this.menu.classList.remove("show");
      this.menu.removeAttribute("style");
      this.button.classList.remove("show");
      this.button.setAttribute("aria-expanded", "false");
      if (openDropdown === this) openDropdown = null;
      if (refocus) this.button.focus();
    }

    /** @param {Element} element */
    static getInstance(element) {
      return Dropdown.instances.get(element) || null;
    }

    /** @param {Element} element */
    static getOrCreateInstance(element) {
      return Dropdown.getInstance(element) || new Dropdown(element);
    }
  }
  /** @type {Map<Element, Dropdown>} */
  Dropdown.instances = new Map();

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    shown.forEach((tooltip) => tooltip.hide());
    if (openDropdown) {
      const inside = openDropdown.button.parentElement?.contains(/** @type {Node} */ (event.target));
      openDropdown.hide(Boolean(inside));
    }
  });
  document.addEventListener("click", (event) => {
    const target = /** @type {Node} */ (event.target);
    if (openDropdown && !openDropdown.button.parentElement?.contains(target)) openDropdown.hide();
  });
  document.addEventListener("focusin", (event) => {
    const target = /** @type {Node} */ (event.target);
    if (openDropdown && !openDropdown.button.parentElement?.contains(target)) openDropdown.hide();
  });

  function backToTop() {
    const button = document.getElementById("pst-back-to-top");
    const header = document.querySelector(".bd-header");
    if (!button || !header) return;
    button.addEventListener("click", () => {
      document.body.scrollTop = 0;
      document.documentElement.scrollTop = 0;
    });
    const bottom = header.getBoundingClientRect().bottom;
    let last = window.scrollY;
    window.addEventListener("scroll", () => {
      button.style.display = last > window.scrollY && window.scrollY > bottom ? "block" : "none";
      last = window.scrollY;
    }, { passive: true });
  }

  function start() {
    document.querySelectorAll('[data-bs-toggle="tooltip"]').forEach((el) => new Tooltip(el, { delay: { show: 500, hide: 100 } }));
    document.querySelectorAll('[data-bs-toggle="dropdown"]').forEach((el) => new Dropdown(el));
    backToTop();
  }

  /** @type {any} */ (window).bootstrap = { Tooltip, Dropdown };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
  else start();
})();
