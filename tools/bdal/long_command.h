// What long-running commands (run, sweep) share: a clean stop on Ctrl-C or
// SIGTERM, and durations printed as hh:mm:ss in progress lines.
#pragma once

#include <atomic>
#include <string>

namespace bdal::cli {

// After this call, the first SIGINT or SIGTERM raises the returned flag (the
// command finishes its last complete step and exits 130); a second one
// terminates at once.
const std::atomic<bool>& stop_cleanly_on_signals();

std::string hms(double seconds);

}  // namespace bdal::cli
