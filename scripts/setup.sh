#!/usr/bin/env bash
# Set-up shared by `npm start` and `npm test` (their pre-scripts), so that each works on a fresh
# machine by itself: Debian packages when missing, then the npm dependencies when node_modules is
# missing or older than the lock file, then code-server (a real VS Code, into .vscode-test/, once).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! bash scripts/ensure-system-deps.sh; then
  echo "setup: could not install missing Debian packages (needs root or sudo); carrying on" >&2
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm dependencies (npm ci)" >&2
  npm ci --no-audit --no-fund >&2
fi
# The grammar suite runs against VS Code's own Markdown/YAML grammars from this copy, and the
# integration, e2e and vsix suites and `npm start` run in it.
bash scripts/ensure-code-server.sh >/dev/null
