// A small thread-safe cache whose entries expire after a fixed time: for answers that
// are read on every request (who holds this token, which role in which coalition) and
// change rarely. Writers in this process clear it; other processes' writes (the CLI, a
// second server) show within the time-to-live.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>

namespace coalign::service {

template <typename Key, typename Value>
class TtlCache {
 public:
  using Clock = std::chrono::steady_clock;
  explicit TtlCache(Clock::duration ttl, std::size_t capacity = 10000) : ttl_(ttl), capacity_(capacity) {}

  std::optional<Value> Get(const Key& key) {
    std::lock_guard lock(mutex_);
    auto found = entries_.find(key);
    if (found == entries_.end()) return std::nullopt;
    if (Clock::now() >= found->second.expires) {
      entries_.erase(found);
      return std::nullopt;
    }
    return found->second.value;
  }

  void Put(const Key& key, Value value) {
    std::lock_guard lock(mutex_);
    if (entries_.size() >= capacity_) entries_.clear();  // crude, but bounded
    entries_[key] = Entry{std::move(value), Clock::now() + ttl_};
  }

  void Erase(const Key& key) {
    std::lock_guard lock(mutex_);
    entries_.erase(key);
  }

  void Clear() {
    std::lock_guard lock(mutex_);
    entries_.clear();
  }

 private:
  struct Entry {
    Value value;
    Clock::time_point expires;
  };
  Clock::duration ttl_;
  std::size_t capacity_;
  std::mutex mutex_;
  std::map<Key, Entry> entries_;
};

}  // namespace coalign::service
