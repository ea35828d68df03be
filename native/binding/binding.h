// Shared helpers of the N-API layer: argument checks that throw coded errors, and the
// per-addon-instance state. No algorithm code lives in native/binding.
#pragma once

#include <napi.h>

#include <cstdint>
#include <string>

#include "pow.h"

namespace hashpool_binding {

// Error codes thrown to JS; lib/hash/errors.ts lists the same ones.
constexpr const char* kErrInvalidArgument = "ERR_HASHPOOL_INVALID_ARGUMENT";
constexpr const char* kErrUnknownBackend = "ERR_HASHPOOL_UNKNOWN_BACKEND";
constexpr const char* kErrOutOfMemory = "ERR_HASHPOOL_OUT_OF_MEMORY";

[[noreturn]] void throw_coded(Napi::Env env, const char* code, const std::string& message);

Napi::Buffer<uint8_t> buffer_arg(const Napi::CallbackInfo& info, size_t index, const char* name);
// A Buffer of exactly `length` bytes.
Napi::Buffer<uint8_t> fixed_buffer_arg(const Napi::CallbackInfo& info, size_t index, const char* name,
                                       size_t length);
// A whole number in [min, max].
uint64_t integer_arg(const Napi::CallbackInfo& info, size_t index, const char* name, uint64_t min,
                     uint64_t max);
double number_arg(const Napi::CallbackInfo& info, size_t index, const char* name);
hashpool::PowAlgo algo_arg(const Napi::CallbackInfo& info, size_t index);
// scrypt's N: a power of two from 2 to 2^24 (128*N bytes of scratch per lane).
uint32_t scrypt_n_arg(const Napi::CallbackInfo& info, size_t index);

Napi::Buffer<uint8_t> copy_buffer(Napi::Env env, const uint8_t* data, size_t len);

// Which backend each algorithm uses in this addon instance (a worker thread that loads
// the addon gets its own); starts at the self-tested best and can be forced by name.
struct InstanceState {
  const hashpool::PowBackend* current[3];
  Napi::FunctionReference cancel_token_class;
};
InstanceState& instance_state(Napi::Env env);

void register_hash_exports(Napi::Env env, Napi::Object exports);
void register_pow_exports(Napi::Env env, Napi::Object exports);

}  // namespace hashpool_binding
