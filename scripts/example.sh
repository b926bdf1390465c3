#!/usr/bin/env bash
# The main job on the bundled example corpus, from a fresh clone:
# install into .venv, build the graph, write Turtle + JSON-LD + the overview page, print a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
if ! .venv/bin/pip install --disable-pip-version-check -e . > .venv/install.log 2>&1; then
  cat .venv/install.log >&2; echo "error: installation failed (log above, also in .venv/install.log)" >&2; exit 1
fi
store=out/example.store
.venv/bin/thidua build examples/articles --store "$store" --quiet
.venv/bin/thidua export --format turtle -o out/example.ttl --store "$store"
.venv/bin/thidua export --format jsonld -o out/example.jsonld --store "$store"
if .venv/bin/thidua view --help >/dev/null 2>&1; then
  .venv/bin/thidua view --store "$store" -o out/example.html
fi
.venv/bin/thidua stats --store "$store"
