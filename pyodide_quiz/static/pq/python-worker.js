// A module worker that hosts Pyodide (self-hosted in _static/pyodide) and the course's graders, which are
// the same Python files the build used (_static/pq-graders/graders/*.py).
import { loadPyodide } from "../pyodide/pyodide.mjs";

const PYODIDE_URL = new URL("../pyodide/", import.meta.url).href;
const GRADERS_URL = new URL("../pq-graders/", import.meta.url);
const HOME = "/home/pyodide";

let pyodide;
let runs = 0;

// Pyodide's download, counted as its files stream in, so the page can show a progress bar: a first start fetches
// about 12 MB, which takes a while on a slow connection. The total comes from the build (manifest.json).
let loaded = 0;
let total = 0;
let reported = 0;
function report() {
  const ms = performance.now();
  if (ms - reported < 100 && !(total && loaded >= total)) return;
  reported = ms;
  self.postMessage({ type: "progress", loaded, total, ms });
}
const plainFetch = self.fetch.bind(self);
self.fetch = async (input, init) => {
  const response = await plainFetch(input, init);
  if (!response.body || !String(input instanceof Request ? input.url : input).startsWith(PYODIDE_URL)) return response;
  const count = new TransformStream({
    transform(chunk, controller) {
      loaded += chunk.byteLength;
      report();
      controller.enqueue(chunk);
    },
  });
  // Same status and headers (application/wasm for streaming compilation), body counted on its way through.
  return new Response(response.body.pipeThrough(count), response);
};

async function boot() {
  try {
    // The graders download while Pyodide loads, all at once.
    const graders = fetch(new URL("manifest.json", GRADERS_URL))
      .then((response) => response.json())
      .then((manifest) => {
        total = manifest.download_bytes || 0;
        return Promise.all(manifest.files.map(async (/** @type {string} */ name) =>
          [name, await (await fetch(new URL(`graders/${name}`, GRADERS_URL))).text()]));
      });
    pyodide = await loadPyodide({ indexURL: PYODIDE_URL });
    const pyodideLoaded = performance.now();
    pyodide.FS.mkdirTree(`${HOME}/pq/graders`);
    for (const [name, source] of await graders) pyodide.FS.writeFile(`${HOME}/pq/graders/${name}`, source);
    pyodide.runPython(`import sys; sys.path.insert(0, "${HOME}/pq")\nimport graders.python`);
    // Milliseconds since the worker started, for the benchmark (scripts/bench).
    self.postMessage({ type: "ready", timings: { pyodide: pyodideLoaded, graders: performance.now() } });
  } catch (error) {
    self.postMessage({ type: "load-error", error: String(error) });
  }
}

const booting = boot();

function prepareFolder(files) {
  // Each run gets a fresh working folder holding the exercise's data files.
  runs += 1;
  const folder = `${HOME}/run-${runs}`;
  pyodide.FS.mkdirTree(folder);
  for (const [name, content] of Object.entries(files || {})) pyodide.FS.writeFile(`${folder}/${name}`, content);
  return folder;
}

self.addEventListener("message", async (event) => {
  await booting;
  const { id, action, code, tests, files } = event.data;
  const folder = prepareFolder(files);
  const globals = pyodide.toPy({ code, tests: tests || "", folder });
  const call = action === "run-tests" ? "graders.python.run_tests(code, tests)" : "graders.python.run_program(code)";
  try {
    const text = pyodide.runPython(
      `import json, os\nos.chdir(folder)\nimport graders.python\njson.dumps(${call}, default=repr)`,
      { globals },
    );
    self.postMessage({ id, result: JSON.parse(text) });
  } catch (error) {
    self.postMessage({ id, result: { verdict: "incorrect", error: String(error), output: "", results: [] } });
  } finally {
    globals.destroy();
  }
});
