#!/usr/bin/env bash
# Makes a checkout runnable: build tools (apt-get when root, else says what is missing),
# npm dependencies, the TypeScript build and the native addon; with --with-litecoind also
# litecoind (for the demo), with --with-test-services also redis-server and chromium (tests). Sourced by test.sh and
# start.sh; safe to run again (incremental).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

need() { command -v "$1" >/dev/null 2>&1; }
missing=()
for tool in g++ make python3 cmake; do need "$tool" || missing+=("$tool"); done
if ((${#missing[@]})); then
  if [[ $(id -u) == 0 ]] && need apt-get; then
    echo "== installing build tools: ${missing[*]}"
    apt-get update -qq && apt-get install -y -qq g++ make python3 cmake >/dev/null
  else
    echo "missing tools: ${missing[*]} (on Debian: sudo apt-get install g++ make python3 cmake)" >&2
    exit 1
  fi
fi

# The tests run real peers: litecoind in regtest (the Debian package's ELF binary), a
# redis-server for the Redis share log, and chromium for the dashboard's browser tests.
if [[ ${1:-} == --with-test-services || ${1:-} == --with-litecoind ]]; then
  wanted=()
  [[ -x /usr/lib/litecoin/litecoind ]] || wanted+=(litecoind)
  if [[ ${1:-} == --with-test-services ]]; then
    need redis-server || wanted+=(redis-server)
    need chromium || wanted+=(chromium chromium-driver)
  fi
  if ((${#wanted[@]})); then
    if [[ $(id -u) == 0 ]] && need apt-get; then
      echo "== installing test services: ${wanted[*]}"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${wanted[@]}" >/dev/null
    else
      echo "missing test services: ${wanted[*]} (on Debian: sudo apt-get install ${wanted[*]})" >&2
      exit 1
    fi
  fi
fi

if [[ ! -d node_modules ]]; then
  echo "== npm ci"
  npm ci --no-audit --no-fund
fi
echo "== TypeScript build"
npx tsc -p tsconfig.json
echo "== native addon build (node-gyp)"
if [[ -f build/Makefile ]]; then npm run --silent build:native:incremental; else npm run --silent build:native; fi
