// SPDX-License-Identifier: EUPL-1.2
// Journal d’audit: every entry of the open session's trail, readable (time,
// member, action, candidate, details), filtered by candidate or action, under
// the status of its hash chain. Read-only: it emits no action. The trail and
// the chain check are read once per change of the store (its AuditPanel); each
// frame draws only the visible rows.
#include <imgui.h>

#include <algorithm>
#include <imgui_stdlib.h>
#include <string>
#include <unordered_map>

#include "core/audit_trail.h"
#include "core/local_time.h"
#include "core/search.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace jurymn::ui {

namespace {

const ImU32 kBrokenRow = IM_COL32(248, 215, 218, 255);  // light red behind the broken entry

// 300000 → « 300 000 » (narrow no-break spaces).
std::string digits(std::int64_t n) {
  const std::string raw = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (i > 0 && raw[i - 1] != '-' && (raw.size() - i) % 3 == 0) out += "\u202F";
    out += raw[i];
  }
  return out;
}

std::string entries_text(std::int64_t n) { return digits(n) + (n > 1 ? "\u00A0entrées" : "\u00A0entrée"); }

std::string candidate_label(const CandidateRecord& c) {
  return c.data.number + " — " + c.data.last_name + " " + c.data.first_name;
}

// `text` cut at a character boundary with « … » so that it fits `width`.
std::string fit(const std::string& text, float width) {
  if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
  // The longest prefix that fits, found by halving (texts can be long).
  std::size_t lo = 0, hi = text.size();
  while (lo < hi) {
    std::size_t mid = (lo + hi + 1) / 2;
    while (mid > 0 && (static_cast<unsigned char>(text[mid]) & 0xC0) == 0x80) --mid;
    if (mid <= lo) break;
    if (ImGui::CalcTextSize((text.substr(0, mid) + "…").c_str()).x <= width) lo = mid;
    else hi = mid - 1;
  }
  while (lo > 0 && (static_cast<unsigned char>(text[lo]) & 0xC0) == 0x80) --lo;
  std::string s = text.substr(0, lo);
  while (!s.empty() && (s.back() == ' ' || s.back() == ',')) s.pop_back();
  return s + "…";
}

// Reads the trail and checks its chain when the store or the session changed.
void refresh_audit(UiState& state, AuditPanel& a, const Environment& env) {
  if (a.loaded_for == state.session_uuid && a.revision == env.store.revision()) return;
  const bool same_session = a.loaded_for == state.session_uuid;
  const std::int64_t broken_before = same_session && a.chain.broken ? a.chain.broken->id : -1;
  a.revision = env.store.revision();
  a.loaded_for = state.session_uuid;
  a.entries.clear();
  a.payloads.clear();
  a.names.clear();
  a.broken_index = -1;
  a.shown_revision = UINT64_MAX;
  a.chain = env.store.verify_audit_chain(state.session_uuid);
  a.entries.reserve(static_cast<std::size_t>(std::max<std::int64_t>(a.chain.entries, 0)));

  const auto& candidates = state.view.candidates;
  std::unordered_map<std::string, int> index;
  index.reserve(candidates.size());
  for (int i = 0; i < static_cast<int>(candidates.size()); ++i) index.emplace(candidates[static_cast<std::size_t>(i)].uuid, i);
  std::unordered_map<std::string, std::uint32_t> name_index;
  auto intern = [&](const std::string& name) {
    auto [it, added] = name_index.emplace(name, static_cast<std::uint32_t>(a.names.size()));
    if (added) a.names.push_back(name);
    return it->second;
  };
  a.entries_per_candidate.assign(candidates.size(), 0);
  TimeMs first = 0, last = 0;
  env.store.each_audit_entry(state.session_uuid, [&](const AuditRecord& e) {
    first = a.entries.empty() ? e.at_ms : std::min(first, e.at_ms);
    last = std::max(last, e.at_ms);
    AuditRow r;
    r.id = e.id;
    r.at_ms = e.at_ms;
    // Blocks of 4 MiB: no reallocation of the whole, no copy to shrink it.
    constexpr std::size_t kBlock = std::size_t{4} << 20;
    if (a.payloads.empty() || a.payloads.back().size() + e.payload.size() > a.payloads.back().capacity()) {
      a.payloads.emplace_back();
      a.payloads.back().reserve(std::max(kBlock, e.payload.size()));
    }
    std::string& block = a.payloads.back();
    r.payload_block = static_cast<std::uint32_t>(a.payloads.size() - 1);
    r.payload_at = static_cast<std::uint32_t>(block.size());
    r.payload_size = static_cast<std::uint32_t>(e.payload.size());
    block += e.payload;
    r.actor = intern(e.actor);
    r.action = intern(e.action);
    if (!e.candidate_uuid.empty()) {
      auto it = index.find(e.candidate_uuid);
      r.candidate = it == index.end() ? -2 : it->second;
      if (r.candidate >= 0) ++a.entries_per_candidate[static_cast<std::size_t>(r.candidate)];
    }
    if (a.chain.broken && a.chain.broken->id == r.id) a.broken_index = static_cast<int>(a.entries.size());
    a.entries.push_back(r);
  });
  if (!a.payloads.empty()) a.payloads.back().shrink_to_fit();
  // A break newly found is brought into view (when the filter shows it).
  if (a.chain.broken && a.chain.broken->id != broken_before && a.broken_index >= 0) a.scroll_to_entry = a.broken_index;
  // A session held in one day: the date is said once, the rows give the time.
  a.single_day.clear();
  if (!a.entries.empty() && local_iso_day(first) == local_iso_day(last)) a.single_day = local_iso_day(first);
}

// The entry as the core reads it (only for the rows on screen).
AuditRecord record_of(const AuditPanel& a, const AuditRow& r, const std::vector<CandidateRecord>& candidates) {
  AuditRecord e;
  e.id = r.id;
  e.at_ms = r.at_ms;
  e.actor = a.names[r.actor];
  e.action = a.names[r.action];
  if (r.candidate >= 0) e.candidate_uuid = candidates[static_cast<std::size_t>(r.candidate)].uuid;
  e.payload = a.payloads[r.payload_block].substr(r.payload_at, r.payload_size);
  return e;
}

std::string precise_time(TimeMs t) { return local_time_text(t, "%H\u00A0h\u00A0%M\u00A0min\u00A0%S\u00A0s"); }

// The filter, set once per session: by --candidate (the run on show) when
// the screen was opened without open_audit.
void init_filter(UiState& state, AuditPanel& a) {
  if (a.filter_for == state.session_uuid) return;
  a.filter_for = state.session_uuid;
  a.candidate_uuid.clear();
  a.action_text.clear();
  for (const auto& r : state.view.runs)
    if (r.uuid == state.run_uuid) a.candidate_uuid = r.candidate_uuid;
}

// The rows to show, recomputed only when the filter or the trail changed.
void refresh_shown(AuditPanel& a, const std::vector<CandidateRecord>& candidates) {
  if (a.shown_revision == a.revision && a.shown_candidate == a.candidate_uuid && a.shown_text == a.action_text) return;
  a.shown_revision = a.revision;
  a.shown_candidate = a.candidate_uuid;
  a.shown_text = a.action_text;
  a.shown.clear();
  int wanted = -1;
  if (!a.candidate_uuid.empty()) {
    for (int i = 0; i < static_cast<int>(candidates.size()); ++i)
      if (candidates[static_cast<std::size_t>(i)].uuid == a.candidate_uuid) wanted = i;
    if (wanted < 0) a.candidate_uuid.clear();  // no longer in the session
  }
  // Actions are few: each is matched once, then looked up per entry.
  std::vector<char> action_matches(a.names.size(), 1);
  if (!a.action_text.empty())
    for (std::size_t n = 0; n < a.names.size(); ++n)
      action_matches[n] = search_matches(fold_for_search(audit_action_label(a.names[n]) + " " + a.names[n]), a.action_text);
  a.shown.reserve(a.entries.size());
  for (int i = 0; i < static_cast<int>(a.entries.size()); ++i) {
    const AuditRow& r = a.entries[static_cast<std::size_t>(i)];
    if (wanted >= 0 && r.candidate != wanted) continue;
    if (!action_matches[r.action]) continue;
    a.shown.push_back(i);
  }
}

void header(UiState& state, const AuditPanel& panel, const Environment& env) {
  ImGui::PushFont(env.fonts.heading);
  text("Journal d’audit");
  ImGui::PopFont();
  if (state.view.session) {
    ImGui::SameLine();
    const std::string sub = state.view.session->title + "  ·  " + french_date(state.view.session->date) + "  ·  " +
                            entries_text(static_cast<std::int64_t>(panel.entries.size()));
    text_muted(sub.c_str());
  }
  const float back_w = ImGui::CalcTextSize("← Session").x + 2 * ImGui::GetStyle().FramePadding.x;
  ImGui::SameLine(std::max(ImGui::GetWindowContentRegionMax().x - back_w, ImGui::GetCursorPosX()));
  if (ImGui::Button("← Session")) state.screen = Screen::Session;
}

// A band the width of the screen: green when the chain holds, red with
// where and why it breaks and what the jury should do.
void chain_band(AuditPanel& a, const Environment& env) {
  const AuditChainReport& chain = a.chain;
  const ImGuiStyle& style = ImGui::GetStyle();
  std::string title, body;
  if (chain.intact()) {
    title = "✓ Chaîne intacte\u00A0: " + entries_text(chain.entries);
    body = "Aucune entrée n’a été modifiée, supprimée ni déplacée depuis son enregistrement.";
  } else {
    const AuditBreak& b = *chain.broken;
    if (b.id == 0) {
      title = "✗ Chaîne rompue à la fin du journal";
      body = "Cause\u00A0: " + b.reason + ". Des entrées ont disparu de la fin du journal.";
    } else {
      title = "✗ Chaîne rompue à l’entrée n°\u00A0" + std::to_string(b.id) + " (" + french_date_time(b.at_ms) + ", " +
              audit_action_label(b.action) + ")";
      body = "Cause\u00A0: " + b.reason + ". Cette entrée et toutes celles qui la suivent ne peuvent plus servir de preuve.";
    }
    body += " Le fichier a été modifié en dehors de jurymn\u00A0: ne corrigez rien vous-même. Les résultats ne "
            "peuvent plus être exportés\u00A0; imprimez le procès-verbal, qui signale cette entrée, prévenez le centre "
            "d’examen et gardez cet ordinateur et le dossier «\u00A0sauvegardes\u00A0» en l’état.";
  }
  const bool can_jump = !chain.intact() && a.broken_index >= 0;
  const char* jump = "Voir l’entrée";
  const float jump_w = can_jump ? ImGui::CalcTextSize(jump).x + 2 * style.FramePadding.x + style.ItemSpacing.x : 0.0f;
  const float pad = style.WindowPadding.x;
  const float wrap = ImGui::GetContentRegionAvail().x - 2 * pad;
  ImGui::PushFont(env.fonts.heading);
  const float title_h = std::max(ImGui::CalcTextSize(title.c_str(), nullptr, false, wrap - jump_w).y,
                                 can_jump ? ImGui::GetFrameHeight() : 0.0f);
  ImGui::PopFont();
  const float body_h = ImGui::CalcTextSize(body.c_str(), nullptr, false, wrap).y;
  const float h = title_h + style.ItemSpacing.y + body_h + 2 * style.WindowPadding.y;

  ImGui::PushStyleColor(ImGuiCol_ChildBg, chain.intact() ? colour::ok : colour::error);
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  ImGui::BeginChild("##chain", ImVec2(0, h), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_AlwaysUseWindowPadding);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap - jump_w);
  ImGui::PushFont(env.fonts.heading);
  text(title.c_str());
  ImGui::PopFont();
  ImGui::PopTextWrapPos();
  if (can_jump) {
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - jump_w + style.ItemSpacing.x);
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.10f, 0.10f, 0.12f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(1, 1, 1, 0.92f));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(1, 1, 1, 1));
    if (ImGui::Button(jump)) {
      // Show every entry, then bring the broken one into view.
      a.candidate_uuid.clear();
      a.action_text.clear();
      a.scroll_to_entry = a.broken_index;
    }
    ImGui::PopStyleColor(3);
  }
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
  text(body.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
  ImGui::PopStyleColor(2);
}

void filters(AuditPanel& a, const std::vector<CandidateRecord>& candidates) {
  const float em = ImGui::GetFontSize();
  ImGui::AlignTextToFramePadding();
  text("Candidat");
  ImGui::SameLine();
  std::string current = "Tous les candidats";
  for (const auto& c : candidates)
    if (c.uuid == a.candidate_uuid) current = candidate_label(c);
  ImGui::SetNextItemWidth(em * 20);
  if (ImGui::BeginCombo("##candidate", current.c_str(), ImGuiComboFlags_HeightLarge)) {
    if (ImGui::Selectable("Tous les candidats", a.candidate_uuid.empty())) a.candidate_uuid.clear();
    ImGuiListClipper clipper;  // a large session lists many candidates
    clipper.Begin(static_cast<int>(candidates.size()));
    while (clipper.Step())
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const auto& c = candidates[static_cast<std::size_t>(i)];
        const int n = i < static_cast<int>(a.entries_per_candidate.size())
                          ? a.entries_per_candidate[static_cast<std::size_t>(i)]
                          : 0;
        const std::string item = candidate_label(c) + "  (" + entries_text(n) + ")##" + c.uuid;
        if (ImGui::Selectable(item.c_str(), c.uuid == a.candidate_uuid)) a.candidate_uuid = c.uuid;
      }
    ImGui::EndCombo();
  }
  ImGui::SameLine(0, em);
  ImGui::AlignTextToFramePadding();
  text("Action");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 16);
  ImGui::InputTextWithHint("##action", "note, pause, décision…", &a.action_text);
  if (!a.candidate_uuid.empty() || !a.action_text.empty()) {
    ImGui::SameLine();
    if (ImGui::Button("Tout afficher")) {
      a.candidate_uuid.clear();
      a.action_text.clear();
    }
  }
  ImGui::SameLine(0, em);
  ImGui::AlignTextToFramePadding();
  std::string count = a.shown.size() == a.entries.size()
                          ? entries_text(static_cast<std::int64_t>(a.entries.size()))
                          : entries_text(static_cast<std::int64_t>(a.shown.size())) + " sur " +
                                digits(static_cast<std::int64_t>(a.entries.size()));
  if (!a.single_day.empty())
    count += (a.entries.size() > 1 ? ", toutes enregistrées le " : ", enregistrée le ") + french_date(a.single_day);
  text_muted(count.c_str());
}

void entry_table(AuditPanel& a, const Environment& env, const std::vector<CandidateRecord>& candidates) {
  if (a.shown.empty()) {
    ImGui::Spacing();
    text_muted(a.entries.empty() ? "Aucune entrée dans le journal de cette session."
                                                : "Aucune entrée ne correspond à ce filtre.");
    return;
  }
  const ImGuiStyle& style = ImGui::GetStyle();
  const float em = ImGui::GetFontSize();
  const float widths[] = {
      std::max(ImGui::CalcTextSize("N°").x, ImGui::CalcTextSize(std::to_string(a.entries.back().id).c_str()).x),
      ImGui::CalcTextSize(a.single_day.empty() ? "28 septembre 2026 à 23\u00A0h\u00A059"
                                               : "00\u00A0h\u00A000\u00A0min\u00A000\u00A0s")
          .x,
      em * 8.5f,
      ImGui::CalcTextSize("Confirmation de la décision").x,
      em * 14.0f,
  };
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("##audit", 6, flags, ImGui::GetContentRegionAvail())) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("N°", ImGuiTableColumnFlags_WidthFixed, widths[0]);
  ImGui::TableSetupColumn("Heure", ImGuiTableColumnFlags_WidthFixed, widths[1]);
  ImGui::TableSetupColumn("Membre", ImGuiTableColumnFlags_WidthFixed, widths[2]);
  ImGui::TableSetupColumn("Action", ImGuiTableColumnFlags_WidthFixed, widths[3]);
  ImGui::TableSetupColumn("Candidat", ImGuiTableColumnFlags_WidthFixed, widths[4]);
  ImGui::TableSetupColumn("Détail", ImGuiTableColumnFlags_WidthStretch);
  headers_row();

  const float row_h = ImGui::GetTextLineHeight() + 2 * style.CellPadding.y;
  int force = -1;
  if (a.scroll_to_entry >= 0) {
    auto it = std::lower_bound(a.shown.begin(), a.shown.end(), a.scroll_to_entry);
    if (it != a.shown.end() && *it == a.scroll_to_entry) {
      force = static_cast<int>(it - a.shown.begin());
      const float visible = ImGui::GetWindowHeight() - row_h;  // under the frozen header
      ImGui::SetScrollY(std::max(0.0f, force * row_h - (visible - row_h) * 0.5f));
    }
    a.scroll_to_entry = -1;
  }

  const AuditVocabulary words{&env.store.scoring_grids(), &env.store.exam_plans()};
  ImGuiListClipper clipper;  // 300 000 entries: only the visible rows are drawn
  clipper.Begin(static_cast<int>(a.shown.size()), row_h);
  if (force >= 0) clipper.ForceDisplayRangeByIndices(force, force + 1);
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const int i = a.shown[static_cast<std::size_t>(row)];
      const AuditRow& r = a.entries[static_cast<std::size_t>(i)];
      const AuditRecord e = record_of(a, r, candidates);
      const bool broken = i == a.broken_index;
      ImGui::TableNextRow();
      if (broken) {
        ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, kBrokenRow);
        ImGui::PushStyleColor(ImGuiCol_Text, colour::error);
      }
      ImGui::TableNextColumn();
      text(std::to_string(e.id).c_str());
      ImGui::TableNextColumn();
      if (a.single_day.empty()) {
        text(french_date_time(e.at_ms).c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", precise_time(e.at_ms).c_str());
      } else {
        text(precise_time(e.at_ms).c_str());
      }
      ImGui::TableNextColumn();
      const std::string member = audit_entry_member(e);
      text(fit(member, widths[2]).c_str());
      ImGui::TableNextColumn();
      const std::string action = audit_action_label(e.action);
      text(fit(action, widths[3]).c_str());
      if (ImGui::IsItemHovered() && action != e.action) ImGui::SetTooltip("%s", e.action.c_str());
      ImGui::TableNextColumn();
      if (r.candidate >= 0)
        text(fit(candidate_label(candidates[static_cast<std::size_t>(r.candidate)]), widths[4]).c_str());
      else
        text_muted(r.candidate == -1 ? "—" : "hors de la session");
      ImGui::TableNextColumn();
      const std::string detail = audit_entry_summary(e, words);
      const std::string shown = fit(detail, ImGui::GetContentRegionAvail().x);
      text(shown.c_str());
      if ((shown != detail || broken) && ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(em * 36);
        text(detail.c_str());
        if (broken && a.chain.broken)
          ImGui::TextColored(colour::error, "Chaîne rompue ici\u00A0: %s.", a.chain.broken->reason.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
      }
      if (broken) ImGui::PopStyleColor();
    }
  }
  ImGui::EndTable();
}

}  // namespace

void open_audit(UiState& state, const std::string& candidate_uuid) {
  state.nav.audit_candidate = candidate_uuid;
  state.screen = Screen::Audit;
}

void audit_screen(UiState& state, AuditPanel& a, const Environment& env) {
  if (!state.view.session) return;
  refresh_audit(state, a, env);
  init_filter(state, a);
  refresh_shown(a, state.view.candidates);
  header(state, a, env);
  ImGui::Spacing();
  chain_band(a, env);
  ImGui::Spacing();
  filters(a, state.view.candidates);
  // A filter changed this frame: the rows follow at once.
  refresh_shown(a, state.view.candidates);
  entry_table(a, env, state.view.candidates);
}

}  // namespace jurymn::ui
