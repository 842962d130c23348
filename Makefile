# The two commands in the README: `make lab` (set up and open the notebooks) and `make test`
# (set up, lint, and run every test, offline where it can). Also:
#   make notebooks   execute every notebook top to bottom in a fresh kernel and format it
#                    (the only way outputs are stored); NB=notebooks/04_loss_functions.ipynb for one
#   make format      format only: ruff on code and notebooks, badges, setup cells, metadata
#   make lint        check all of that without changing anything (part of `make test`)
#   make student     write the student notebooks to student/ (exercises unanswered)
#   make nbgrader   write an nbgrader course (source/ of every notebook) to build/nbgrader/
#   make keys        write helpers/answer_keys/ from the answer specs in tools/answers/
# All create or reuse the virtual environment in $(VENV).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NB ?=
# JupyterLab refuses to start as root (containers, classroom images) unless told it may.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test lint format notebooks student keys nbgrader clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -r requirements.txt
	touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab $(ALLOW_ROOT) student/

# Two workers, one test file (or notebook, whose cells share a kernel) at a time on each.
test: lint
	$(BIN)/python -m pytest --offline -n 2 --dist loadfile

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python tools/format_notebooks.py --check

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/python tools/format_notebooks.py $(NB)
	$(BIN)/python tools/make_student_version.py $(NB)

notebooks: $(STAMP)
	$(BIN)/ruff format $(or $(NB),notebooks/)
	$(BIN)/python tools/format_notebooks.py --execute $(NB)
	$(BIN)/python tools/make_student_version.py $(NB)

student: $(STAMP)
	$(BIN)/python tools/make_student_version.py

nbgrader: $(STAMP)
	$(BIN)/python tools/make_nbgrader.py

keys: $(STAMP)
	$(BIN)/python tools/make_keys.py

clean:
	rm -rf $(VENV) build dist
