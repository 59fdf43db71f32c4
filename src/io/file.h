#pragma once
#include <optional>
#include <string_view>
#include <string>

namespace jurymn {

struct FileBytes {
  std::string bytes;
  std::string error;  // French, names the file; empty on success
};

// Reads a whole file; refuses anything over `max_bytes`.
FileBytes read_file(const std::string& path, std::size_t max_bytes = 64u << 20);

// Writes through a temporary file and a rename, so a crash never leaves
// half a file under the final name. Returns an error message or "".
std::string write_file_atomic(const std::string& path, std::string_view bytes);

}  // namespace jurymn
