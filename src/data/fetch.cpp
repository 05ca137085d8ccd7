#include "bdal/data/fetch.h"

#include "bdal/core/error.h"
#include "bdal/data/checksum.h"

#include <curl/curl.h>

#include <cstdio>
#include <fstream>

namespace bdal::data {
namespace {

size_t write_to_stream(char* data, size_t size, size_t count, void* stream) {
  auto* out = static_cast<std::ofstream*>(stream);
  out->write(data, static_cast<std::streamsize>(size * count));
  return out->good() ? size * count : 0;
}

// Downloads `url` to `target`; returns "" on success, else why not.
std::string download(const std::string& url, const std::filesystem::path& target,
                     long connect_timeout) {
  std::ofstream out(target, std::ios::binary | std::ios::trunc);
  if (!out) return "cannot write " + target.string();
  CURL* curl = curl_easy_init();
  if (!curl) return "libcurl failed to initialise";
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_to_stream);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &out);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_FAILONERROR, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, connect_timeout);
  // A stalled transfer (under 1 KiB/s for 60 s) is abandoned, not waited on forever.
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1024L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  const CURLcode rc = curl_easy_perform(curl);
  curl_easy_cleanup(curl);
  out.close();
  if (rc != CURLE_OK) return error[0] ? error : curl_easy_strerror(rc);
  if (!out) return "write to " + target.string() + " failed";
  return "";
}

}  // namespace

std::filesystem::path fetch_dataset(const IdxImageSpec& spec, const std::filesystem::path& data_dir,
                                    const FetchOptions& options, const FetchLog& log) {
  const std::vector<std::string>& mirrors = options.mirrors.empty() ? spec.mirrors : options.mirrors;
  BDAL_CHECK_USAGE(!mirrors.empty(), "{} has no download mirrors; {}", spec.title,
                   spec.name == "fashion-mnist"
                       ? "install Debian's dataset-fashion-mnist package instead"
                       : "put its files in the data directory by hand");
  const auto dir = data_dir / spec.name;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  BDAL_CHECK(!ec, "cannot create data directory '{}': {}", dir.string(), ec.message());
  static const bool curl_ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  BDAL_CHECK(curl_ready, "libcurl failed to initialise");

  for (const IdxFile& file : spec.files) {
    const auto target = dir / file.name;
    if (!options.force && std::filesystem::is_regular_file(target)) {
      if (sha256_file(target) == file.sha256) {
        log(fmt::format("{}: present, SHA-256 verified", target.string()));
        continue;
      }
      log(fmt::format("{}: present but its SHA-256 does not match; downloading again",
                      target.string()));
    }
    const auto partial = dir / (file.name + ".part");
    std::vector<std::string> failures;
    bool done = false;
    for (const auto& mirror : mirrors) {
      // Base URLs work with or without their trailing slash.
      const std::string url = mirror + (mirror.empty() || mirror.back() == '/' ? "" : "/") + file.name;
      log(fmt::format("{}: downloading {}", file.name, url));
      const std::string why = download(url, partial, options.connect_timeout_seconds);
      if (!why.empty()) {
        failures.push_back(fmt::format("{}: {}", url, why));
        continue;
      }
      const std::string got = sha256_file(partial);
      if (got != file.sha256) {
        failures.push_back(fmt::format("{}: SHA-256 {} does not match the published {}", url, got,
                                       file.sha256));
        continue;
      }
      std::filesystem::rename(partial, target);
      log(fmt::format("{}: SHA-256 verified", target.string()));
      done = true;
      break;
    }
    if (!done) {
      std::filesystem::remove(partial, ec);
      throw Error(fmt::format(
          "could not get {} ({}); every mirror failed:\n  {}\nIf this machine is offline, copy "
          "the four {} files into {} by hand.",
          file.name, spec.title, fmt::join(failures, "\n  "), spec.title, dir.string()));
    }
  }
  return dir;
}

}  // namespace bdal::data
