# The two commands in the README: `make lab` (set up and open the notebooks) and `make test`
# (set up and run every test, offline where it can). `make student` writes the student notebooks to
# build/student/. All create or reuse the virtual environment in $(VENV).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: lab test student clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -r requirements.txt
	touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

test: $(STAMP)
	$(BIN)/python -m pytest --offline

student: $(STAMP)
	$(BIN)/python tools/make_student_version.py

clean:
	rm -rf $(VENV) build dist
