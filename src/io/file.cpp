#include "io/file.h"

#include <filesystem>
#include <fstream>
#include <system_error>

namespace jurymn {

FileBytes read_file(const std::string& path, std::size_t max_bytes) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return {{}, path + "\u00A0: c’est un dossier, pas un fichier."};
  std::ifstream f(path, std::ios::binary);
  if (!f) return {{}, path + "\u00A0: fichier introuvable ou illisible."};
  auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > max_bytes)
    return {{}, path + "\u00A0: fichier trop volumineux (" + std::to_string(size / 1024) + " Kio)."};
  std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  if (f.bad()) return {{}, path + "\u00A0: erreur de lecture."};
  return {std::move(bytes), {}};
}

std::string write_file_atomic(const std::string& path, std::string_view bytes) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return path + "\u00A0: écriture impossible (dossier absent ou protégé).";
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    f.flush();
    if (!f) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      return path + "\u00A0: écriture interrompue (disque plein ?).";
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return path + "\u00A0: écriture impossible (" + ec.message() + ").";
  }
  return {};
}

}  // namespace jurymn
