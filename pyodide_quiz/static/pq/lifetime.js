// @ts-check
/**
 * What a widget holds outside its own element (a `storage` listener, window and document listeners, Python's
 * state), kept until the element has left the document. A site that swaps pages in without a reload
 * (mkdocs-material's instant navigation) calls loader.js's start() for every page it swaps in, and start() lets go
 * of the widgets swapped out; otherwise each of them would stay in memory and keep answering other tabs' saves.
 * In a book no widget leaves its page, so nothing is ever released there.
 */

/** @type {Map<Element, (() => void)[]>} */
const held = new Map();

/**
 * Call each of `releases` once `root` has left the document (they stop listening, flush a pending save).
 * @param {Element} root @param {...(() => void)} releases
 */
export function holdWhileConnected(root, ...releases) {
  held.set(root, [...(held.get(root) || []), ...releases]);
}

/**
 * `handler` for `type` events on `target`, as a function that removes it again (for holdWhileConnected).
 * @param {EventTarget} target @param {string} type @param {(event: Event) => void} handler @returns {() => void}
 */
export function listen(target, type, handler) {
  target.addEventListener(type, handler);
  return () => target.removeEventListener(type, handler);
}

/** Release what every widget that has left the document still holds. */
export function releaseDetached() {
  for (const [root, releases] of held) {
    if (root.isConnected) continue;
    held.delete(root);
    for (const release of releases) release();
  }
}
