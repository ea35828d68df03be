// Chooses proof-of-work backends: the fastest one this CPU supports whose results
// match the portable backend's, decided once per algorithm and process.
#pragma once

#include "pow.h"

namespace hashpool {
namespace dispatch {

BackendList backends_of(PowAlgo algo);

// The portable backend of an algorithm (always available, the reference).
const PowBackend& portable(PowAlgo algo);

// The first backend of backends_of(algo) that the CPU supports and that passes
// self_test(); computed on first use, then fixed.
const PowBackend& best(PowAlgo algo);

// A backend by name ("scrypt/avx2-8way"), or null when it is not compiled in, the CPU
// lacks what it needs, or it fails its self-test. For tests and benchmarks.
const PowBackend* find(PowAlgo algo, const char* name);

// Compares hash_headers and scan of `candidate` with the portable backend on fixed
// inputs, including a scan whose target lets exactly half of the nonces through.
bool self_test(PowAlgo algo, const PowBackend& candidate);

}  // namespace dispatch
}  // namespace hashpool
