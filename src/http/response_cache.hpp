// A small thread-safe LRU cache of response bodies, for answers that are pure functions
// of their key (e.g. a view at a given revision).
#pragma once

#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace coalign::http {

class ResponseCache {
 public:
  explicit ResponseCache(std::size_t capacity) : capacity_(capacity) {}

  std::optional<std::string> Find(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto found = entries_.find(key);
    if (found == entries_.end()) return std::nullopt;
    order_.splice(order_.begin(), order_, found->second.first);
    return found->second.second;
  }

  void Put(const std::string& key, std::string body) {
    std::lock_guard lock(mutex_);
    if (entries_.count(key)) return;
    order_.push_front(key);
    entries_.emplace(key, std::make_pair(order_.begin(), std::move(body)));
    while (entries_.size() > capacity_) {
      entries_.erase(order_.back());
      order_.pop_back();
    }
  }

 private:
  std::size_t capacity_;
  std::mutex mutex_;
  std::list<std::string> order_;  // most recently used first
  std::unordered_map<std::string, std::pair<std::list<std::string>::iterator, std::string>> entries_;
};

}  // namespace coalign::http
