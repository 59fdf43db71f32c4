#pragma once
// Temporary folders and small builders shared by the tests.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "core/clock.h"
#include "store/store.h"

namespace jurymn::test {

class TempDir {
public:
  TempDir() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("jurymn-test-" + std::to_string(rd()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

private:
  std::filesystem::path path_;
};

inline std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

inline void spit(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << bytes;
}

inline SessionInput session_input(SessionKind kind = SessionKind::Official) {
  return SessionInput{"Session CCP1 — mai 2026", "2026-05-18", "GIE Francil’IN formations", kind, {true, true}};
}

inline CandidateInput candidate_input(const std::string& number, const std::string& last = "Dupré",
                                      const std::string& first = "Éloïse") {
  CandidateInput c;
  c.number = number;
  c.last_name = last;
  c.first_name = first;
  c.ccps = {true, false};
  c.sheets = {"Créer son adresse e-mail", "Prendre rendez-vous en ligne", "Découvrir France Connect"};
  return c;
}

}  // namespace jurymn::test
