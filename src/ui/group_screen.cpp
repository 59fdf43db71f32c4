// SPDX-License-Identifier: EUPL-1.2
// Vue du groupe (mock jury only): what the whole group must still work on.
// A bar per competency (share of candidates the jury found it acquired in),
// the stages most often overrun, and each candidate's outcome per CCP. The
// figures come from core/group_view.h; this screen only draws them.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "core/group_view.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace jurymn::ui {

namespace {

const ImVec4 kStrong = colour::ok;
const ImVec4 kFair{0.86f, 0.52f, 0.02f, 1.0f};  // amber, distinct from the rehearsal band's orange
const ImVec4 kWeak = colour::error;
const ImU32 kTrack = IM_COL32(0, 0, 0, 22);
const ImU32 kTick = IM_COL32(0, 0, 0, 70);

ImVec4 band_colour(GroupBand b) {
  switch (b) {
    case GroupBand::Strong: return kStrong;
    case GroupBand::Fair: return kFair;
    case GroupBand::Weak: return kWeak;
    case GroupBand::None: break;
  }
  return colour::muted;
}

// « 58 % » with the non-breaking space French puts before %.
std::string percent_text(int p) { return std::to_string(p) + "\u00A0%"; }

// `text` cut at a character boundary with « … » so that it fits `width`.
std::string fit_text(const std::string& text, float width) {
  if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
  std::string s = text;
  while (!s.empty()) {
    do s.pop_back();
    while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80);
    if (!s.empty()) s.pop_back();  // the lead byte (or a plain ASCII character)
    while (!s.empty() && (s.back() == ' ' || s.back() == ',')) s.pop_back();
    if (ImGui::CalcTextSize((s + "…").c_str()).x <= width) return s + "…";
  }
  return "…";
}

std::string plural(int n, const char* one, const char* many) {
  return std::to_string(n) + "\u00A0" + (n > 1 ? many : one);
}

// One bar per competency, drawn with the window's draw list.
float chart_row_height() { return ImGui::GetTextLineHeight() + ImGui::GetFontSize() * 0.3f; }
float chart_row_spacing() { return std::max(1.0f, ImGui::GetFontSize() * 0.12f); }

void legend_item(const ImVec4& colour, const char* text) {
  ImGui::TextColored(colour, "■");
  ImGui::SameLine(0, ImGui::GetFontSize() * 0.25f);
  text_muted(text);
}

void competency_chart(const GroupFigures& g, const Fonts& fonts) {
  ImGui::PushFont(fonts.heading);
  text("Compétences acquises");
  ImGui::PopFont();
  // The legend beside the heading when it fits, else under it.
  const char* legend[] = {"80 % et plus", "50 à 79 %", "moins de 50 % : à retravailler"};
  const ImGuiStyle& st = ImGui::GetStyle();
  float legend_w = 0;
  for (const char* l : legend)
    legend_w += ImGui::CalcTextSize("■").x + ImGui::GetFontSize() * 0.25f + ImGui::CalcTextSize(l).x + st.ItemSpacing.x * 2;
  ImGui::SameLine(0, st.ItemSpacing.x * 3);
  if (ImGui::GetContentRegionAvail().x < legend_w) ImGui::NewLine();
  else ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (ImGui::GetItemRectSize().y - ImGui::GetTextLineHeight()) * 0.5f);
  legend_item(kStrong, legend[0]);
  ImGui::SameLine(0, st.ItemSpacing.x * 2);
  legend_item(kFair, legend[1]);
  ImGui::SameLine(0, st.ItemSpacing.x * 2);
  legend_item(kWeak, legend[2]);

  const ImGuiStyle& style = ImGui::GetStyle();
  const float em = ImGui::GetFontSize();
  const float row_h = chart_row_height();
  const float width = ImGui::GetContentRegionAvail().x;
  const float count_w = ImGui::CalcTextSize("00/00").x;
  const float pct_w = ImGui::CalcTextSize("100\u00A0%").x;
  const float label_w = std::max(em * 8, width * 0.56f);
  const float bar_w = std::max(em * 3, width - label_w - count_w - pct_w - 3 * style.ItemSpacing.x);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 muted_col = ImGui::GetColorU32(colour::muted);

  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(style.ItemSpacing.x, chart_row_spacing()));
  for (const auto& c : g.competencies) {
    ImGui::PushID(c.competency_id.c_str());
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##row", ImVec2(width, row_h));
    const bool hovered = ImGui::IsItemHovered();
    if (hovered) dl->AddRectFilled(p, ImVec2(p.x + width, p.y + row_h), IM_COL32(0, 0, 0, 10));
    const float text_y = p.y + (row_h - ImGui::GetTextLineHeight()) * 0.5f;

    const std::string full = c.title.empty() ? c.competency_id : c.competency_id + " — " + c.title;
    const std::string shown = fit_text(full, label_w - style.ItemSpacing.x);
    dl->AddText(ImVec2(p.x, text_y), text_col, shown.c_str());

    const float bx = p.x + label_w;
    const float pad = row_h * 0.18f;
    const ImVec2 b0(bx, p.y + pad), b1(bx + bar_w, p.y + row_h - pad);
    dl->AddRectFilled(b0, b1, kTrack, 3.0f);
    if (c.decided > 0 && c.acquired > 0)
      dl->AddRectFilled(b0, ImVec2(bx + bar_w * static_cast<float>(c.share()), b1.y),
                        ImGui::GetColorU32(band_colour(c.band())), 3.0f);
    for (float t : {0.5f, 0.8f}) dl->AddLine(ImVec2(bx + bar_w * t, b0.y - 2), ImVec2(bx + bar_w * t, b1.y + 2), kTick);

    float x = bx + bar_w + style.ItemSpacing.x;
    if (c.decided > 0) {
      const std::string count = std::to_string(c.acquired) + "/" + std::to_string(c.decided);
      dl->AddText(ImVec2(x + count_w - ImGui::CalcTextSize(count.c_str()).x, text_y), text_col, count.c_str());
      x += count_w + style.ItemSpacing.x;
      const std::string pct = percent_text(c.percent());
      dl->AddText(ImVec2(x + pct_w - ImGui::CalcTextSize(pct.c_str()).x, text_y),
                  ImGui::GetColorU32(band_colour(c.band())), pct.c_str());
    } else {
      dl->AddText(ImVec2(x + count_w - ImGui::CalcTextSize("—").x, text_y), muted_col, "—");
    }

    if (hovered) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(em * 28);
      text(full.c_str());
      ImGui::PopTextWrapPos();
      if (c.decided == 0)
        text_muted("Le jury n’a encore décidé cette compétence pour aucun candidat.");
      else
        ImGui::TextColored(band_colour(c.band()), "Acquise pour %d candidat%s sur %d décidé%s (%s).", c.acquired,
                           c.acquired > 1 ? "s" : "", c.decided, c.decided > 1 ? "s" : "",
                           percent_text(c.percent()).c_str());
      ImGui::EndTooltip();
    }
    ImGui::PopID();
  }
  ImGui::PopStyleVar();
}

void overrun_list(const GroupFigures& g, const Fonts& fonts) {
  ImGui::PushFont(fonts.heading);
  text("Étapes le plus souvent dépassées");
  ImGui::PopFont();
  const bool several = g.ccps.ids.size() > 1;
  bool any = false;
  ImGui::PushTextWrapPos(0);
  for (const auto& s : g.stages) {
    if (s.run == 0) continue;
    any = true;
    const std::string what = (several ? s.ccp + " · " : std::string()) + s.label + "\u00A0: ";
    const std::string figures =
        s.overrun == 0 ? "aucun\u00A0dépassement\u00A0sur\u00A0" + std::to_string(s.run)
                       : plural(s.overrun, "dépassement", "dépassements") + "\u00A0sur\u00A0" + std::to_string(s.run);
    ImGui::TextColored(s.overrun == 0 ? colour::muted : s.share() >= 0.5 ? kWeak : kFair, "%s",
                       s.overrun == 0 ? "○" : "●");
    ImGui::SameLine();
    ImGui::Text("%s%s", what.c_str(), figures.c_str());
  }
  ImGui::PopTextWrapPos();
  if (!any) text_muted("Aucune étape avec le jury n’a encore été passée.");
  else text_muted("Temps accordé par le jury compris.");
  if (g.runs_without_plan > 0)
    ImGui::TextColored(colour::error, "%s sans son déroulé chargé\u00A0: non comptée%s ici.",
                       plural(g.runs_without_plan, "épreuve", "épreuves").c_str(), g.runs_without_plan > 1 ? "s" : "");
}

void outcome_cell(const CandidateOutcomes& c, std::string_view ccp) {
  const CandidateCcpOutcome& o = c.on(ccp);
  // Held by equivalence: the candidate is not registered for it, yet holds it.
  if (o.by_equivalence) return text_muted("Par équivalence");
  if (!o.registered) return text_muted("—");
  if (!o.has_run) {
    if (c.attendance == Attendance::Absent || c.attendance == Attendance::Withdrawn)
      return text_muted(label(c.attendance));
    return text_muted("Pas encore passé");
  }
  switch (o.outcome) {
    case CcpOutcome::Obtained: ImGui::TextColored(colour::ok, "✓ Obtenu"); break;
    case CcpOutcome::NotObtained: ImGui::TextColored(colour::error, "✗ Non obtenu"); break;
    case CcpOutcome::Undecided:
      if (o.finished) ImGui::TextColored(colour::accent, "À délibérer");
      else ImGui::TextColored(colour::accent, "En cours");
      return;
  }
  if (!o.locked) {
    ImGui::SameLine();
    text_muted("(non verrouillé)");
  }
}

void candidate_table(const GroupFigures& g, const Fonts& fonts) {
  ImGui::PushFont(fonts.heading);
  ImGui::Text("Candidats (%d)", static_cast<int>(g.candidates.size()));
  ImGui::PopFont();
  for (const CcpId& ccp : g.ccps.ids) {
    int obtained = 0, not_obtained = 0, pending = 0;
    for (const auto& c : g.candidates) {
      const auto& o = c.on(ccp);
      if (!o.has_run) continue;
      (o.outcome == CcpOutcome::Obtained ? obtained : o.outcome == CcpOutcome::NotObtained ? not_obtained : pending)++;
    }
    ImGui::SameLine();
    ImGui::TextDisabled("  %s\u00A0: %d obtenu%s, %d non obtenu%s, %d à décider", ccp.c_str(),
                        obtained, obtained > 1 ? "s" : "", not_obtained, not_obtained > 1 ? "s" : "", pending);
  }

  const float em = ImGui::GetFontSize();
  const int ccp_columns = static_cast<int>(g.ccps.ids.size());
  const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("##group_candidates", 3 + ccp_columns, flags, ImGui::GetContentRegionAvail())) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("N°", ImGuiTableColumnFlags_WidthFixed, em * 4);
  ImGui::TableSetupColumn("Candidat", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  for (const CcpId& ccp : g.ccps.ids) ImGui::TableSetupColumn(ccp.c_str(), ImGuiTableColumnFlags_WidthFixed, em * 12);
  ImGui::TableSetupColumn("Compétences non acquises", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  headers_row();

  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(g.candidates.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const CandidateOutcomes& c = g.candidates[static_cast<std::size_t>(i)];
      ImGui::PushID(i);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      text(c.number.c_str());
      ImGui::TableNextColumn();
      text(c.last_name + " " + c.first_name);
      for (const CcpId& ccp : g.ccps.ids) {
        ImGui::TableNextColumn();
        outcome_cell(c, ccp);
      }
      ImGui::TableNextColumn();
      if (c.not_acquired.empty()) {
        text_muted("—");
      } else {
        std::string list;
        for (const auto& id : c.not_acquired) list += (list.empty() ? "" : ", ") + id;
        text_coloured(colour::error, list.c_str());
      }
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

// « Vue du groupe — jury blanc », the session's name and the way back.
void header(UiState& state, const Environment& env, const GroupFigures* g) {
  ImGui::PushFont(env.fonts.heading);
  text("Vue du groupe — jury blanc");
  ImGui::PopFont();
  if (state.view.session) {
    ImGui::SameLine();
    std::string sub = state.view.session->title + "  ·  " + french_date(state.view.session->date);
    if (g) sub += "  ·  " + plural(g->runs, "épreuve", "épreuves");
    text_muted(sub.c_str());
    if (g && ImGui::IsItemHovered())
      ImGui::SetTooltip("Quand un candidat a passé plusieurs fois un CCP, seule sa dernière épreuve compte.");
  }
  // Printing, one click each: the group page, and every candidate's sheet.
  const ImGuiStyle& style = ImGui::GetStyle();
  const bool printable = g && state.view.session;
  const char* print_group = "Imprimer la vue du groupe";
  const char* print_sheets = "Imprimer toutes les fiches";
  const float back_w = ImGui::CalcTextSize("← Session").x + 2 * style.FramePadding.x +
                       (printable ? ImGui::CalcTextSize(print_group).x + ImGui::CalcTextSize(print_sheets).x +
                                        4 * style.FramePadding.x + 2 * style.ItemSpacing.x
                                  : 0.0f);
  // On the title's line when they fit after it, else on a line of their own.
  const float after_title = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + style.ItemSpacing.x;
  if (ImGui::GetWindowContentRegionMax().x - back_w >= after_title)
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - back_w);
  else
    ImGui::SetCursorPosX(std::max(ImGui::GetWindowContentRegionMax().x - back_w, ImGui::GetCursorPosX()));
  if (printable) {
    ImGui::BeginDisabled(!env.services.write_group_page);
    if (ImGui::Button(print_group)) {
      ImportOutcome o = env.services.write_group_page(state.session_uuid);
      state.notice = Notice{o.summary, !o.ok, env.clock.now_ms()};
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!env.services.write_feedback_sheets);
    if (ImGui::Button(print_sheets)) {
      ImportOutcome o = env.services.write_feedback_sheets(state.session_uuid);
      state.notice = Notice{o.summary, !o.ok, env.clock.now_ms()};
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
  }
  if (ImGui::Button("← Session")) state.screen = Screen::Session;
}

}  // namespace

void group_screen(UiState& state, const Environment& env) {
  if (!state.view.session || state.view.session->kind == SessionKind::Official) {
    header(state, env, nullptr);
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, colour::error);
    text_wrapped(!state.view.session
                                 ? "Aucune session ouverte."
                                 : "Cette vue est réservée aux jurys blancs, et à rien d’autre. Cette session est un "
                                   "examen officiel\u00A0: ses résultats se lisent candidat par candidat, dans la "
                                   "délibération et le procès-verbal, et ne servent pas à comparer un groupe.");
    ImGui::PopStyleColor();
    return;
  }

  const float em = ImGui::GetFontSize();
  const TimeMs now = env.clock.now_ms();
  const SessionSnapshot snapshot{env.store.title(), *state.view.session, state.view.jury, state.view.candidates,
                                 state.view.runs};
  const GroupFigures g = group_figures(snapshot, env.store.exam_plans(), env.store.scoring_grids(), now);
  header(state, env, &g);
  // A stage still running may go over its time while the trainer looks.
  for (const auto& r : state.view.runs)
    if (!r.finished_at) {
      state.window.wake_by(now + 15'000);
      break;
    }

  // The chart and the stages keep their height; the candidate table scrolls below.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float heading_h = (env.fonts.heading ? env.fonts.heading->FontSize : em) + style.ItemSpacing.y;
  const float chart_h = heading_h + static_cast<float>(g.competencies.size()) * (chart_row_height() + chart_row_spacing()) +
                        2 * style.WindowPadding.y + style.ItemSpacing.y;
  // The table keeps room for its heading, its header row and a few rows.
  const float table_min = heading_h + ImGui::GetFrameHeightWithSpacing() * 5;
  const float avail = ImGui::GetContentRegionAvail().y;
  const float top_h = std::max(std::min(chart_h, avail - table_min), em * 8);
  const float chart_w = ImGui::GetContentRegionAvail().x * 0.68f;
  ImGui::BeginChild("##chart", ImVec2(chart_w, top_h), true);
  competency_chart(g, env.fonts);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##stages", ImVec2(0, top_h), true);
  overrun_list(g, env.fonts);
  ImGui::EndChild();

  ImGui::BeginChild("##candidates", ImVec2(0, 0), false);
  candidate_table(g, env.fonts);
  ImGui::EndChild();
}

}  // namespace jurymn::ui
