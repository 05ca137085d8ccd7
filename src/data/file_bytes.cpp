#include "bdal/data/file_bytes.h"

#include "bdal/core/error.h"

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace bdal::data {

Bytes read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  BDAL_CHECK(in, "cannot open '{}': {}", path.string(), std::strerror(errno));
  // A directory opens fine on Linux and ext4 reports its size as 2^63-1,
  // which would become a std::bad_alloc instead of a message.
  std::error_code ec;
  BDAL_CHECK(std::filesystem::is_regular_file(path, ec), "cannot read '{}': not a regular file",
             path.string());
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  BDAL_CHECK(size >= 0, "cannot read '{}' (not a regular file?)", path.string());
  in.seekg(0, std::ios::beg);
  Bytes bytes(static_cast<size_t>(size));
  in.read(reinterpret_cast<char*>(bytes.data()), size);
  BDAL_CHECK(in.gcount() == size, "short read from '{}'", path.string());
  return bytes;
}

Bytes gunzip(const Bytes& compressed, const std::string& what) {
  Bytes out;
  out.reserve(compressed.size() * 4);
  z_stream zs{};
  // 15 + 16: gzip wrapper only, so a raw zlib stream is not mistaken for one.
  BDAL_CHECK(inflateInit2(&zs, 15 + 16) == Z_OK, "zlib init failed for '{}'", what);
  zs.next_in = const_cast<Bytef*>(compressed.data());
  zs.avail_in = static_cast<uInt>(compressed.size());
  constexpr size_t kChunk = 1 << 20;
  int rc = Z_OK;
  while (true) {
    const size_t old = out.size();
    out.resize(old + kChunk);
    zs.next_out = out.data() + old;
    zs.avail_out = kChunk;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.resize(old + kChunk - zs.avail_out);
    if (rc == Z_STREAM_END) {
      // gzip files may hold several members back to back.
      if (zs.avail_in == 0) break;
      if (inflateReset(&zs) != Z_OK) break;
      continue;
    }
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;  // input ran out mid-stream
    if (rc != Z_OK) break;
  }
  const std::string msg = zs.msg ? zs.msg : "";
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) {
    if (rc == Z_BUF_ERROR || rc == Z_OK)
      throw Error(
          fmt::format("'{}' is a truncated gzip file (stream ended after {} "
                      "compressed bytes without its end marker)",
                      what, compressed.size()));
    throw Error(fmt::format("'{}' is a corrupt gzip file: {}", what,
                            msg.empty() ? "zlib error " + std::to_string(rc) : msg));
  }
  return out;
}

Bytes read_maybe_gzip(const std::filesystem::path& path) {
  Bytes bytes = read_file(path);
  if (bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
    return gunzip(bytes, path.string());
  return bytes;
}

Bytes gzip(const Bytes& raw) {
  z_stream zs{};
  // 15 + 16: a gzip wrapper; deflate writes no name and a zero time stamp.
  BDAL_CHECK(deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK,
             "zlib deflate init failed");
  Bytes out(deflateBound(&zs, raw.size()) + 64);
  zs.next_in = const_cast<Bytef*>(raw.data());
  zs.avail_in = static_cast<uInt>(raw.size());
  zs.next_out = out.data();
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  const size_t written = zs.total_out;
  deflateEnd(&zs);
  BDAL_CHECK(rc == Z_STREAM_END, "zlib deflate failed ({})", rc);
  out.resize(written);
  return out;
}

void write_file_atomic(const std::filesystem::path& path, const Bytes& bytes) {
  const std::string tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    BDAL_CHECK(out, "cannot write '{}': {}", tmp, std::strerror(errno));
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    out.close();
    BDAL_CHECK(out, "write to '{}' failed", tmp);
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  BDAL_CHECK(!ec, "cannot rename '{}' to '{}': {}", tmp, path.string(), ec.message());
}

}  // namespace bdal::data
