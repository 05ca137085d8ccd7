// One writer per run directory: two processes appending to the same
// rounds.jsonl (a sweep started twice, a `bdal run` beside a sweep's cell)
// would interleave their rounds. The lock is an flock() on `.bdal-lock` in
// the directory, so the kernel releases it when its holder exits or dies:
// there is never a stale lock to clean up.
#pragma once

#include <filesystem>

namespace bdal::core {

class DirLock {
 public:
  // Creates `dir` if needed and takes its lock, or throws a UsageError that
  // names the process holding it.
  explicit DirLock(const std::filesystem::path& dir);
  ~DirLock();
  DirLock(const DirLock&) = delete;
  DirLock& operator=(const DirLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace bdal::core
