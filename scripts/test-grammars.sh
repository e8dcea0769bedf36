#!/usr/bin/env bash
# Runs the TextMate grammar tests in test/grammar/ with vscode-tmgrammar-test.
#
# Our grammars build on the Markdown and YAML grammars that VS Code ships, which are not npm
# packages. The tests run against small stand-ins with the same scope names (test/grammar/stubs/)
# and, when a local VS Code copy is found, a second time against the real grammars, so that the
# injections are proven on the real thing. Set FACTMARK_VSCODE_EXTENSIONS to a VS Code
# `extensions/` folder to choose the copy; the .vscode-test download is used if present.
# Exits non-zero if any run fails.
set -euo pipefail
cd "$(dirname "$0")/.."

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Merges grammar contributions into one config whose paths are relative to it (the runner joins
# each path onto the config file's folder).
merge() {
  node -e '
    const fs = require("fs"), path = require("path");
    const [out, ...configs] = process.argv.slice(1);
    const grammars = [];
    for (const c of configs) {
      const json = JSON.parse(fs.readFileSync(c, "utf8"));
      for (const g of json.contributes.grammars) grammars.push({ ...g, path: path.relative(path.dirname(out), path.resolve(path.dirname(c), g.path)) });
    }
    fs.writeFileSync(out, JSON.stringify({ contributes: { grammars } }));
  ' "$@"
}

run() {
  echo "== grammar tests: $1"
  npx vscode-tmgrammar-test --config "$2" 'test/grammar/**/*.test.*'
}

merge "$tmp/stubs.json" test/grammar/grammars.json test/grammar/stubs.json
run "with stand-in Markdown and YAML grammars" "$tmp/stubs.json"

ext="${FACTMARK_VSCODE_EXTENSIONS:-}"
if [ -z "$ext" ] && [ -d .vscode-test ]; then
  ext="$(find .vscode-test -type d -path '*/extensions/markdown-basics' -prune 2>/dev/null | head -n 1 | xargs -r dirname)"
fi
if [ -n "$ext" ] && [ -f "$ext/markdown-basics/package.json" ] && [ -f "$ext/yaml/package.json" ]; then
  merge "$tmp/real.json" test/grammar/grammars.json "$ext/markdown-basics/package.json" "$ext/yaml/package.json"
  run "with VS Code's own grammars from $ext" "$tmp/real.json"
else
  echo "(no local VS Code extensions folder found: skipped the run against the real Markdown and YAML grammars)"
fi
