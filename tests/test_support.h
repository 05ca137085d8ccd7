// Helpers shared by the test programs: temporary directories, real-MNIST
// access (visible skip, or failure under CI), and running the bdal CLI.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace bdal::testing {

// A fresh directory under the system temp dir, removed at scope exit.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("bdal-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline void write_bytes(const std::filesystem::path& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

// The data directory the tests were pointed at (BDAL_DATA_DIR; see test_environment.cpp).
inline std::filesystem::path test_data_dir() {
  const char* env = std::getenv("BDAL_DATA_DIR");
  return env && *env ? std::filesystem::path(env) : std::filesystem::path(BDAL_TEST_SHARED_DATA);
}

inline bool mnist_present() {
  return std::filesystem::exists(test_data_dir() / "mnist" / "train-images-idx3-ubyte.gz");
}

// Use at the top of a test that needs real MNIST: skips with the reason, or
// fails when BDAL_REQUIRE_MNIST=1 (the test script sets it under CI).
#define BDAL_REQUIRE_MNIST()                                                              \
  do {                                                                                    \
    if (!::bdal::testing::mnist_present()) {                                              \
      const char* req = std::getenv("BDAL_REQUIRE_MNIST");                                \
      if (req && std::string(req) == "1")                                                 \
        FAIL() << "MNIST missing from " << ::bdal::testing::test_data_dir() / "mnist";    \
      GTEST_SKIP() << "MNIST not in " << ::bdal::testing::test_data_dir() / "mnist"       \
                   << " (run `bdal data fetch mnist` or set BDAL_DATA_DIR)";              \
    }                                                                                     \
  } while (false)

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs `bdal <args>` through the shell; args are passed as written.
inline CommandResult run_bdal(const std::string& args) {
  const std::string command = std::string("'") + BDAL_CLI_PATH + "' " + args + " 2>&1";
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace bdal::testing
