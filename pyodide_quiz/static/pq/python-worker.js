// A module worker that hosts Pyodide (self-hosted in _static/pyodide) and the course's graders, which are
// the same Python files the build used (_static/pq-graders/graders/*.py).
import { loadPyodide } from "../pyodide/pyodide.mjs";

const PYODIDE_URL = new URL("../pyodide/", import.meta.url).href;
const GRADERS_URL = new URL("../pq-graders/", import.meta.url);
const HOME = "/home/pyodide";

let pyodide;
let runs = 0;

async function boot() {
  try {
    // The graders download while Pyodide loads, all at once.
    const graders = fetch(new URL("manifest.json", GRADERS_URL))
      .then((response) => response.json())
      .then((manifest) => Promise.all(manifest.files.map(async (/** @type {string} */ name) =>
        [name, await (await fetch(new URL(`graders/${name}`, GRADERS_URL))).text()])));
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
