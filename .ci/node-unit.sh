#!/usr/bin/env bash
# The unit suite (src) on another Node major, from the npm registry alone: node-<os>-<arch> (the
# package the registry's `node` package installs) brings that Node's binary and the headers that
# better-sqlite3 is compiled against (its npm package has no prebuilt binary, and node-gyp must not
# download headers). The app is copied to .ci/out/node<major>/app and installed there by that Node,
# so the main node_modules stays built for the Node that runs the rest of CI.
# Usage: .ci/node-unit.sh 24 [vitest arguments…]   Under CI=true the results land in
# .ci/out/results-node<major>.json, which .ci/run adds to its closing line.
set -euo pipefail
cd "$(dirname "$0")/.."
major="$1"; shift
root="$PWD"
dir="$root/.ci/out/node$major"
pkg="node-$(node -p process.platform)-$(node -p process.arch)"
SECONDS=0

rm -rf "$dir"
mkdir -p "$dir/app"
npm install --no-save --no-package-lock --no-audit --no-fund --prefix "$dir/node" "$pkg@$major" >"$dir/install.log" 2>&1 \
  || { cat "$dir/install.log"; exit 1; }
home="$dir/node/node_modules/$pkg"
# npm's own node-gyp, run by the other Node against that Node's headers.
gyp="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")/node_modules/node-gyp/bin/node-gyp.js"
git ls-files -z --cached --others --exclude-standard | (cd "$root" && xargs -0 cp --parents -t "$dir/app")

export PATH="$home/bin:$PATH" npm_config_nodedir="$home"
cd "$dir/app"
echo "unit suite on Node $(node --version): installing"
{
  npm ci --no-audit --no-fund --ignore-scripts
  (cd node_modules/better-sqlite3 && node "$gyp" rebuild --release --nodedir="$home")
  node -e "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()"
} >>"$dir/install.log" 2>&1 || { tail -60 "$dir/install.log"; exit 1; }
echo "unit suite on Node $(node --version): installed in ${SECONDS}s"
status=0
npx vitest run src --outputFile.json="$root/.ci/out/results-node$major.json" "$@" || status=$?
echo "unit suite on Node $(node --version): done in ${SECONDS}s"
exit $status
