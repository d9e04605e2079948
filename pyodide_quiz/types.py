"""The question types: one registry, from which every list of types derives (the schema, the graders shipped to
the browser, the renderers, the modules a page imports up front, the LMS export).

A type provides, as module attributes (one module, or the built-ins' model/render/graders modules together):

- model: `SCHEMA` (its JSON Schema fragment), `problems(question, where)` (author checks beyond the schema),
  `grading_spec(question)` (what the grader needs), `sample_answers(question)` ([(answer, verdict)], which the
  checks grade to prove the answer key); optionally `prove_key(question, file, default_timeout)`, the checks'
  own proof of the key when grading needs more than a function call (python: run solution and starter);
- render: `body(ctx)` and `answer(ctx)` (lists of `html.El`), `USES_FIELDSET`; optionally `CHECK_LABEL`,
  `EXTRA_BUTTONS` ((label, class) pairs), `USES_PYTHON` (the page starts the Python worker), `UP_FRONT`
  (False: the runtime module is imported on demand), `key_text(question)` (the answer for an instructor, in words)
  and `export(question, md, warn)` -> `lms.Exported`;
- grader: a module whose `grade(spec, answer)` returns {"verdict": ...}; it imports only the standard library
  and runs unchanged in CPython and in the browser's Pyodide worker;
- runtime: `static/pq/types/<name>.js` (grade, read, restore, ...), imported by quiz.js by the type's name; a
  type from outside the engine names its file in `RUNTIME` (a path), and the Sphinx build ships it there.

A site or a package adds a type with `register(from_module(module))`, or with an entry point in the group
`pyodide_quiz.question_types` naming such a module.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType
from typing import Any, Iterator, Mapping

# The built-in types, in the order the schema, the docs and the tools list them.
BUILTIN = ("single", "multiple", "numeric", "text", "order", "python")
ENTRY_POINT_GROUP = "pyodide_quiz.question_types"


@dataclass(frozen=True)
class QuestionType:
    name: str
    model: Any
    render: Any
    grader: ModuleType

    @property
    def grader_file(self) -> Path:
        """The grader's source, shipped to the browser's worker."""
        return Path(self.grader.__file__)

    @property
    def runtime_file(self) -> Path | None:
        """The runtime module (static/pq/types/<name>.js) of a type from outside the engine: its `RUNTIME`."""
        runtime = getattr(self.render, "RUNTIME", None)
        return Path(runtime) if runtime else None

    @property
    def up_front(self) -> bool:
        return getattr(self.render, "UP_FRONT", True)

    @property
    def uses_python(self) -> bool:
        return getattr(self.render, "USES_PYTHON", False)


def from_module(module: ModuleType) -> QuestionType:
    """A type whose one module provides everything (see the module docstring), named by its `TYPE`."""
    return QuestionType(module.TYPE, module, module, module)


def _builtin(name: str) -> QuestionType:
    return QuestionType(name, import_module(f"pyodide_quiz.model.{name}"),
                        import_module(f"pyodide_quiz.render.{name}"), import_module(f"pyodide_quiz.graders.{name}"))


_registry: dict[str, QuestionType] = {}
_loaded = False


def _ensure_loaded() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for name in BUILTIN:
        _registry[name] = _builtin(name)
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        register(from_module(entry.load()))


def register(kind: QuestionType) -> QuestionType:
    """Add a question type (or replace one of the same name)."""
    _ensure_loaded()
    missing = [name for name in ("SCHEMA", "problems", "grading_spec", "sample_answers")
               if not hasattr(kind.model, name)]
    missing += [name for name in ("body", "answer") if not hasattr(kind.render, name)]
    missing += [] if hasattr(kind.grader, "grade") else ["grade"]
    if missing:
        raise TypeError(f"question type {kind.name!r} lacks {', '.join(missing)}")
    _registry[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    _ensure_loaded()
    if name in BUILTIN:
        raise ValueError(f"{name!r} is a built-in question type")
    _registry.pop(name, None)


def question_types() -> dict[str, QuestionType]:
    _ensure_loaded()
    return dict(_registry)


def type_of(name: str) -> QuestionType:
    _ensure_loaded()
    return _registry[name]


def renderer_of(name: str):
    return type_of(name).render


class _Live(Mapping):
    """A read-only view of one part of every registered type (name -> its model module, its grade function...),
    always up to date with the registry."""

    def __init__(self, part):
        self._part = part

    def __getitem__(self, name: str):
        _ensure_loaded()
        return self._part(_registry[name])

    def __iter__(self) -> Iterator[str]:
        _ensure_loaded()
        return iter(list(_registry))

    def __len__(self) -> int:
        _ensure_loaded()
        return len(_registry)

    def __repr__(self) -> str:
        return f"{{{', '.join(self)}}}"


MODELS: Mapping[str, Any] = _Live(lambda kind: kind.model)
RENDERERS: Mapping[str, Any] = _Live(lambda kind: kind.render)
GRADERS: Mapping[str, Any] = _Live(lambda kind: kind.grader.grade)
