// SPDX-License-Identifier: EUPL-1.2
#include <imgui.h>

#include <algorithm>
#include <utility>

#include "core/text.h"
#include "core/search.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace jurymn::ui {

namespace {
struct PopupName {
  Popup popup;
  std::string_view name;
  Screen screen;  // where its button is
};
constexpr PopupName kPopups[] = {{Popup::NewSession, "new-session", Screen::Home},
                                 {Popup::Candidate, "candidate-form", Screen::Session},
                                 {Popup::Import, "import", Screen::Session},
                                 {Popup::PinReset, "pin-reset", Screen::Session},
                                 {Popup::PinResetPresident, "pin-reset-president", Screen::Session},
                                 {Popup::Export, "export", Screen::Session},
                                 {Popup::Pause, "pause", Screen::Exam},
                                 {Popup::Extend, "extend", Screen::Exam},
                                 {Popup::End, "end", Screen::Exam},
                                 {Popup::EndThenNext, "end-next", Screen::Exam},
                                 {Popup::Redraw, "redraw", Screen::Exam},
                                 {Popup::Confirm, "confirm", Screen::Deliberation},
                                 {Popup::Reopen, "reopen", Screen::Deliberation}};

constexpr bool popup_table_holds() {
  for (std::size_t i = 0; i < std::size(kPopups); ++i) {
    if (static_cast<std::size_t>(kPopups[i].popup) != i || kPopups[i].name.empty()) return false;
    for (std::size_t j = 0; j < i; ++j)
      if (kPopups[j].name == kPopups[i].name) return false;
  }
  return static_cast<std::size_t>(Popup::Reopen) + 1 == std::size(kPopups);
}
static_assert(popup_table_holds(), "kPopups: one distinct name per Popup, in enum order");

void top_bar(UiState& state, const Environment& env) {
  ImGui::PushFont(env.fonts.title);
  ImGui::TextColored(colour::accent, "Jury MN");
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetStyle().FramePadding.y);
  if (state.screen != Screen::Home) {
    if (ImGui::Button("← Accueil")) state.screen = Screen::Home;
    ImGui::SameLine();
  }
  const Title& title = env.store.title();
  ImGui::TextDisabled("Titre professionnel «\u00A0%s\u00A0» (%s)", title.name.c_str(), title.code.c_str());
  if (!env.plan_warning.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour::error);
    text_wrapped(env.plan_warning.c_str());
    ImGui::PopStyleColor();
  }
  if (!env.read_only_reason.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour::error);
    ImGui::TextWrapped("Lecture seule\u00A0: %s", env.read_only_reason.c_str());
    ImGui::PopStyleColor();
  }
  unsaved_banner(env);
  if (state.screen != Screen::Home && state.view.session && state.view.session->kind == SessionKind::Rehearsal)
    rehearsal_banner();
  ImGui::Separator();
}

// The notice of the last action, or where entries are saved, then the zoom
// keys at the right when both fit on the line; else the text wraps and the
// keys give way (the README and --help name them).
std::string status_line(const UiState& state, const Environment& env, ImVec4& colour) {
  const std::string& unsaved = env.store.unsaved_reason();
  std::string line;
  colour = ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
  if (!unsaved.empty() && (state.notice.text.empty() || state.notice.text == unsaved)) {
    // The banner at the top says why and what to do; never claim here that
    // entries are being saved.
    colour = colour::error;
    line = "✗ Action non enregistrée\u00A0: écriture impossible dans " + env.store.path() +
           " (voir le bandeau en haut).";
  } else if (!state.notice.text.empty()) {
    colour = state.notice.error ? colour::error : colour::ok;
    line = std::string(state.notice.error ? "✗ " : "✓ ") + state.notice.text;
  } else if (!env.read_only_reason.empty()) {
    line = "Consultation seule de " + env.store.path() + "\u00A0: aucune saisie possible dans cette fenêtre.";
  } else {
    line = "Chaque saisie est enregistrée à l’instant dans " + env.store.path();
  }
  return line;
}

float status_lines(const UiState& state, const Environment& env, float width) {
  ImVec4 colour;
  return ImGui::CalcTextSize(status_line(state, env, colour).c_str(), nullptr, false, width).y;
}

void status_bar(const UiState& state, const Environment& env) {
  ImGui::Separator();
  ImVec4 colour;
  const std::string line = status_line(state, env, colour);
  const char* hint = "Ctrl + / Ctrl − / Ctrl 0\u00A0: taille du texte";
  const float hint_w = ImGui::CalcTextSize(hint).x;
  const bool hint_fits =
      ImGui::CalcTextSize(line.c_str()).x + hint_w + 3 * ImGui::GetStyle().ItemSpacing.x <= ImGui::GetContentRegionAvail().x;
  text_coloured(colour, line);
  if (hint_fits) {
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - hint_w);
    text_muted(hint);
  }
}
}  // namespace

std::optional<Screen> screen_from_name(std::string_view name) {
  for (const auto& s : kScreens)
    if (s.name == name) return s.screen;
  return std::nullopt;
}

std::string_view screen_name(Screen screen) { return screen_entry(screen).name; }

std::string screen_names() {
  std::string out;
  for (const auto& s : kScreens) out += (out.empty() ? "" : ", ") + std::string(s.name);
  return out;
}

std::string screen_help() {
  std::string out;
  for (const auto& s : kScreens)
    out += (out.empty() ? "" : ", ") + std::string(s.name) + " (" + std::string(s.title) + ")";
  return out;
}

std::optional<Popup> popup_from_name(std::string_view name) {
  for (const auto& p : kPopups)
    if (p.name == name) return p.popup;
  return std::nullopt;
}

std::string_view popup_name(Popup popup) {
  for (const auto& p : kPopups)
    if (p.popup == popup) return p.name;
  return {};
}

Screen popup_screen(Popup popup) {
  for (const auto& p : kPopups)
    if (p.popup == popup) return p.screen;
  return Screen::Home;
}

std::string popup_names() {
  std::string out;
  for (const auto& p : kPopups) out += (out.empty() ? "" : ", ") + std::string(p.name);
  return out;
}

std::string open_popup(UiState& state, const Environment& env, Popup popup) {
  refresh_session_view(state, env);
  const auto& v = state.view;
  if (popup != Popup::NewSession && !v.session) return "aucune session ouverte";
  const RunRecord* run = nullptr;
  for (const auto& r : v.runs)
    if (r.uuid == state.run_uuid) run = &r;
  // The deliberation's buttons: « Je confirme » on a decision not locked,
  // « Rouvrir » on a locked one. Another run when this one has not it.
  const auto offers = [&](const RunRecord& r) {
    return popup == Popup::Reopen ? r.decision.locked()
                                  : !r.decision.locked() && r.decision.decided != CcpOutcome::Undecided;
  };
  if ((popup == Popup::Confirm || popup == Popup::Reopen) && !(run && offers(*run)))
    for (const auto& r : v.runs)
      if (offers(r)) {
        open_exam(state, r.uuid);
        state.screen = Screen::Deliberation;
        run = &r;
        break;
      }
  switch (popup) {
    case Popup::NewSession: open_session_form(state, env); return {};
    case Popup::Candidate: open_candidate_form(state, v.candidates.empty() ? nullptr : &v.candidates.front()); return {};
    case Popup::Import: open_import(state, env); return {};
    case Popup::PinReset: {
      // « Code oublié… » (a member with a code: the longer form), else « Code… ».
      const JuryMemberRecord* who = nullptr;
      for (const auto& m : v.jury)
        if (!who || (m.pin && !who->pin)) who = &m;
      if (!who) return "aucun membre du jury";
      open_pin_reset(state, who->uuid);
      return {};
    }
    case Popup::PinResetPresident: {
      // The president's forgotten code: another member's code is asked.
      for (const auto& m : v.jury)
        if (m.role == JuryRole::President && m.pin) {
          open_pin_reset(state, m.uuid);
          return {};
        }
      return "aucun président du jury avec un code";
    }
    case Popup::Export: open_results_export(state, env); return {};
    default: break;
  }
  if (!run) return "aucune épreuve à l’écran";
  switch (popup) {
    case Popup::Pause: state.nav.dialog = DialogRequest{popup, run->uuid, env.clock.now_ms()}; break;
    case Popup::Extend:
    case Popup::End:
    case Popup::EndThenNext:
    case Popup::Redraw:
    case Popup::Reopen: state.nav.dialog = DialogRequest{popup, run->uuid}; break;
    case Popup::Confirm: {
      // A member yet to confirm, with a code (the dialog asks for it).
      const JuryMemberRecord* who = nullptr;
      for (const auto& m : v.jury) {
        const auto& by = run->decision.confirmed_by;
        if (std::find(by.begin(), by.end(), m.uuid) != by.end()) continue;
        if (!who || (m.pin && !who->pin)) who = &m;
      }
      if (!who) return "aucun membre du jury n’a encore à confirmer";
      state.nav.dialog = DialogRequest{popup, who->uuid};
      break;
    }
    default: break;
  }
  return {};
}

// What a centre's officer must see of a merged session (issue 30 items 3
// and 4): the same facts as merge, keys list and the CSV say.
std::vector<std::string> centre_notes(const Store& store, const SessionRecord& s) {
  std::vector<std::string> out;
  const auto name = [&](const std::string& fp) {
    auto k = store.trusted_key(fp);
    return k && !k->name.empty() ? guillemets(k->name) : "clé " + fp;
  };
  const auto keys = store.session_keys(s.uuid);
  const auto checks = store.pv_checks(s.uuid);
  std::string unchecked;
  if (s.kind == SessionKind::Official)
    for (const auto& k : keys)
      if (std::none_of(checks.begin(), checks.end(), [&](const PvCheckRecord& c) { return c.key_fingerprint == k.fingerprint; }))
        unchecked += (unchecked.empty() ? "" : ", ") + name(k.fingerprint);
  if (!unchecked.empty())
    out.push_back("Résultats officiels provisoires\u00A0: code du PV papier non vérifié pour " + unchecked +
                  " (jurymn pv-code check).");
  if (keys.size() > 1) {
    std::string list;
    for (const auto& k : keys)
      list += (list.empty() ? "" : ", ") + name(k.fingerprint) +
              (k.first ? " (premier lot)" : k.confirmed_by.empty() ? " (non confirmé pour cette session)" : "");
    out.push_back("Ordinateurs de cette session\u00A0: " + list + ".");
  }
  for (const auto& a : store.added_by_other_keys(s.uuid)) {
    std::string by;
    for (const auto& fp : a.fingerprints) by += (by.empty() ? "" : ", ") + name(fp);
    out.push_back("Ajouté par un autre ordinateur, non confirmé pour cette session\u00A0: " + a.number + " " + a.name +
                  " (" + by + ").");
  }
  return out;
}

void read_runs_whole(UiState& state, const Environment& env) {
  auto& v = state.view;
  if (!v.session || v.all_whole) return;
  v.runs = env.store.exam_runs(v.uuid);
  v.all_whole = true;
  v.whole_runs.clear();
}

void refresh_session_view(UiState& state, const Environment& env) {
  auto& v = state.view;
  if (v.uuid != state.session_uuid || v.revision != env.store.revision()) {
    v = SessionView{};
    v.uuid = state.session_uuid;
    v.revision = env.store.revision();
    v.session = env.store.find_session(state.session_uuid);
    if (!v.session) return;
    v.jury = env.store.jury_members(state.session_uuid);
    v.candidates = env.store.candidates(state.session_uuid);
    v.runs = env.store.run_summaries(state.session_uuid);
    v.drafts = env.store.drafts(state.session_uuid);
    if (env.store.centre_base()) v.centre_notes = centre_notes(env.store, *v.session);
    v.search_keys.reserve(v.candidates.size());
    for (const auto& c : v.candidates)
      v.search_keys.push_back(fold_for_search(c.data.number + " " + c.data.last_name + " " + c.data.first_name));
  }
  if (!v.session) return;
  // The group's figures read every run's marks (a mock jury: a few dozen runs).
  if (state.screen == Screen::Group) return read_runs_whole(state, env);
  // The run on show, whole: its grid, deliberation and feedback read it.
  if (state.run_uuid.empty() || v.all_whole ||
      std::find(v.whole_runs.begin(), v.whole_runs.end(), state.run_uuid) != v.whole_runs.end())
    return;
  auto in_view = std::find_if(v.runs.begin(), v.runs.end(), [&](const RunRecord& r) { return r.uuid == state.run_uuid; });
  if (in_view == v.runs.end()) return;
  if (auto whole = env.store.exam_run(state.run_uuid)) {
    *in_view = std::move(*whole);
    v.whole_runs.push_back(state.run_uuid);
  }
}

void open_session(UiState& state, const Environment& env, const std::string& uuid) {
  state.session_uuid = uuid;
  state.screen = Screen::Session;
  state.search.clear();
  refresh_session_view(state, env);
  if (env.services.session_opened && state.view.session) env.services.session_opened(uuid);
}

void Screens::take_requests(UiState& state, const Environment& env) {
  // The exam screen's state is of the run on show (open_exam changes it).
  if (exam.for_run != state.run_uuid) exam = fresh_exam_panel(state.run_uuid);
  if (auto filter = std::exchange(state.nav.audit_candidate, std::nullopt)) {
    audit.filter_for = state.session_uuid;
    audit.candidate_uuid = *filter;
    audit.action_text.clear();
  }
  const auto asked = std::exchange(state.nav.dialog, std::nullopt);
  if (!asked) return;
  switch (asked->popup) {
    case Popup::NewSession: start_session_form(home.session_form, env); break;
    case Popup::Candidate: start_candidate_form(session.candidate_form, state, asked->uuid); break;
    case Popup::Import: start_import(session.import, state, env); break;
    case Popup::PinReset:
    case Popup::PinResetPresident: session.pin_reset = PinResetForm{asked->uuid, {}, {}, {}, {}}; break;
    case Popup::Export: start_results_export(session.export_panel, env); break;
    case Popup::Pause: ask_pause(exam, asked->at); break;
    case Popup::Extend: ask_extend(exam); break;
    case Popup::End: ask_end(exam, false); break;
    case Popup::EndThenNext: ask_end(exam, true); break;
    case Popup::Redraw: ask_redraw(exam); break;
    case Popup::Confirm: ask_confirmation(deliberation, asked->uuid); break;
    case Popup::Reopen: ask_reopen(deliberation); break;
  }
}

void draw_frame(UiState& state, Screens& screens, const Environment& env) {
  screens.take_requests(state, env);
  state.pending_pause = pending_pause_of(screens.exam);
  if (screen_entry(state.screen).window == ScreenWindow::Whole) {
    screen_entry(state.screen).draw(state, screens, env, false);
    return;
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                           ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("##jurymn", nullptr, flags);
  if (state.screen != Screen::Home) refresh_session_view(state, env);
  if (state.screen != Screen::Home && !state.view.session) state.screen = Screen::Home;
  top_bar(state, env);

  // The status bar takes one line, or more when its text wraps.
  float footer = ImGui::GetFrameHeightWithSpacing() + 2 * ImGui::GetStyle().ItemSpacing.y;
  footer += status_lines(state, env, ImGui::GetContentRegionAvail().x) - ImGui::GetTextLineHeight();
  ImGui::BeginChild("##screen", ImVec2(0, -footer), false);
  const bool arrived = state.last_drawn != state.screen;
  state.last_drawn = state.screen;
  screen_entry(state.screen).draw(state, screens, env, arrived);
  // The grid's keys are for the grid only.
  if (state.screen != Screen::Marking) marking_keys(screens).clear();
  ImGui::EndChild();
  // What the screen asked of another (a dialog), before the dialogs draw.
  screens.take_requests(state, env);
  // The candidate's window shows a pause from Space, as the exam screen does.
  state.pending_pause = pending_pause_of(screens.exam);
  // After the screens: a field left this frame has settled its draft.
  flush_draft(state, env);
  status_bar(state, env);

  session_form_popup(state, screens.home.session_form, env);
  candidate_form_popup(state, screens.session.candidate_form, env);
  import_popup(state, screens.session.import, env);
  results_export_popup(state, screens.session.export_panel, env);
  ImGui::End();
}

}  // namespace jurymn::ui
