# Kansrijk: `make run` serves everything, `make test` runs every test.
# Both set up the two Python environments first when needed (idempotent).

SHELL := /bin/bash
.DEFAULT_GOAL := run

PYTHON310 ?= $(shell scripts/find-python.sh 3.10)
PYTHON311 ?= $(shell scripts/find-python.sh 3.11)

PY    := .venv/bin/python
RASA  := .venv-rasa/bin/rasa
MODEL := models/kansrijk.tar.gz
TRAINING_FILES := config.yml $(shell find domain data -name '*.yml' 2>/dev/null) $(wildcard bot/rasa_ext/nlu_*.py)

export PYTHONPATH := $(CURDIR)
export HF_HUB_OFFLINE := 1
export TF_CPP_MIN_LOG_LEVEL := 2
export RASA_TELEMETRY_ENABLED := false
export KANSRIJK_TRACKER_DIALECT ?= sqlite
export KANSRIJK_TRACKER_DB ?= $(CURDIR)/var/rasa_tracker.db
export KANSRIJK_ACTION_URL ?= http://localhost:5055/webhook

.PHONY: run test lint setup train seed validate test-stories nlu-report texts-report bench load-test browser-deps clean

run: setup $(MODEL) seed
	$(PY) -m bot.run

test: setup $(MODEL) browser-deps
	$(MAKE) --no-print-directory lint
	$(RASA) data validate --fail-on-warnings --domain domain --data data
	$(PY) -m pytest
	$(MAKE) --no-print-directory test-stories

# ruff (pinned in requirements.txt; settings in pyproject.toml) over all Python code.
lint: .venv/.installed
	.venv/bin/ruff check .

setup: .venv-rasa/.installed .venv/.installed bot/web/static/vendor/socket.io.min.js

# The chat widget's socket.io-client, copied from node_modules into the web app (no CDN).
bot/web/static/vendor/socket.io.min.js: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
	npm ci --no-audit --no-fund
	touch $@

# Rasa 3.6 needs Python 3.10 and pins old libraries: it gets a venv of its own.
.venv-rasa/.installed: requirements-rasa.txt
	@test -n "$(PYTHON310)" || exit 1
	test -x .venv-rasa/bin/python || $(PYTHON310) -m venv .venv-rasa
	.venv-rasa/bin/pip install -q --upgrade pip
	.venv-rasa/bin/pip install -q -r requirements-rasa.txt
	touch $@

# torch goes first and alone: pip then takes the local CPU wheel, never a CUDA build.
.venv/.installed: requirements.txt
	@test -n "$(PYTHON311)" || exit 1
	test -x .venv/bin/python || $(PYTHON311) -m venv .venv
	.venv/bin/pip install -q --upgrade pip
	.venv/bin/pip install -q torch==2.13.0
	.venv/bin/pip install -q -r requirements.txt
	touch $@

# Debian's chromium for the browser tests (Playwright drives it; no browser download).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "chromium installeren (apt-get)..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Retrains only when config, domain or training data changed.
$(MODEL): $(TRAINING_FILES) | setup
	$(RASA) train --domain domain --data data --config config.yml \
	  --out models --fixed-model-name kansrijk
	touch $@

train: $(MODEL)

seed: setup
	$(PY) -m bot.seed

validate: setup
	$(RASA) data validate --fail-on-warnings --domain domain --data data

test-stories: setup $(MODEL)
	$(RASA) test core --model $(MODEL) --stories tests/stories \
	  --fail-on-prediction-errors --out var/results/stories
	@grep -q "None of the test stories failed" var/results/stories/failed_test_stories.yml || \
	  { cat var/results/stories/failed_test_stories.yml; exit 1; }

# 5-fold cross-validation on the training data, then the trained model on the
# held-out messages in tests/nlu/heldout.yml (never trained on).
nlu-report: setup $(MODEL)
	$(RASA) test nlu --nlu data/nlu --config config.yml --domain domain \
	  --cross-validation --folds 5 --out var/results/nlu
	$(RASA) test nlu --nlu tests/nlu/heldout.yml --model $(MODEL) --domain domain \
	  --out var/results/heldout
	@echo "cross-validation:"; $(PY) scripts/nlu_summary.py var/results/nlu/intent_report.json
	@echo "held-out messages:"; $(PY) scripts/nlu_summary.py var/results/heldout/intent_report.json

# Flesch-Douma and LIX of every Dutch text in texts/nl.yml, hardest first; fails under B1
# (the threshold and why: scripts/texts_report.py).
texts-report: .venv/.installed
	$(PY) scripts/texts_report.py

bench: setup $(MODEL)
	$(PY) bench/turn_latency.py

# 5 minutes of 50 simulated students (bench/locustfile.py) against a running `make run`
# (LOAD_HOST); prints p50/p95, throughput and whether every report code was stored.
LOAD_HOST ?= http://localhost:5005
LOAD_TIME ?= 5m
load-test: .venv/.installed
	@mkdir -p var/results/load && rm -f var/results/load/codes.txt
	KANSRIJK_LOAD_CODES=$(CURDIR)/var/results/load/codes.txt .venv/bin/locust -f bench/locustfile.py \
	  --headless -u 50 -r 10 -t $(LOAD_TIME) --stop-timeout 30 --host $(LOAD_HOST) \
	  --csv var/results/load/load --only-summary; status=$$?; \
	$(PY) bench/load_summary.py var/results/load/load --codes var/results/load/codes.txt || status=1; \
	exit $$status

clean:
	rm -rf models var/results
