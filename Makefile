# Rollout Planner — `make run` opens the app on the bundled Gers sample, `make test` runs the suite headless.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_WORKERS ?= 2
# Python caches compiled modules (and pytest its rewritten test modules) in __pycache__ even where the shell asks it
# not to: the suite starts a Python process per worker, per CLI run and per writer process, and compiling the
# whole package each time cost ~15 s of the suite's wall time.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test test-slow bench installer clean translations translations-update

$(STAMP): pyproject.toml
	bash installer/sysdeps.sh
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	$(MAKE) translations
	touch $(STAMP)

# Qt Linguist: .ts sources (committed) -> .qm (built here, at install time)
TS := $(wildcard resources/translations/*.ts)
translations:
	@for ts in $(TS); do $(BIN)/pyside6-lrelease -silent $$ts -qm $${ts%.ts}.qm || exit 1; done

# Re-extract the visible strings from the code into the .ts files (then translate them in Qt Linguist)
translations-update: $(STAMP)
	$(BIN)/pyside6-lupdate $$(find planner/ui planner/render -name '*.py') -ts resources/translations/rollout_planner_fr.ts

run: $(STAMP) translations
	$(BIN)/python main.py

# the whole suite in one pytest run, spread over the cores by pytest-xdist (cyclic garbage collection stays on the
# GUI thread: planner/ui/common/gc_guard.py and tests/conftest.py)
test: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider -n $(TEST_WORKERS)

test-slow: $(STAMP) translations
	$(BIN)/pip install -q 'pyinstaller>=6'  # the bundle test builds the installer's one-folder app
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m slow -rs

bench: $(STAMP)
	for f in bench/bench_*.py; do QT_QPA_PLATFORM=offscreen $(BIN)/python $$f || exit 1; done

installer: $(STAMP)
	$(BIN)/pip install -q 'pyinstaller>=6'
	$(MAKE) translations
	$(BIN)/python installer/make_icons.py
	$(BIN)/pyinstaller --noconfirm --clean --distpath dist --workpath build installer/rollout_planner.spec
	QT_QPA_PLATFORM=offscreen $(BIN)/python installer/smoke_test.py dist

clean:
	rm -rf $(VENV) build dist *.egg-info
