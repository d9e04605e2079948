"""Author checks that belong to the engine, so every book that uses it gets them: `python -m pyodide_quiz check`.

Each check is a module with TITLE, KIND (the Project setting that names its folder) and `run(project, paths)`,
which returns every Problem found (file, line, message, hint) and never stops at the first. Given no paths, a
check looks at its folder of the project (checks/project.py). report.run_checks prints them as `path:line:
message` lines with a summary; scripts/check of a book adds its own checks to the same loop.
"""
from . import exercises, quizzes, transcripts, vignettes

CHECKS = [quizzes, vignettes, transcripts, exercises]
