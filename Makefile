# The two commands in the README: `make lab` (set up and open the notebooks) and `make test`
# (set up, lint, and run every test, offline where it can). Also:
#   make test-native the same tests, nbval with this machine's own numerics (no portability check)
#   make notebooks   execute every notebook top to bottom in a fresh kernel and format it
#                    (the only way outputs are stored); NB=notebooks/04_loss_functions.ipynb for one
#   make format      format only: ruff on code and notebooks, badges, setup cells, metadata
#   make lint        check all of that without changing anything (part of `make test`)
#   make test-colab  strict nbval under Colab's versions (requirements-colab.txt) in $(COLAB_VENV),
#                    helpers installed from a wheel, the notebooks run outside the checkout
#   make test-kaggle the same under Kaggle's versions (requirements-kaggle.txt) in $(KAGGLE_VENV)
#   make test-nbgrader  the grading's slow checks, outside `make test` for time: nbgrader autogrades
#                    every notebook (solutions full marks, blank zero) and every answer key is
#                    rebuilt at full strength (`make test` autogrades 04 and 11, checks the rest
#                    statically; docs/GRADING.md)
#   make test-jax    the Keras notebooks (03, 04, 07, 08, 09) under KERAS_BACKEND=jax with a pinned
#                    CPU jax (requirements-jax.txt) in $(JAX_VENV): every cell runs and every assert
#                    holds; the stored (TensorFlow) outputs are not compared (nbval's lax mode)
#   make release VERSION=1.2.0   bump the version; badges and setup cells name the tag v1.2.0
#   make student     write the student notebooks to student/ (exercises unanswered)
#   make nbgrader    write an nbgrader course (source/ of every notebook) to build/nbgrader/;
#                    HIDE_CHECKS=1 keeps the checks out of the students' release (docs/GRADING.md)
#   make keys        write helpers/answer_keys/ from the answer specs in tools/answers/;
#                    ANSWERS=~/private/answers takes the specs from another folder (an
#                    instructor's own numbers), KEYS=dir writes the keys there (docs/GRADING.md)
#   make site        build the course site from the stored outputs into build/site/
#                    (tools/build_site.py says which notebooks; SITE_SOURCE=folder overrides once)
# All create or reuse the virtual environment in $(VENV).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
COLAB_VENV ?= .venv-colab
COLAB_STAMP := $(COLAB_VENV)/.installed
COLAB_RUN := build/colab
KAGGLE_VENV ?= .venv-kaggle
KAGGLE_STAMP := $(KAGGLE_VENV)/.installed
KAGGLE_RUN := build/kaggle
JAX_VENV ?= .venv-jax
JAX_STAMP := $(JAX_VENV)/.installed
JAX_NOTEBOOKS := $(wildcard $(foreach n,03 04 07 08 09,notebooks/$(n)_*.ipynb))
NB ?=
AXE := tools/a11y/node_modules/axe-core/axe.min.js
# Empty: the site shows the notebooks that SOURCE in tools/build_site.py names (the one setting).
SITE_SOURCE ?=
# JupyterLab refuses to start as root (containers, classroom images) unless told it may.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test test-native test-nbgrader lint format notebooks student keys nbgrader test-colab test-kaggle test-jax release site clean

# On a machine with an NVIDIA GPU, TensorFlow's CUDA libraries too (requirements-gpu.txt), so that
# the notebooks and the tests use the GPU; GPU=0 skips them. The test run's header names the device.
GPU ?= $(if $(shell command -v nvidia-smi 2>/dev/null),1,0)

# Installs with uv (pinned in requirements.txt), which unpacks and compiles to bytecode on every
# core: 36 s here against pip's 139 s, the same packages at the same versions (compared with
# pip freeze). Where uv cannot install (an index or wheel folder that only pip is set up for, in
# pip.conf or PIP_* variables: uv reads UV_* ones), pip installs instead. Compiled up front: left
# to first import, every test worker and kernel compiles TensorFlow at once (3 minutes more here).
UV_PIN := $(shell grep -m1 '^uv==' requirements.txt)
install = $(1)/bin/python -m pip install -q $(UV_PIN) \
	&& $(1)/bin/uv pip install --python $(1)/bin/python --compile-bytecode $(2) \
	|| $(1)/bin/python -m pip install $(2)
$(STAMP): requirements.txt requirements-site.txt requirements-gpu.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(call install,$(VENV),-r requirements.txt -r requirements-site.txt \
		$(if $(filter 1,$(GPU)),-r requirements-gpu.txt))
	touch $(STAMP)

# A student's JupyterLab: the repository with the student notebooks' folder shown first (notebooks/
# is one level up), without the instructor tooling that shares the environment (nbgrader's server
# and lab extensions are off for this server only) and without the Jupyter news pop-up. Its
# configuration is in $(LAB_DIR) (the environment's own is not changed; `jupyter lab` run directly
# is the instructor's, with nbgrader). LAB_ARGS adds options: make lab LAB_ARGS="--port 8899 --no-browser"
LAB_DIR := build/lab
LAB_ARGS ?=
NBGRADER_OFF := {"ServerApp": {"jpserver_extensions": {\
	"nbgrader.server_extensions.formgrader": false, \
	"nbgrader.server_extensions.validate_assignment": false, \
	"nbgrader.server_extensions.assignment_list": false, \
	"nbgrader.server_extensions.course_list": false}}}
NEWS_SETTINGS := $(LAB_DIR)/settings/@jupyterlab/apputils-extension/notification.jupyterlab-settings
lab: $(STAMP)
	mkdir -p $(LAB_DIR)/config/labconfig $(dir $(NEWS_SETTINGS))
	echo '{"disabledExtensions": {"@jupyter/nbgrader": true}}' > $(LAB_DIR)/config/labconfig/page_config.json
	echo '$(NBGRADER_OFF)' > $(LAB_DIR)/config/jupyter_server_config.json
	test -f $(NEWS_SETTINGS) || echo '{"fetchNews": "false", "checkForUpdates": false}' > $(NEWS_SETTINGS)
	JUPYTER_CONFIG_DIR=$(LAB_DIR)/config JUPYTERLAB_SETTINGS_DIR=$(LAB_DIR)/settings \
		$(BIN)/jupyter lab $(ALLOW_ROOT) --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/student \
		--LabApp.news_url=None $(LAB_ARGS)

# Three workers on two cores (measured faster than two: kernels wait on start-up and I/O), one
# test file or notebook (whose cells share a kernel) at a time on each, handed out in collection
# order (--no-loadscope-reorder; xdist would otherwise start the files with the most tests first),
# which conftest.py sorts longest first so that no long file starts last.
# Strict nbval runs under the portability check's numerics (conftest.py); test-native runs every
# test with this machine's own numerics instead.
PYTEST_XDIST := -n 3 --dist loadfile --no-loadscope-reorder
test: lint $(AXE)
	$(BIN)/python -m pytest --offline $(PYTEST_XDIST)

test-native: lint $(AXE)
	$(BIN)/python -m pytest --offline $(PYTEST_XDIST) --native-numerics

# Outside `make test` (it executes the whole series twice more: about as long as `make test`).
# Each notebook's autograde is one test, so the three workers share them (--dist load).
test-nbgrader: $(STAMP)
	$(BIN)/python tools/make_keys.py --check
	$(BIN)/python -m pytest --offline -n 3 --dist load --nbgrader-all tests/test_nbgrader_all.py

# axe-core, the accessibility engine the site tests run in Chromium: pinned in tools/a11y's
# package-lock.json, installed from the npm registry (without npm the site tests say so and skip it).
$(AXE): tools/a11y/package.json tools/a11y/package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --prefix tools/a11y --no-audit --no-fund --loglevel=error && touch $(AXE) \
		|| echo "axe-core could not be installed (offline?): the accessibility test will be skipped"; \
	else echo "npm missing: the accessibility test will be skipped"; fi

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

$(COLAB_STAMP): requirements-colab.txt pyproject.toml
	$(PYTHON) -m venv $(COLAB_VENV)
	$(COLAB_VENV)/bin/python -m pip install -r requirements-colab.txt
	touch $(COLAB_STAMP)

$(KAGGLE_STAMP): requirements-kaggle.txt pyproject.toml
	$(PYTHON) -m venv $(KAGGLE_VENV)
	$(KAGGLE_VENV)/bin/python -m pip install -r requirements-kaggle.txt
	touch $(KAGGLE_STAMP)

# As on Colab (and Kaggle): helpers installed (not editable) and the notebooks run where no
# checkout is one level up, so the setup cell takes the installed helpers. Not part of `make test`
# (time budget). Strict nbval with the portability check, as in `make test`.
test-colab: $(COLAB_STAMP)
	$(COLAB_VENV)/bin/python -m pip install -q --no-deps --no-build-isolation --force-reinstall .
	rm -rf $(COLAB_RUN) && mkdir -p $(COLAB_RUN) && cp -r notebooks $(COLAB_RUN)/
	$(COLAB_VENV)/bin/python -m pytest --offline $(COLAB_RUN)/notebooks

test-kaggle: $(KAGGLE_STAMP)
	$(KAGGLE_VENV)/bin/python -m pip install -q --no-deps --no-build-isolation --force-reinstall .
	rm -rf $(KAGGLE_RUN) && mkdir -p $(KAGGLE_RUN) && cp -r notebooks $(KAGGLE_RUN)/
	$(KAGGLE_VENV)/bin/python -m pytest --offline $(KAGGLE_RUN)/notebooks

$(JAX_STAMP): requirements-jax.txt requirements.txt pyproject.toml
	$(PYTHON) -m venv $(JAX_VENV)
	$(JAX_VENV)/bin/python -m pip install -r requirements-jax.txt
	touch $(JAX_STAMP)

# The Keras notebooks on the JAX backend (issue 23): nbval's lax mode runs every cell in a fresh
# kernel and fails on any error (a failed assert included) without comparing the stored outputs,
# which are TensorFlow's; and the unit tests of the backend choice, whose JAX tests need jax.
# Not part of `make test` (time budget).
test-jax: $(JAX_STAMP)
	KERAS_BACKEND=jax $(JAX_VENV)/bin/python -m pytest --offline --nbval-lax -p no:xdist \
		tests/test_backend.py $(JAX_NOTEBOOKS)

release: $(STAMP)
	@test -n "$(VERSION)" || { echo "usage: make release VERSION=1.2.0"; exit 2; }
	$(BIN)/python tools/release.py $(VERSION)
# HIDE_CHECKS=1: the checks become hidden tests, out of the students' release (summative use).
HIDE_CHECKS ?=
nbgrader: $(STAMP)
	$(BIN)/python tools/make_nbgrader.py $(if $(HIDE_CHECKS),--hide-checks)

# An instructor's own numbers: specs in ANSWERS (outside the repository), keys to KEYS.
ANSWERS ?=
KEYS ?=
keys: $(STAMP)
	$(BIN)/python tools/make_keys.py $(if $(ANSWERS),--answers $(ANSWERS)) $(if $(KEYS),--out $(KEYS))

site: $(STAMP)
	$(BIN)/python tools/build_site.py $(if $(SITE_SOURCE),--source $(SITE_SOURCE))

clean:
	rm -rf $(VENV) $(COLAB_VENV) $(KAGGLE_VENV) $(JAX_VENV) tools/a11y/node_modules build dist
