// SPDX-License-Identifier: EUPL-1.2
// Issue 29: the screens' actions are applied between frames, and the view
// reloads only what each changed.
#include <gtest/gtest.h>
#include <imgui.h>

#include <algorithm>

#include "app/session_services.h"
#include "core/marking_keys.h"
#include "screen_driver.h"
#include "store/changes.h"
#include "test_support.h"
#include "ui/screens.h"
#include "ui/ui.h"

namespace jurymn {
namespace {

std::string mark_of(const RunRecord& run, const std::string& member, const std::string& criterion) {
  for (const auto& m : run.marks)
    if (m.member_uuid == member && m.criterion_id == criterion) return m.level_id;
  return {};
}

class ActionQueue : public ::testing::Test {
protected:
  void SetUp() override {
    store = test::open_demo_store(dir.file("jury.db"), clock, session);
    ASSERT_TRUE(store);
    services = make_services(*store, clock);
  }
  ui::Environment env() { return ui::Environment{*store, clock, services, driver.fonts(), {}, {}}; }
  // The marking screen of the run shown by default; a key for its
  // highlighted criterion giving another level than it has.
  struct Rating {
    std::string run, member, criterion, level;
    MarkingKey key;
  };
  Rating open_marking(ui::UiState& state) {
    auto e = env();
    ui::open_session(state, e, session);
    ui::open_exam(state, ui::default_run(state.view, e));
    state.screen = ui::Screen::Marking;
    driver.frame(state, e);
    Rating r;
    r.run = state.run_uuid;
    r.member = driver.screens.marking.member_uuid;
    r.criterion = driver.screens.marking.focus;
    const auto run = store->exam_run(r.run);
    const Grid* grid = store->find_grid(run->grid_id, run->grid_version);
    const int digit = mark_of(*run, r.member, r.criterion) == grid->rating_scale[0].id ? 2 : 1;
    r.level = grid->rating_scale[static_cast<std::size_t>(digit - 1)].id;
    r.key = {MarkingKey::Kind::Digit, digit};
    return r;
  }

  test::TempDir dir;
  FakeClock clock{1'780'000'000'000};
  std::unique_ptr<Store> store;
  ui::Services services;
  std::string session;
  test::ScreenDriver driver;
};

TEST_F(ActionQueue, AnActionAskedDuringAFrameIsAppliedOnlyOnceTheFrameEnds) {
  ui::UiState state;
  const Rating r = open_marking(state);
  ASSERT_FALSE(r.criterion.empty());
  auto e = env();
  const auto entries = store->audit_entry_count();
  const auto revision = store->revision();
  driver.screens.marking.keys.push(r.key);
  // The frame as the runner draws it, stopped before what follows it.
  ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
  ImGui::NewFrame();
  ui::draw_frame(state, driver.screens, e);
  ImGui::Render();
  ASSERT_EQ(state.actions.size(), 1u);  // asked…
  EXPECT_EQ(store->audit_entry_count(), entries);  // …not written while the screen drew
  EXPECT_EQ(store->revision(), revision);
  EXPECT_NE(mark_of(*store->exam_run(r.run), r.member, r.criterion), r.level);
  // Between frames.
  EXPECT_TRUE(ui::apply_queued(state, e));
  EXPECT_TRUE(state.actions.empty());
  EXPECT_EQ(store->audit_entry_count(), entries + 1);
  EXPECT_EQ(mark_of(*store->exam_run(r.run), r.member, r.criterion), r.level);
  EXPECT_FALSE(state.notice.error) << state.notice.text;
  // The next frame draws from the view with the rating in it.
  const auto* in_view = ui::find_run(state, e).run;
  ASSERT_NE(in_view, nullptr);
  EXPECT_EQ(mark_of(*in_view, r.member, r.criterion), r.level);
}

TEST_F(ActionQueue, ARatingReloadsItsRunOnlyNotTheSession) {
  ui::UiState state;
  const Rating r = open_marking(state);
  auto e = env();
  ASSERT_GE(state.view.candidates.size(), 2u);
  ASSERT_GE(state.view.runs.size(), 2u);
  // Marks in the view that a reload from the store would wipe: on another
  // run, on a candidate, on the session's header.
  auto other = std::find_if(state.view.runs.begin(), state.view.runs.end(), [&](const RunRecord& x) { return x.uuid != r.run; });
  ASSERT_NE(other, state.view.runs.end());
  const std::string other_uuid = other->uuid;
  other->advice = "marque du test";
  state.view.candidates.back().data.first_name = "Marque";
  state.view.session->exam_centre = "Centre marqué";
  const CandidateRecord* candidates_before = state.view.candidates.data();
  driver.screens.marking.keys.push(r.key);
  driver.frame(state, e);  // drawn, then applied
  driver.frame(state, e);  // drawn from the view as reloaded
  EXPECT_FALSE(state.notice.error) << state.notice.text;
  const auto* rated = ui::find_run(state, e).run;
  ASSERT_NE(rated, nullptr);
  EXPECT_EQ(mark_of(*rated, r.member, r.criterion), r.level);  // its run reloaded
  EXPECT_EQ(state.view.revision, store->revision());           // and the view is current
  const auto* untouched = ui::find_run(state, e, other_uuid).run;
  ASSERT_NE(untouched, nullptr);
  EXPECT_EQ(untouched->advice, "marque du test");  // the rest not read again
  EXPECT_EQ(state.view.candidates.back().data.first_name, "Marque");
  EXPECT_EQ(state.view.session->exam_centre, "Centre marqué");
  EXPECT_EQ(state.view.candidates.data(), candidates_before);  // not even reallocated
}

TEST_F(ActionQueue, ARefusedActionLeavesTheQueueEmptyAndSaysWhyInFrench) {
  ui::UiState state;
  const Rating r = open_marking(state);
  auto e = env();
  const auto entries = store->audit_entry_count();
  const action::RecordMark refused{r.run, r.member, "CP-99-inconnu", r.level};
  bool told = false;
  ui::emit(state, refused, "ne doit pas s’afficher", [&](const ApplyResult& res) { told = !res.ok; });
  driver.frame(state, e);
  EXPECT_TRUE(state.actions.empty());
  EXPECT_TRUE(told);
  EXPECT_TRUE(state.notice.error);
  EXPECT_EQ(store->audit_entry_count(), entries);
  // The store's own refusal, in French, is what the jury reads.
  const ApplyResult again = store->apply(refused, "ui");
  ASSERT_FALSE(again.ok);
  EXPECT_EQ(state.notice.text, again.error);
  EXPECT_NE(state.notice.text.find("Critère inconnu"), std::string::npos) << state.notice.text;
}

TEST(Changes, EachKindOfActionSaysWhatItChanges) {
  const Changed mark = changes_of(action::RecordMark{"r1", "m", "c", "l"}, "");
  EXPECT_EQ(mark.runs, std::vector<std::string>{"r1"});
  EXPECT_TRUE(mark.candidates.empty());
  EXPECT_FALSE(mark.whole_session || mark.session || mark.jury);
  const Changed start = changes_of(action::StartExam{"c1", "CCP1"}, "r2");
  EXPECT_EQ(start.candidates, std::vector<std::string>{"c1"});
  EXPECT_EQ(start.runs, std::vector<std::string>{"r2"});
  EXPECT_TRUE(changes_of(action::ImportCandidates{"s", "f.csv", {}}, "").whole_session);
  EXPECT_TRUE(changes_of(action::EditSession{"s", {}}, "").session);
  // A member added: the jury and the header, which counts the jury.
  const Changed member = changes_of(action::AddJuryMember{"s", {"Nadia Benali", JuryRole::President}, {}}, "m");
  EXPECT_TRUE(member.jury && member.session);
  EXPECT_FALSE(member.whole_session);
}

}  // namespace
}  // namespace jurymn
