// SPDX-License-Identifier: EUPL-1.2
#include "io/file.h"

#include "io/signing.h"
#include "platform/platform.h"

#include <filesystem>

namespace jurymn {

FileBytes read_file(const std::string& path, std::size_t max_bytes) {
  platform::FileRead r = platform::read_regular_file(path, max_bytes);
  return {std::move(r.bytes), std::move(r.error)};
}

std::string write_file_atomic(const std::string& path, std::string_view bytes, bool owner_only) {
  return platform::write_file_durably(path, bytes, owner_only);
}

StreamedFile::StreamedFile(std::string path) : path_(std::move(path)) {
  std::error_code ec;
  // In a folder just made for the bundle: anything already there is not ours.
  if (std::filesystem::exists(std::filesystem::symlink_status(platform::u8path(path_), ec))) {
    failed_ = true;
    return;
  }
  out_.open(platform::u8path(path_), std::ios::binary | std::ios::trunc);
  failed_ = !out_;
  buffer_.reserve(1 << 20);
}

void StreamedFile::write(std::string_view bytes) {
  hash_.add(bytes);
  bytes_ += static_cast<std::int64_t>(bytes.size());
  buffer_.append(bytes);
  if (buffer_.size() >= (1u << 20)) flush();
}

void StreamedFile::flush() {
  if (!failed_ && !buffer_.empty()) {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    failed_ = !out_;
  }
  buffer_.clear();
}

std::string StreamedFile::close() {
  flush();
  if (out_.is_open()) out_.close();
  sha256_ = hash_.hex();
  if (failed_ || out_.fail()) return path_ + "\u00A0: écriture impossible ou interrompue (disque plein, droits\u00A0?).";
  return platform::sync_file(path_);
}

LineFile::LineFile(const std::string& path, std::string name, std::size_t max_line)
    : path_(path), name_(name.empty() ? path : std::move(name)), max_line_(max_line) {
  std::error_code ec;
  const auto st = std::filesystem::symlink_status(platform::u8path(path), ec);
  if (!std::filesystem::exists(st)) {
    error_ = name_ + "\u00A0: fichier absent du lot.";
  } else if (!std::filesystem::is_regular_file(st)) {
    error_ = name_ + "\u00A0: ce n’est pas un fichier ordinaire (lien, dossier ou périphérique).";
  } else {
    in_.open(platform::u8path(path), std::ios::binary);
    if (!in_) error_ = name_ + "\u00A0: lecture impossible.";
  }
}

bool LineFile::next(std::string& line) {
  if (!error_.empty()) return false;
  for (;;) {
    const std::size_t end = buffer_.find('\n', at_);
    if (end != std::string::npos) {
      if (end - at_ > max_line_) break;
      line.assign(buffer_, at_, end - at_);
      at_ = end + 1;
      ++line_;
      return true;
    }
    if (buffer_.size() - at_ > max_line_) break;
    if (eof_) {
      if (at_ < buffer_.size())
        error_ = name_ + ", ligne " + std::to_string(line_ + 1) +
                 "\u00A0: dernière ligne incomplète (sans fin de ligne)\u00A0: fichier tronqué.";
      return false;
    }
    buffer_.erase(0, at_);
    at_ = 0;
    const std::size_t had = buffer_.size();
    buffer_.resize(had + (1u << 20));
    in_.read(buffer_.data() + had, 1 << 20);
    const std::size_t got = static_cast<std::size_t>(in_.gcount());
    buffer_.resize(had + got);
    hash_.add(std::string_view(buffer_).substr(had));
    if (in_.bad()) {
      error_ = name_ + "\u00A0: erreur de lecture.";
      return false;
    }
    if (got == 0 || in_.eof()) eof_ = true;
  }
  error_ = name_ + ", ligne " + std::to_string(line_ + 1) + "\u00A0: ligne de plus de " +
           std::to_string(max_line_ >> 20) + "\u00A0Mio\u00A0: ce n’est pas un fichier de jurymn.";
  return false;
}

std::string LineFile::sha256() { return hash_.hex(); }

}  // namespace jurymn
