#!/usr/bin/env bash
# The whole test suite, from a fresh clone: install into .venv (with test extras),
# install Debian's Chromium for the browser tests when it is missing, run pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
if ! .venv/bin/pip install --disable-pip-version-check -e '.[test]' > .venv/install.log 2>&1; then
  cat .venv/install.log >&2; echo "error: installation failed (log above, also in .venv/install.log)" >&2; exit 1
fi
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "warning: could not install chromium; browser tests will be skipped" >&2
fi
exec .venv/bin/python -m pytest "$@"
