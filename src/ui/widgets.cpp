#include "ui/widgets.h"

#include "core/local_time.h"

#include <ctime>

namespace jurymn::ui {

// The labels live in the core, shared with the printed documents.
const char* label(SessionKind k) { return french_label(k).data(); }
const char* label(Attendance a) { return french_label(a).data(); }
const char* label(JuryRole r) { return french_label(r).data(); }
const char* label(const JuryMemberRecord& m) { return french_label(m.role, m.feminine).data(); }

std::string label(const CcpSet& s) { return french_label(s); }

bool ccp_checkboxes(const Title& title, CcpSet& set, const CcpSet& locked) {
  bool changed = false;
  for (std::size_t i = 0; i < title.ccps.size(); ++i) {
    const CcpId& id = title.ccps[i].id;
    if (i > 0) ImGui::SameLine();
    const bool disabled = locked.has(id);
    bool on = set.has(id) && !disabled;
    ImGui::BeginDisabled(disabled);
    if (ImGui::Checkbox(id.c_str(), &on)) {
      if (on) set.add(id);
      else set.remove(id);
      set = title.ordered(set);
      changed = true;
    }
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", title.ccps[i].label.c_str());
  }
  return changed;
}

std::string french_date(std::string_view iso) { return jurymn::french_date(iso); }

namespace {
// Wall-clock times are shown in the laptop's local time.
}  // namespace

std::string iso_day(TimeMs t) { return local_iso_day(t); }

std::string clock_time(TimeMs t) { return french_clock(t); }

void rehearsal_banner() {
  ImGui::PushStyleColor(ImGuiCol_ChildBg, colour::rehearsal);
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  float h = ImGui::GetTextLineHeightWithSpacing() + ImGui::GetStyle().WindowPadding.y;
  ImGui::BeginChild("##jury_blanc", ImVec2(0, h), false, ImGuiWindowFlags_NoScrollbar);
  ImGui::SetCursorPosY((h - ImGui::GetTextLineHeight()) * 0.5f);
  ImGui::TextUnformatted("  JURY BLANC — session d’entraînement, sans valeur de certification");
  ImGui::EndChild();
  ImGui::PopStyleColor(2);
}

void unsaved_banner(const Environment& env) {
  const std::string& reason = env.store.unsaved_reason();
  if (reason.empty()) return;
  const ImGuiStyle& style = ImGui::GetStyle();
  const std::string title = "Action non enregistrée à " + clock_time(env.store.unsaved_at()) +
                            " — le chronomètre continue de tourner";
  const std::string foot = "Base\u00A0: " + env.store.path() +
                           ". Ce bandeau disparaît dès qu’une saisie est de nouveau enregistrée.";
  // The child cannot size itself to its text: measure it.
  const float pad = style.WindowPadding.x;
  const float wrap = ImGui::GetContentRegionAvail().x - 2 * pad;
  ImGui::PushFont(env.fonts.heading);
  const float title_h = ImGui::CalcTextSize(title.c_str(), nullptr, false, wrap).y;
  ImGui::PopFont();
  const float text_h = ImGui::CalcTextSize(reason.c_str(), nullptr, false, wrap).y +
                       ImGui::CalcTextSize(foot.c_str(), nullptr, false, wrap).y;
  const float h = title_h + text_h + 2 * style.ItemSpacing.y + 2 * style.WindowPadding.y;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, colour::error);
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, style.WindowPadding.y));
  ImGui::BeginChild("##unsaved", ImVec2(0, h), false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoNav);
  ImGui::PushTextWrapPos(0);
  ImGui::PushFont(env.fonts.heading);
  ImGui::TextUnformatted(title.c_str());
  ImGui::PopFont();
  ImGui::TextUnformatted(reason.c_str());
  ImGui::TextUnformatted(foot.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(2);
}

void field_error(const FieldErrors& errors, std::string_view field) {
  for (const auto& e : errors) {
    if (e.field != field) continue;
    ImGui::PushStyleColor(ImGuiCol_Text, colour::error);
    ImGui::TextWrapped("%s", e.message.c_str());
    ImGui::PopStyleColor();
  }
}

void heading(const Fonts& fonts, const char* text) {
  ImGui::PushFont(fonts.heading);
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
}

bool note_result(Notice& notice, const ApplyResult& r, std::string_view success, TimeMs now) {
  notice.text = r.ok ? std::string(success) : r.error;
  notice.error = !r.ok;
  notice.at = now;
  return r.ok;
}

void help_marker(const char* text) {
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

bool left_with_ctrl_enter() {
  // ImGui 1.86 deactivates a multi-line field on Ctrl+Enter (its default):
  // the key is still down on that frame.
  const ImGuiIO& io = ImGui::GetIO();
  return ImGui::IsItemDeactivated() && io.KeyCtrl &&
         (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
          ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false));
}

}  // namespace jurymn::ui
