#include "ui/widgets.h"

#include "core/local_time.h"

#include <ctime>

namespace jurymn::ui {

// The labels live in the core, shared with the printed documents.
const char* label(SessionKind k) { return french_label(k).data(); }
const char* label(Attendance a) { return french_label(a).data(); }
const char* label(JuryRole r) { return french_label(r).data(); }

std::string label(CcpSet s) { return french_label(s); }

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

}  // namespace jurymn::ui
