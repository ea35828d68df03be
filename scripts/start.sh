#!/usr/bin/env bash
# `npm start`: set up the checkout, then show the native hashing core at work: which
# implementation each algorithm uses on this CPU and a short benchmark against JS.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
node -e '
const { hash, nativeUnavailableReason } = require("./dist/lib");
if (nativeUnavailableReason) console.log("native addon unavailable:", nativeUnavailableReason.message);
for (const algo of ["sha256d", "scrypt", "x11"]) console.log(`${algo.padEnd(8)} ${hash.kind}: ${hash.implementation(algo)}`);
'
exec node bin/hashpool.js bench --seconds "${HASHPOOL_BENCH_SECONDS:-2}"
