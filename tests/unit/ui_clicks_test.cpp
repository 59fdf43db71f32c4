// Every button of every screen, clicked: Dear ImGui draws the real screens
// with no window, the mouse is fed as the GLFW backend feeds it (1.86 has
// no input queue: MousePos, then MouseDown for one frame, released on the
// next), and a few frames run after each click. Run under the sanitizers
// (build-asan) it finds a screen that keeps drawing from what an action
// has just replaced (issue 26 item 1: « Commencer CCP1 » read a freed
// candidate list).
//
// The clickable items are found from what is drawn: each run of glyphs of
// the frame's draw lists is a place to point at; the mouse is put there for
// one frame and whatever item Dear ImGui then calls hovered is clickable.
#include <GLFW/glfw3.h>
#include <filesystem>
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <set>

#include "app/frame_pacing.h"
#include "app/session_services.h"
#include "core/clock.h"
#include "core/drafts.h"
#include "core/duration.h"
#include "core/draft_choices.h"
#include "core/stage_timer.h"
#include "store/demo.h"
#include "store/store.h"
#include "screen_driver.h"
#include "test_support.h"
#include "ui/screens.h"
#include "ui/ui.h"
#include "ui/widgets.h"

namespace jurymn {
namespace {

// A run of glyphs drawn on one line, close together: a label, and where.
struct DrawnLabel {
  std::string text;
  ImVec2 centre;
};

void append_utf8(std::string& out, unsigned c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Read from the last frame's draw data: glyphs are known by their place in
// the font atlas, visible (inside their clip rect) and grouped in words.
std::vector<DrawnLabel> drawn_labels() {
  std::vector<DrawnLabel> out;
  const ImDrawData* data = ImGui::GetDrawData();
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  std::map<std::pair<float, float>, unsigned> glyphs;
  for (const ImFont* font : atlas->Fonts)
    for (const auto& g : font->Glyphs)
      if (g.Visible) glyphs.emplace(std::pair{g.U0, g.V0}, g.Codepoint);
  for (int l = 0; data && l < data->CmdListsCount; ++l) {
    const ImDrawList* list = data->CmdLists[l];
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback) continue;
      DrawnLabel current;
      float x0 = 0, x1 = -1e9f, y0 = 0, y1 = 0;
      const auto flush = [&] {
        if (!current.text.empty()) {
          current.centre = ImVec2((x0 + x1) * 0.5f, (y0 + y1) * 0.5f);
          out.push_back(current);
        }
        current = DrawnLabel{};
        x1 = -1e9f;
      };
      float last_x0 = -1, last_y0 = -1;
      for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
        // A glyph is two triangles, each starting at its top-left corner.
        const ImDrawVert& a = list->VtxBuffer[cmd.VtxOffset + list->IdxBuffer[cmd.IdxOffset + i]];
        auto it = glyphs.find({a.uv.x, a.uv.y});
        if (it == glyphs.end()) continue;
        float gx0 = a.pos.x, gx1 = a.pos.x, gy0 = a.pos.y, gy1 = a.pos.y;
        for (unsigned k = 1; k < 3; ++k) {
          const ImDrawVert& v = list->VtxBuffer[cmd.VtxOffset + list->IdxBuffer[cmd.IdxOffset + i + k]];
          gx0 = std::min(gx0, v.pos.x), gx1 = std::max(gx1, v.pos.x);
          gy0 = std::min(gy0, v.pos.y), gy1 = std::max(gy1, v.pos.y);
        }
        if (gx0 == last_x0 && gy0 == last_y0) continue;  // the glyph's second triangle
        last_x0 = gx0, last_y0 = gy0;
        // Outside its clip rect: not drawn, not to be pointed at.
        const ImVec4& clip = cmd.ClipRect;
        if (gx1 <= clip.x || gx0 >= clip.z || gy1 <= clip.y || gy0 >= clip.w) continue;
        // On the same line (glyphs' boxes are tight: an « i » rises above an
        // « s »), and close enough to be the same label.
        const float band = std::max(y1 - y0, gy1 - gy0);
        const bool same_word = !current.text.empty() && gy0 < y1 && gy1 > y0 && gx0 - x1 < band * 0.6f &&
                               gx0 >= x1 - 2;
        if (!same_word) {
          flush();
          x0 = gx0, y0 = gy0, y1 = gy1;
        } else if (gx0 - x1 > band * 0.2f) {
          current.text += ' ';  // a space draws no glyph
        }
        x1 = std::max(x1, gx1);
        y0 = std::min(y0, gy0), y1 = std::max(y1, gy1);
        append_utf8(current.text, it->second);
      }
      flush();
    }
  }
  return out;
}

using Mouse = test::ScreenDriver;

// What the file system services would do, done by nothing: the buttons
// that call them are clicked too, without a browser or a file dialog.
ui::Services quiet_services(Store& store, const Clock& clock) {
  ui::Services s = make_services(store, clock);
  const auto outcome = [](const auto&...) { return ui::ImportOutcome{true, "fait", {}, {}}; };
  s.choose_csv_file = [](const std::string&) { return std::shared_ptr<ui::PathDialog>(); };
  s.choose_folder = [](const std::string&, const std::string&) { return std::shared_ptr<ui::PathDialog>(); };
  s.import_candidates = [](const std::string&, const std::string&, const CcpSet&) {
    return ui::ImportOutcome{false, "pas de fichier", {}, {}};
  };
  s.find_candidate_files = [] { return std::vector<std::string>{}; };
  s.session_opened = [](const std::string&) {};
  s.create_demo = [] { return std::string("pas de démonstration ici"); };
  s.write_proces_verbal = [=](const std::string& a) { return outcome(a); };
  s.export_results = [=](const std::string& a, const std::string& b) { return outcome(a, b); };
  s.export_places = [] { return std::vector<ui::ExportPlace>{}; };
  s.show_folder = [](const std::string&) { return false; };
  s.write_feedback_sheet = [=](const std::string& a, const std::string& b) { return outcome(a, b); };
  s.write_feedback_sheets = [=](const std::string& a) { return outcome(a); };
  s.write_group_page = [=](const std::string& a) { return outcome(a); };
  s.key_fingerprint = [] { return std::string(); };
  s.copy_database = [=](const std::string& a) { return outcome(a); };
  s.default_copy_path = [] { return std::string("/nonexistent/copie.db"); };
  return s;
}

// A screen as the jury reaches it, from a fresh UiState.
struct ScreenSetup {
  std::string name;
  std::function<void(ui::UiState&, const ui::Environment&)> open;
};

struct ClickLog {
  std::vector<std::string> clicked;  // "screen: label"
};

class UiClicks : public ::testing::Test {
protected:
  ui::Environment env() { return ui::Environment{*store, clock, services, mouse.fonts(), read_only, {}}; }

  // Every clickable label of `setup`'s screen (and of what each click
  // opens on that screen: a dialog's buttons, one level down), clicked in
  // turn, each from the screen freshly opened again. `check` runs after each
  // click with the label clicked.
  void click_everything(const ScreenSetup& setup,
                        const std::function<void(const std::string&, ui::UiState&)>& check = {}) {
    auto e = env();
    const auto fresh = [&](ui::UiState& state, const std::vector<std::string>& path) {
      state = ui::UiState{};
      mouse.screens = ui::Screens{};
      // Dear ImGui's own memory of the last click: no dialog left open.
      ImGui::GetCurrentContext()->OpenPopupStack.resize(0);
      ImGui::ClearActiveID();
      setup.open(state, e);
      for (int i = 0; i < 3; ++i) mouse.frame(state, e);
      for (const auto& label : path) {
        if (!press(state, label)) return false;
      }
      return true;
    };
    explore(setup.name, fresh, {}, 0, check);
  }

  // The labels under which the mouse finds an enabled item, once each.
  std::vector<std::string> clickable(ui::UiState& state) {
    auto e = env();
    mouse.frame(state, e);
    const auto labels = drawn_labels();
    std::vector<std::string> out;
    std::set<ImGuiID> seen;
    std::set<std::string> names;
    for (const auto& l : labels) {
      const ImGuiID id = mouse.hover(state, e, l.centre);
      if (id == 0 || !seen.insert(id).second || !names.insert(l.text).second) continue;
      out.push_back(l.text);
    }
    ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    mouse.frame(state, e);
    return out;
  }

  // Clicks the first drawn label `text`; false when it is not shown.
  bool press(ui::UiState& state, const std::string& text) {
    auto e = env();
    for (const auto& l : drawn_labels())
      if (l.text == text && mouse.hover(state, e, l.centre) != 0) {
        mouse.click(state, e, l.centre, /*settle=*/4);
        return true;
      }
    return false;
  }

  void explore(const std::string& where,
               const std::function<bool(ui::UiState&, const std::vector<std::string>&)>& fresh,
               const std::vector<std::string>& path, int depth,
               const std::function<void(const std::string&, ui::UiState&)>& check) {
    ui::UiState state;
    if (!fresh(state, path)) return;
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    const bool in_popup = !g.OpenPopupStack.empty();
    const auto labels = clickable(state);
    for (const auto& label : labels) {
      ui::UiState s;
      if (!fresh(s, path)) continue;
      SCOPED_TRACE(where + " › " + label);
      if (!press(s, label)) continue;
      log.clicked.push_back(where + " › " + label);
      if (check) check(label, s);
      // A dialog the click opened: its buttons too (not the window's again).
      if (depth == 0 && !in_popup && !g.OpenPopupStack.empty()) {
        auto deeper = path;
        deeper.push_back(label);
        explore(where + " › " + label, fresh, deeper, depth + 1, check);
      }
    }
  }

  std::string clicked_list() const {
    std::string out;
    for (const auto& c : log.clicked) out += c + "\n";
    return out;
  }

  bool clicked(const std::string& suffix) const {
    return std::any_of(log.clicked.begin(), log.clicked.end(), [&](const std::string& c) {
      return c.size() >= suffix.size() && c.compare(c.size() - suffix.size(), suffix.size(), suffix) == 0;
    });
  }

  test::TempDir dir;
  FakeClock clock{1'780'000'000'000};
  std::unique_ptr<Store> store;
  ui::Services services;
  std::string session;
  Mouse mouse;
  ClickLog log;
  std::string read_only;  // non-empty: the window is read-only, and why
};

// The screens of a session, each as its button in the app opens it.
std::vector<ScreenSetup> session_screens(const std::string& session) {
  const auto on = [session](ui::Screen screen, std::function<std::string(const ui::SessionView&, const ui::Environment&)> run) {
    return [session, screen, run](ui::UiState& state, const ui::Environment& e) {
      ui::open_session(state, e, session);
      if (run) ui::open_exam(state, run(state.view, e));
      state.screen = screen;
    };
  };
  return {
      {"accueil", [](ui::UiState& state, const ui::Environment&) { state.screen = ui::Screen::Home; }},
      {"session", on(ui::Screen::Session, nullptr)},
      {"épreuve", on(ui::Screen::Exam, ui::default_run)},
      {"grille", on(ui::Screen::Marking, ui::default_run)},
      {"délibération", on(ui::Screen::Deliberation, ui::default_deliberation_run)},
      {"retours", on(ui::Screen::Feedback, [](const ui::SessionView& v, const ui::Environment&) {
         return ui::default_feedback_run(v);
       })},
      {"groupe", on(ui::Screen::Group, nullptr)},
      {"journal", on(ui::Screen::Audit, nullptr)},
  };
}

// After « Commencer CCPn » of a candidate: the exam screen of that run.
void expect_start_opens_its_exam(const Store& store, const std::string& label, ui::UiState& state) {
  if (label.rfind("Commencer ", 0) != 0) return;
  const std::string ccp = label.substr(std::string("Commencer ").size());
  // A start the store refuses says why, and stays on the list.
  if (state.notice.error) return;
  EXPECT_EQ(state.screen, ui::Screen::Exam) << label << ": " << state.notice.text;
  const auto run = store.exam_run(state.run_uuid);
  ASSERT_TRUE(run) << label << ": no run on the exam screen";
  EXPECT_EQ(run->ccp, ccp);
}

// Issue 26 item 1, alone: each « Commencer » of the demo's list, clicked,
// opens the exam screen of that candidate's run of that CCP.
TEST_F(UiClicks, CommencerOpensTheExamOfThatCandidate) {
  store = test::open_demo_store(dir.file("jury.db"), clock, session);
  ASSERT_TRUE(store);
  services = quiet_services(*store, clock);
  auto e = env();
  int opened = 0;
  for (const char* label : {"Commencer CCP1", "Commencer CCP2", "Commencer CCP1", "Commencer CCP2"}) {
    ui::UiState state;
    ui::open_session(state, e, session);
    for (int i = 0; i < 3; ++i) mouse.frame(state, e);
    const auto runs = store->exam_runs(session).size();
    if (!press(state, label)) continue;
    SCOPED_TRACE(label);
    ASSERT_FALSE(state.notice.error) << state.notice.text;
    ASSERT_EQ(store->exam_runs(session).size(), runs + 1);
    expect_start_opens_its_exam(*store, label, state);
    const auto run = store->exam_run(state.run_uuid);
    ASSERT_TRUE(run);
    // The candidate named in the notice is the run's.
    for (const auto& c : store->candidates(session)) {
      if (c.uuid == run->candidate_uuid) {
        EXPECT_NE(state.notice.text.find(c.data.last_name), std::string::npos) << state.notice.text;
      }
    }
    ++opened;
  }
  EXPECT_GE(opened, 2);
}

TEST_F(UiClicks, EveryButtonOfTheDemoSession) {
  store = test::open_demo_store(dir.file("jury.db"), clock, session);
  ASSERT_TRUE(store);
  services = quiet_services(*store, clock);
  int starts = 0;
  for (const auto& screen : session_screens(session))
    click_everything(screen, [&](const std::string& label, ui::UiState& state) {
      if (label.rfind("Commencer ", 0) == 0) ++starts;
      expect_start_opens_its_exam(*store, label, state);
    });
  EXPECT_GT(starts, 0);
  EXPECT_TRUE(clicked("session › Journal d’audit"));
  EXPECT_TRUE(clicked("épreuve › Délibération"));
  EXPECT_GT(log.clicked.size(), 60u) << clicked_list();
}

TEST_F(UiClicks, EveryButtonOfAnOfficialSession) {
  store = test::open_jury_store(dir.file("jury.db"), clock);
  ASSERT_TRUE(store);
  auto created = store->apply(action::CreateSession{test::session_input()}, "test");
  ASSERT_TRUE(created.ok) << created.error;
  session = created.created_uuid;
  ASSERT_TRUE(store->apply(action::AddJuryMember{session, {"Claire Aubert", JuryRole::President, true},
                                                 test::member_pin("claire").record},
                           "test")
                  .ok);
  ASSERT_TRUE(store->apply(action::AddJuryMember{session, {"Paul Morel", JuryRole::Member, false},
                                                 test::member_pin("paul").record},
                           "test")
                  .ok);
  for (const char* n : {"001", "002", "003"}) {
    auto c = test::candidate_input(n, std::string("Nom") + n);
    c.ccps = {"CCP1", "CCP2"};
    ASSERT_TRUE(store->apply(action::AddCandidate{session, c}, "test").ok);
  }
  services = quiet_services(*store, clock);
  int starts = 0;
  for (const auto& screen : session_screens(session))
    click_everything(screen, [&](const std::string& label, ui::UiState& state) {
      if (label.rfind("Commencer ", 0) == 0) ++starts;
      expect_start_opens_its_exam(*store, label, state);
    });
  // Every « Commencer » of the list, each time on a candidate not yet started.
  EXPECT_GE(starts, 2);
  EXPECT_TRUE(clicked("session › Commencer CCP1"));
  EXPECT_TRUE(clicked("session › Commencer CCP2"));
}

// Spaces and line ends left out: words are found whichever way the glyphs
// were grouped.
std::string without_spaces(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n') out += c;
  return out;
}

// Every text the last frame drew, joined.
std::string drawn_text() {
  std::string out;
  for (const auto& l : drawn_labels()) out += l.text + "\n";
  return out;
}

// Issue 26 item 20: what the demo's (mock jury) screens say, as drawn: no
// « proposition, pas encore revue » read as a provisional result by a
// trainee (the feedback screen calls its text a proposal to reread), no
// « ajouté(e) », no command-line option. (A tooltip shows only when hovered:
// the one that named --include-rehearsal is not drawn here.)
TEST_F(UiClicks, TheMockJurysScreensSpeakPlainly) {
  store = test::open_demo_store(dir.file("jury.db"), clock, session);
  ASSERT_TRUE(store);
  services = quiet_services(*store, clock);
  auto e = env();
  bool feedback_seen = false;
  for (const auto& screen : session_screens(session)) {
    ui::UiState state;
    screen.open(state, e);
    for (int i = 0; i < 3; ++i) mouse.frame(state, e);
    const std::string text = drawn_text();
    EXPECT_EQ(text.find("pas encore revue"), std::string::npos) << screen.name;
    EXPECT_EQ(text.find("ajouté(e)"), std::string::npos) << screen.name;
    EXPECT_EQ(text.find("--include-rehearsal"), std::string::npos) << screen.name;
    if (text.find("(retour proposé d’après les notes, à relire)") != std::string::npos) feedback_seen = true;
  }
  EXPECT_TRUE(feedback_seen) << "no feedback drafted from the marks on the demo's « retours » screen";
}

// Issue 26 item 10: every dialog (each one --popup opens, on the demo)
// answers Enter and Escape. Escape closes it and writes nothing. Enter,
// once a reason is typed in the field that has the keyboard, validates: the
// dialog closes, or writes, or says what is still missing — never nothing
// at all. (In a multi-line field Enter is a new line: « reopen » is
// validated by Ctrl+Enter, UiKeyboard.CtrlEnterReopensWithTheReasonTyped.)
TEST_F(UiClicks, EveryDialogAnswersEnterAndEscape) {
  std::vector<std::string> names;
  const std::string listed = ui::popup_names();
  for (std::size_t at = 0; at < listed.size();) {
    const std::size_t comma = std::min(listed.find(", ", at), listed.size());
    names.push_back(listed.substr(at, comma - at));
    at = comma + 2;
  }
  ASSERT_GE(names.size(), 10u) << listed;
  // One demo, copied for each try (Enter may write).
  store = test::open_demo_store(dir.file("demo.db"), clock, session);
  ASSERT_TRUE(store);
  store.reset();
  int copies = 0;
  for (const auto& name : names) {
    const auto popup = ui::popup_from_name(name);
    ASSERT_TRUE(popup) << name;
    for (const int key : {GLFW_KEY_ESCAPE, GLFW_KEY_ENTER}) {
      if (key == GLFW_KEY_ENTER && name == "reopen") continue;
      const std::string copy = dir.file("jury" + std::to_string(++copies) + ".db");
      for (const char* suffix : {"", "-wal"})
        if (std::filesystem::exists(dir.file("demo.db") + suffix))
          std::filesystem::copy_file(dir.file("demo.db") + suffix, copy + suffix);
      store = test::open_jury_store(copy, clock);
      ASSERT_TRUE(store);
      services = quiet_services(*store, clock);
      auto e = env();
      ui::UiState state;
      ImGui::GetCurrentContext()->OpenPopupStack.resize(0);
      ImGui::ClearActiveID();
      ui::open_session(state, e, session);
      ui::open_exam(state, ui::default_run(state.view, e));
      state.screen = ui::popup_screen(*popup);
      ASSERT_EQ(ui::open_popup(state, e, *popup), "") << name;
      for (int i = 0; i < 4; ++i) mouse.frame(state, e);
      ASSERT_TRUE(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) << name << ": no dialog";
      if (key == GLFW_KEY_ENTER) mouse.type(state, e, name == "export" ? dir.file("").c_str() : "Motif saisi au clavier");
      mouse.frame(state, e);
      const std::string shown = drawn_text();
      const std::string notice = state.notice.text;
      const auto revision = store->revision();
      mouse.press(state, e, key);
      mouse.frame(state, e);
      const bool open = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
      if (key == GLFW_KEY_ESCAPE) {
        EXPECT_FALSE(open) << name << ": Escape left the dialog open";
        EXPECT_EQ(store->revision(), revision) << name << ": Escape wrote";
      } else {
        EXPECT_TRUE(!open || store->revision() != revision || state.notice.text != notice || drawn_text() != shown)
            << name << ": Enter did nothing\n" << shown;
      }
    }
  }
}

// One frame of the candidate window, as CandidateWindow::draw makes it
// (the same UiState, its own screen); what it shows.
std::string candidate_window_frame(Mouse& mouse, ui::UiState& state, const ui::Environment& env) {
  const ui::Screen screen = state.screen;
  state.screen = ui::Screen::CandidateTimer;
  mouse.frame(state, env);
  state.screen = screen;
  return drawn_text();
}

RunRecord run_with(std::string uuid, std::vector<TimerEvent> events) {
  RunRecord r;
  r.uuid = std::move(uuid);
  r.events = std::move(events);
  return r;
}

TEST(CandidateWindowRun, TheRunLastStartedOrResumedUnlessChosenSince) {
  const std::vector<RunRecord> runs = {
      run_with("a", {TimerEvent::start("prep", 1'000), TimerEvent::pause(2'000, "malaise")}),
      run_with("b", {TimerEvent::start("prep", 1'500)}),
  };
  EXPECT_EQ(ui::run_for_candidate(runs, {}), "b");
  // Chosen on A's exam screen after B started: A.
  EXPECT_EQ(ui::run_for_candidate(runs, {"a", 3'000}), "a");
  // Chosen before B started: B, started since.
  EXPECT_EQ(ui::run_for_candidate(runs, {"a", 1'200}), "b");
  // A resumed after B was chosen: A.
  auto resumed = runs;
  resumed[0].events.push_back(TimerEvent::resume(4'000));
  EXPECT_EQ(ui::run_for_candidate(resumed, {"b", 3'500}), "a");
  // A run no longer in the session is not shown.
  EXPECT_EQ(ui::run_for_candidate(runs, {"gone", 9'000}), "b");
  EXPECT_EQ(ui::run_for_candidate({}, {}), "");
}

// Issue 26 item 2: while A prepares alone, the jury opens B's deliberation
// and C's grid; A's candidate still sees A's stage. The button on B's exam
// screen shows B, on purpose.
TEST_F(UiClicks, CandidateWindowShowsTheRunUnderWayNotTheOneOpen) {
  store = test::open_demo_store(dir.file("jury.db"), clock, session);
  ASSERT_TRUE(store);
  services = quiet_services(*store, clock);
  auto e = env();
  ui::UiState state;
  ui::open_session(state, e, session);
  const std::string live = ui::default_run(state.view, e);
  const auto live_run = store->exam_run(live);
  ASSERT_TRUE(live_run);
  const ExamPlan* plan = store->find_plan(live_run->plan_id, live_run->plan_version);
  ASSERT_TRUE(plan);
  const TimerStatus st = StageTimer(*plan, live_run->events).status(clock.now_ms());
  ASSERT_EQ(st.state, TimerState::Running);
  const std::string stage = plan->stages[static_cast<std::size_t>(st.stage_index)].label;
  const std::string other = ui::default_deliberation_run(state.view, e);
  ASSERT_NE(other, live);

  state.window.candidate_window = true;
  ui::open_exam(state, other);
  state.screen = ui::Screen::Deliberation;
  mouse.frame(state, e);
  std::string shown = candidate_window_frame(mouse, state, e);
  EXPECT_NE(shown.find(stage), std::string::npos) << shown;
  EXPECT_EQ(shown.find("Épreuve terminée"), std::string::npos) << shown;
  state.screen = ui::Screen::Marking;
  mouse.frame(state, e);
  shown = candidate_window_frame(mouse, state, e);
  EXPECT_NE(shown.find(stage), std::string::npos) << shown;

  // On the other run's exam screen, the button shows it.
  state.screen = ui::Screen::Exam;
  mouse.frame(state, e);
  mouse.frame(state, e);
  ASSERT_TRUE(press(state, "Montrer cette épreuve au candidat")) << drawn_text();
  EXPECT_EQ(ui::run_for_candidate(state.view.runs, state.candidate_shown), other);
  shown = candidate_window_frame(mouse, state, e);
  EXPECT_NE(shown.find("Épreuve terminée"), std::string::npos) << shown;
  // Shown: the button is gone.
  mouse.frame(state, e);
  EXPECT_EQ(drawn_text().find("Montrer cette épreuve au candidat"), std::string::npos);

  // A stage of the live run resumed or started later: it is shown again.
  clock.advance_ms(5'000);
  ASSERT_TRUE(store->apply(action::RecordTimerEvent{live, TimerEventKind::Pause, {}, 0, "téléphone", 0}, "ui").ok);
  ASSERT_TRUE(store->apply(action::RecordTimerEvent{live, TimerEventKind::Resume, {}, 0, {}}, "ui").ok);
  mouse.frame(state, e);
  shown = candidate_window_frame(mouse, state, e);
  EXPECT_NE(shown.find(stage), std::string::npos) << shown;
}

// The demo's run under way (Kévin's, a stage running), on the exam screen.
struct LiveRun {
  std::string uuid;
  TimerStatus at_open;
};
LiveRun open_live_run(ui::UiState& state, const ui::Environment& e, Store& store, const Clock& clock,
                      const std::string& session) {
  ui::open_session(state, e, session);
  LiveRun live{ui::default_run(state.view, e), {}};
  const auto run = store.exam_run(live.uuid);
  EXPECT_TRUE(run);
  if (!run) return live;
  const ExamPlan* plan = store.find_plan(run->plan_id, run->plan_version);
  EXPECT_TRUE(plan);
  if (plan) live.at_open = StageTimer(*plan, run->events).status(clock.now_ms());
  EXPECT_EQ(live.at_open.state, TimerState::Running);
  ui::open_exam(state, live.uuid);
  return live;
}

// Issue 26 item 17: Space pressed, the reason being typed 20 s later: both
// clocks show the stage paused since the press, frozen at its time then.
TEST_F(UiClicks, WhileThePauseReasonIsTypedTheClocksShowThePauseFromSpace) {
  store = test::open_demo_store(dir.file("jury.db"), clock, session);
  ASSERT_TRUE(store);
  services = quiet_services(*store, clock);
  auto e = env();
  ui::UiState state;
  const LiveRun live = open_live_run(state, e, *store, clock, session);
  state.window.candidate_window = true;
  mouse.frame(state, e);
  mouse.frame(state, e);
  const std::string at_press = format_clock(live.at_open.remaining_ms);
  mouse.press(state, e, GLFW_KEY_SPACE);
  ASSERT_TRUE(mouse.screens.exam.pause_open);
  EXPECT_EQ(mouse.screens.exam.pause_pressed_at, clock.now_ms());
  clock.advance_ms(20'000);
  mouse.type(state, e, "malaise");
  mouse.frame(state, e);
  const std::string jury = drawn_text();
  EXPECT_NE(without_spaces(jury).find("ENPAUSEdepuis00:20"), std::string::npos) << jury;
  EXPECT_NE(without_spaces(jury).find(at_press), std::string::npos) << at_press << "\n" << jury;
  const std::string candidate = candidate_window_frame(mouse, state, e);
  EXPECT_NE(without_spaces(candidate).find("Enpause"), std::string::npos) << candidate;
  EXPECT_NE(without_spaces(candidate).find(at_press), std::string::npos) << at_press << "\n" << candidate;
  // Recorded as the dialog's button records it: the same pause, from the press.
  ASSERT_TRUE(store->apply(action::RecordTimerEvent{live.uuid, TimerEventKind::Pause, {}, 0, "malaise",
                                                    mouse.screens.exam.pause_pressed_at},
                           "ui")
                  .ok);
  mouse.screens.exam.pause_open = false;
  const auto run = store->exam_run(live.uuid);
  ASSERT_TRUE(run);
  EXPECT_EQ(run->events.back().kind, TimerEventKind::Pause);
  EXPECT_EQ(run->events.back().at, clock.now_ms() - 20'000);
  mouse.frame(state, e);
  EXPECT_NE(without_spaces(drawn_text()).find("ENPAUSEdepuis00:20"), std::string::npos);
}

// Issue 26 item 5: Space, the reason typed, kill -9 three seconds later:
// after the restart the dialog is back with the reason, counting from Space.
TEST_F(UiClicks, APauseDialogLeftByACrashCountsFromThePress) {
  store = test::open_demo_store(dir.file("jury.db"), clock, session);
  ASSERT_TRUE(store);
  services = quiet_services(*store, clock);
  std::string live;
  TimeMs pressed = 0;
  {
    auto e = env();
    ui::UiState state;
    live = open_live_run(state, e, *store, clock, session).uuid;
    mouse.frame(state, e);
    mouse.frame(state, e);
    mouse.press(state, e, GLFW_KEY_SPACE);
    ASSERT_TRUE(mouse.screens.exam.pause_open);
    pressed = clock.now_ms();
    clock.advance_ms(1'000);
    mouse.type(state, e, "malaise");
    clock.advance_ms(1'500);
    mouse.frame(state, e);  // the draft is due: written
  }
  clock.advance_ms(3'000);
  store.reset();  // kill -9: no tear-down ran
  store = test::open_jury_store(dir.file("jury.db"), clock);
  ASSERT_TRUE(store);
  services = quiet_services(*store, clock);
  clock.advance_ms(2'000);
  auto e = env();
  ui::UiState state;
  ui::open_session(state, e, session);
  ui::open_exam(state, live);
  for (int i = 0; i < 3; ++i) mouse.frame(state, e);
  ASSERT_TRUE(mouse.screens.exam.pause_open);
  EXPECT_EQ(mouse.screens.exam.pause_pressed_at, pressed);
  EXPECT_EQ(mouse.screens.exam.pause_reason, "malaise");
  // Recorded as the dialog's « Mettre en pause » records it.
  ASSERT_TRUE(store->apply(action::RecordTimerEvent{live, TimerEventKind::Pause, {}, 0, mouse.screens.exam.pause_reason,
                                                    mouse.screens.exam.pause_pressed_at},
                           "ui")
                  .ok);
  const auto run = store->exam_run(live);
  ASSERT_TRUE(run);
  EXPECT_EQ(run->events.back().kind, TimerEventKind::Pause);
  EXPECT_EQ(run->events.back().at, pressed);
  EXPECT_EQ(run->events.back().reason, "malaise");
  EXPECT_TRUE(store->drafts(session).empty());
}

// Issue 26 item 15: a window opened read-only offers nothing that writes:
// Space and Ctrl+N do nothing, a pause left by a crash opens no dialog.
TEST_F(UiClicks, AReadOnlyWindowOpensNoDialogThatWrites) {
  store = test::open_demo_store(dir.file("jury.db"), clock, session);
  ASSERT_TRUE(store);
  services = quiet_services(*store, clock);
  read_only = "la base est ouverte dans une autre fenêtre";
  auto e = env();
  ui::UiState state;
  const std::string live = open_live_run(state, e, *store, clock, session).uuid;
  const auto events = store->exam_run(live)->events.size();
  mouse.frame(state, e);
  mouse.frame(state, e);
  mouse.press(state, e, GLFW_KEY_SPACE);
  EXPECT_FALSE(mouse.screens.exam.pause_open);
  mouse.press(state, e, GLFW_KEY_N, true);
  EXPECT_FALSE(mouse.screens.exam.end_open);
  EXPECT_EQ(store->exam_run(live)->events.size(), events);
  EXPECT_TRUE(store->drafts(session).empty());
  // A pause pressed in the writing window before it stopped.
  clock.advance_ms(1'000);
  ASSERT_EQ(store->save_draft(live, draft_field::kPausePressedAt, pause_press_text(clock.now_ms())), "");
  ASSERT_EQ(store->save_draft(live, draft_field::kPauseReason, "malaise"), "");
  clock.advance_ms(5'000);
  ui::UiState later;
  mouse.screens = ui::Screens{};  // a new run of jurymn: each screen's state afresh
  ui::open_session(later, e, session);
  ui::open_exam(later, live);
  for (int i = 0; i < 3; ++i) mouse.frame(later, e);
  EXPECT_FALSE(mouse.screens.exam.pause_open);
  EXPECT_FALSE(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId));
  // Every enabled item of the screen, clicked: still nothing written.
  const auto entries = store->audit_entry_count();
  click_everything({"épreuve (lecture seule)", [&](ui::UiState& s, const ui::Environment& env_) {
                      ui::open_session(s, env_, session);
                      ui::open_exam(s, live);
                    }});
  EXPECT_EQ(store->audit_entry_count(), entries);
}

TEST(DeliberationLeft, TheRunOfTheLatestDraftWhenItIsADeliberationOne) {
  const std::vector<DraftRecord> drafts = {
      {"a", std::string(draft_field::kPauseReason), "malaise", 1'000},
      {"b", std::string(draft_field::kCcpOutcome), "obtained", 2'000},
      {"b", std::string(draft_field::kJustification), "vu", 3'000},
  };
  EXPECT_EQ(ui::deliberation_left(drafts), "b");
  auto later = drafts;
  later.push_back({"a", draft_field::observation("m", "CP-1"), "bien", 4'000});
  EXPECT_EQ(ui::deliberation_left(later), "");
  EXPECT_EQ(ui::deliberation_left({}), "");
}

// Issue 26 item 12: « CCP obtenu » clicked, the justification typed, kill -9:
// the restart opens that deliberation with the choice and the text in place.
TEST_F(UiClicks, ARestartDuringADeliberationReturnsToItWithItsDraftAndChoice) {
  store = test::open_demo_store(dir.file("jury.db"), clock, session);
  ASSERT_TRUE(store);
  services = quiet_services(*store, clock);
  std::string run;
  {
    auto e = env();
    ui::UiState state;
    ui::open_session(state, e, session);
    run = ui::default_deliberation_run(state.view, e);
    ASSERT_EQ(store->exam_run(run)->decision.decided, CcpOutcome::Undecided);
    ui::open_exam(state, run);
    state.screen = ui::Screen::Deliberation;
    for (int i = 0; i < 3; ++i) mouse.frame(state, e);
    ASSERT_TRUE(press(state, "CCP obtenu")) << drawn_text();
    EXPECT_EQ(mouse.screens.deliberation.outcome, CcpOutcome::Obtained);
    mouse.type(state, e, "Écart comblé à l’oral.");
    clock.advance_ms(1'500);
    mouse.frame(state, e);  // the draft is due: written
  }
  store.reset();  // kill -9
  clock.advance_ms(20'000);
  store = test::open_jury_store(dir.file("jury.db"), clock);
  ASSERT_TRUE(store);
  services = quiet_services(*store, clock);
  auto e = env();
  ui::UiState state;
  ASSERT_TRUE(ui::open_deliberation_left(state, e));
  EXPECT_EQ(state.screen, ui::Screen::Deliberation);
  EXPECT_EQ(state.run_uuid, run);
  for (int i = 0; i < 3; ++i) mouse.frame(state, e);
  EXPECT_EQ(mouse.screens.deliberation.outcome, CcpOutcome::Obtained);
  EXPECT_EQ(mouse.screens.deliberation.justification, "Écart comblé à l’oral.");
  EXPECT_NE(drawn_text().find("Brouillon récupéré"), std::string::npos);
  // Nothing recorded yet; the choice is the jury's to record.
  EXPECT_EQ(store->exam_run(run)->decision.decided, CcpOutcome::Undecided);
}

// Issue 26 item 18, under load (CI): « Ajouter un candidat… » clicked, the
// mouse still, and the window draws only what its pacing asks for. The
// dialog measures its text at width 0 on its hidden first frame, comes out
// tall, scrolled past its fields, and shrinks over the next frames: the
// frame left on screen when the loop sleeps must be the settled one. The
// worst case is modelled: press and release read by the same poll (a busy
// machine), so the frames owed to that input start with the press.
TEST_F(UiClicks, ADialogOpenedByAClickIsDrawnWholeWhenTheWindowSleeps) {
  store = test::open_demo_store(dir.file("jury.db"), clock, session);
  ASSERT_TRUE(store);
  services = quiet_services(*store, clock);
  auto e = env();
  ui::UiState state;
  ui::open_session(state, e, session);
  for (int i = 0; i < 3; ++i) mouse.frame(state, e);
  ImVec2 at{-1, -1};
  for (const auto& l : drawn_labels())
    if (l.text == "Ajouter un candidat…") at = l.centre;
  ASSERT_GE(at.x, 0) << "« Ajouter un candidat… » not drawn";
  ASSERT_NE(mouse.hover(state, e, at), 0u);
  // Long idle before the click: nothing owed, nothing settling.
  for (int i = 0; i < 10; ++i) mouse.frame(state, e);
  ui::LayoutWatch watch;
  watch.settling();
  ImGuiIO& io = ImGui::GetIO();
  int frames_wanted = kFramesAfterInput;  // the press and the release, one poll
  bool settling = false;
  io.MouseDown[0] = true;
  int drawn = 0;
  while (next_frame({.now = clock.now_ms(), .frames_wanted = frames_wanted, .settling = settling}).step ==
         FramePacing::Step::Draw) {
    ASSERT_LT(++drawn, 200) << "the window never sleeps";
    mouse.frame(state, e);
    io.MouseDown[0] = false;  // released on the next frame, as the GLFW backend does
    settling = watch.settling();
    if (frames_wanted > 0) --frames_wanted;
  }
  ASSERT_TRUE(mouse.screens.session.candidate_form.open);
  const auto labels_of = [] {
    std::vector<std::string> out;
    for (const auto& l : drawn_labels()) out.push_back(l.text);
    return out;
  };
  const auto left_on_screen = labels_of();
  // What the dialog shows once it has had all the frames it could want.
  for (int i = 0; i < 20; ++i) mouse.frame(state, e);
  const auto settled = labels_of();
  EXPECT_NE(std::find(settled.begin(), settled.end(), "Numéro de candidat"), settled.end());
  const bool whole = left_on_screen == settled;
  EXPECT_TRUE(whole) << "left on screen after " << drawn << " frames: " << left_on_screen.size()
                     << " labels, settled: " << settled.size() << " ("
                     << (std::find(left_on_screen.begin(), left_on_screen.end(), "Numéro de candidat") ==
                                 left_on_screen.end()
                             ? "the dialog's fields not shown)"
                             : "the dialog's fields shown)");
  // And then it sleeps: a settled layout asks for nothing more.
  EXPECT_FALSE(watch.settling());
}


// Issue 31: the screens draw from the view as each action left it. A stage
// started between two frames shows on the candidate's window at the next.
TEST(ScreensRefreshWhatChanged, TheCandidateWindowShowsTheStageATimerActionStarted) {
  test::TempDir dir;
  FakeClock clock{1'780'000'000'000};
  std::string session;
  auto store = test::open_demo_store(dir.file("jury.db"), clock, session);
  ASSERT_TRUE(store);
  ui::Services services = quiet_services(*store, clock);
  Mouse mouse;
  const ui::Environment e{*store, clock, services, mouse.fonts(), {}, {}};
  ui::UiState state;
  const LiveRun live = open_live_run(state, e, *store, clock, session);
  const auto run = store->exam_run(live.uuid);
  ASSERT_TRUE(run);
  const ExamPlan* plan = store->find_plan(run->plan_id, run->plan_version);
  ASSERT_TRUE(plan);
  ASSERT_GE(live.at_open.next_stage_index, 0);
  const std::string now_label = plan->stages[static_cast<std::size_t>(live.at_open.stage_index)].label;
  const std::string next_label = plan->stages[static_cast<std::size_t>(live.at_open.next_stage_index)].label;
  ASSERT_NE(now_label, next_label);
  state.window.candidate_window = true;
  state.candidate_shown = {live.uuid, clock.now_ms()};
  mouse.frame(state, e);
  std::string shown = candidate_window_frame(mouse, state, e);
  EXPECT_NE(shown.find(now_label), std::string::npos) << shown;
  EXPECT_EQ(shown.find(next_label), std::string::npos) << shown;
  clock.advance_ms(1'000);
  ui::emit(state, action::RecordTimerEvent{live.uuid, TimerEventKind::Next, {}, 0, {}}, "étape suivante");
  mouse.frame(state, e);  // drawn, then the action applied
  ASSERT_FALSE(state.notice.error) << state.notice.text;
  shown = candidate_window_frame(mouse, state, e);
  EXPECT_NE(shown.find(next_label), std::string::npos) << shown;
  // Its frames read nothing again while nothing changes (the clock only).
  const CandidateRecord* candidates_read = state.view.candidates.data();
  for (int i = 0; i < 3; ++i) {
    clock.advance_ms(1'000);
    candidate_window_frame(mouse, state, e);
  }
  EXPECT_EQ(state.view.candidates.data(), candidates_read);
}

// The run on show is read whole (its marks, observations…) however the
// session's list was read, and so is the next one shown.
TEST(ScreensRefreshWhatChanged, TheRunOnShowHasItsMarksAndSoHasTheNextOne) {
  test::TempDir dir;
  FakeClock clock{1'780'000'000'000};
  std::string session;
  auto store = test::open_demo_store(dir.file("jury.db"), clock, session);
  ASSERT_TRUE(store);
  ui::Services services = quiet_services(*store, clock);
  Mouse mouse;
  const ui::Environment e{*store, clock, services, mouse.fonts(), {}, {}};
  ui::UiState state;
  ui::open_session(state, e, session);
  std::vector<std::string> marked;
  for (const auto& r : store->exam_runs(session))
    if (!r.marks.empty()) marked.push_back(r.uuid);
  ASSERT_GE(marked.size(), 2u);
  for (const auto& uuid : marked) {
    SCOPED_TRACE(uuid);
    ui::open_exam(state, uuid);
    state.screen = ui::Screen::Deliberation;
    mouse.frame(state, e);
    const RunRecord* in_view = ui::find_run(state, e).run;
    ASSERT_NE(in_view, nullptr);
    const auto stored = store->exam_run(uuid);
    EXPECT_EQ(in_view->marks.size(), stored->marks.size());
    EXPECT_EQ(in_view->observations.size(), stored->observations.size());
    EXPECT_EQ(in_view->competency_decisions.size(), stored->competency_decisions.size());
    EXPECT_EQ(in_view->decision.proposed, stored->decision.proposed);
  }
}

// A session of many candidates: the list draws the rows scrolled to, and
// the rows its search keeps, also after an action changed a name.
TEST(ScreensRefreshWhatChanged, TheCandidateListShowsTheRowsScrolledToAndSearched) {
  test::TempDir dir;
  FakeClock clock{1'780'000'000'000};
  std::string session;
  auto store = test::open_demo_store(dir.file("jury.db"), clock, session);
  ASSERT_TRUE(store);
  for (int i = 1; i <= 80; ++i) {
    char number[16];
    std::snprintf(number, sizeof number, "L%03d", i);
    char last[24];
    std::snprintf(last, sizeof last, "Ligne%03d", i);
    ASSERT_TRUE(store->apply(action::AddCandidate{session, test::candidate_input(number, last, "Test")}, "test").ok);
  }
  ui::Services services = quiet_services(*store, clock);
  Mouse mouse;
  const ui::Environment e{*store, clock, services, mouse.fonts(), {}, {}};
  ui::UiState state;
  ui::open_session(state, e, session);
  for (int i = 0; i < 3; ++i) mouse.frame(state, e);
  const auto first = store->candidates(session).front();
  EXPECT_NE(drawn_text().find(first.data.last_name), std::string::npos);
  EXPECT_EQ(drawn_text().find("Ligne080"), std::string::npos);  // far below

  // The wheel over the list, to its end.
  ImGuiIO& io = ImGui::GetIO();
  ImVec2 over_list;
  for (const auto& l : drawn_labels())
    if (l.text == "L001") over_list = l.centre;
  ASSERT_GT(over_list.y, 0.0f);
  io.MousePos = over_list;
  for (int i = 0; i < 20; ++i) {
    io.MouseWheel = -5;
    mouse.frame(state, e);
  }
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  mouse.frame(state, e);
  std::string drawn = drawn_text();
  EXPECT_NE(drawn.find("Ligne080"), std::string::npos) << drawn;
  EXPECT_NE(drawn.find("L080"), std::string::npos) << drawn;
  EXPECT_EQ(drawn.find(first.data.last_name + " "), std::string::npos) << drawn;

  // Searched: the rows that match; a candidate renamed between two frames
  // to match appears in them at the next frame, a new one too.
  state.search = "zébulon";
  mouse.frame(state, e);
  EXPECT_NE(drawn_text().find("0 résultat(s)"), std::string::npos) << drawn_text();
  CandidateInput renamed = test::candidate_input("L040", "Zébulon", "Test");
  std::string renamed_uuid;
  for (const auto& c : store->candidates(session))
    if (c.data.number == "L040") renamed_uuid = c.uuid;
  ui::emit(state, action::EditCandidate{renamed_uuid, renamed}, "modifié");
  mouse.frame(state, e);  // drawn, then applied
  ASSERT_FALSE(state.notice.error) << state.notice.text;
  mouse.frame(state, e);
  drawn = drawn_text();
  EXPECT_NE(drawn.find("1 résultat(s)"), std::string::npos) << drawn;
  EXPECT_NE(drawn.find("Zébulon Test"), std::string::npos) << drawn;
  ui::emit(state, action::AddCandidate{session, test::candidate_input("L081", "Zébulon-Neuf", "Test")}, "ajouté");
  mouse.frame(state, e);
  mouse.frame(state, e);
  drawn = drawn_text();
  EXPECT_NE(drawn.find("2 résultat(s)"), std::string::npos) << drawn;
  EXPECT_NE(drawn.find("Zébulon-Neuf Test"), std::string::npos) << drawn;
}

// « Commencer »: the new run joins the view as the store orders it, and the
// list of candidates is not read again for it.
TEST(ScreensRefreshWhatChanged, AnExamStartedJoinsTheViewWithoutReadingTheListAgain) {
  test::TempDir dir;
  FakeClock clock{1'780'000'000'000};
  std::string session;
  auto store = test::open_demo_store(dir.file("jury.db"), clock, session);
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->apply(action::AddCandidate{session, test::candidate_input("N-1", "Zorglub", "Test")}, "test").ok);
  ui::Services services = quiet_services(*store, clock);
  Mouse mouse;
  const ui::Environment e{*store, clock, services, mouse.fonts(), {}, {}};
  ui::UiState state;
  ui::open_session(state, e, session);
  mouse.frame(state, e);
  std::string candidate;
  for (const auto& c : state.view.candidates)
    if (c.data.number == "N-1") candidate = c.uuid;
  ASSERT_FALSE(candidate.empty());
  const CandidateRecord* candidates_read = state.view.candidates.data();
  std::string started;
  ui::emit(state, action::StartExam{candidate, "CCP1"}, "ouverte", [&](const ApplyResult& r) { started = r.created_uuid; });
  mouse.frame(state, e);  // drawn, then applied
  ASSERT_FALSE(state.notice.error) << state.notice.text;
  ASSERT_FALSE(started.empty());
  EXPECT_EQ(state.view.revision, store->revision());
  EXPECT_EQ(state.view.candidates.data(), candidates_read);
  // The view holds the store's runs, in its order, the new one with them.
  const auto stored = store->exam_runs(session);
  ASSERT_EQ(state.view.runs.size(), stored.size());
  for (std::size_t i = 0; i < stored.size(); ++i) EXPECT_EQ(state.view.runs[i].uuid, stored[i].uuid);
  EXPECT_EQ(state.view.runs.back().uuid, started);
  state.search = "zorglub";
  mouse.frame(state, e);
  EXPECT_NE(drawn_text().find("CCP1 ▶ à suivre"), std::string::npos) << drawn_text();
}

}  // namespace
}  // namespace jurymn
