// Errors that reach the user. Two kinds, because the exit status tells them
// apart: a UsageError (bad option, unknown name, nonsense number; exit 2) and
// an Error for everything that goes wrong at run time (bad file, I/O; exit 1).
#pragma once

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <stdexcept>
#include <string>

namespace bdal {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class UsageError : public Error {
 public:
  using Error::Error;
};

}  // namespace bdal

// BDAL_CHECK(cond, "format {}", args...) throws bdal::Error with the message.
#define BDAL_CHECK(cond, ...)                                   \
  do {                                                          \
    if (!(cond)) throw ::bdal::Error(fmt::format(__VA_ARGS__)); \
  } while (false)

// BDAL_CHECK_USAGE: same, but the input came from the user's options.
#define BDAL_CHECK_USAGE(cond, ...)                                  \
  do {                                                               \
    if (!(cond)) throw ::bdal::UsageError(fmt::format(__VA_ARGS__)); \
  } while (false)
