// SPDX-License-Identifier: EUPL-1.2
#include "io/file.h"

#include "platform/platform.h"

namespace jurymn {

FileBytes read_file(const std::string& path, std::size_t max_bytes) {
  platform::FileRead r = platform::read_regular_file(path, max_bytes);
  return {std::move(r.bytes), std::move(r.error)};
}

std::string write_file_atomic(const std::string& path, std::string_view bytes, bool owner_only) {
  return platform::write_file_durably(path, bytes, owner_only);
}

}  // namespace jurymn
