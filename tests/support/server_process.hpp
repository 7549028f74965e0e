// Starts a real `coalign serve` on a free loopback port with its own database file, for
// integration tests; stops it by its own pid.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/http_client.hpp"

namespace coalign::testing {

// A fresh temporary folder, removed with its contents on destruction.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "coalign-test-XXXXXX").string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (!mkdtemp(buffer.data())) throw std::runtime_error("mkdtemp failed");
    path_ = buffer.data();
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::string File(const std::string& name) const { return (std::filesystem::path(path_) / name).string(); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Runs a command and returns its exit status and what it printed on stdout/stderr.
struct CommandResult {
  int status = -1;
  std::string out;
  std::string err;
};

inline CommandResult RunCommand(const std::vector<std::string>& args) {
  TempDir dir;
  std::string out_path = dir.File("out"), err_path = dir.File("err");
  pid_t pid = fork();
  if (pid == 0) {
    std::freopen(out_path.c_str(), "w", stdout);
    std::freopen(err_path.c_str(), "w", stderr);
    std::vector<char*> argv;
    for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  auto slurp = [](const std::string& path) {
    std::string text;
    if (FILE* file = std::fopen(path.c_str(), "rb")) {
      char buffer[65536];
      std::size_t read;
      while ((read = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, read);
      std::fclose(file);
    }
    return text;
  };
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), slurp(out_path), slurp(err_path)};
}

class ServerProcess {
 public:
  // Starts the server; first gives the database an instance admin whose personal API
  // token (admin_token()) the test's HTTP calls send by default.
  explicit ServerProcess(std::string db_path, std::vector<std::string> extra_args = {}) : db_path_(std::move(db_path)) {
    RunCommand({COALIGN_BINARY, "user", "add", "--db", db_path_, "admin@test.coalign", "--name", "Test Admin", "--admin",
                "--password", "test-admin-password"});
    auto token = RunCommand({COALIGN_BINARY, "user", "token", "--db", db_path_, "admin@test.coalign"});
    if (token.status != 0) throw std::runtime_error("coalign user token failed: " + token.err);
    admin_token_ = token.out.substr(0, token.out.find_last_not_of("\r\n") + 1);
    DefaultBearer() = admin_token_;
    static int started = 0;  // each process its own log, so a restart never reads an old port
    std::string log_path = db_path_ + ".serve" + std::to_string(++started) + ".log";
    pid_ = fork();
    if (pid_ == 0) {
      std::freopen(log_path.c_str(), "w", stdout);
      std::freopen((log_path + ".err").c_str(), "w", stderr);
      std::vector<std::string> args = {COALIGN_BINARY, "serve", "--db", db_path_, "--port", "0"};
      args.insert(args.end(), extra_args.begin(), extra_args.end());
      std::vector<char*> argv;
      for (auto& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    // The server prints "Open http://127.0.0.1:PORT/" once it listens.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      if (FILE* log = std::fopen(log_path.c_str(), "r")) {
        char line[512];
        while (std::fgets(line, sizeof line, log)) {
          std::string text(line);
          auto at = text.find("Open http://127.0.0.1:");
          if (at != std::string::npos) port_ = std::stoi(text.substr(at + 22));
        }
        std::fclose(log);
      }
      if (port_) return;
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        throw std::runtime_error("coalign serve exited early; see " + log_path + ".err");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    Stop();
    throw std::runtime_error("coalign serve did not start listening in time");
  }
  ~ServerProcess() { Stop(); }

  void Stop(int signal_number = SIGTERM) {
    if (pid_ <= 0) return;
    kill(pid_, signal_number);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  std::string BaseUrl() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  const std::string& admin_token() const { return admin_token_; }

 private:
  std::string db_path_;
  std::string admin_token_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace coalign::testing
