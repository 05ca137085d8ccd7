// Helpers shared by the test programs: temporary directories, real-MNIST
// access (visible skip, or failure under CI), running the bdal CLI, error
// and substring checks, and crafted IDX / gzip bytes.
#pragma once

#include "bdal/core/error.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
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

// EXPECT_TRUE(HasSubstr(text, part)): on failure prints the part and the
// whole text, which a bare find() != npos would not.
inline ::testing::AssertionResult HasSubstr(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "\"" << part << "\" not found in: " << text;
}

// Runs `f`, which must throw a runtime bdal::Error (a bad file, exit 1 — not
// a UsageError: a bad file is not the user's typing); returns the message.
template <typename F>
std::string runtime_error_message(F&& f) {
  try {
    f();
  } catch (const ::bdal::UsageError& e) {
    ADD_FAILURE() << "threw a UsageError, expected a runtime Error: " << e.what();
    return e.what();
  } catch (const ::bdal::Error& e) {
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "threw a non-bdal exception: " << e.what();
    return e.what();
  }
  ADD_FAILURE() << "did not throw";
  return {};
}

// Runs `f`, which must throw a bdal::UsageError (exit 2); returns the message.
template <typename F>
std::string usage_error_message(F&& f) {
  try {
    f();
  } catch (const ::bdal::UsageError& e) {
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected a UsageError, got: " << e.what();
    return e.what();
  }
  ADD_FAILURE() << "did not throw";
  return {};
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void write_bytes(const std::filesystem::path& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

// An IDX file: magic 00 00 <type> <rank>, big-endian uint32 dims, payload.
inline std::vector<uint8_t> idx_bytes(uint8_t type, const std::vector<uint32_t>& dims,
                                      const std::vector<uint8_t>& payload) {
  std::vector<uint8_t> b{0, 0, type, static_cast<uint8_t>(dims.size())};
  for (uint32_t d : dims)
    for (int i = 3; i >= 0; --i) b.push_back(static_cast<uint8_t>(d >> (8 * i)));
  b.insert(b.end(), payload.begin(), payload.end());
  return b;
}

// A gzip stream (windowBits 15 + 16 = gzip wrapper) of `raw`, as the
// dataset files are shipped.
inline std::vector<uint8_t> gzip_bytes(const std::vector<uint8_t>& raw,
                                       int level = Z_DEFAULT_COMPRESSION) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::vector<uint8_t> out(deflateBound(&zs, raw.size()) + 64);
  zs.next_in = const_cast<Bytef*>(raw.data());
  zs.avail_in = static_cast<uInt>(raw.size());
  zs.next_out = out.data();
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
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
#define BDAL_REQUIRE_MNIST()                                                           \
  do {                                                                                 \
    if (!::bdal::testing::mnist_present()) {                                           \
      const char* req = std::getenv("BDAL_REQUIRE_MNIST");                             \
      if (req && std::string(req) == "1")                                              \
        FAIL() << "MNIST missing from " << ::bdal::testing::test_data_dir() / "mnist"; \
      GTEST_SKIP() << "MNIST not in " << ::bdal::testing::test_data_dir() / "mnist"    \
                   << " (run `bdal data fetch mnist` or set BDAL_DATA_DIR)";           \
    }                                                                                  \
  } while (false)

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// A path as one shell word for run_bdal's command line (test paths hold no quotes).
inline std::string shell_quote(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

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
