// SPDX-License-Identifier: EUPL-1.2
// Child of the crash test: applies actions in a loop and reports each one
// as soon as Store::apply says it is committed. The parent kills it with
// SIGKILL after a random number of its own commits (counted from its
// "ready") and checks that every reported action is there.
#include <unistd.h>

#include <cstdio>
#include <string>

#include "io/title_json.h"
#include "store/store.h"

int main(int argc, char** argv) {
  using namespace jurymn;
  if (argc != 3 && argc != 5) return 2;
  const std::string path = argv[1], run = argv[2];
  SystemClock clock;
  OpenResult o = Store::open(path, OpenMode::ReadWrite, clock);
  if (!o.store) {
    std::fprintf(stderr, "%s\n", o.error.c_str());
    return 1;
  }
  Store& store = *o.store;
  // "RUN FIELD TEXT": types a draft, says so, and waits to be killed.
  if (argc == 5) {
    if (auto err = store.save_draft(run, argv[3], argv[4]); !err.empty()) {
      std::fprintf(stderr, "%s\n", err.c_str());
      return 1;
    }
    std::printf("drafted\n");
    std::fflush(stdout);
    for (;;) pause();
  }
  // The title jurymn ships: sessions examine its CCPs.
  TitleLoad title = load_title_file(JURYMN_ASSETS "/titles/tp-01336.json");
  if (!title.title) {
    std::fprintf(stderr, "%s\n", title.problems.empty() ? "title" : title.problems.front().text().c_str());
    return 1;
  }
  store.set_title(*title.title);
  std::string session;
  if (auto all = store.sessions(); !all.empty()) {
    session = all.front().uuid;
  } else {
    ApplyResult r = store.apply(
        action::CreateSession{{"Essai de panne", "2026-05-18", "Centre", SessionKind::Official, {"CCP1", "CCP2"}}}, "crash");
    if (!r) return 1;
    session = r.created_uuid;
  }
  // The parent counts from here: kills are placed by the child's progress.
  std::printf("ready\n");
  std::fflush(stdout);
  for (int i = 0;; ++i) {
    CandidateInput c;
    c.number = run + "-" + std::to_string(i);
    c.last_name = "Crash";
    c.first_name = "Éprouvé";
    c.ccps = {"CCP1"};
    ApplyResult r = store.apply(action::AddCandidate{session, c}, "crash");
    if (!r) {
      std::fprintf(stderr, "refused: %s\n", r.error.c_str());
      return 1;
    }
    if (i % 3 == 0) {
      ApplyResult a = store.apply(action::SetAttendance{r.created_uuid, Attendance::Present}, "crash");
      if (!a) return 1;
      std::printf("present %s\n", c.number.c_str());
    }
    std::printf("committed %s\n", c.number.c_str());
    std::fflush(stdout);
  }
}
