// SPDX-License-Identifier: EUPL-1.2
// The screens driven by the keyboard, frame by frame, with Dear ImGui and
// no window: keys reach ImGui as the GLFW backend hands them over (KeysDown
// by GLFW key code, Ctrl, typed characters), and what the jury meant must
// land in the store. In a multi-line field Enter is a new line and
// Ctrl+Enter validates; Enter on the framed session opens it.
#include <GLFW/glfw3.h>
#include <algorithm>
#include <string_view>
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "app/session_services.h"
#include "core/clock.h"
#include "core/deliberation.h"
#include "core/drafts.h"
#include "core/sheet_draw.h"
#include "io/bundle.h"
#include "store/demo.h"
#include "store/store.h"
#include "screen_driver.h"
#include "test_support.h"
#include "ui/screens.h"
#include "ui/ui.h"
#include "ui/widgets.h"

namespace jurymn {
namespace {

using Keyboard = test::ScreenDriver;

class UiKeyboard : public ::testing::Test {
protected:
  void SetUp() override {
    store = test::open_demo_store(dir.file("jury.db"), clock, session);
    ASSERT_TRUE(store);
    services = make_services(*store, clock);
  }
  ui::Environment env() { return ui::Environment{*store, clock, services, keyboard.fonts(), {}, {}}; }
  // The deliberation screen on the run the app shows by default there.
  std::string open_deliberation(ui::UiState& state) {
    auto e = env();
    ui::open_session(state, e, session);
    const std::string run = ui::default_deliberation_run(state.view, e);
    ui::open_exam(state, run);
    state.screen = ui::Screen::Deliberation;
    return run;
  }
  // The new-candidate form open on the session screen, drawn, the keyboard in it.
  void open_new_candidate_form(ui::UiState& state, const ui::Environment& e) {
    ui::open_candidate_form(state, nullptr);
    keyboard.frame(state, e);
    keyboard.frame(state, e);
  }

  test::TempDir dir;
  FakeClock clock{1'780'000'000'000};
  std::unique_ptr<Store> store;
  ui::Services services;
  std::string session;
  Keyboard keyboard;
};

TEST_F(UiKeyboard, EnterOnTheFramedSessionOpensIt) {
  ui::UiState state;
  auto e = env();
  keyboard.frame(state, e);
  keyboard.frame(state, e);
  ASSERT_EQ(state.screen, ui::Screen::Home);
  keyboard.press(state, e, GLFW_KEY_ENTER);
  EXPECT_EQ(state.screen, ui::Screen::Session);
  EXPECT_EQ(state.session_uuid, session);
  // Back home, the keyboard is on the session again.
  state.screen = ui::Screen::Home;
  keyboard.frame(state, e);
  keyboard.frame(state, e);
  keyboard.press(state, e, GLFW_KEY_KP_ENTER);
  EXPECT_EQ(state.screen, ui::Screen::Session);
}

TEST_F(UiKeyboard, CtrlEnterRecordsTheJustificationEnterStartsANewLine) {
  ui::UiState state;
  const std::string run = open_deliberation(state);
  auto record = store->exam_run(run);
  ASSERT_TRUE(record);
  ASSERT_EQ(record->decision.decided, CcpOutcome::Undecided);
  // The jury decides every competency, against one member's rating of CP-5.
  for (const auto& ccp : test::tp01336().ccps) {
    if (ccp.id != record->ccp) continue;
    for (const auto& comp : ccp.competencies)
      ASSERT_TRUE(store->apply(action::DecideCompetency{run, comp, CompetencyStatus::Acquired, "Vu à l’entretien."}, "ui").ok);
  }
  auto e = env();
  keyboard.frame(state, e);
  // « CCP obtenu » clicked: the choice, and the keyboard to the justification.
  keyboard.screens.deliberation.outcome = CcpOutcome::Obtained;
  keyboard.screens.deliberation.focus_justification = true;
  keyboard.frame(state, e);  // asks for the keyboard
  keyboard.frame(state, e);  // has it
  keyboard.type(state, e, "Écart comblé à l’oral.");
  keyboard.press(state, e, GLFW_KEY_ENTER);
  keyboard.type(state, e, "Vu par les deux.");
  // Enter wrote a new line and recorded nothing.
  EXPECT_EQ(keyboard.screens.deliberation.justification, "Écart comblé à l’oral.\nVu par les deux.");
  EXPECT_EQ(store->exam_run(run)->decision.decided, CcpOutcome::Undecided);
  keyboard.press(state, e, GLFW_KEY_ENTER, true);
  record = store->exam_run(run);
  EXPECT_EQ(record->decision.decided, CcpOutcome::Obtained);
  EXPECT_EQ(record->decision.justification, "Écart comblé à l’oral.\nVu par les deux.");
}

TEST_F(UiKeyboard, CtrlEnterRefusedWhileTheDecisionCannotBeRecorded) {
  ui::UiState state;
  const std::string run = open_deliberation(state);
  auto e = env();
  keyboard.frame(state, e);
  // No competency decided yet: the button is off, and so is Ctrl+Enter.
  keyboard.screens.deliberation.outcome = CcpOutcome::Obtained;
  keyboard.screens.deliberation.focus_justification = true;
  keyboard.frame(state, e);  // asks for the keyboard
  keyboard.frame(state, e);  // has it
  keyboard.type(state, e, "Trop tôt.");
  keyboard.press(state, e, GLFW_KEY_ENTER, true);
  EXPECT_EQ(store->exam_run(run)->decision.decided, CcpOutcome::Undecided);
  EXPECT_EQ(keyboard.screens.deliberation.justification, "Trop tôt.");
}

// Issue 26 item 18: a long justification wraps at the field's width as it
// is typed (ImGui 1.86's field ran it off to the right edge), and what is
// kept is what was typed, without the field's own line breaks.
TEST_F(UiKeyboard, AJustificationWrapsAsTypedAndIsKeptAsTyped) {
  ui::UiState state;
  const std::string run = open_deliberation(state);
  auto e = env();
  keyboard.frame(state, e);
  keyboard.screens.deliberation.outcome = CcpOutcome::Obtained;
  keyboard.screens.deliberation.focus_justification = true;
  keyboard.frame(state, e);  // asks for the keyboard
  keyboard.frame(state, e);  // has it
  const std::string first =
      "Le candidat a présenté «\u00A0sa fiche séance\u00A0» avec aisance, a su expliquer ses choix d’animation "
      "pour un public éloigné du numérique, et a répondu précisément aux questions sur la sécurité.";
  const std::string second = "Vu par les deux membres du jury.";
  // Word by word, as the keys come: the field is rewrapped after each.
  std::size_t from = 0;
  while (from < first.size()) {
    const std::size_t space = first.find(' ', from);
    const std::size_t to = space == std::string::npos ? first.size() : space + 1;
    keyboard.type(state, e, first.substr(from, to - from).c_str());
    from = to;
  }
  keyboard.press(state, e, GLFW_KEY_ENTER);
  keyboard.type(state, e, second.c_str());
  const std::string typed = first + "\n" + second;
  EXPECT_EQ(keyboard.screens.deliberation.justification, typed);

  // The field's lines, as drawn: the sentence over several, none cut.
  ui::record_text_overflow(true);
  ui::clear_text_overflows();
  keyboard.frame(state, e);
  ui::check_drawn_text();
  // Lines read from the glyphs drawn: spaces (no-break ones too) are gaps.
  const auto no_spaces = [](std::string s) {
    for (std::size_t at; (at = s.find("\u00A0")) != std::string::npos;) s.erase(at, 2);
    std::erase_if(s, [](char c) { return c == ' ' || c == '\n'; });
    return s;
  };
  const std::string whole = no_spaces(typed);
  std::vector<std::string> field_lines;
  for (const auto& line : ui::drawn_lines())
    if (line.size() > 20 && whole.find(no_spaces(line)) != std::string::npos) field_lines.push_back(line);
  ASSERT_GE(field_lines.size(), 3u);
  EXPECT_EQ(no_spaces(field_lines.front()).rfind("Lecandidatapré", 0), 0u) << field_lines.front();
  // Every line of the first paragraph drawn whole: the lines, end to end, are the paragraph.
  std::string joined;
  for (const auto& l : field_lines) joined += no_spaces(l);
  EXPECT_EQ(joined, whole);
  for (const auto& o : ui::text_overflows()) ADD_FAILURE() << o.where << ": « " << o.text << " »";
  ui::record_text_overflow(false);

  // The draft saved is what was typed, byte for byte.
  clock.advance_ms(1'500);
  keyboard.frame(state, e);
  bool found = false;
  for (const auto& d : store->drafts(session))
    if (d.run_uuid == run && d.field == draft_field::kJustification) {
      found = true;
      EXPECT_EQ(d.text, typed);
    }
  EXPECT_TRUE(found);
}

TEST_F(UiKeyboard, CtrlEnterReopensWithTheReasonTyped) {
  ui::UiState state;
  auto e = env();
  ui::open_session(state, e, session);
  // The demo's locked result: the first run decided and confirmed.
  std::string locked;
  for (const auto& r : state.view.runs)
    if (auto rec = store->exam_run(r.uuid); rec && rec->decision.locked()) locked = r.uuid;
  ASSERT_FALSE(locked.empty());
  ui::open_exam(state, locked);
  state.screen = ui::Screen::Deliberation;
  keyboard.frame(state, e);
  keyboard.screens.deliberation.reopen_open = true;  // « Rouvrir… » clicked
  keyboard.frame(state, e);
  keyboard.frame(state, e);
  keyboard.type(state, e, "Erreur de saisie");
  keyboard.press(state, e, GLFW_KEY_ENTER);
  keyboard.type(state, e, "sur CP-2.");
  EXPECT_TRUE(store->exam_run(locked)->decision.locked());
  keyboard.press(state, e, GLFW_KEY_ENTER, true);
  auto rec = store->exam_run(locked);
  EXPECT_FALSE(rec->decision.locked());
  EXPECT_TRUE(keyboard.screens.deliberation.reopen_reason.empty());
}

// The grid's keys as the app's key callback queues them, one taken a frame.
// The run as the session's runs read it.
RunRecord run_of(const Store& store, const std::string& run) {
  for (const auto& s : store.sessions())
    for (auto& r : store.exam_runs(s.uuid))
      if (r.uuid == run) return r;
  return {};
}

std::string mark_of(const Store& store, const std::string& run, const std::string& member, const std::string& criterion) {
  for (const auto& m : run_of(store, run).marks)
    if (m.member_uuid == member && m.criterion_id == criterion) return m.level_id;
  return {};
}

TEST_F(UiKeyboard, BackspaceTakesBackTheKeyedNoteDeleteClearsTheHighlightedOne) {
  ui::UiState state;
  open_deliberation(state);
  state.screen = ui::Screen::Marking;
  auto e = env();
  keyboard.frame(state, e);
  const std::string run = ui::find_run(state, e).run->uuid;  // the run the grid shows
  auto& mk = keyboard.screens.marking;
  const std::string member = mk.member_uuid;
  const std::string first = mk.focus;
  ASSERT_FALSE(first.empty());
  const std::string before = mark_of(*store, run, member, first);
  const std::size_t entries = store->audit_entries(session).size();
  // A key giving another note than it has (1: the first level, else 2).
  const Grid* grid = store->find_grid(run_of(*store, run).grid_id, run_of(*store, run).grid_version);
  ASSERT_NE(grid, nullptr);
  const int digit = before == grid->rating_scale[0].id ? 2 : 1;
  mk.keys.push({MarkingKey::Kind::Digit, digit});
  keyboard.frame(state, e);
  const std::string given = mark_of(*store, run, member, first);
  ASSERT_EQ(given, grid->rating_scale[static_cast<std::size_t>(digit - 1)].id) << state.notice.text;
  const std::string second = mk.focus;
  ASSERT_NE(second, first);
  const std::string second_before = mark_of(*store, run, member, second);
  // The highlight wanders off (↓ ↓), then Backspace: the note given by the
  // key is taken back, not the highlighted one, and the highlight returns.
  mk.keys.push({MarkingKey::Kind::Down, 0});
  mk.keys.push({MarkingKey::Kind::Down, 0});
  keyboard.frame(state, e);
  keyboard.frame(state, e);
  ASSERT_NE(mk.focus, first);
  const std::string wandered = mk.focus;
  const std::string wandered_before = mark_of(*store, run, member, wandered);
  mk.keys.push({MarkingKey::Kind::Undo, 0});
  keyboard.frame(state, e);
  EXPECT_EQ(mark_of(*store, run, member, first), before);
  EXPECT_EQ(mark_of(*store, run, member, second), second_before);
  EXPECT_EQ(mark_of(*store, run, member, wandered), wandered_before);
  EXPECT_EQ(mk.focus, first);
  // Each was a recorded action with its audit entry: one note, one undone.
  EXPECT_EQ(store->audit_entries(session).size(), entries + 2);
  // Delete clears the highlighted criterion's note, and stays on it.
  mk.keys.push({MarkingKey::Kind::Clear, 0});
  keyboard.frame(state, e);
  EXPECT_EQ(mark_of(*store, run, member, first), "");
  EXPECT_EQ(mk.focus, first);
}

// The rating button of `criterion` at `level` on the marking screen drawn
// on the last frame, found by moving the mouse down its column until it
// hovers it (ids as the screen pushes them: the grid's child window, the
// competency, its « criteria » table, the criterion, « ##level »).
std::optional<ImVec2> find_rating(ui::UiState& state, const ui::Environment& e, Keyboard& keyboard,
                                  const std::string& competency, const std::string& criterion, std::size_t level_index,
                                  const std::string& level) {
  ImGuiWindow* grid_window = nullptr;
  for (ImGuiWindow* w : GImGui->Windows) {
    const std::string_view name = w->Name;
    const auto at = name.rfind('/');
    if (w->Active && at != std::string_view::npos && name.substr(at).rfind("/##grid_", 0) == 0) grid_window = w;
  }
  if (!grid_window) return std::nullopt;
  const ImGuiID table_id = ImHashStr("criteria", 0, ImHashStr(competency.c_str(), 0, grid_window->ID));
  ImGuiTable* table = ImGui::TableFindByID(table_id);
  if (!table || table->ColumnsCount <= static_cast<int>(level_index) + 2) return std::nullopt;
  const ImGuiTableColumn& column = table->Columns[static_cast<int>(level_index) + 2];
  // The button is a small circle at the cell's left (its label is hidden).
  const float radio = ImGui::GetFrameHeight();
  const ImGuiID id = ImHashStr(("##" + level).c_str(), 0, ImHashStr(criterion.c_str(), 0, table_id));
  for (float y = table->OuterRect.Min.y; y < table->OuterRect.Max.y; y += 3)
    for (float x : {column.MinX + radio * 0.5f, column.MinX + radio}) {
      ImGui::GetIO().MousePos = ImVec2(x, y);
      keyboard.frame(state, e);
      if (GImGui->HoveredId == id) return ImVec2(x, y);
    }
  return std::nullopt;
}

// Issue 26 item 4: a click on a rating moves the highlight on to the next
// unrated criterion, as a key does; the next key rates that one and leaves
// the clicked note alone.
TEST_F(UiKeyboard, AClickOnARatingMovesTheHighlightOnAsAKeyDoes) {
  ImGui::GetIO().DisplaySize = ImVec2(1366, 4000);  // the whole grid on screen, no scrolling
  ui::UiState state;
  open_deliberation(state);
  state.screen = ui::Screen::Marking;
  auto e = env();
  keyboard.frame(state, e);
  keyboard.frame(state, e);
  const std::string run = ui::find_run(state, e).run->uuid;  // the run the grid shows
  const RunRecord rec = run_of(*store, run);
  const Grid* grid = store->find_grid(rec.grid_id, rec.grid_version);
  ASSERT_NE(grid, nullptr);
  auto& mk = keyboard.screens.marking;
  const std::string member = mk.member_uuid;
  // This member's notes withdrawn, so that the first criteria are unrated.
  const Competency& comp = grid->competencies[0];
  ASSERT_GE(comp.criteria.size(), 2u);
  const std::string clicked = comp.criteria[0].id;
  for (const auto& c : grid->competencies)
    for (const auto& cr : c.criteria)
      ASSERT_TRUE(store->apply(action::RecordMark{run, member, cr.id, ""}, "jury")) << cr.id;
  mk.focus = clicked;
  keyboard.frame(state, e);
  const std::string level = grid->rating_scale[0].id;
  const auto at = find_rating(state, e, keyboard, comp.id, clicked, 0, level);
  ASSERT_TRUE(at) << "no rating button for " << clicked;
  keyboard.click(state, e, *at);
  ASSERT_EQ(mark_of(*store, run, member, clicked), level) << state.notice.text;
  const std::string next = mk.focus;
  EXPECT_NE(next, clicked);
  EXPECT_EQ(mark_of(*store, run, member, next), "") << next;
  // The next key rates the highlighted criterion, not the clicked one again.
  const std::string second = grid->rating_scale[1].id;
  mk.keys.push({MarkingKey::Kind::Digit, 2});
  keyboard.frame(state, e);
  EXPECT_EQ(mark_of(*store, run, member, clicked), level);
  EXPECT_EQ(mark_of(*store, run, member, next), second);
}

// The observation fields drawn on the last frame, top to bottom: each
// multi-line field is a child window of its own ("…/##obs_…").
std::vector<ImRect> observation_fields() {
  std::vector<ImRect> out;
  for (ImGuiWindow* w : GImGui->Windows)
    if (w->Active && std::string_view(w->Name).find("/##obs_") != std::string_view::npos) out.push_back(w->Rect());
  std::sort(out.begin(), out.end(), [](const ImRect& a, const ImRect& b) { return a.Min.y < b.Min.y; });
  return out;
}

std::string observation_of(const Store& store, const std::string& run, const std::string& member, const std::string& comp) {
  for (const auto& o : run_of(store, run).observations)
    if (o.member_uuid == member && o.competency_id == comp) return o.text;
  return {};
}

// Issue 26 item 8: from one observation straight into another, by a click,
// both are recorded, whichever of the two is drawn first.
TEST_F(UiKeyboard, AClickFromOneObservationIntoAnotherRecordsTheFirst) {
  ImGui::GetIO().DisplaySize = ImVec2(1366, 4000);  // every field on screen, no scrolling
  ui::UiState state;
  open_deliberation(state);
  state.screen = ui::Screen::Marking;
  auto e = env();
  keyboard.frame(state, e);
  keyboard.frame(state, e);
  const std::string run = ui::find_run(state, e).run->uuid;  // the run the grid shows
  const auto rec = store->exam_run(run);
  const Grid* grid = store->find_grid(rec->grid_id, rec->grid_version);
  ASSERT_NE(grid, nullptr);
  ASSERT_GE(grid->competencies.size(), 3u);
  const std::string first = grid->competencies[0].id, second = grid->competencies[1].id,
                    third = grid->competencies[2].id;
  auto fields = observation_fields();
  ASSERT_EQ(fields.size(), grid->competencies.size());
  const std::string member = keyboard.screens.marking.member_uuid;
  // Into the second field, typed, then straight up into the first.
  keyboard.click(state, e, fields[1].GetCenter());
  keyboard.type(state, e, "Explique bien.");
  keyboard.click(state, e, fields[0].GetCenter());
  EXPECT_EQ(observation_of(*store, run, member, second), "Explique bien.");
  EXPECT_TRUE(keyboard.screens.marking.unsaved.empty());
  // Typed in the first, then straight down into the third.
  keyboard.type(state, e, "Accueil soigné.");
  keyboard.click(state, e, fields[2].GetCenter());
  EXPECT_EQ(observation_of(*store, run, member, first), "Accueil soigné.");
  keyboard.type(state, e, "Rien.");
  // Out of every field: the third is recorded too.
  keyboard.click(state, e, ImVec2(fields[2].Min.x + 5, fields[2].Max.y + 40));
  EXPECT_EQ(observation_of(*store, run, member, third), "Rien.");
  EXPECT_TRUE(keyboard.screens.marking.unsaved.empty());
  EXPECT_TRUE(keyboard.screens.marking.draft_key.empty());
}

// Issue 26 item 10: Enter validates and Escape cancels every dialog; here
// « Nouvelle session » and « Nouveau candidat », typed from their first field.
TEST_F(UiKeyboard, EnterCreatesTheNewSessionEscapeCancelsIt) {
  ui::UiState state;
  auto e = env();
  keyboard.frame(state, e);
  const std::size_t before = store->sessions().size();
  ui::open_session_form(state, e);
  keyboard.frame(state, e);
  keyboard.frame(state, e);
  keyboard.screens.home.session_form.input.exam_centre = "GIE Francil’IN formations";
  keyboard.type(state, e, "Session de juin");
  keyboard.press(state, e, GLFW_KEY_ENTER);
  ASSERT_EQ(store->sessions().size(), before + 1) << keyboard.screens.home.session_form.error;
  EXPECT_FALSE(keyboard.screens.home.session_form.open);
  EXPECT_EQ(state.screen, ui::Screen::Session);
  // Escape: closed, nothing created.
  state.screen = ui::Screen::Home;
  keyboard.frame(state, e);
  ui::open_session_form(state, e);
  keyboard.frame(state, e);
  keyboard.frame(state, e);
  keyboard.screens.home.session_form.input.exam_centre = "GIE";
  keyboard.type(state, e, "Autre session");
  keyboard.press(state, e, GLFW_KEY_ESCAPE);
  EXPECT_FALSE(keyboard.screens.home.session_form.open);
  keyboard.frame(state, e);
  EXPECT_FALSE(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId));
  EXPECT_EQ(store->sessions().size(), before + 1);
}

TEST_F(UiKeyboard, EnterAddsTheNewCandidateEscapeCancels) {
  ui::UiState state;
  auto e = env();
  ui::open_session(state, e, session);
  keyboard.frame(state, e);
  const std::size_t before = store->candidates(session).size();
  open_new_candidate_form(state, e);
  auto& in = keyboard.screens.session.candidate_form.input;
  in.last_name = "Martin";
  in.first_name = "Léa";
  in.ccps = {"CCP1"};
  in.sheets = {"Créer son adresse e-mail", "Prendre rendez-vous en ligne", "Découvrir France Connect"};
  keyboard.type(state, e, "MN-99");
  keyboard.press(state, e, GLFW_KEY_KP_ENTER);
  ASSERT_EQ(store->candidates(session).size(), before + 1) << keyboard.screens.session.candidate_form.error;
  EXPECT_FALSE(keyboard.screens.session.candidate_form.open);
  // Issue 26 item 20: said of anyone, no « ajouté(e) ».
  EXPECT_NE(state.notice.text.find("Léa Martin\u00A0: inscription enregistrée."), std::string::npos) << state.notice.text;
  open_new_candidate_form(state, e);
  keyboard.type(state, e, "MN-100");
  keyboard.press(state, e, GLFW_KEY_ESCAPE);
  EXPECT_FALSE(keyboard.screens.session.candidate_form.open);
  EXPECT_EQ(store->candidates(session).size(), before + 1);
}

// A button drawn on the last frame, found by its label in `window`: the
// mouse is moved down the left part of the screen until it hovers it.
std::optional<ImVec2> find_button(ui::UiState& state, const ui::Environment& e, Keyboard& keyboard,
                                  const char* window, const std::string& label) {
  ImGuiWindow* w = ImGui::FindWindowByName(window);
  if (!w) return std::nullopt;
  const ImGuiID id = w->GetID(label.c_str());
  for (float y = 0; y < 500; y += 4)
    for (float x : {20.f, 120.f}) {
      ImGui::GetIO().MousePos = ImVec2(x, y);
      keyboard.frame(state, e);
      if (GImGui->HoveredId == id) return ImVec2(x, y);
    }
  return std::nullopt;
}

// Issue 26 item 16: one click decides every competency as the marks propose.
TEST_F(UiKeyboard, AcceptingTheProposalsDecidesEachAsProposed) {
  ui::UiState state;
  const std::string run = open_deliberation(state);
  auto e = env();
  keyboard.frame(state, e);
  auto rec = store->exam_run(run);
  const Deliberation before = review_run(*store->find_grid(rec->grid_id, rec->grid_version), state.view.jury, *rec);
  std::size_t proposed = 0;
  for (const auto& c : before.competencies)
    if (c.proposed != CompetencyStatus::Undecided && c.decided != c.proposed) ++proposed;
  ASSERT_GT(proposed, 0u);
  const std::size_t entries = store->audit_entries(session).size();
  const std::string label = "Accepter les propositions (" + std::to_string(proposed) + ")";
  std::vector<std::string> windows;  // named first: drawing frames may add windows
  for (ImGuiWindow* w : GImGui->Windows)
    if (w->Active && std::string_view(w->Name).find("##obs") == std::string_view::npos) windows.push_back(w->Name);
  std::optional<ImVec2> at;
  for (const auto& name : windows)
    if (!at) at = find_button(state, e, keyboard, name.c_str(), label);
  ASSERT_TRUE(at) << "no button « " << label << " »";
  keyboard.click(state, e, *at);
  rec = store->exam_run(run);
  const Deliberation after = review_run(*store->find_grid(rec->grid_id, rec->grid_version), state.view.jury, *rec);
  for (const auto& c : after.competencies)
    if (c.proposed != CompetencyStatus::Undecided) {
      EXPECT_EQ(c.decided, c.proposed) << c.competency->id;
    }
  // One decision per competency, each audited, written together.
  EXPECT_EQ(store->audit_entries(session).size(), entries + proposed);
  EXPECT_FALSE(state.notice.error) << state.notice.text;
}

// The system's folder dialog as the popup sees it: answers when told.
struct ScriptedDialog : ui::PathDialog {
  std::optional<std::string> next;
  std::optional<std::string> answer() override { return next; }
};

TEST_F(UiKeyboard, ExportGoesToTheFolderTypedOrChosen) {
  std::filesystem::create_directories(dir.file("partage"));
  std::filesystem::create_directories(dir.file("cle"));
  services.export_places = [&] { return std::vector<ui::ExportPlace>{{"Clé USB «\u00A0CLE\u00A0»", dir.file("cle"), true}}; };
  services.export_results = [&](const std::string& s, const std::string& folder) {
    return export_results_to(*store, s, folder, dir.file("config"), clock.now_ms());
  };
  ui::UiState state;
  auto e = env();
  ui::open_session(state, e, session);
  keyboard.frame(state, e);
  ui::open_results_export(state, e);  // « Exporter les résultats signés » clicked
  keyboard.frame(state, e);
  keyboard.frame(state, e);
  // The USB key is offered first; the keyboard is in the path field.
  EXPECT_EQ(keyboard.screens.session.export_panel.folder, dir.file("cle"));
  keyboard.press(state, e, GLFW_KEY_A, true);  // select all, typed over
  keyboard.type(state, e, dir.file("partage").c_str());
  EXPECT_EQ(keyboard.screens.session.export_panel.folder, dir.file("partage"));
  keyboard.press(state, e, GLFW_KEY_ENTER);
  ASSERT_TRUE(keyboard.screens.session.export_panel.outcome);
  ASSERT_TRUE(keyboard.screens.session.export_panel.outcome->ok) << keyboard.screens.session.export_panel.outcome->summary;
  const std::string written = keyboard.screens.session.export_panel.outcome->written;
  EXPECT_EQ(std::filesystem::path(written).parent_path(), std::filesystem::path(dir.file("partage")));
  EXPECT_TRUE(verify_bundle(written).ok());
  EXPECT_FALSE(state.notice.error);
  EXPECT_NE(state.notice.text.find(written), std::string::npos);

  // The system's dialog: nothing changes while it is open, the folder
  // chosen replaces the typed one, a cancel keeps it; either way the
  // keyboard is back in the path field.
  auto dialog = std::make_shared<ScriptedDialog>();
  keyboard.screens.session.export_panel.dialog = dialog;
  keyboard.frame(state, e);
  EXPECT_EQ(keyboard.screens.session.export_panel.folder, dir.file("partage"));
  EXPECT_NE(state.window.wake_at, 0);  // polled while open
  dialog->next = dir.file("cle");
  keyboard.frame(state, e);
  EXPECT_EQ(keyboard.screens.session.export_panel.folder, dir.file("cle"));
  EXPECT_EQ(keyboard.screens.session.export_panel.dialog, nullptr);
  auto cancelled = std::make_shared<ScriptedDialog>();
  cancelled->next = "";
  keyboard.screens.session.export_panel.dialog = cancelled;
  keyboard.frame(state, e);
  EXPECT_EQ(keyboard.screens.session.export_panel.folder, dir.file("cle"));

  // A folder that is not there: the error is shown, nothing written there.
  keyboard.press(state, e, GLFW_KEY_A, true);
  keyboard.type(state, e, dir.file("absent").c_str());
  keyboard.press(state, e, GLFW_KEY_ENTER);
  ASSERT_TRUE(keyboard.screens.session.export_panel.outcome);
  EXPECT_FALSE(keyboard.screens.session.export_panel.outcome->ok);
  EXPECT_TRUE(state.notice.error);
  EXPECT_FALSE(std::filesystem::exists(dir.file("absent")));
  // Escape closes it.
  keyboard.press(state, e, GLFW_KEY_ESCAPE);
  EXPECT_FALSE(keyboard.screens.session.export_panel.open);
}

}  // namespace
}  // namespace jurymn

namespace jurymn {
namespace {

// Issue 29: a competency decided against the marks, its reason typed and
// Enter pressed, is recorded after the frame; the dialog then closes.
TEST_F(UiKeyboard, EnterInTheDepartureDialogRecordsTheDecisionThenClosesIt) {
  ui::UiState state;
  const std::string run = open_deliberation(state);
  auto e = env();
  keyboard.frame(state, e);
  const auto rec = store->exam_run(run);
  ASSERT_TRUE(rec);
  ASSERT_FALSE(rec->decision.locked());
  const Grid* grid = store->find_grid(rec->grid_id, rec->grid_version);
  ASSERT_NE(grid, nullptr);
  const std::string competency = grid->competencies.front().id;
  CompetencyStatus was = CompetencyStatus::Undecided;
  for (const auto& d : rec->competency_decisions)
    if (d.competency_id == competency) was = d.status;
  const CompetencyStatus next = was == CompetencyStatus::Acquired ? CompetencyStatus::NotAcquired : CompetencyStatus::Acquired;
  auto& p = keyboard.screens.deliberation;
  p.departing_competency = competency;  // as the table's click against the marks opens it
  p.departing_status = next;
  keyboard.frame(state, e);
  keyboard.frame(state, e);
  ASSERT_TRUE(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId));
  keyboard.type(state, e, "Vu à l’oral");
  keyboard.press(state, e, GLFW_KEY_ENTER);
  CompetencyStatus now = CompetencyStatus::Undecided;
  const auto after = store->exam_run(run);
  for (const auto& d : after->competency_decisions)
    if (d.competency_id == competency) now = d.status;
  EXPECT_EQ(now, next) << state.notice.text;
  EXPECT_FALSE(state.notice.error) << state.notice.text;
  EXPECT_TRUE(p.departing_competency.empty());
  keyboard.frame(state, e);
  EXPECT_FALSE(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId));
}

}  // namespace
}  // namespace jurymn

// Issue 29: the forms, the dialogs that carry a member's key and the
// feedback screen write between frames, as the other screens do.
namespace jurymn {
namespace {

// One frame with `glfw_key` down (and Ctrl or not), drawn as the runner
// draws it but without applying what it queued: the test applies it.
void frame_keeping_the_queue(ui::UiState& state, const ui::Environment& e, Keyboard& keyboard, int glfw_key,
                             bool ctrl = false) {
  ImGuiIO& io = ImGui::GetIO();
  io.KeysDown[glfw_key] = true;
  io.KeyCtrl = ctrl;
  io.DeltaTime = 1.0f / 60.0f;
  ImGui::NewFrame();
  state.window.wake_at = 0;
  ui::draw_frame(state, keyboard.screens, e);
  ImGui::Render();
  io.KeysDown[glfw_key] = false;
  io.KeyCtrl = false;
}

TEST_F(UiKeyboard, TheFeedbackTextsAreSavedAfterTheFrameThatLeftThem) {
  ui::UiState state;
  auto e = env();
  ui::open_session(state, e, session);
  const std::string run = ui::default_feedback_run(state.view);
  ASSERT_FALSE(run.empty());
  ui::open_exam(state, run);
  state.screen = ui::Screen::Feedback;
  keyboard.frame(state, e);
  const RunRecord before = run_of(*store, run);
  const Grid* grid = store->find_grid(before.grid_id, before.grid_version);
  ASSERT_TRUE(grid && !grid->competencies.empty());
  const std::string competency = grid->competencies.front().id;
  const auto strengths_of = [&](const RunRecord& r) {
    for (const auto& f : r.feedback)
      if (f.competency_id == competency) return f.strengths;
    return std::string("(aucun)");
  };

  // « Points forts » of the first competency: opened, typed, left with Ctrl+Enter.
  auto& panel = keyboard.screens.feedback;
  panel.draft_key = run + "|" + competency + "|s";
  panel.draft.clear();
  panel.focus = true;
  keyboard.frame(state, e);
  keyboard.frame(state, e);
  keyboard.type(state, e, "Accueil chaleureux. Diagnostic partagé.");
  frame_keeping_the_queue(state, e, keyboard, GLFW_KEY_ENTER, true);
  // Asked during the frame, not yet written.
  ASSERT_EQ(state.actions.size(), 1u);
  EXPECT_EQ(strengths_of(run_of(*store, run)), strengths_of(before));
  EXPECT_EQ(panel.draft_key, run + "|" + competency + "|s");
  EXPECT_TRUE(ui::apply_queued(state, e));
  EXPECT_EQ(strengths_of(run_of(*store, run)), "Accueil chaleureux. Diagnostic partagé.");
  EXPECT_EQ(state.notice.text, "Points forts de " + competency + " enregistrés.");
  EXPECT_FALSE(state.notice.error);
  EXPECT_TRUE(panel.draft_key.empty());  // the field shows the stored text again
  keyboard.frame(state, e);

  // « Conseil général »: the same, through the queue.
  panel.draft_key = run + "||advice";
  panel.draft = "Préparer davantage la mise en situation.";
  panel.focus = true;
  keyboard.frame(state, e);
  keyboard.frame(state, e);
  frame_keeping_the_queue(state, e, keyboard, GLFW_KEY_ENTER, true);
  ASSERT_EQ(state.actions.size(), 1u);
  EXPECT_EQ(run_of(*store, run).advice, before.advice);
  EXPECT_TRUE(ui::apply_queued(state, e));
  EXPECT_EQ(run_of(*store, run).advice, "Préparer davantage la mise en situation.");
  EXPECT_EQ(state.notice.text, "Conseil général enregistré.");
  EXPECT_TRUE(panel.draft_key.empty());
  for (const auto& d : store->drafts(session)) EXPECT_NE(d.run_uuid, run) << d.field;
}

TEST_F(UiKeyboard, ARefusedCandidateFormKeepsItsFieldErrorsUnderTheFieldsAndStaysOpen) {
  ui::UiState state;
  auto e = env();
  ui::open_session(state, e, session);
  keyboard.frame(state, e);
  const std::size_t before = store->candidates(session).size();
  open_new_candidate_form(state, e);
  auto& form = keyboard.screens.session.candidate_form;
  form.input.first_name = "Léa";  // no number, no last name
  form.input.ccps = {"CCP1"};
  frame_keeping_the_queue(state, e, keyboard, GLFW_KEY_ENTER);
  ASSERT_EQ(state.actions.size(), 1u);
  EXPECT_TRUE(form.errors.empty());  // known once applied
  ui::apply_queued(state, e);
  EXPECT_EQ(store->candidates(session).size(), before);
  EXPECT_TRUE(state.notice.error);
  ASSERT_FALSE(form.errors.empty());
  EXPECT_TRUE(form.open);
  // The next frames: still open, each error drawn in the form.
  ui::record_text_overflow(true);
  keyboard.frame(state, e);
  keyboard.frame(state, e);
  ui::check_drawn_text();
  ui::record_text_overflow(false);
  EXPECT_TRUE(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId));
  const auto no_spaces = [](std::string s) {
    std::erase_if(s, [](char c) { return c == ' ' || c == '\n'; });
    for (std::size_t at; (at = s.find("\u00A0")) != std::string::npos;) s.erase(at, 2);
    return s;
  };
  std::string drawn;
  for (const auto& line : ui::drawn_lines()) drawn += no_spaces(line) + "\n";
  for (const auto& err : form.errors)
    EXPECT_NE(drawn.find(no_spaces(err.message)), std::string::npos) << err.field << ": " << err.message;
  // Corrected: added, and the form closes.
  form.input.number = "MN-99";
  form.input.last_name = "Martin";
  keyboard.press(state, e, GLFW_KEY_ENTER);  // the frame that asks, then the one after it
  EXPECT_EQ(store->candidates(session).size(), before + 1) << form.error;
  EXPECT_FALSE(form.open);
  EXPECT_TRUE(form.errors.empty());
  // Closed before the frame after drew it: no empty dialog for one frame.
  EXPECT_FALSE(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId));
  const ImGuiWindow* dialog = ImGui::FindWindowByName("Candidat");
  EXPECT_TRUE(dialog && !dialog->Active);
}

TEST_F(UiKeyboard, AWrongCodeInJeConfirmeSaysSoAndConfirmsNothing) {
  ui::UiState state;
  auto e = env();
  // The demo's locked result, reopened: decided, each member to confirm again.
  std::string locked;
  for (const auto& r : store->exam_runs(session))
    if (r.decision.locked()) locked = r.uuid;
  ASSERT_FALSE(locked.empty());
  ASSERT_TRUE(store->apply(action::ReopenDecision{locked, "Erreur de saisie sur CP-2.", {}, {}}, "test").ok);
  ui::open_session(state, e, session);
  keyboard.frame(state, e);
  ASSERT_EQ(ui::open_popup(state, e, ui::Popup::Confirm), "");
  keyboard.frame(state, e);
  keyboard.frame(state, e);
  keyboard.frame(state, e);
  const std::string run = state.run_uuid;
  auto& panel = keyboard.screens.deliberation;
  const std::string member = panel.confirming;
  ASSERT_FALSE(member.empty());
  const auto confirmed = [&] { return run_of(*store, run).decision.confirmed_by; };
  const auto before = confirmed();
  ASSERT_TRUE(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId));

  keyboard.type(state, e, "999999");
  frame_keeping_the_queue(state, e, keyboard, GLFW_KEY_ENTER);
  EXPECT_TRUE(state.actions.empty());  // nothing to write: the code is wrong
  EXPECT_EQ(panel.pin_error, "Code incorrect\u00A0: la confirmation n’est pas enregistrée.");
  EXPECT_TRUE(panel.pin.empty());
  ui::apply_queued(state, e);
  ui::record_text_overflow(true);
  keyboard.frame(state, e);
  keyboard.frame(state, e);
  ui::check_drawn_text();
  ui::record_text_overflow(false);
  std::string drawn;
  for (const auto& line : ui::drawn_lines()) drawn += line + "\n";
  EXPECT_NE(drawn.find("Code incorrect"), std::string::npos) << drawn;
  EXPECT_EQ(confirmed(), before);
  EXPECT_EQ(panel.confirming, member);
  EXPECT_TRUE(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId));

  // Given up (Escape), asked again with the right code: confirmed once the
  // frame ends, then the dialog closes.
  keyboard.press(state, e, GLFW_KEY_ESCAPE);
  EXPECT_TRUE(panel.confirming.empty());
  EXPECT_EQ(confirmed(), before);
  ASSERT_EQ(ui::open_popup(state, e, ui::Popup::Confirm), "");
  keyboard.frame(state, e);
  keyboard.frame(state, e);
  keyboard.frame(state, e);
  ASSERT_EQ(panel.confirming, member);
  std::string pin = kDemoMemberPin;
  for (const auto& m : state.view.jury)
    if (m.uuid == member && m.role == JuryRole::President) pin = kDemoPresidentPin;
  keyboard.type(state, e, pin.c_str());
  frame_keeping_the_queue(state, e, keyboard, GLFW_KEY_ENTER);
  ASSERT_EQ(state.actions.size(), 1u) << panel.pin_error;
  EXPECT_TRUE(panel.pin.empty());  // the key is in the queued action, the code forgotten
  EXPECT_EQ(confirmed(), before);
  ui::apply_queued(state, e);
  EXPECT_FALSE(state.notice.error) << state.notice.text;
  const auto after = confirmed();
  EXPECT_NE(std::find(after.begin(), after.end(), member), after.end());
  EXPECT_TRUE(panel.confirming.empty());
  EXPECT_TRUE(panel.pin_error.empty());
  keyboard.frame(state, e);
  keyboard.frame(state, e);
  EXPECT_FALSE(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId));
}

TEST_F(UiKeyboard, APinResetSignedWithAWrongCodeChangesNothingTheRightOneAfterTheFrame) {
  ui::UiState state;
  auto e = env();
  ui::open_session(state, e, session);
  keyboard.frame(state, e);
  const auto pin_of = [&](const std::string& uuid) {
    for (const auto& m : store->jury_members(session))
      if (m.uuid == uuid) return m.pin;
    return std::optional<MemberPin>{};
  };
  auto& f = keyboard.screens.session.pin_reset;
  const auto fill = [&](const char* signer_pin) {
    ASSERT_EQ(ui::open_popup(state, e, ui::Popup::PinReset), "");
    keyboard.frame(state, e);
    keyboard.frame(state, e);
    keyboard.frame(state, e);
    keyboard.type(state, e, "135790");
    keyboard.press(state, e, GLFW_KEY_TAB);
    keyboard.type(state, e, "135790");
    keyboard.press(state, e, GLFW_KEY_TAB);
    keyboard.type(state, e, signer_pin);
  };
  fill("000000");
  const std::string member = f.member_uuid;
  ASSERT_FALSE(member.empty());
  const auto before = pin_of(member);
  ASSERT_TRUE(before);
  frame_keeping_the_queue(state, e, keyboard, GLFW_KEY_ENTER);
  EXPECT_TRUE(state.actions.empty());  // nothing to write: the signer's code is wrong
  EXPECT_NE(f.error.find("incorrect"), std::string::npos) << f.error;
  ui::apply_queued(state, e);
  keyboard.frame(state, e);
  EXPECT_EQ(pin_of(member), before);
  EXPECT_TRUE(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId));
  keyboard.press(state, e, GLFW_KEY_ESCAPE);
  EXPECT_TRUE(f.member_uuid.empty());

  // The right signer's code (the demo's president forgot hers: the member signs).
  fill(kDemoMemberPin);
  ASSERT_EQ(f.member_uuid, member);
  frame_keeping_the_queue(state, e, keyboard, GLFW_KEY_ENTER);
  ASSERT_EQ(state.actions.size(), 1u) << f.error;
  EXPECT_TRUE(f.pin.empty() && f.pin_again.empty() && f.signer_pin.empty());
  EXPECT_EQ(pin_of(member), before);
  ui::apply_queued(state, e);
  EXPECT_FALSE(state.notice.error) << state.notice.text;
  EXPECT_NE(pin_of(member), before);
  EXPECT_TRUE(f.member_uuid.empty());
  keyboard.frame(state, e);
  EXPECT_FALSE(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId));
}

}  // namespace
}  // namespace jurymn
