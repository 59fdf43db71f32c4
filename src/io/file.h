// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Every file jurymn reads or writes goes through here (and so through the
// platform seam's read_regular_file / write_file_durably).
#include <optional>
#include <string_view>
#include <string>

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

}  // namespace jurymn
