// @ts-check
/**
 * The one Pyodide worker of a page, started on first need (or when the browser is idle), shared by
 * quizzes and exercises. Requests carry an id and resolve through a promise. A run that exceeds its time
 * limit terminates the worker (the only way to stop a busy Python), and the next request starts a fresh one.
 */

const WORKER_URL = new URL("./python-worker.js", import.meta.url);

/** @type {Worker | null} */
let worker = null;
/** @type {Promise<void> | null} */
let ready = null;
let nextId = 1;
/** @type {Map<number, {resolve: (v: any) => void, reject: (e: Error) => void}>} */
const pending = new Map();
/** @type {Set<(state: string) => void>} */
const listeners = new Set();
let state = "idle";

export class PythonTimeout extends Error {}
export class PythonCrashed extends Error {}

/** @param {string} next */
function setState(next) {
  state = next;
  listeners.forEach((listener) => listener(next));
}

/** Subscribe to "idle" | "loading" | "ready" | "running" | "failed". @param {(s: string) => void} listener */
export function onState(listener) {
  listeners.add(listener);
  listener(state);
  return () => listeners.delete(listener);
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

/** Start the worker and load Pyodide, once. @returns {Promise<void>} */
export function start() {
  if (ready) return ready;
  setState("loading");
  const early = takeEarlyWorker();
  worker = early ? early.worker : new Worker(WORKER_URL, { type: "module" });
  const current = worker;
  ready = new Promise((resolve, reject) => {
    /** @param {MessageEvent} event */
    const onMessage = (event) => {
      const message = event.data;
      if (message.type === "ready") {
        setState("ready");
        // For whoever keeps an offline copy (the course's service worker): Pyodide is now worth keeping.
        window.dispatchEvent(new CustomEvent("pq:python-ready", { detail: message.timings }));
        resolve();
      } else if (message.type === "load-error") {
        setState("failed");
        reject(new PythonCrashed(message.error));
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
      const error = new PythonCrashed("Python stopped unexpectedly (it may have run out of memory).");
      if (worker === current) stop();
      setState("failed");
      failAll(error);
      reject(error);
    };
    current.addEventListener("message", onMessage);
    current.addEventListener("error", onError);
    for (const event of early ? early.events : []) {
      if (event.type === "message") onMessage(/** @type {MessageEvent} */ (event));
      else onError(event);
    }
  });
  return ready;
}

/** Start Python when the browser has nothing better to do. */
export function startWhenIdle() {
  const go = () => start().catch(() => {});
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
      failAll(new PythonTimeout("restarted"));
      reject(new PythonTimeout(`Your code ran for more than ${timeoutSeconds} seconds and was stopped.`));
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
