// Proof-of-work exports: backend listing and forcing, single hashes, and the two hot
// paths (nonce scan, batch validation) as AsyncWorkers that can be cancelled.
#include <atomic>
#include <cstring>
#include <memory>
#include <vector>

#include "binding.h"
#include "dispatch.h"
#include "target.h"

namespace hashpool_binding {
namespace {

using namespace hashpool;

constexpr const char* kErrCancelled = "ERR_HASHPOOL_CANCELLED";
constexpr size_t kValidateChunk = 64;  // headers between cancellation checks

const PowBackend& current_backend(const Napi::CallbackInfo& info, PowAlgo algo) {
  return *instance_state(info.Env()).current[static_cast<int>(algo)];
}

// A flag JS sets and native loops poll; shared so a finished worker can outlive it.
class CancelToken : public Napi::ObjectWrap<CancelToken> {
 public:
  static Napi::Function define(Napi::Env env) {
    return DefineClass(env, "CancelToken",
                       {InstanceMethod("cancel", &CancelToken::cancel),
                        InstanceAccessor("cancelled", &CancelToken::cancelled, nullptr)});
  }
  explicit CancelToken(const Napi::CallbackInfo& info)
      : Napi::ObjectWrap<CancelToken>(info), flag_(std::make_shared<std::atomic<bool>>(false)) {}
  std::shared_ptr<std::atomic<bool>> flag() const { return flag_; }

 private:
  Napi::Value cancel(const Napi::CallbackInfo& info) {
    flag_->store(true);
    return info.Env().Undefined();
  }
  Napi::Value cancelled(const Napi::CallbackInfo& info) { return Napi::Boolean::New(info.Env(), flag_->load()); }
  std::shared_ptr<std::atomic<bool>> flag_;
};

// Optional CancelToken argument; a fresh never-set flag when absent.
std::shared_ptr<std::atomic<bool>> cancel_arg(const Napi::CallbackInfo& info, size_t index) {
  if (info.Length() > index && info[index].IsObject()) {
    Napi::Object obj = info[index].As<Napi::Object>();
    if (obj.InstanceOf(instance_state(info.Env()).cancel_token_class.Value()))
      return CancelToken::Unwrap(obj)->flag();
    throw_coded(info.Env(), kErrInvalidArgument, "cancel must be a CancelToken");
  }
  return std::make_shared<std::atomic<bool>>(false);
}

Napi::Value Backends(const Napi::CallbackInfo& info) {
  const PowAlgo algo = algo_arg(info, 0);
  const BackendList list = dispatch::backends_of(algo);
  Napi::Array out = Napi::Array::New(info.Env(), list.count);
  for (size_t i = 0; i < list.count; ++i) {
    const PowBackend& b = *list.items[i];
    Napi::Object entry = Napi::Object::New(info.Env());
    entry.Set("name", b.name);
    entry.Set("supported", b.supported(cpu_features()));
    entry.Set("selected", &b == &current_backend(info, algo));
    out.Set(static_cast<uint32_t>(i), entry);
  }
  return out;
}

Napi::Value UseBackend(const Napi::CallbackInfo& info) {
  const PowAlgo algo = algo_arg(info, 0);
  if (info.Length() < 2 || !info[1].IsString()) throw_coded(info.Env(), kErrInvalidArgument, "name must be a string");
  const std::string name = info[1].As<Napi::String>();
  const PowBackend* backend = name == "best" ? &dispatch::best(algo) : dispatch::find(algo, name.c_str());
  if (!backend)
    throw_coded(info.Env(), kErrUnknownBackend,
                "backend '" + name + "' is not compiled in, not supported by this CPU, or failed its self-test");
  instance_state(info.Env()).current[static_cast<int>(algo)] = backend;
  return Napi::String::New(info.Env(), backend->name);
}

Napi::Value CurrentBackend(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), current_backend(info, algo_arg(info, 0)).name);
}

Napi::Value PowHash(const Napi::CallbackInfo& info) {
  const PowAlgo algo = algo_arg(info, 0);
  auto header = fixed_buffer_arg(info, 1, "header", 80);
  const uint32_t n = scrypt_n_arg(info, 2);
  uint8_t out[32];
  current_backend(info, algo).hash_headers(header.Data(), 1, n, out);
  return copy_buffer(info.Env(), out, 32);
}

struct ScanInput {
  const PowBackend* backend;
  uint8_t header[80];
  uint8_t target[32];
  ScanRequest request;
};

// Arguments: algo, header(80), nonceStart, nonceCount, target(32 LE), scryptN, maxFound[, cancel]
std::unique_ptr<ScanInput> scan_input(const Napi::CallbackInfo& info, std::shared_ptr<std::atomic<bool>>& cancel) {
  auto input = std::make_unique<ScanInput>();
  const PowAlgo algo = algo_arg(info, 0);
  input->backend = &current_backend(info, algo);
  std::memcpy(input->header, fixed_buffer_arg(info, 1, "header", 80).Data(), 80);
  ScanRequest& req = input->request;
  req.nonce_start = static_cast<uint32_t>(integer_arg(info, 2, "nonceStart", 0, 0xffffffffULL));
  req.nonce_count = integer_arg(info, 3, "nonceCount", 0, (1ULL << 32) - req.nonce_start);
  std::memcpy(input->target, fixed_buffer_arg(info, 4, "target", 32).Data(), 32);
  req.scrypt_n = scrypt_n_arg(info, 5);
  req.max_found = static_cast<uint32_t>(integer_arg(info, 6, "maxFound", 0, 1 << 24));
  cancel = cancel_arg(info, 7);
  req.header = input->header;
  req.target = input->target;
  req.cancel = cancel.get();
  return input;
}

Napi::Object scan_result_object(Napi::Env env, const ScanResult& result) {
  Napi::Object out = Napi::Object::New(env);
  Napi::Uint32Array nonces = Napi::Uint32Array::New(env, result.nonces.size());
  if (!result.nonces.empty()) std::memcpy(nonces.Data(), result.nonces.data(), 4 * result.nonces.size());
  out.Set("nonces", nonces);
  out.Set("hashesDone", Napi::Number::New(env, static_cast<double>(result.hashes_done)));
  out.Set("cancelled", Napi::Boolean::New(env, result.cancelled));
  return out;
}

class ScanWorker : public Napi::AsyncWorker {
 public:
  ScanWorker(Napi::Env env, std::unique_ptr<ScanInput> input, std::shared_ptr<std::atomic<bool>> cancel)
      : Napi::AsyncWorker(env), deferred_(Napi::Promise::Deferred::New(env)), input_(std::move(input)),
        cancel_(std::move(cancel)) {}
  Napi::Promise promise() const { return deferred_.Promise(); }

 protected:
  void Execute() override { input_->backend->scan(input_->request, result_); }
  void OnOK() override { deferred_.Resolve(scan_result_object(Env(), result_)); }
  void OnError(const Napi::Error& error) override { deferred_.Reject(error.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  std::unique_ptr<ScanInput> input_;
  std::shared_ptr<std::atomic<bool>> cancel_;
  ScanResult result_;
};

Napi::Value Scan(const Napi::CallbackInfo& info) {
  std::shared_ptr<std::atomic<bool>> cancel;
  auto input = scan_input(info, cancel);
  auto* worker = new ScanWorker(info.Env(), std::move(input), std::move(cancel));
  Napi::Promise promise = worker->promise();
  worker->Queue();
  return promise;
}

// For worker_threads, whose own event loop may block: the libuv pool stays free.
Napi::Value ScanSync(const Napi::CallbackInfo& info) {
  std::shared_ptr<std::atomic<bool>> cancel;
  auto input = scan_input(info, cancel);
  ScanResult result;
  input->backend->scan(input->request, result);
  return scan_result_object(info.Env(), result);
}

class ValidateWorker : public Napi::AsyncWorker {
 public:
  ValidateWorker(Napi::Env env, const PowBackend* backend, std::vector<uint8_t> headers,
                 std::vector<uint8_t> targets, uint32_t scrypt_n, std::shared_ptr<std::atomic<bool>> cancel)
      : Napi::AsyncWorker(env), deferred_(Napi::Promise::Deferred::New(env)), backend_(backend),
        headers_(std::move(headers)), targets_(std::move(targets)), scrypt_n_(scrypt_n),
        cancel_(std::move(cancel)), count_(headers_.size() / 80), hashes_(32 * count_), valid_(count_) {}
  Napi::Promise promise() const { return deferred_.Promise(); }

 protected:
  void Execute() override {
    for (size_t done = 0; done < count_; done += kValidateChunk) {
      if (cancel_->load(std::memory_order_relaxed)) {
        cancelled_ = true;
        return;
      }
      const size_t n = count_ - done < kValidateChunk ? count_ - done : kValidateChunk;
      backend_->hash_headers(&headers_[80 * done], n, scrypt_n_, &hashes_[32 * done]);
    }
    for (size_t i = 0; i < count_; ++i) valid_[i] = hash_meets_target(&hashes_[32 * i], &targets_[32 * i]);
  }
  void OnOK() override {
    Napi::Env env = Env();
    if (cancelled_) {
      Napi::Error error = Napi::Error::New(env, "validation cancelled");
      error.Set("code", Napi::String::New(env, kErrCancelled));
      deferred_.Reject(error.Value());
      return;
    }
    Napi::Object out = Napi::Object::New(env);
    out.Set("hashes", copy_buffer(env, hashes_.data(), hashes_.size()));
    Napi::Uint8Array valid = Napi::Uint8Array::New(env, count_);
    if (count_ > 0) std::memcpy(valid.Data(), valid_.data(), count_);
    out.Set("valid", valid);
    deferred_.Resolve(out);
  }
  void OnError(const Napi::Error& error) override { deferred_.Reject(error.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  const PowBackend* backend_;
  std::vector<uint8_t> headers_, targets_;
  uint32_t scrypt_n_;
  std::shared_ptr<std::atomic<bool>> cancel_;
  size_t count_;
  std::vector<uint8_t> hashes_, valid_;
  bool cancelled_ = false;
};

// Arguments: algo, headers (n*80), targets (n*32 LE), scryptN[, cancel]
Napi::Value Validate(const Napi::CallbackInfo& info) {
  const PowAlgo algo = algo_arg(info, 0);
  auto headers = buffer_arg(info, 1, "headers");
  auto targets = buffer_arg(info, 2, "targets");
  if (headers.Length() % 80 != 0 || targets.Length() != headers.Length() / 80 * 32)
    throw_coded(info.Env(), kErrInvalidArgument, "headers must be n*80 bytes and targets n*32 bytes");
  const uint32_t n = scrypt_n_arg(info, 3);
  auto* worker = new ValidateWorker(info.Env(), &current_backend(info, algo),
                                    std::vector<uint8_t>(headers.Data(), headers.Data() + headers.Length()),
                                    std::vector<uint8_t>(targets.Data(), targets.Data() + targets.Length()), n,
                                    cancel_arg(info, 4));
  Napi::Promise promise = worker->promise();
  worker->Queue();
  return promise;
}

}  // namespace

void register_pow_exports(Napi::Env env, Napi::Object exports) {
  Napi::Function token_class = CancelToken::define(env);
  instance_state(env).cancel_token_class = Napi::Persistent(token_class);
  exports.Set("CancelToken", token_class);
  exports.Set("pow_backends", Napi::Function::New(env, Backends));
  exports.Set("pow_use_backend", Napi::Function::New(env, UseBackend));
  exports.Set("pow_current_backend", Napi::Function::New(env, CurrentBackend));
  exports.Set("pow_hash", Napi::Function::New(env, PowHash));
  exports.Set("pow_scan", Napi::Function::New(env, Scan));
  exports.Set("pow_scan_sync", Napi::Function::New(env, ScanSync));
  exports.Set("pow_validate", Napi::Function::New(env, Validate));
}

}  // namespace hashpool_binding
