// Module initialisation only: per-instance state and export registration.
#include "binding.h"

#include "dispatch.h"

namespace hashpool_binding {

void throw_coded(Napi::Env env, const char* code, const std::string& message) {
  Napi::Error error = Napi::Error::New(env, message);
  error.Set("code", Napi::String::New(env, code));
  throw error;
}

Napi::Buffer<uint8_t> buffer_arg(const Napi::CallbackInfo& info, size_t index, const char* name) {
  if (info.Length() <= index || !info[index].IsBuffer())
    throw_coded(info.Env(), kErrInvalidArgument, std::string(name) + " must be a Buffer");
  return info[index].As<Napi::Buffer<uint8_t>>();
}

Napi::Buffer<uint8_t> fixed_buffer_arg(const Napi::CallbackInfo& info, size_t index, const char* name,
                                       size_t length) {
  Napi::Buffer<uint8_t> buf = buffer_arg(info, index, name);
  if (buf.Length() != length)
    throw_coded(info.Env(), kErrInvalidArgument,
                std::string(name) + " must be " + std::to_string(length) + " bytes, got " +
                    std::to_string(buf.Length()));
  return buf;
}

uint64_t integer_arg(const Napi::CallbackInfo& info, size_t index, const char* name, uint64_t min,
                     uint64_t max) {
  const double v = number_arg(info, index, name);
  if (!(v >= static_cast<double>(min) && v <= static_cast<double>(max)) || v != static_cast<double>(static_cast<uint64_t>(v)))
    throw_coded(info.Env(), kErrInvalidArgument,
                std::string(name) + " must be a whole number from " + std::to_string(min) + " to " +
                    std::to_string(max));
  return static_cast<uint64_t>(v);
}

double number_arg(const Napi::CallbackInfo& info, size_t index, const char* name) {
  if (info.Length() <= index || !info[index].IsNumber())
    throw_coded(info.Env(), kErrInvalidArgument, std::string(name) + " must be a number");
  return info[index].As<Napi::Number>().DoubleValue();
}

hashpool::PowAlgo algo_arg(const Napi::CallbackInfo& info, size_t index) {
  return static_cast<hashpool::PowAlgo>(integer_arg(info, index, "algorithm", 0, 2));
}

uint32_t scrypt_n_arg(const Napi::CallbackInfo& info, size_t index) {
  const uint64_t n = integer_arg(info, index, "scryptN", 2, 1ULL << 24);
  if (n & (n - 1)) throw_coded(info.Env(), kErrInvalidArgument, "scryptN must be a power of two");
  return static_cast<uint32_t>(n);
}

Napi::Buffer<uint8_t> copy_buffer(Napi::Env env, const uint8_t* data, size_t len) {
  return Napi::Buffer<uint8_t>::Copy(env, data, len);
}

InstanceState& instance_state(Napi::Env env) { return *env.GetInstanceData<InstanceState>(); }

}  // namespace hashpool_binding

namespace {

Napi::Object init(Napi::Env env, Napi::Object exports) {
  using hashpool::PowAlgo;
  namespace dispatch = hashpool::dispatch;
  // Selection (cpuid + self-tests) happens here, at load, never on a hot path.
  env.SetInstanceData(new hashpool_binding::InstanceState{
      {&dispatch::best(PowAlgo::kSha256d), &dispatch::best(PowAlgo::kScrypt), &dispatch::best(PowAlgo::kX11)}, {}});
  hashpool_binding::register_hash_exports(env, exports);
  hashpool_binding::register_pow_exports(env, exports);
  return exports;
}

}  // namespace

NODE_API_MODULE(hashpool, init)
