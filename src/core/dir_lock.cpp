#include "bdal/core/dir_lock.h"

#include "bdal/core/error.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

namespace bdal::core {
namespace {

constexpr const char* kLockFile = ".bdal-lock";

std::string read_all(int fd) {
  std::string text;
  char buffer[64];
  ssize_t n;
  while ((n = pread(fd, buffer, sizeof buffer, static_cast<off_t>(text.size()))) > 0)
    text.append(buffer, static_cast<size_t>(n));
  return text;
}

// Filesystems without flock() (Lustre mounted without -o flock, some FUSE
// mounts) must not stop every run on a cluster: they run unguarded.
bool flock_unsupported(int error) {
  return error == ENOSYS || error == EOPNOTSUPP || error == ENOLCK || error == EINVAL;
}

}  // namespace

DirLock::DirLock(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  const std::filesystem::path path = dir / kLockFile;
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  BDAL_CHECK(fd_ >= 0, "cannot open '{}': {}", path.string(), std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    if (flock_unsupported(error)) {
      fmt::print(stderr,
                 "warning: this filesystem cannot lock '{}' ({}); nothing stops a second bdal "
                 "process from writing the same directory\n",
                 path.string(), std::strerror(error));
      return;  // keeps fd_ open: harmless, closed with the object
    }
    // The pid of whoever holds it; a holder that has just taken the lock may
    // not have written its pid yet, and then this is the previous holder's.
    const std::string holder = read_all(fd_);
    ::close(fd_);
    fd_ = -1;
    BDAL_CHECK(error == EWOULDBLOCK, "cannot lock '{}': {}", path.string(), std::strerror(error));
    throw UsageError(fmt::format(
        "'{}' is in use by another bdal process ({}); wait for it to finish or stop it first",
        dir.string(), holder.empty() ? std::string("pid unknown") : "pid " + holder));
  }
  // Who holds it, for the message above; the lock itself is the flock.
  const std::string pid = std::to_string(::getpid());
  if (::ftruncate(fd_, 0) == 0) {
    [[maybe_unused]] const ssize_t written = ::pwrite(fd_, pid.data(), pid.size(), 0);
  }
}

DirLock::~DirLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace bdal::core
