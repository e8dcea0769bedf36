#!/usr/bin/env bash
# Installs code-server 4.100.3 (a full VS Code 1.100.3: workbench + Node extension host) into
# .vscode-test/code-server, once; later runs reuse it. It is kept out of package.json because it
# is heavy (≈280 MB, native modules) and needs the Kerberos headers.
# Needs: libkrb5-dev, ripgrep (scripts/ensure-system-deps.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=4.100.3
DIR="$PWD/.vscode-test/code-server"
CS="$DIR/node_modules/code-server"
MARK="$DIR/.installed-$VERSION"
if [ -f "$MARK" ]; then echo "$CS"; exit 0; fi

echo "Installing code-server $VERSION into $DIR (once) ..." >&2
mkdir -p "$DIR"
echo '{"name":"factmark-code-server","private":true}' > "$DIR/package.json"

# @vscode/ripgrep downloads rg from GitHub unless its cache already holds it: seed it with Debian's.
RG_CACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
mkdir -p "$RG_CACHE"
tar czf "$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg

# unsafe_perm: code-server's postinstall refuses to run as root without it (CI runs as root).
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_unsafe_perm=true
# Depending on npm 11's install-script policy, code-server's postinstall may or may not run; do
# its steps here either way (each is a no-op when already done): install VS Code's own
# dependencies, approve and build their native modules, then make the links the postinstall makes.
(cd "$DIR" && npm install "code-server@$VERSION" --omit=dev >&2)
(cd "$CS/lib/vscode" && npm install --omit=dev >&2 \
  && npm install-scripts approve --all >&2 && npm rebuild >&2)
ln -sfn node_modules "$CS/lib/vscode/node_modules.asar"
(cd "$CS/lib/vscode/bin/remote-cli" && ln -sf code-linux.sh code-server)
(cd "$CS/lib/vscode/bin/helpers" && ln -sf browser-linux.sh browser.sh)
(cd "$CS/lib/vscode/extensions" && npm install --omit=dev >&2)
test -x "$CS/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
test -f "$CS/lib/vscode/node_modules/node-pty/build/Release/pty.node"
touch "$MARK"
echo "$CS"
