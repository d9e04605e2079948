// @ts-check
/**
 * The one Pyodide worker of a page, started on first need (or when the browser is idle), shared by
 * quizzes and exercises. Requests carry an id and resolve through a promise. A run that exceeds its time
 * limit terminates the worker (the only way to stop a busy Python), and the next request starts a fresh one.
 *
 * A start that fails says why (PythonUnavailable: a file missing or damaged, nothing arriving for a while, or a
 * site rebuilt since the page was loaded) and waits for the student's Retry or next run; nothing else on the
 * page depends on Python. Settings (worker URL, when a start is slow, when it is given up) come from the page's
 * `#pq-python-settings` JSON block (sphinx/preload.py).
 */

import { el } from "./payload.js";
import { t, formatNumber } from "./i18n.js";
import "./strings/python.js";
import "./strings/tests.js";

const WORKER_URL = new URL("./python-worker.js", import.meta.url);

/** @type {Worker | null} */
let worker = null;
/** @type {Promise<void> | null} */
let ready = null;
let nextId = 1;
/** @type {Map<number, {resolve: (v: any) => void, reject: (e: Error) => void}>} */
const pending = new Map();
/** @type {Set<(state: string, download: Download) => void>} */
const listeners = new Set();
let state = "idle";
/**
 * Pyodide's download so far, as the worker counts it: bytes read, bytes in all (0 until the worker knows) and
 * milliseconds since the worker started.
 * @typedef {{loaded: number, total: number, ms: number}} Download
 */
/** @type {Download} */
let download = { loaded: 0, total: 0, ms: 0 };

export class PythonTimeout extends Error {}
export class PythonCrashed extends Error {}
/**
 * Python could not start; `stale`: the site was rebuilt since this page was loaded, so only a reload helps.
 * The reason is a catalogue key (python.problem.*, the worker's or this module's) with its values.
 */
export class PythonUnavailable extends Error {
  /** @param {string} key @param {Record<string, unknown>} [vars] @param {boolean} [stale] */
  constructor(key, vars = {}, stale = false) {
    const reason = t(key, vars);
    super(t("python.unavailable", { reason }));
    this.reason = reason;
    this.stale = stale;
  }
}

/** Why the last start failed (null when it did not). @type {PythonUnavailable | null} */
let problem = null;
/** Whether the current start has taken longer than the page's `slow_after`. */
let slow = false;

/** The page's settings, with defaults for a page that has none (a site built without sphinx/preload.py). */
function settings() {
  let data = {};
  try {
    data = JSON.parse(document.getElementById("pq-python-settings")?.textContent || "{}");
  } catch {
    // unreadable settings: the defaults
  }
  return {
    worker: new URL(data.worker || WORKER_URL, document.baseURI),
    slowAfter: Number(data.slow_after) || 8,
    giveUpAfter: Number(data.give_up_after) || 30,
  };
}

/** @param {string} next */
function setState(next) {
  state = next;
  listeners.forEach((listener) => listener(next, download));
}

/**
 * Subscribe to "idle" | "loading" | "ready" | "running" | "failed", and to the download while loading.
 * @param {(state: string, download: Download) => void} listener @returns {() => void} unsubscribe
 */
export function onState(listener) {
  listeners.add(listener);
  listener(state, download);
  return () => { listeners.delete(listener); };
}

const MB = (/** @type {number} */ bytes) => formatNumber(bytes / 1e6, 1);

/**
 * Show Python's state in `line`: while it loads, a progress bar with the megabytes downloaded and, when the
 * connection is slow, about how long is left at its speed; then "ready". With `quiet`, nothing once Python is up
 * (the caller says what runs). Returns a function that stops the updates.
 * @param {HTMLElement} line @param {boolean} [quiet]
 */
export function showState(line, quiet) {
  let started = false;
  const bar = /** @type {HTMLProgressElement} */ (el("progress"));
  return onState((now, { loaded, total, ms }) => {
    // "idle" after a start means the worker was stopped (a run took too long).
    const stopped = now === "idle" && started;
    started ||= now !== "idle";
    const slowNote = () => el("span", t("python.slow"), "pq-slow");
    /** @type {(string | Node)[]} */
    let parts = [{
      idle: t(stopped ? "python.stopped" : "python.idle"),
      loading: `${t("python.loading")} `,
      ready: quiet ? "" : t("python.ready"),
      running: quiet ? "" : t("python.running"),
      failed: "",
    }[now]];
    if (now === "loading" && slow) parts.push(slowNote());
    if (now === "failed" && problem) parts = failureNotice(problem, () => { retry().catch(() => {}); });
    if (now === "loading" && total > loaded) {
      bar.max = total;
      bar.value = loaded;
      const left = ((total - loaded) * ms) / loaded / 1000;
      parts = [`${t("python.downloading", { loaded: MB(loaded), total: MB(total) })} `, bar];
      // Honest about a slow connection: after a few seconds, the time left at the speed seen so far.
      if (ms > 4000 && left > 10) parts.push(el("span", t("python.time_left", { seconds: Math.ceil(left / 10) * 10 }), "pq-slow"));
      else if (slow) parts.push(slowNote());
    }
    line.replaceChildren(...parts);
  });
}

/**
 * The tests' results: the first failure open, the other failures and the passes folded away with a count, so
 * that the one message that helps is not pushed out of sight by a wall of failures.
 * @param {Array<{name: string, passed: boolean, message: string}>} tests @returns {HTMLElement[]}
 */
export function testList(tests) {
  const list = (/** @type {typeof tests} */ some) => {
    const ul = el("ul", undefined, "pq-tests");
    for (const test of some) {
      const li = el("li", undefined, test.passed ? "pq-pass" : "pq-fail");
      li.append(el("span", `${t(test.passed ? "tests.passed" : "tests.failed")} `, "pq-test-mark"), test.name.replace(/^test_/, "").replace(/_/g, " "));
      if (test.message) li.append(el("pre", test.message, "pq-test-message"));
      ul.append(li);
    }
    return ul;
  };
  const fold = (/** @type {string} */ summary, /** @type {typeof tests} */ some) => {
    const details = el("details", undefined, "pq-more-tests");
    details.append(el("summary", summary), list(some));
    return some.length ? [details] : [];
  };
  const failed = tests.filter((t) => !t.passed);
  const passed = tests.filter((t) => t.passed);
  if (!failed.length) return passed.length ? [list(passed)] : [];
  return [list(failed.slice(0, 1)), ...fold(t("tests.more_failing", { count: failed.length - 1 }), failed.slice(1)),
    ...fold(t("tests.passing", { count: passed.length }), passed)];
}

/**
 * What to show when Python could not start: the reason, that the rest of the page works, and a button: Retry
 * (calls `onRetry`), or for a rebuilt site, Reload.
 * @param {PythonUnavailable} error @param {() => void} onRetry @returns {HTMLElement[]}
 */
export function failureNotice(error, onRetry) {
  const button = el("button", t(error.stale ? "python.reload" : "python.retry"), "pq-button pq-python-retry");
  button.setAttribute("type", "button");
  if (error.stale) {
    button.addEventListener("click", () => window.location.reload());
    return [el("span", `${t("python.stale")} `, "pq-python-failed"), button];
  }
  button.addEventListener("click", onRetry);
  // Text and button, no paragraph: the notice also goes into Python's state line, itself a paragraph.
  return [el("span", `${t("python.failed", { problem: error.message })} `, "pq-python-failed"), button];
}

/** @param {Error} error */
function failAll(error) {
  pending.forEach(({ reject }) => reject(error));
  pending.clear();
}

function stop() {
  worker?.terminate();
  worker = null;
  ready = null;
}

/**
 * The worker a page with Python started while it was still being parsed (see sphinx/preload.py), with the
 * events it sent before this module was there to hear them; null if there is none (or it was taken).
 * @returns {{worker: Worker, events: Event[]} | null}
 */
function takeEarlyWorker() {
  const early = /** @type {any} */ (window).pqEarlyPython;
  return early && typeof early.take === "function" ? early.take() : null;
}

/**
 * Start the worker and load Pyodide, once; after a failed start, a new try (a site rebuilt since the page was
 * loaded fails at once: only a reload helps). @returns {Promise<void>}
 */
export function start() {
  if (ready) return ready;
  if (problem?.stale) return Promise.reject(problem);
  problem = null;
  slow = false;
  download = { loaded: 0, total: 0, ms: 0 };
  setState("loading");
  const { worker: url, slowAfter, giveUpAfter } = settings();
  const early = takeEarlyWorker();
  worker = early ? early.worker : new Worker(url, { type: "module" });
  const current = worker;
  const attempt = new Promise((resolve, reject) => {
    let started = false;
    // Slow: say so. Nothing arriving for a long while (while bytes are still due): stop waiting, say why, and
    // offer Retry.
    const slowTimer = setTimeout(() => {
      slow = true;
      if (state === "loading") setState(state);
    }, slowAfter * 1000);
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let stallTimer;
    const watchStall = () => {
      clearTimeout(stallTimer);
      stallTimer = setTimeout(() => giveUp(new PythonUnavailable("python.problem.stalled", { seconds: giveUpAfter })),
        giveUpAfter * 1000);
    };
    watchStall();
    /** @param {PythonUnavailable} error */
    const giveUp = (error) => {
      if (started || worker !== current) return;
      clearTimeout(slowTimer);
      clearTimeout(stallTimer);
      stop();
      problem = error;
      setState("failed");
      failAll(error);
      reject(error);
    };
    /** @param {MessageEvent} event */
    const onMessage = (event) => {
      const message = event.data;
      if (message.type === "progress") {
        download = message;
        // Every byte in: what is left is the computer's work (slow on a busy one), not the connection's.
        if (download.total && download.loaded >= download.total) clearTimeout(stallTimer);
        else watchStall();
        if (state === "loading") setState(state);
      } else if (message.type === "ready") {
        started = true;
        clearTimeout(slowTimer);
        clearTimeout(stallTimer);
        setState("ready");
        // For whoever keeps an offline copy (the course's service worker): Pyodide is now worth keeping.
        window.dispatchEvent(new CustomEvent("pq:python-ready", { detail: message.timings }));
        resolve();
      } else if (message.type === "load-error") {
        giveUp(new PythonUnavailable(message.key, message.vars, Boolean(message.stale)));
      } else if (pending.has(message.id)) {
        const { resolve: done } = /** @type {any} */ (pending.get(message.id));
        pending.delete(message.id);
        if (!pending.size) setState("ready");
        done(message.result);
      }
    };
    /** @param {Event} event */
    const onError = (event) => {
      event.preventDefault();
      if (!started) {
        giveUp(new PythonUnavailable("python.problem.crashed_start"));
        return;
      }
      if (worker !== current) return;
      stop();
      setState("idle");
      failAll(new PythonCrashed(t("python.crashed")));
    };
    current.addEventListener("message", onMessage);
    current.addEventListener("error", onError);
    for (const event of early ? early.events : []) {
      if (event.type === "message") onMessage(/** @type {MessageEvent} */ (event));
      else onError(event);
    }
  });
  // A start that failed already (the early worker's events told so) leaves nothing to wait for: the next start
  // is a new try.
  if (worker === current) ready = attempt;
  return attempt;
}

/** Try again after a failed start (the Retry button): a start under way is not cut short. @returns {Promise<void>} */
export function retry() {
  return start();
}

/** Start Python unless a start has already failed: only the student's Retry or next run tries again. */
export function warmUp() {
  if (!problem) start().catch(() => {});
}

/** Start Python when the browser has nothing better to do. */
export function startWhenIdle() {
  const go = warmUp;
  if ("requestIdleCallback" in window) window.requestIdleCallback(go, { timeout: 4000 });
  else setTimeout(go, 1500);
}

/**
 * @param {string} action @param {Record<string, unknown>} payload @param {number} timeoutSeconds
 * @returns {Promise<any>}
 */
async function request(action, payload, timeoutSeconds) {
  await start();
  const id = nextId++;
  const current = /** @type {Worker} */ (worker);
  setState("running");
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      stop();
      setState("idle");
      failAll(new PythonTimeout(t("python.restarted")));
      reject(new PythonTimeout(t("python.timeout", { seconds: timeoutSeconds })));
    }, timeoutSeconds * 1000);
    pending.set(id, {
      resolve: (value) => { clearTimeout(timer); resolve(value); },
      reject: (error) => { clearTimeout(timer); reject(error); },
    });
    current.postMessage({ id, action, ...payload });
  });
}

/** @param {string} code @param {string} tests @param {number} timeout @param {Record<string, string>} [files] */
export function runTests(code, tests, timeout, files) {
  return request("run-tests", { code, tests, files: files || {} }, timeout);
}

/** @param {string} code @param {number} timeout @param {Record<string, string>} [files] */
export function runProgram(code, timeout, files) {
  return request("run", { code, files: files || {} }, timeout);
}
