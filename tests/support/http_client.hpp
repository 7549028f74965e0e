// A small blocking HTTP client for integration tests, on libcurl.
#pragma once

#include <curl/curl.h>

#include <string>
#include <vector>

namespace coalign::testing {

struct HttpResult {
  long status = 0;
  std::string content_type;
  std::string body;
};

// The bearer token every call sends unless told otherwise (set by ServerProcess to its
// test admin's personal API token; "" for anonymous calls).
inline std::string& DefaultBearer() {
  static std::string token;
  return token;
}

inline HttpResult HttpCall(const std::string& method, const std::string& url, const std::string& body = "",
                           const std::string& content_type = "application/json",
                           const std::vector<std::string>& extra_headers = {}, const std::string* bearer = nullptr) {
  HttpResult result;
  CURL* curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 120L);
  struct curl_slist* headers = nullptr;
  const std::string& token = bearer ? *bearer : DefaultBearer();
  if (!token.empty()) headers = curl_slist_append(headers, ("Authorization: Bearer " + token).c_str());
  for (const auto& header : extra_headers) headers = curl_slist_append(headers, header.c_str());
  if (method != "GET") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    headers = curl_slist_append(headers, ("Content-Type: " + content_type).c_str());
    headers = curl_slist_append(headers, "Expect:");
  }
  if (headers) curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, +[](char* data, size_t size, size_t count, void* out) {
    static_cast<std::string*>(out)->append(data, size * count);
    return size * count;
  });
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &result.body);
  CURLcode code = curl_easy_perform(curl);
  if (code == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
    char* type = nullptr;
    curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type);
    if (type) result.content_type = type;
  } else {
    result.body = curl_easy_strerror(code);
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return result;
}

inline HttpResult Get(const std::string& url) { return HttpCall("GET", url); }
inline HttpResult Post(const std::string& url, const std::string& body, const std::string& type = "application/json") {
  return HttpCall("POST", url, body, type);
}

}  // namespace coalign::testing
