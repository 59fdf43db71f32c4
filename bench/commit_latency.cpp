// SPDX-License-Identifier: EUPL-1.2
// Latency of one committed action (WAL, synchronous=FULL): the time a
// jury member waits between a click and "it is on disk".
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "io/title_json.h"
#include "store/store.h"

int main(int argc, char** argv) {
  using namespace jurymn;
  namespace fs = std::filesystem;
  const int n = argc > 1 ? std::stoi(argv[1]) : 2000;
  fs::path dir = fs::temp_directory_path() / "jurymn-bench-commit";
  fs::remove_all(dir);
  fs::create_directories(dir);
  SystemClock clock;
  OpenResult o = Store::open((dir / "bench.db").string(), OpenMode::ReadWrite, clock);
  if (!o.store) {
    std::fprintf(stderr, "%s\n", o.error.c_str());
    return 1;
  }
  Store& store = *o.store;
  // The title jurymn ships: sessions examine its CCPs.
  TitleLoad title = load_title_file(JURYMN_ASSETS "/titles/tp-01336.json");
  if (!title.title) {
    std::fprintf(stderr, "%s\n", title.problems.empty() ? "title" : title.problems.front().text().c_str());
    return 1;
  }
  store.set_title(*title.title);
  ApplyResult s = store.apply(action::CreateSession{{"Banc d’essai", "2026-05-18", "Centre", SessionKind::Official, {"CCP1", "CCP2"}}}, "bench");
  std::vector<std::string> uuids;
  for (int i = 0; i < 50; ++i) {
    CandidateInput c;
    c.ccps = {"CCP1"};
    c.number = "B" + std::to_string(i);
    c.last_name = "Élève";
    c.first_name = "Numéro " + std::to_string(i);
    uuids.push_back(store.apply(action::AddCandidate{s.created_uuid, c}, "bench").created_uuid);
  }
  std::vector<double> ms;
  ms.reserve(static_cast<std::size_t>(n));
  const Attendance cycle[] = {Attendance::Present, Attendance::Withdrawn, Attendance::Expected};
  for (int i = 0; i < n; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    ApplyResult r = store.apply(action::SetAttendance{uuids[static_cast<std::size_t>(i) % uuids.size()], cycle[i % 3]}, "bench");
    auto t1 = std::chrono::steady_clock::now();
    if (!r) {
      std::fprintf(stderr, "action refused: %s\n", r.error.c_str());
      return 1;
    }
    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  auto pct = [&](double p) { return ms[static_cast<std::size_t>(p * static_cast<double>(ms.size() - 1))]; };
  std::printf("action commit (WAL, synchronous=FULL, with audit entry), n=%d: p50=%.3f ms p90=%.3f ms p99=%.3f ms max=%.3f ms\n",
              n, pct(0.50), pct(0.90), pct(0.99), ms.back());

  // The session screen reloads its lists after each action: how long with
  // thousands of candidates?
  action::ImportCandidates import{s.created_uuid, "bench.csv", {}};
  for (int i = 0; i < 5000; ++i) {
    CandidateInput c;
    c.ccps = {"CCP1"};
    c.number = "M" + std::to_string(i);
    c.last_name = "Lefèvre-" + std::to_string(i);
    c.first_name = "Anaïs";
    c.sheets = {"Fiche un", "Fiche deux", "Fiche trois"};
    import.rows.push_back({i + 2, c});
  }
  auto t0 = std::chrono::steady_clock::now();
  ApplyResult imported = store.apply(import, "bench");
  auto t1 = std::chrono::steady_clock::now();
  if (!imported) {
    std::fprintf(stderr, "import refused: %s\n", imported.error.c_str());
    return 1;
  }
  std::vector<double> loads;
  for (int i = 0; i < 20; ++i) {
    auto a = std::chrono::steady_clock::now();
    auto list = store.candidates(s.created_uuid);
    auto runs = store.exam_runs(s.created_uuid);
    auto b = std::chrono::steady_clock::now();
    if (list.size() != 5050u) return 1;
    loads.push_back(std::chrono::duration<double, std::milli>(b - a).count());
  }
  std::sort(loads.begin(), loads.end());
  std::printf("import of 5000 candidates in one action: %.1f ms; session lists reload (5050 candidates): p50=%.2f ms max=%.2f ms\n",
              std::chrono::duration<double, std::milli>(t1 - t0).count(), loads[loads.size() / 2], loads.back());
  fs::remove_all(dir);
  return 0;
}
