#!/usr/bin/env bash
# `npm start`: set up the checkout (npm dependencies, build, litecoind when root), then the
# demo: a regtest litecoind, the pool node on it and a CPU miner, all in temporary folders.
# The dashboard address is printed; Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-litecoind >/dev/null
exec node bin/hashpool.js demo "$@"
