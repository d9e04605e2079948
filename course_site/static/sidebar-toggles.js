// @ts-check
// The chapter list (☰) and the "On this page" contents button, on every width.
//
// Why this file exists: pydata-sphinx-theme 0.17.1 and sphinx-book-theme 1.3.0 bind their sidebar handlers to
// document.querySelector(".primary-toggle") / (".secondary-toggle"): the first such button, a copy in the
// theme's header that is hidden on every width. The buttons a student sees did nothing but show a tooltip.
// One capture-phase listener on window handles every toggle before the theme's own listeners (which it stops):
// - below 992 px (primary) or wherever the secondary sidebar is not shown (secondary), the sidebar's content
//   moves into the theme's <dialog> and opens as a drawer; the theme's own dialog listeners close it on Escape
//   and on a tap outside and move the content back; focus goes to the current page's link and returns to the
//   button on close;
// - from 992 px the ☰ button collapses and restores the primary sidebar.
(() => {
  const WIDE = "(min-width: 992px)";

  /** @param {HTMLElement} from @param {HTMLElement} to */
  function move(from, to) {
    Array.from(from.childNodes).forEach((node) => to.appendChild(node));
    Array.from(from.classList).forEach((name) => {
      from.classList.remove(name);
      to.classList.add(name);
    });
  }

  /** @param {HTMLElement} dialog */
  function focusInside(dialog) {
    // The current page's link first, so a student sees where they are; else the first thing to focus.
    for (const selector of ["nav a.current", "a.current", "a[href]", "button, [tabindex]:not([tabindex='-1'])"]) {
      const target = dialog.querySelector(selector);
      if (target instanceof HTMLElement) {
        target.focus();
        return;
      }
    }
  }

  /** @param {HTMLDialogElement} dialog @param {HTMLElement} sidebar @param {HTMLElement} button */
  function openDrawer(dialog, sidebar, button) {
    if (dialog.open) return;
    move(sidebar, dialog);
    dialog.showModal();
    button.setAttribute("aria-expanded", "true");
    focusInside(dialog);
    // A link followed inside the drawer closes it (an "On this page" link stays on the page, under the drawer).
    const follow = (/** @type {Event} */ event) => {
      if (event.target instanceof Element && event.target.closest("a[href]")) dialog.close();
    };
    dialog.addEventListener("click", follow);
    dialog.addEventListener("close", () => {
      dialog.removeEventListener("click", follow);
      button.setAttribute("aria-expanded", "false");
      // The theme moves the content back on close; where its listener is missing, do it here.
      if (dialog.childNodes.length && !sidebar.childNodes.length) move(dialog, sidebar);
      button.focus();
    }, { once: true });
  }

  /** @param {HTMLElement} sidebar */
  function shown(sidebar) {
    const style = getComputedStyle(sidebar);
    return style.display !== "none" && style.visibility !== "hidden" && sidebar.getBoundingClientRect().width > 0;
  }

  /** @param {"primary" | "secondary"} kind @param {HTMLElement} button */
  function toggle(kind, button) {
    const sidebar = document.getElementById(`pst-${kind}-sidebar`);
    const dialog = document.getElementById(`pst-${kind}-sidebar-modal`);
    if (!sidebar || !(dialog instanceof HTMLDialogElement)) return;
    if (kind === "primary" && window.matchMedia(WIDE).matches) {
      const hidden = sidebar.classList.toggle("pst-sidebar-hidden");
      button.setAttribute("aria-expanded", String(!hidden));
      return;
    }
    if (kind === "secondary" && shown(sidebar)) {
      sidebar.scrollIntoView({ block: "start" });
      return;
    }
    openDrawer(dialog, sidebar, button);
  }

  window.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const button = target?.closest(".primary-toggle, .secondary-toggle");
    if (!(button instanceof HTMLElement)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    button.blur();  // a tooltip shown on focus would otherwise stay over the page
    toggle(button.classList.contains("primary-toggle") ? "primary" : "secondary", button);
  }, true);

  function label() {
    document.querySelectorAll(".primary-toggle, .secondary-toggle").forEach((button) => {
      const primary = button.classList.contains("primary-toggle");
      button.setAttribute("aria-controls", primary ? "pst-primary-sidebar-modal" : "pst-secondary-sidebar-modal");
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-label", primary ? "Chapters" : "On this page");
      // The theme's Bootstrap tooltip repeats the label and, on a phone, is all a tap showed.
      button.removeAttribute("data-bs-toggle");
      button.removeAttribute("title");
    });
    const sidebar = document.getElementById("pst-primary-sidebar");
    if (sidebar && window.matchMedia(WIDE).matches) {
      document.querySelectorAll(".primary-toggle").forEach((b) => b.setAttribute("aria-expanded", "true"));
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", label, { once: true });
  else label();
})();
