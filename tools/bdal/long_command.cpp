#include "long_command.h"

#include <fmt/core.h>

#include <csignal>
#include <cstdint>

namespace bdal::cli {
namespace {

std::atomic<bool> g_stop{false};

void on_signal(int signal) {
  g_stop.store(true);
  std::signal(signal, SIG_DFL);
}

}  // namespace

const std::atomic<bool>& stop_cleanly_on_signals() {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  return g_stop;
}

std::string hms(double seconds) {
  const auto s = static_cast<int64_t>(seconds);
  return fmt::format("{:02}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
}

}  // namespace bdal::cli
