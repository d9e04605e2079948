# The Working Alliance: every command a student, instructor or contributor needs.
#   make serve   set up (.venv, npm ci), build, and serve the site at http://127.0.0.1:$(PORT)
#   make test    make check, then the whole pytest suite (unit, build and browser tests)
#   make check   build the site from scratch and check content, links and assets
#   make example build the mkdocs-material example (examples/mkdocs-material) into _build/mkdocs-example
#   make bench   print build, size and speed figures (and write bench-results.json)
#   make export  every quiz as Moodle GIFT and Canvas QTI 1.2 into _build/export (NAME: scripts/export NAME)
#   make instructor  build the instructor edition (notes and answer keys) into _build/instructor/html
#   make new KIND=chapter|quiz|exercise|vignette NAME=slug [PAGE=book/x.md]   create a skeleton to fill in
#   make clean   remove build output
PORT ?= 8000
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SETUP := $(VENV)/.installed node_modules/.installed

.PHONY: serve build test check bench clean setup chromium instructor new export example

setup: $(SETUP)

$(VENV)/.installed: requirements/requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# An incremental build: fast when nothing changed. `make check` always builds from scratch.
build: $(SETUP)
	$(BIN)/jupyter-book build . 

serve: build
	@echo "Serving the course at http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

check: $(SETUP)
	$(BIN)/python scripts/check

# Every quiz as Moodle GIFT and a Canvas QTI 1.2 package in _build/export/ (quizzes/README.md says how).
export: $(SETUP)
	$(BIN)/python scripts/export

chromium:
	@scripts/find-chromium > /dev/null

test: check example
	CHROMIUM="$$(scripts/find-chromium)" $(BIN)/python -m pytest

# The engine in a mkdocs-material site (examples/mkdocs-material), built with warnings as errors; the tests in
# tests/mkdocs build it again on the port they serve it from (instant navigation needs site_url to match).
example: $(SETUP)
	cd examples/mkdocs-material && NO_MKDOCS_2_WARNING=1 ../../$(BIN)/mkdocs build --strict -d ../../_build/mkdocs-example

bench: $(SETUP)
	CHROMIUM="$$(scripts/find-chromium)" $(BIN)/python scripts/bench

# The instructor edition: never into the student site (_build/html). See scripts/instructor.
instructor: $(SETUP)
	$(BIN)/python scripts/instructor

new:
	@test -n "$(KIND)" -a -n "$(NAME)" || { echo "usage: make new KIND=chapter|quiz|exercise|vignette NAME=slug"; exit 2; }
	$(BIN)/python scripts/new $(KIND) $(NAME) $(if $(PAGE),--page $(PAGE))

clean:
	rm -rf _build
