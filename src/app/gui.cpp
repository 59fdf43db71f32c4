// SPDX-License-Identifier: EUPL-1.2
// The window and its frame loop. It sleeps in glfwWaitEvents when nothing
// changes: a jury laptop runs on battery all day.
#define GLFW_INCLUDE_NONE
#include "app/gui.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <optional>
#include <vector>

#include "app/app_icon.h"
#include "app/candidate_window.h"
#include "app/capture.h"
#include "app/frame_pacing.h"
#include "app/gui_options.h"
#include "app/window_size.h"
#include "app/key_taps.h"
#include "app/frame_window.h"
#include "platform/platform.h"
#include "app/os_random.h"
#include "app/resources.h"
#include "app/session_services.h"
#include "app/settings.h"
#include "app/startup_failure.h"
#include "io/file.h"
#include "store/demo.h"
#include "core/duration.h"
#include "core/local_time.h"
#include "store/life_signs.h"
#include "store/store.h"
#include "core/marking_keys.h"
#include "ui/ui.h"
#include "ui/widgets.h"

namespace jurymn {

namespace {

// Set by GLFW callbacks; read by the loop. The window is single-threaded.
struct LoopSignals {
  int frames_wanted = kFramesAfterInput;
  float pending_scale = 0;  // non-zero: rebuild fonts at this scale
  float scale = 1.0f;
  bool toggle_fullscreen = false;
  MarkingKeyQueue* marking_keys = nullptr;  // the grid's keys, in the order pressed
  KeyTaps taps;                             // keys pressed and released between two frames
  std::vector<ImWchar> held_chars;          // typed after a shortcut: for the next frame
};

LoopSignals& signals(GLFWwindow* w) { return *static_cast<LoopSignals*>(glfwGetWindowUserPointer(w)); }

void wake(GLFWwindow* w) { signals(w).frames_wanted = kFramesAfterInput; }

// Ctrl with « + », « = », « - » or « 0 » zooms, main row or keypad, by the
// character on the key: GLFW names printable keys after the active layout
// (glfwGetKeyName), so AZERTY works too; letters likewise (key_taps.h).
void on_key(GLFWwindow* w, int key, int scancode, int action, int mods) {
  wake(w);
  auto& s = signals(w);
  if (key == GLFW_KEY_F11 && action == GLFW_PRESS) s.toggle_fullscreen = true;
  const char* name = key == GLFW_KEY_UNKNOWN ? nullptr : glfwGetKeyName(key, scancode);
  if (key >= 0 && key < static_cast<int>(IM_ARRAYSIZE(ImGuiIO::KeysDown))) {
    const int as = layout_key(key, name);
    if (action == GLFW_PRESS) s.taps.pressed(key, mods, as < static_cast<int>(IM_ARRAYSIZE(ImGuiIO::KeysDown)) ? as : key);
    if (action == GLFW_RELEASE) s.taps.released(key);
  }
  // Every press, in order, even when its release comes in the same poll.
  if (action != GLFW_RELEASE && s.marking_keys)
    if (auto k = marking_key(key, mods)) s.marking_keys->push(*k);
  if (action == GLFW_RELEASE || !(mods & GLFW_MOD_CONTROL)) return;
  const std::optional<int> zoom = zoom_shortcut(key, name);
  if (!zoom) return;
  const float next = *zoom == 0 ? 1.0f : s.scale + 0.1f * static_cast<float>(*zoom);
  s.pending_scale = std::clamp(std::round(next * 10.0f) / 10.0f, kMinScale, kMaxScale);
}

void install_wake_callbacks(GLFWwindow* w) {
  glfwSetKeyCallback(w, on_key);
  glfwSetCharCallback(w, [](GLFWwindow* win, unsigned) {
    wake(win);
    signals(win).taps.typed();
  });
  glfwSetMouseButtonCallback(w, [](GLFWwindow* win, int, int, int) { wake(win); });
  glfwSetScrollCallback(w, [](GLFWwindow* win, double, double) { wake(win); });
  glfwSetCursorPosCallback(w, [](GLFWwindow* win, double, double) { wake(win); });
  glfwSetCursorEnterCallback(w, [](GLFWwindow* win, int) { wake(win); });
  glfwSetWindowFocusCallback(w, [](GLFWwindow* win, int) { wake(win); });
  glfwSetWindowSizeCallback(w, [](GLFWwindow* win, int, int) { wake(win); });
  glfwSetWindowRefreshCallback(w, [](GLFWwindow* win) { wake(win); });
  glfwSetWindowIconifyCallback(w, [](GLFWwindow* win, int) { wake(win); });
}

// Before ImGui::NewFrame: a key tapped since the last frame is down on this
// one (ImGui 1.86 would not see it), and up again on the next.
void show_key_taps(LoopSignals& sig) {
  const KeyTaps::FrameKeys keys = sig.taps.next_frame();
  ImGuiIO& io = ImGui::GetIO();
  // Characters held back from the last frame come first (they were typed
  // before this frame's); those typed after a shortcut or Enter since the
  // last frame wait for the next one (key_taps.h).
  auto& queue = io.InputQueueCharacters;
  const int hold = std::min(keys.chars_to_hold, queue.Size);
  std::vector<ImWchar> now(sig.held_chars.begin(), sig.held_chars.end());
  now.insert(now.end(), queue.begin(), queue.end() - hold);
  sig.held_chars.assign(queue.end() - hold, queue.end());
  queue.clear();
  for (ImWchar c : now) queue.push_back(c);
  for (int k : keys.up) io.KeysDown[k] = false;
  for (int k : keys.down) io.KeysDown[k] = true;
  // As the GLFW backend derives them, and those held when a key pressed
  // since the last frame went down (a fast Ctrl+N: Ctrl may be up again by
  // this frame). Every frame, so that they are the keys' again on the next.
  io.KeyCtrl = io.KeysDown[GLFW_KEY_LEFT_CONTROL] || io.KeysDown[GLFW_KEY_RIGHT_CONTROL] || (keys.mods & GLFW_MOD_CONTROL);
  io.KeyShift = io.KeysDown[GLFW_KEY_LEFT_SHIFT] || io.KeysDown[GLFW_KEY_RIGHT_SHIFT] || (keys.mods & GLFW_MOD_SHIFT);
  io.KeyAlt = io.KeysDown[GLFW_KEY_LEFT_ALT] || io.KeysDown[GLFW_KEY_RIGHT_ALT] || (keys.mods & GLFW_MOD_ALT);
  io.KeySuper = io.KeysDown[GLFW_KEY_LEFT_SUPER] || io.KeysDown[GLFW_KEY_RIGHT_SUPER] || (keys.mods & GLFW_MOD_SUPER);
  if (keys.tapped) sig.frames_wanted = std::max(sig.frames_wanted, 2);  // one to release them
}

std::string glfw_error_text;
void on_glfw_error(int, const char* description) { glfw_error_text = description ? description : ""; }

// F11: the whole primary monitor, and back to the window as it was.
void toggle_fullscreen(GLFWwindow* window) {
  static int saved[4] = {80, 60, 1366, 768};
  if (glfwGetWindowMonitor(window)) {
    glfwSetWindowMonitor(window, nullptr, saved[0], saved[1], saved[2], saved[3], GLFW_DONT_CARE);
    return;
  }
  GLFWmonitor* monitor = glfwGetPrimaryMonitor();
  const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
  if (!mode) return;
  glfwGetWindowPos(window, &saved[0], &saved[1]);
  glfwGetWindowSize(window, &saved[2], &saved[3]);
  glfwSetWindowMonitor(window, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
}

// The screen on show at the end tells keyboard tests where the keys led.
void print_stats(long frames, double seconds, ui::Screen screen) {
  auto f = platform::process_figures();
  std::printf("stats: frames=%ld seconds=%.2f fps=%.2f cpu_seconds=%.3f peak_rss_mib=%.1f screen=%s\n", frames,
              seconds, seconds > 0 ? static_cast<double>(frames) / seconds : 0.0, f.cpu_seconds,
              static_cast<double>(f.peak_rss_kib) / 1024.0, std::string(ui::screen_name(screen)).c_str());
  std::fflush(stdout);
}


// Ctrl+/Ctrl−: fonts rebuilt at the new size (crisp text), and remembered.
void apply_zoom(LoopSignals& sig, const std::function<void()>& rebuild_fonts, FrameWindow& window,
                UiSettings& settings, const std::string& config_dir) {
  sig.scale = sig.pending_scale;
  sig.pending_scale = 0;
  rebuild_fonts();
  window.reload_fonts();
  ui::apply_style(sig.scale);
  settings.scale = sig.scale;
  if (auto err = save_ui_settings(config_dir, settings); !err.empty())
    std::fprintf(stderr, "jurymn\u00A0: %s\n", err.c_str());
}

// --screen: opens what that screen shows, from --session and --candidate.
void open_requested_screen(ui::Screen screen, const GuiOptions& opt, ui::UiState& state, const ui::Environment& env) {
  Store& store = env.store;
  auto s = opt.session.empty() ? std::optional<SessionRecord>{} : store.find_session(opt.session);
  if (!s && opt.session.empty()) {
    auto all = store.sessions();
    if (!all.empty()) s = all.front();
  }
  if (!s) {
    std::fprintf(stderr, "jurymn\u00A0: aucune session %s%s dans %s (essayez\u00A0: jurymn demo).\n",
                 opt.session.empty() ? "" : "correspondant à ", opt.session.c_str(), store.path().c_str());
    return;
  }
  ui::open_session(state, env, s->uuid);
  if (screen == ui::Screen::Exam || screen == ui::Screen::CandidateTimer || screen == ui::Screen::Marking)
    ui::open_exam(state, ui::default_run(state.view, env));
  if (screen == ui::Screen::Deliberation) ui::open_exam(state, ui::default_deliberation_run(state.view, env));
  if (screen == ui::Screen::Feedback) {
    ui::read_runs_whole(state, env);  // which runs have feedback already
    ui::open_exam(state, ui::default_feedback_run(state.view));
  }
  // The candidate asked for by number (--candidate), else none.
  const CandidateRecord* asked = nullptr;
  for (const auto& c : state.view.candidates)
    if (!opt.candidate.empty() && c.data.number == opt.candidate) asked = &c;
  if (!opt.candidate.empty() && !asked)
    std::fprintf(stderr, "jurymn\u00A0: aucun candidat n°\u00A0%s dans cette session.\n", opt.candidate.c_str());
  if (asked && screen != ui::Screen::Candidate) {
    // The candidate's latest run.
    std::string run;
    for (const auto& r : state.view.runs)
      if (r.candidate_uuid == asked->uuid) run = r.uuid;
    if (run.empty())
      std::fprintf(stderr, "jurymn : aucune épreuve pour le candidat %s dans cette session.\n", opt.candidate.c_str());
    else
      ui::open_exam(state, run);
  }
  state.screen = screen;
  // --screen candidate-timer draws the run asked for (--candidate) or on show.
  if (screen == ui::Screen::CandidateTimer) state.candidate_shown = {state.run_uuid, env.clock.now_ms()};
  if (screen == ui::Screen::Candidate)
    ui::open_candidate_form(state, asked                             ? asked
                                   : state.view.candidates.empty() ? nullptr
                                                                   : &state.view.candidates.front());
}

// The run resumed after an interruption: its exam on show (unless --screen
// asked for another screen), with a note of the gap.
void open_resumed_run(const std::string& run_uuid, bool open_its_exam, ui::UiState& state,
                      const ui::Environment& env) {
  auto run = env.store.exam_run(run_uuid);
  if (!run) return;
  if (!run->interruptions.empty()) {
    const auto& gap = run->interruptions.back();
    state.resume_banner = "Reprise après interruption\u00A0: jurymn s’est arrêté de " + french_clock(gap.from) +
                          " à " + french_clock(gap.to) + " (" + duration_text(gap.to - gap.from) +
                          "). Le chronomètre a continué pendant l’arrêt\u00A0; l’écart est noté au journal et au "
                          "procès-verbal.";
  }
  if (!open_its_exam) return;  // the screen asked for stays
  for (const auto& s : env.store.sessions())
    for (const auto& r : env.store.exam_runs(s.uuid))
      if (r.uuid == run_uuid) {
        ui::open_session(state, env, s.uuid);
        ui::open_exam(state, run_uuid);
        return;
      }
}

// Where the candidate window opens: the screens, the jury's window and what
// the exam screen keeps in sight on it, where the jury left it last.
CandidatePlacement candidate_placement(GLFWwindow* window, const ui::UiState& state, const std::string& config_dir) {
  std::vector<ScreenRect> workareas;
  int count = 0;
  GLFWmonitor** monitors = glfwGetMonitors(&count);  // the primary first
  for (int i = 0; i < count; ++i) {
    ScreenRect r;
    glfwGetMonitorWorkarea(monitors[i], &r.x, &r.y, &r.w, &r.h);
    if (r.w > 0 && r.h > 0) workareas.push_back(r);
  }
  ScreenRect main;
  glfwGetWindowPos(window, &main.x, &main.y);
  glfwGetWindowSize(window, &main.w, &main.h);
  std::vector<ScreenRect> keep_clear;
  for (const auto& k : state.window.keep_clear)
    keep_clear.push_back({main.x + static_cast<int>(k[0]), main.y + static_cast<int>(k[1]), static_cast<int>(k[2] + 0.5f),
                          static_cast<int>(k[3] + 0.5f)});
  return place_candidate_window(workareas, main, keep_clear, load_candidate_window(config_dir));
}

// On one screen, where the jury left the candidate window is where it
// opens next time.
void remember_candidate_window(const CandidateWindow& candidate, const std::string& config_dir) {
  int count = 0;
  glfwGetMonitors(&count);
  if (count != 1) return;
  if (const auto r = candidate.rect())
    if (auto err = save_candidate_window(config_dir, *r); !err.empty())
      std::fprintf(stderr, "jurymn\u00A0: %s\n", err.c_str());
}

// What the screens and keys asked of the windows since the last frame:
// full screen, the candidate's window opened or closed.
void apply_window_requests(GLFWwindow* window, LoopSignals& sig, ui::UiState& state, CandidateWindow& candidate,
                           const std::string& config_dir) {
  if (sig.toggle_fullscreen || state.window.toggle_fullscreen) {
    sig.toggle_fullscreen = state.window.toggle_fullscreen = false;
    toggle_fullscreen(window);
  }
  state.window.fullscreen = glfwGetWindowMonitor(window) != nullptr;
  if (state.window.candidate_window != candidate.is_open()) {
    if (state.window.candidate_window) {
      if (!candidate.open(&sig, candidate_placement(window, state, config_dir))) state.window.candidate_window = false;
    } else {
      remember_candidate_window(candidate, config_dir);
      candidate.close();
    }
  }
  if (candidate.close_requested()) {
    remember_candidate_window(candidate, config_dir);
    candidate.close();
    state.window.candidate_window = false;
  }
}

}  // namespace

int run_gui(const GuiOptions& opt) {
  const auto started = std::chrono::steady_clock::now();
  auto seconds_since_start = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  const std::optional<CheckedGuiOptions> checked = check_gui_options(opt);
  if (!checked) return 2;
  const ui::Screen screen = checked->screen;
  // Fatal start-up failures: on stderr, and in a message box when nobody
  // reads stderr (jurymn.exe from the Start menu), with advice for this system.
  const bool capturing = !opt.screenshot.empty();
  auto fail = [&](StartupFailure f, const std::string& detail) {
    report_startup_failure(startup_failure_text(f, platform::this_system(), detail), capturing);
  };
  if (!platform::display_available()) {
    fail(StartupFailure::NoDisplay, {});
    return 3;
  }

  // Setup: the database, the fonts, the window.
  SystemClock clock;
  OpenedDatabase db = open_database(opt.db_path, clock, /*for_gui=*/true);
  if (!db.store) {
    fail(StartupFailure::Database, db.error);
    return 1;
  }

  std::string font_path = find_font(false);
  FileBytes regular = read_file(font_path);
  FileBytes bold = read_file(find_font(true));
  if (font_path.empty() || !regular.error.empty()) {
    fail(StartupFailure::NoFont, regular.error);
    return 1;
  }
  // A missing icon costs only the icon: say so, and go on.
  const AppIcon icon = load_app_icon(find_data_dir("assets") + "/icons");
  if (!icon.error.empty()) std::fprintf(stderr, "jurymn\u00A0: %s\n", icon.error.c_str());

  glfwSetErrorCallback(on_glfw_error);
  if (!glfwInit()) {
    fail(StartupFailure::DisplayInit, glfw_error_text);
    return 3;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  // WM_CLASS = the desktop entry's StartupWMClass: the desktop shows the
  // window under the launcher's icon (X11; other systems ignore the hint).
  glfwWindowHintString(GLFW_X11_CLASS_NAME, JURYMN_APP_ID);
  glfwWindowHintString(GLFW_X11_INSTANCE_NAME, "jurymn");
  const bool shooting = !opt.screenshot.empty();
  FrameWindow::Options wo;
  wo.width = checked->width;
  wo.height = checked->height;
  // GLFW may list no monitor (RandR with every output disconnected): its
  // glfwGetVideoMode takes no null, so the window then keeps its size.
  if (GLFWmonitor* primary = shooting ? nullptr : glfwGetPrimaryMonitor()) {
    if (const GLFWvidmode* mode = glfwGetVideoMode(primary)) {
      wo.width = std::min(wo.width, mode->width);
      wo.height = std::min(wo.height, mode->height - 60);
    }
  }
  // A small screen: the window opens maximised (app/window_size.h).
  bool maximised = false;
  if (GLFWmonitor* primary = shooting ? nullptr : glfwGetPrimaryMonitor()) {
    int x = 0, y = 0, w = 0, h = 0;
    glfwGetMonitorWorkarea(primary, &x, &y, &w, &h);
    maximised = opens_maximised(w, h);
  }
  const std::string config_dir = platform::config_dir();
  UiSettings settings = load_ui_settings(config_dir);
  LoopSignals sig;
  sig.scale = settings.scale;
  // Until the user picks a size, the display's scaling (Windows 125 %, 150 %;
  // GLFW's content scale) sets it; screenshots stay at 100 % to compare.
  if (!settings.chosen && !shooting)
    if (GLFWmonitor* m = glfwGetPrimaryMonitor()) {
      float xs = 1, ys = 1;
      glfwGetMonitorContentScale(m, &xs, &ys);
      if (xs > 0) sig.scale = std::clamp(xs, kMinScale, kMaxScale);
    }
  if (checked->scale) sig.scale = *checked->scale;
  // The candidate-facing screen, shown in the main window (for screenshots),
  // uses the fonts of the second window.
  auto make_fonts = [&] {
    return screen == ui::Screen::CandidateTimer ? ui::build_display_fonts(regular.bytes, bold.bytes)
                                                 : ui::build_fonts(regular.bytes, bold.bytes, sig.scale);
  };
  ui::Fonts fonts;
  wo.user_pointer = &sig;
  wo.install_callbacks = install_wake_callbacks;
  wo.icon = &icon;
  wo.setup = [&] {
    fonts = make_fonts();
    ui::apply_style(sig.scale);
  };
  FrameWindow main_window;
  glfwWindowHint(GLFW_MAXIMIZED, maximised ? GLFW_TRUE : GLFW_FALSE);
  const bool opened = main_window.open(wo);
  glfwWindowHint(GLFW_MAXIMIZED, GLFW_FALSE);  // not the candidate's window
  if (!opened) {
    fail(StartupFailure::NoOpenGL, glfw_error_text);
    glfwTerminate();
    return 3;
  }
  GLFWwindow* window = main_window.glfw();
  // Which renderer draws, said when it is not the usual one (old drivers).
  if (main_window.renderer() != FrameWindow::Renderer::OpenGL3)
    std::fprintf(stderr, "jurymn\u00A0: rendu %s\n", main_window.renderer_text().c_str());
  if (!main_window.font_note().empty()) std::fprintf(stderr, "jurymn\u00A0: %s\n", main_window.font_note().c_str());

  ui::Services services = make_services(*db.store, clock);
  ui::UiState state;
  ui::Screens screens;  // each screen's own state
  sig.marking_keys = &ui::marking_keys(screens);
  ui::Environment env{*db.store, clock, services, fonts, db.read_only_reason, db.plan_warning};
  OsRandomSource demo_random;
  services.create_demo = [&] {
    DemoResult d = create_demo_session(db.store->path(), db.store->title(), db.store->exam_plans(),
                                       db.store->scoring_grids(), demo_random, clock.now_ms());
    if (!d.error.empty()) return d.error;
    db.store->note_external_change();
    ui::open_session(state, env, d.session_uuid);
    return std::string();
  };
  if (screen != ui::Screen::Home) open_requested_screen(screen, opt, state, env);
  // A stage was under way when jurymn stopped: its gap goes on record, and
  // the window opens on that exam.
  // A screenshot only draws a screen: it is no jury's session to resume.
  if (!db.store->read_only() && opt.screenshot.empty()) {
    Resumption resumed = resume_interrupted_runs(*db.store, clock.now_ms());
    for (const auto& e : resumed.errors) std::fprintf(stderr, "jurymn\u00A0: %s\n", e.c_str());
    // The exam comes first unless a screen was asked for (--screen, a
    // screenshot): a jury that restarts sees where it was at once.
    const bool screen_asked = opt.screen_given || !opt.screenshot.empty();
    // A deliberation being written when jurymn stopped comes back first,
    // with its draft and its choice (the deliberation screen reads them).
    const bool deliberating = !screen_asked && ui::open_deliberation_left(state, env);
    if (!resumed.runs.empty()) open_resumed_run(resumed.runs.front(), !screen_asked && !deliberating, state, env);
  }
  int exit_code = 0;
  if (checked->popup)
    if (std::string why = ui::open_popup(state, env, *checked->popup); !why.empty()) {
      std::fprintf(stderr, "jurymn\u00A0: --popup %s\u00A0: %s.\n", opt.popup.c_str(), why.c_str());
      exit_code = 1;
      glfwSetWindowShouldClose(window, GLFW_TRUE);
    }
  LifeSigns life_signs;
  // For the installer (packaging/windows/jurymn.nsi): jurymn is open; and,
  // below, a candidate's exam is under way.
  const auto running_marker = platform::mark_running(platform::kRunningMarker);
  std::unique_ptr<platform::RunningMarker> exam_marker;

  CandidateWindow candidate_window(regular.bytes, bold.bytes, &icon);
  state.window.candidate_window = opt.candidate_window;
  long frames = 0;
  Capture capture = shooting ? Capture(opt.screenshot, checked->presses, opt.check_text) : Capture();
  bool settling = false;  // the last frame left a dialog or a table to settle
  ui::LayoutWatch layout;
  while (!glfwWindowShouldClose(window)) {
    const TimeMs now = clock.now_ms();
    TimeMs stop_at = 0;
    if (opt.exit_after > 0) stop_at = now + static_cast<TimeMs>((opt.exit_after - seconds_since_start()) * 1000.0);
    const bool keys_queued = !ui::marking_keys(screens).empty() || !sig.held_chars.empty();
    const FramePacing pace =
        next_frame({now, sig.frames_wanted, state.window.wake_at, stop_at, shooting, settling, keys_queued});
    if (pace.step == FramePacing::Step::Stop) break;
    if (pace.step == FramePacing::Step::Wait) {
      if (pace.until) glfwWaitEventsTimeout(static_cast<double>(std::max<TimeMs>(*pace.until - now, 0)) / 1000.0);
      else glfwWaitEvents();
      continue;  // the callbacks or the clock say whether to draw
    }

    // One frame.
    glfwPollEvents();
    apply_window_requests(window, sig, state, candidate_window, config_dir);
    if (sig.pending_scale > 0) apply_zoom(sig, [&] { fonts = make_fonts(); }, main_window, settings, config_dir);
    capture.before_frame();
    main_window.frame(
        [&] {
          state.window.wake_at = 0;
          ui::draw_frame(state, screens, env);
          // Heartbeats of a run under way wake the loop, not a busy loop.
          const TimeMs beat = life_signs.on_frame(*db.store, clock.now_ms());
          state.window.wake_by(beat);
          // A run under way (it beats): the installer must refuse to run now.
          if ((beat != 0) != (exam_marker != nullptr))
            exam_marker = beat ? platform::mark_running(platform::kExamMarker) : nullptr;
          if (!life_signs.error().empty()) state.notice = ui::Notice{life_signs.error(), true, clock.now_ms()};
        },
        [&] {
          show_key_taps(sig);
          capture.before_new_frame(frames, ui::marking_keys(screens));
        });
    // Between frames: what the screens asked is applied now, and the next
    // frame shows it (no screen ever draws from a view being replaced).
    if (ui::apply_queued(state, env)) sig.frames_wanted = std::max(sig.frames_wanted, 1);
    main_window.in_contexts([&] { settling = layout.settling(); });
    ++frames;
    const Capture::Step shot = capture.after_frame(main_window, settling);
    if (shot == Capture::Step::Again) continue;
    if (shot == Capture::Step::Done) {
      if (capture.exit_code() != 0) exit_code = capture.exit_code();
      break;
    }
    main_window.present();
    if (candidate_window.is_open()) candidate_window.draw(state, env);
    if (state.window.attention) {
      state.window.attention = false;
      glfwRequestWindowAttention(window);
    }
    if (sig.frames_wanted > 0) --sig.frames_wanted;
  }

  // Tear-down: what the last frame asked, the draft being typed, then the
  // WAL folded into the base.
  ui::apply_queued(state, env);
  ui::flush_draft(state, env, true);
  life_signs.on_exit(*db.store, clock.now_ms());
  db.store->checkpoint();
  if (!shooting) remember_candidate_window(candidate_window, config_dir);
  candidate_window.close();
  if (opt.stats) print_stats(frames, seconds_since_start(), state.screen);
  main_window.close();
  glfwTerminate();
  return exit_code;
}

}  // namespace jurymn
