// Result<T>: a value or an error message, for expected failures (bad input, unknown
// ids) that the caller must look at. Exceptions are kept for what aborts a request.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace coalign {

struct Error {
  std::string message;
  std::string field;  // the offending field or location, when known
};

template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}
  Result(Error error) : data_(std::move(error)) {}
  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(data_); }
  const T& value() const& { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const Error& error() const { return std::get<1>(data_); }

 private:
  std::variant<T, Error> data_;
};

}  // namespace coalign
