#!/usr/bin/env bash
# `npm test`: installs what is missing, builds, then runs every suite:
#   1. native C++ tests under AddressSanitizer + UBSan (CMake dev build),
#   2. the mocha suite against the native backend (includes the pack-and-install test),
#   3. the same mocha suite against the JS backend,
# and ends with one line "N passed, N failed" over all of them.
set -uo pipefail
cd "$(dirname "$0")/.."

set -e
bash scripts/setup.sh --with-test-services
echo "== dashboard scripts type check"
if ! npx tsc -p web/tsconfig.json; then echo "0 passed, 1 failed"; exit 1; fi
echo "== native tests with AddressSanitizer + UBSan (CMake)"
cmake -S . -B build-asan -DHASHPOOL_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
if ! cmake --build build-asan -j "$(nproc)" >build-asan/build.log 2>&1; then
  tail -40 build-asan/build.log
  echo "0 passed, 1 failed"
  exit 1
fi
set +e

passed=0
failed=0
count_native() {
  local line
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" | tail -1)
  if [[ -z $line ]]; then failed=$((failed + 1)); return; fi
  passed=$((passed + $(cut -d' ' -f1 <<<"$line")))
  failed=$((failed + $(cut -d' ' -f3 <<<"$line")))
}
count_mocha() {
  local p f
  p=$(grep -Eo '^ +[0-9]+ passing' "$1" | grep -Eo '[0-9]+' | tail -1)
  f=$(grep -Eo '^ +[0-9]+ failing' "$1" | grep -Eo '[0-9]+' | tail -1)
  if [[ -z $p && -z $f ]]; then failed=$((failed + 1)); return; fi
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
}

log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
ASAN_OPTIONS=detect_leaks=1 build-asan/hashpool_native_tests 2>&1 | tee "$log/native.txt"
count_native "$log/native.txt"
echo "== mocha, native backend"
HASHPOOL_BACKEND=native npx mocha 2>&1 | tee "$log/mocha-native.txt"
count_mocha "$log/mocha-native.txt"
echo "== mocha, js backend (suites that hash; config, share log and monitor don't)"
HASHPOOL_BACKEND=js npx mocha --ignore 'dist/test/{config,sharelog,monitor}/**' 2>&1 | tee "$log/mocha-js.txt"
count_mocha "$log/mocha-js.txt"

echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
