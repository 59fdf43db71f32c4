// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Every file jurymn reads or writes goes through here (and so through the
// platform seam's read_regular_file / write_file_durably).
#include <cstdint>
#include <fstream>
#include <optional>
#include <string_view>
#include <memory>
#include <string>

#include "io/signing.h"

namespace jurymn {

struct FileBytes {
  std::string bytes;
  std::string error;  // French, names the file; empty on success
};

// Reads a whole regular file (never a link, pipe, device or folder);
// refuses anything over `max_bytes` before reading it.
FileBytes read_file(const std::string& path, std::size_t max_bytes = 64u << 20);

// Writes through a new temporary file, flushed to disk, and a rename, so a
// crash never leaves half a file under the final name; never onto a device
// or through a link. `owner_only` for private keys. Returns "" or a French
// error with the cause.
std::string write_file_atomic(const std::string& path, std::string_view bytes, bool owner_only = false);

// A large file written as a stream into a folder being built (a bundle's
// fresh folder, put in place whole by platform::replace_folder): buffered,
// hashed as it is written, flushed to disk at close. Never onto an existing
// file.
class StreamedFile {
public:
  explicit StreamedFile(std::string path);
  void write(std::string_view bytes);
  // "" or a French error naming the file; then sha256() is the digest of
  // every byte written.
  std::string close();
  const std::string& sha256() const { return sha256_; }
  std::int64_t bytes() const { return bytes_; }

private:
  std::string path_;
  std::ofstream out_;
  std::string buffer_;
  Sha256Stream hash_;
  std::string sha256_;
  std::int64_t bytes_ = 0;
  bool failed_ = false;
  void flush();
};

// A large file read a line at a time ('\n' ends a line; the last line must
// end with one too), hashed as it is read; only a regular file (not a link,
// pipe or device). Lines of more than `max_line` bytes are refused.
class LineFile {
public:
  // `name`: how messages name the file (default: its path).
  LineFile(const std::string& path, std::string name = {}, std::size_t max_line = 64u << 20);
  // The next line, without its '\n'; false at the end or on an error
  // (then error() says which, in French, naming the file and the line).
  bool next(std::string& line);
  std::int64_t line_number() const { return line_; }  // of the line last read, from 1
  const std::string& error() const { return error_; }
  std::string sha256();  // of every byte read, once at the end

private:
  std::string path_;
  std::string name_;
  std::ifstream in_;
  Sha256Stream hash_;
  std::string buffer_;
  std::size_t at_ = 0;
  std::size_t max_line_;
  std::int64_t line_ = 0;
  std::string error_;
  bool eof_ = false;
};

}  // namespace jurymn
