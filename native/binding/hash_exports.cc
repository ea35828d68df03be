// Synchronous exports: one-shot hashes, the streaming SHA-256 object, merkle and target
// math. Each unpacks and checks its arguments, calls the core, and packs the result.
#include <cstring>
#include <vector>

#include "binding.h"
#include "common.h"
#include "merkle.h"
#include "pbkdf2.h"
#include "scrypt.h"
#include "sha256.h"
#include "target.h"
#include "x11/x11.h"

namespace hashpool_binding {
namespace {

using namespace hashpool;

constexpr uint64_t kMaxU32 = 0xffffffffULL;

Napi::Value Sha256(const Napi::CallbackInfo& info) {
  auto data = buffer_arg(info, 0, "data");
  uint8_t out[32];
  sha256::hash(data.Data(), data.Length(), out);
  return copy_buffer(info.Env(), out, 32);
}

Napi::Value Sha256d(const Napi::CallbackInfo& info) {
  auto data = buffer_arg(info, 0, "data");
  uint8_t out[32];
  sha256::hash_double(data.Data(), data.Length(), out);
  return copy_buffer(info.Env(), out, 32);
}

Napi::Value Sha256Midstate(const Napi::CallbackInfo& info) {
  auto block = buffer_arg(info, 0, "block");
  if (block.Length() < 64) throw_coded(info.Env(), kErrInvalidArgument, "block must be at least 64 bytes");
  uint32_t state[8];
  sha256::midstate(block.Data(), state);
  uint8_t out[32];
  for (int i = 0; i < 8; ++i) write_be32(out + 4 * i, state[i]);
  return copy_buffer(info.Env(), out, 32);
}

class Sha256Stream : public Napi::ObjectWrap<Sha256Stream> {
 public:
  static Napi::Function define(Napi::Env env) {
    return DefineClass(env, "Sha256Stream",
                       {InstanceMethod("update", &Sha256Stream::update),
                        InstanceMethod("digest", &Sha256Stream::digest)});
  }
  explicit Sha256Stream(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Sha256Stream>(info) {}

 private:
  Napi::Value update(const Napi::CallbackInfo& info) {
    if (finished_) throw_coded(info.Env(), kErrInvalidArgument, "Sha256: update() after digest()");
    auto data = buffer_arg(info, 0, "data");
    hasher_.update(data.Data(), data.Length());
    return info.This();
  }
  Napi::Value digest(const Napi::CallbackInfo& info) {
    if (finished_) throw_coded(info.Env(), kErrInvalidArgument, "Sha256: digest() called twice");
    finished_ = true;
    uint8_t out[32];
    hasher_.finalize(out);
    return copy_buffer(info.Env(), out, 32);
  }
  sha256::Hasher hasher_;
  bool finished_ = false;
};

Napi::Value Pbkdf2Sha256(const Napi::CallbackInfo& info) {
  auto password = buffer_arg(info, 0, "password");
  auto salt = buffer_arg(info, 1, "salt");
  const uint64_t iterations = integer_arg(info, 2, "iterations", 1, kMaxU32);
  const uint64_t length = integer_arg(info, 3, "dkLen", 1, 1 << 20);
  std::vector<uint8_t> out(length);
  pbkdf2::pbkdf2_hmac_sha256(password.Data(), password.Length(), salt.Data(), salt.Length(), iterations,
                             out.data(), out.size());
  return copy_buffer(info.Env(), out.data(), out.size());
}

Napi::Value ScryptDerive(const Napi::CallbackInfo& info) {
  auto password = buffer_arg(info, 0, "password");
  auto salt = buffer_arg(info, 1, "salt");
  const uint64_t n = integer_arg(info, 2, "N", 2, 1ULL << 32);
  const uint64_t r = integer_arg(info, 3, "r", 1, kMaxU32);
  const uint64_t p = integer_arg(info, 4, "p", 1, kMaxU32);
  const uint64_t length = integer_arg(info, 5, "dkLen", 1, 1 << 20);
  std::vector<uint8_t> out(length);
  if (!scrypt::derive(password.Data(), password.Length(), salt.Data(), salt.Length(), n,
                      static_cast<uint32_t>(r), static_cast<uint32_t>(p), out.data(), out.size()))
    throw_coded(info.Env(), kErrInvalidArgument,
                "scrypt: N must be a power of two >= 2, r*p < 2^30 and 128*r*N at most 2 GiB");
  return copy_buffer(info.Env(), out.data(), out.size());
}

Napi::Value ScryptPow(const Napi::CallbackInfo& info) {
  auto data = buffer_arg(info, 0, "data");
  const uint32_t n = scrypt_n_arg(info, 1);
  uint8_t out[32];
  scrypt::pow_hash(data.Data(), data.Length(), n, out);
  return copy_buffer(info.Env(), out, 32);
}

Napi::Value Salsa20_8(const Napi::CallbackInfo& info) {
  auto block = fixed_buffer_arg(info, 0, "block", 64);
  uint8_t out[64];
  scrypt::salsa20_8_core(block.Data(), out);
  return copy_buffer(info.Env(), out, 64);
}

uint32_t block_r_arg(const Napi::CallbackInfo& info, const Napi::Buffer<uint8_t>& block, size_t index) {
  const uint32_t r = static_cast<uint32_t>(integer_arg(info, index, "r", 1, 1 << 20));
  if (block.Length() != 128ULL * r)
    throw_coded(info.Env(), kErrInvalidArgument, "block must be 128*r bytes");
  return r;
}

Napi::Value ScryptBlockMix(const Napi::CallbackInfo& info) {
  auto block = buffer_arg(info, 0, "block");
  const uint32_t r = block_r_arg(info, block, 1);
  std::vector<uint8_t> out(block.Length());
  scrypt::block_mix(block.Data(), out.data(), r);
  return copy_buffer(info.Env(), out.data(), out.size());
}

Napi::Value ScryptRoMix(const Napi::CallbackInfo& info) {
  auto block = buffer_arg(info, 0, "block");
  const uint64_t n = integer_arg(info, 1, "N", 2, 1ULL << 32);
  const uint32_t r = block_r_arg(info, block, 2);
  std::vector<uint8_t> work(block.Data(), block.Data() + block.Length());
  if (!scrypt::ro_mix(work.data(), n, r))
    throw_coded(info.Env(), kErrInvalidArgument, "scryptROMix: N must be a power of two >= 2 that fits in memory");
  return copy_buffer(info.Env(), work.data(), work.size());
}

Napi::Value ScryptVertcoinNFactorAt(const Napi::CallbackInfo& info) {
  const double time = number_arg(info, 0, "blockTime");
  if (!(time >= 0 && time <= 9007199254740991.0) || time != static_cast<double>(static_cast<int64_t>(time)))
    throw_coded(info.Env(), kErrInvalidArgument, "blockTime must be a whole number of seconds >= 0");
  return Napi::Number::New(info.Env(), scrypt::vertcoin_nfactor_at(static_cast<int64_t>(time)));
}

Napi::Value X11(const Napi::CallbackInfo& info) {
  auto data = buffer_arg(info, 0, "data");
  uint8_t out[32];
  const PowBackend& backend = *instance_state(info.Env()).current[static_cast<int>(PowAlgo::kX11)];
  x11::chain(x11::stages_of(backend), data.Data(), data.Length(), out);
  return copy_buffer(info.Env(), out, 32);
}

Napi::Value X11Stage(const Napi::CallbackInfo& info) {
  const size_t stage = integer_arg(info, 0, "stage", 0, x11::kStageCount - 1);
  auto data = buffer_arg(info, 1, "data");
  uint8_t out[64];
  const PowBackend& backend = *instance_state(info.Env()).current[static_cast<int>(PowAlgo::kX11)];
  x11::stages_of(backend).stages[stage](data.Data(), data.Length(), out);
  return copy_buffer(info.Env(), out, 64);
}

Napi::Buffer<uint8_t> hash_list_arg(const Napi::CallbackInfo& info, size_t index, const char* name) {
  auto list = buffer_arg(info, index, name);
  if (list.Length() % 32 != 0)
    throw_coded(info.Env(), kErrInvalidArgument, std::string(name) + " must be a multiple of 32 bytes");
  return list;
}

Napi::Value MerkleRoot(const Napi::CallbackInfo& info) {
  auto leaves = hash_list_arg(info, 0, "leaves");
  uint8_t out[32];
  merkle::root(leaves.Data(), leaves.Length() / 32, out);
  return copy_buffer(info.Env(), out, 32);
}

Napi::Value MerkleCoinbaseBranch(const Napi::CallbackInfo& info) {
  auto txids = hash_list_arg(info, 0, "txids");
  const std::vector<uint8_t> branch = merkle::coinbase_branch(txids.Data(), txids.Length() / 32);
  return copy_buffer(info.Env(), branch.data(), branch.size());
}

Napi::Value MerkleFoldBranch(const Napi::CallbackInfo& info) {
  auto leaf = fixed_buffer_arg(info, 0, "leaf", 32);
  auto branch = hash_list_arg(info, 1, "branch");
  const uint32_t index = static_cast<uint32_t>(integer_arg(info, 2, "index", 0, kMaxU32));
  uint8_t out[32];
  merkle::fold_branch(leaf.Data(), branch.Data(), branch.Length() / 32, index, out);
  return copy_buffer(info.Env(), out, 32);
}

Napi::Value TargetFromBits(const Napi::CallbackInfo& info) {
  const uint32_t bits = static_cast<uint32_t>(integer_arg(info, 0, "bits", 0, kMaxU32));
  uint8_t target[32];
  const target::CompactStatus status = target::bits_to_target(bits, target);
  Napi::Object result = Napi::Object::New(info.Env());
  result.Set("target", copy_buffer(info.Env(), target, 32));
  result.Set("status", Napi::String::New(info.Env(), status == target::CompactStatus::kOk ? "ok"
                                                     : status == target::CompactStatus::kNegative ? "negative"
                                                                                                  : "overflow"));
  return result;
}

Napi::Value TargetToBits(const Napi::CallbackInfo& info) {
  auto t = fixed_buffer_arg(info, 0, "target", 32);
  return Napi::Number::New(info.Env(), target::target_to_bits(t.Data()));
}

Napi::Value TargetFromDifficulty(const Napi::CallbackInfo& info) {
  const double difficulty = number_arg(info, 0, "difficulty");
  const uint64_t factor = integer_arg(info, 1, "factor", 1, 1ULL << 52);
  uint8_t out[32];
  if (!target::difficulty_to_target(difficulty, factor, out))
    throw_coded(info.Env(), kErrInvalidArgument, "difficulty must be a finite number above 0");
  return copy_buffer(info.Env(), out, 32);
}

Napi::Value TargetToDifficulty(const Napi::CallbackInfo& info) {
  auto t = fixed_buffer_arg(info, 0, "target", 32);
  const uint64_t factor = integer_arg(info, 1, "factor", 1, 1ULL << 52);
  return Napi::Number::New(info.Env(), target::target_to_difficulty(t.Data(), factor));
}

}  // namespace

void register_hash_exports(Napi::Env env, Napi::Object exports) {
  exports.Set("sha256", Napi::Function::New(env, Sha256));
  exports.Set("sha256d", Napi::Function::New(env, Sha256d));
  exports.Set("sha256_midstate", Napi::Function::New(env, Sha256Midstate));
  exports.Set("sha256_implementation", Napi::String::New(env, sha256::best_transform_name()));
  exports.Set("Sha256Stream", Sha256Stream::define(env));
  exports.Set("pbkdf2_sha256", Napi::Function::New(env, Pbkdf2Sha256));
  exports.Set("scrypt_derive", Napi::Function::New(env, ScryptDerive));
  exports.Set("scrypt_pow", Napi::Function::New(env, ScryptPow));
  exports.Set("scrypt_salsa20_8", Napi::Function::New(env, Salsa20_8));
  exports.Set("scrypt_block_mix", Napi::Function::New(env, ScryptBlockMix));
  exports.Set("scrypt_ro_mix", Napi::Function::New(env, ScryptRoMix));
  exports.Set("scrypt_vertcoin_nfactor_at", Napi::Function::New(env, ScryptVertcoinNFactorAt));
  exports.Set("x11", Napi::Function::New(env, X11));
  exports.Set("x11_stage", Napi::Function::New(env, X11Stage));
  exports.Set("merkle_root", Napi::Function::New(env, MerkleRoot));
  exports.Set("merkle_coinbase_branch", Napi::Function::New(env, MerkleCoinbaseBranch));
  exports.Set("merkle_fold_branch", Napi::Function::New(env, MerkleFoldBranch));
  exports.Set("target_from_bits", Napi::Function::New(env, TargetFromBits));
  exports.Set("target_to_bits", Napi::Function::New(env, TargetToBits));
  exports.Set("target_from_difficulty", Napi::Function::New(env, TargetFromDifficulty));
  exports.Set("target_to_difficulty", Napi::Function::New(env, TargetToDifficulty));
}

}  // namespace hashpool_binding
