// "Copy link to this section": a button on every h2 and h3 of the article (course_site/assigning.py).
// It copies the section's address (page URL + #anchor) with the Clipboard API; where that is refused or
// missing, it shows the address in a text box with the whole address selected, ready for Ctrl+C / Cmd+C.
// The result is announced in one polite live region.
const ICON = '<svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16">' +
  '<path fill="currentColor" d="M6.4 9.6a.75.75 0 0 1 0-1.06l2.12-2.12a.75.75 0 1 1 1.06 1.06L7.46 9.6a.75.75 0 0 1-1.06 0z"/>' +
  '<path fill="currentColor" d="M4.5 7.2 3.1 8.6a2.5 2.5 0 0 0 3.54 3.54l1.4-1.4 1.06 1.06-1.4 1.4A4 4 0 1 1 2.04 7.54l1.4-1.4zm7-1.4 1.4-1.4a2.5 2.5 0 0 0-3.54-3.54l-1.4 1.4-1.06-1.06 1.4-1.4a4 4 0 1 1 5.66 5.66l-1.4 1.4z"/></svg>';

function headingText(heading) {
  const copy = heading.cloneNode(true);
  copy.querySelectorAll(".headerlink, .course-copy-link, .course-copy-fallback").forEach((el) => el.remove());
  return copy.textContent.replace(/\s+/g, " ").trim();
}

function sectionUrl(heading) {
  const link = heading.querySelector("a.headerlink");
  const id = link ? decodeURIComponent(link.getAttribute("href").replace(/^#/, "")) : heading.closest("section[id]")?.id;
  if (!id) return null;
  return `${location.origin}${location.pathname}#${encodeURIComponent(id)}`;
}

function liveRegion() {
  let region = document.getElementById("course-copy-status");
  if (!region) {
    region = document.createElement("div");
    region.id = "course-copy-status";
    region.className = "course-visually-hidden";
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    document.body.append(region);
  }
  return region;
}

function announce(message) {
  const region = liveRegion();
  region.textContent = "";
  // A fresh text node after a tick, so the same message twice is announced twice.
  setTimeout(() => { region.textContent = message; }, 50);
}

function fallback(button, url, name) {
  let box = button.parentElement.querySelector(".course-copy-fallback");
  if (!box) {
    box = document.createElement("input");
    box.type = "text";
    box.readOnly = true;
    box.className = "course-copy-fallback";
    box.setAttribute("aria-label", `Link to this section: ${name}`);
    box.addEventListener("keydown", (event) => {
      if (event.key === "Escape") { box.remove(); button.focus(); }
    });
    button.after(box);
  }
  box.value = url;
  box.focus();
  box.select();
  announce("Could not copy automatically. The link is selected: press Control+C or Command+C to copy it.");
}

async function copy(button, url, name) {
  try {
    if (!navigator.clipboard || !window.isSecureContext) throw new Error("no clipboard");
    await navigator.clipboard.writeText(url);
    button.dataset.copied = "true";
    setTimeout(() => { delete button.dataset.copied; }, 2000);
    announce(`Link copied: ${name}`);
  } catch (error) {
    fallback(button, url, name);
  }
}

export function addButtons(root = document) {
  const headings = root.querySelectorAll(".bd-article section > h2, .bd-article section > h3");
  for (const heading of headings) {
    if (heading.querySelector(".course-copy-link")) continue;
    const url = sectionUrl(heading);
    if (!url) continue;
    const name = headingText(heading);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "course-copy-link";
    button.setAttribute("aria-label", `Copy link to this section: ${name}`);
    button.title = "Copy link to this section";
    button.innerHTML = ICON;
    button.addEventListener("click", () => copy(button, sectionUrl(heading) || url, name));
    heading.append(button);
  }
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => addButtons());
} else {
  addButtons();
}
