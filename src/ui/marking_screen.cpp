// SPDX-License-Identifier: EUPL-1.2
// Grille d'évaluation: the jury member on this laptop rates the criteria of
// the run's grid. Criteria the current stage gives evidence for come first;
// every click is an action, so nothing is lost.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "ui/screens.h"
#include "core/text.h"
#include "ui/widgets.h"

namespace jurymn::ui {

MarkingKeyQueue& marking_keys(Screens& screens) { return screens.marking.keys; }

namespace {

std::string rating_of(const RunRecord& run, const std::string& member, const std::string& criterion) {
  for (const auto& m : run.marks)
    if (m.member_uuid == member && m.criterion_id == criterion) return m.level_id;
  return {};
}

std::string observation_of(const RunRecord& run, const std::string& member, const std::string& competency) {
  for (const auto& o : run.observations)
    if (o.member_uuid == member && o.competency_id == competency) return o.text;
  return {};
}

// Who marks: one click, always visible.
void member_switch(UiState& state, MarkingPanel& mk, const Environment& env) {
  text("Notation par\u00A0:");
  for (const auto& m : state.view.jury) {
    ImGui::SameLine();
    const bool active = m.uuid == mk.member_uuid;
    if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.10f, 0.32f, 0.62f, 1));
    if (active) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    if (ImGui::Button(m.name.c_str())) mk.member_uuid = m.uuid;
    if (active) ImGui::PopStyleColor(2);
  }
  (void)env;
}

// Wide enough for the longest word of the label (labels wrap at spaces).
float level_width(const std::string& label) {
  float widest = ImGui::GetFontSize() * 4.0f;
  std::size_t start = 0;
  while (start <= label.size()) {
    std::size_t end = label.find(' ', start);
    if (end == std::string::npos) end = label.size();
    widest = std::max(widest, ImGui::CalcTextSize(label.c_str() + start, label.c_str() + end).x);
    start = end + 1;
  }
  return widest + ImGui::GetStyle().CellPadding.x;
}

// `heading_y`: where the criterion's competency heading starts in the
// scrolling grid, so that a scroll to the criterion can show it too.
void criterion_row(UiState& state, MarkingPanel& mk, const Environment&, const RunRecord& run, const Grid& grid,
                   const GridCursorView& cursor, const Criterion& c, bool from_current_stage, bool writable,
                   float heading_y) {
  const std::string current = rating_of(run, mk.member_uuid, c.id);
  const bool focused = mk.focus == c.id;
  ImGui::PushID(c.id.c_str());
  ImGui::TableNextRow();
  // The row the keys rate: unmistakable, whatever the mouse does.
  if (focused) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ImGui::GetColorU32(ImVec4(1.0f, 0.86f, 0.40f, 1)));
  ImGui::TableNextColumn();
  if (focused) ImGui::TextColored(colour::accent, "►");
  else if (from_current_stage) ImGui::TextColored(colour::accent, "▶");
  if (focused && (mk.scroll_to_focus || mk.scroll_settling > 0)) {
    // The competency's heading with its criterion when both fit, the row
    // whole (two lines of text and one to spare): a heading half cut by
    // the grid's edge reads as a fault (seen at 125 %). Else the criterion a
    // little above the middle.
    const float row_y = ImGui::GetCursorPosY();
    if (row_y - heading_y + 3 * ImGui::GetTextLineHeightWithSpacing() < ImGui::GetWindowHeight())
      ImGui::SetScrollY(std::max(0.0f, heading_y - ImGui::GetStyle().WindowPadding.y));
    else
      ImGui::SetScrollHereY(0.4f);
    mk.scroll_settling = mk.scroll_to_focus ? 3 : mk.scroll_settling - 1;
    mk.scroll_to_focus = false;
  }
  ImGui::TableNextColumn();
  text_wrapped(c.text.c_str());
  if (ImGui::IsItemClicked()) mk.focus = c.id;
  for (const auto& level : grid.rating_scale) {
    ImGui::TableNextColumn();
    ImGui::BeginDisabled(!writable);
    // One click rates; a click on the chosen level withdraws the rating.
    if (ImGui::RadioButton(("##" + level.id).c_str(), current == level.id)) {
      std::string next = current == level.id ? std::string() : level.id;
      // As after a key: the highlight goes on to the next unrated criterion,
      // so the next key does not silently re-mark the one just clicked. A
      // withdrawn note keeps it here, to be rated again.
      const std::string after = next.empty() ? c.id : focus_after_rating(cursor, c.id, next);
      emit(state, action::RecordMark{run.uuid, mk.member_uuid, c.id, next},
           next.empty() ? "Note retirée." : guillemets(level.label) + " enregistré.",
           [&mk, after, here = c.id](const ApplyResult& r) {
             mk.focus = r.ok ? after : here;
             mk.scroll_to_focus = mk.focus != here;
           });
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", level.label.c_str());
    ImGui::EndDisabled();
  }
  ImGui::PopID();
}

// The criteria in the order the screen shows them: per competency, those of
// the stage under way first.
std::vector<const Criterion*> display_order(const Grid& grid, const std::string& stage_id) {
  std::vector<const Criterion*> out;
  for (const auto& comp : grid.competencies)
    for (int pass = 0; pass < 2; ++pass)
      for (const auto& c : comp.criteria) {
        bool now = !stage_id.empty() && std::find(c.stages.begin(), c.stages.end(), stage_id) != c.stages.end();
        if ((pass == 0) == now) out.push_back(&c);
      }
  return out;
}

// « CP-3 c2 »: the competency and the criterion's place in it.
std::string short_name(const Grid& grid, const std::string& criterion_id) {
  for (const auto& comp : grid.competencies)
    for (std::size_t i = 0; i < comp.criteria.size(); ++i)
      if (comp.criteria[i].id == criterion_id) return comp.id + " c" + std::to_string(i + 1);
  return criterion_id;
}

void wrapped_colored(const ImVec4& colour, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  text_wrapped(text.c_str());
  ImGui::PopStyleColor();
}

// One key of the queue per frame, in the order pressed: a digit rates the
// focused criterion and moves on to the next unrated one.
void take_one_key(UiState& state, MarkingPanel& mk, const Environment& env, const RunRecord& run, const Grid& grid,
                  const GridCursorView& cursor, bool writable) {
  // Keys typed into a field or a popup are the field's, not the grid's.
  if (!writable || ImGui::GetIO().WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) {
    mk.keys.clear();
    return;
  }
  auto key = mk.keys.pop();
  if (!key) return;
  MarkingStep step = next_marking_step(cursor, mk.focus, *key, mk.keyed);
  if (step.nothing_to_undo) {
    state.notice = Notice{"Aucune note donnée au clavier à annuler.", false, env.clock.now_ms()};
    mk.keyed.clear();
  }
  if (step.rate) {
    const auto at = std::find(cursor.criteria.begin(), cursor.criteria.end(), step.criterion) - cursor.criteria.begin();
    const std::string& current = cursor.ratings[static_cast<std::size_t>(at)];
    const RatingLevel* level = grid.level(step.level);
    // Once the rating is recorded (after this frame), the highlight moves on.
    const auto follow = [&mk, step](bool recorded) {
      if (!recorded) {
        mk.keys.clear();  // refused: the keys after it were meant for the rows after it
        return;
      }
      if (step.keyed) {
        mk.keyed.push_back(*step.keyed);
        if (mk.keyed.size() > kKeyedNotesKept) mk.keyed.erase(mk.keyed.begin());
      }
      if (step.keyed_left) mk.keyed.resize(std::min(*step.keyed_left, mk.keyed.size()));
      if (step.focus != mk.focus) mk.scroll_to_focus = true;
      mk.focus = step.focus;
    };
    if (current == step.level) return follow(true);
    emit(state, action::RecordMark{run.uuid, mk.member_uuid, step.criterion, step.level},
         short_name(grid, step.criterion) + "\u00A0: " +
             (level ? guillemets(level->label) + " enregistré." : std::string("note retirée.")) +
             (key->kind == MarkingKey::Kind::Undo ? " (annulation)" : ""),
         [follow](const ApplyResult& r) { follow(r.ok); });
    return;
  }
  if (step.focus != mk.focus) mk.scroll_to_focus = true;
  mk.focus = step.focus;
}

// Records the observation being typed (mk.draft_key: run|member|competency)
// and closes it: saved, its draft settled; refused, kept in `unsaved` and
// shown marked until saved.
void save_observation_draft(UiState& state, MarkingPanel& mk, const Environment& env) {
  const std::string key = std::exchange(mk.draft_key, std::string());
  const std::string text = mk.draft;
  const std::size_t bar1 = key.find('|'), bar2 = key.find('|', bar1 == std::string::npos ? bar1 : bar1 + 1);
  if (bar2 == std::string::npos) return;
  const std::string run_uuid = key.substr(0, bar1), member = key.substr(bar1 + 1, bar2 - bar1 - 1),
                    competency = key.substr(bar2 + 1);
  const auto run = env.store.exam_run(run_uuid);
  const std::string stored = run ? observation_of(*run, member, competency) : std::string();
  const auto outcome = [&mk, &state, env, key, text, run_uuid, member, competency](bool saved) {
    mk.unsaved.erase(std::remove_if(mk.unsaved.begin(), mk.unsaved.end(), [&](const auto& u) { return u.first == key; }),
                     mk.unsaved.end());
    if (!saved) mk.unsaved.emplace_back(key, text);
    else settle_draft(state, env, run_uuid, draft_field::observation(member, competency));
  };
  if (text == stored) return outcome(true);
  emit(state, action::SetObservation{run_uuid, member, competency, text},
       "Observations sur " + competency + " enregistrées.", [outcome](const ApplyResult& r) { outcome(r.ok); });
}

void observation_field(UiState& state, MarkingPanel& mk, const Environment& env, const RunRecord& run, const Competency& comp) {
  const std::string key = run.uuid + "|" + mk.member_uuid + "|" + comp.id;
  const std::string stored = observation_of(run, mk.member_uuid, comp.id);
  // Text typed here but not saved (the disk refused it): it stays in the
  // field, marked, until leaving the field saves it.
  auto find_unsaved = [&] {
    return std::find_if(mk.unsaved.begin(), mk.unsaved.end(), [&](const auto& u) { return u.first == key; });
  };
  if (auto u = find_unsaved(); u != mk.unsaved.end() && u->second == stored) mk.unsaved.erase(u);
  const std::string field = draft_field::observation(mk.member_uuid, comp.id);
  const DraftRecord* recovered = recovered_draft(state, run.uuid, field);
  std::string shown = find_unsaved() != mk.unsaved.end() ? find_unsaved()->second
                      : recovered                        ? recovered->text
                                                         : stored;
  std::string& text = mk.draft_key == key ? mk.draft : shown;
  ImGui::PushID(comp.id.c_str());
  ImGui::BeginDisabled(!env.read_only_reason.empty());
  const bool edited = text_field_multiline("##obs", &text, ImVec2(-1, ImGui::GetTextLineHeight() * 2.6f));
  if (edited && mk.draft_key == key) keep_draft(state, env, run.uuid, field, mk.draft);
  const bool activated = ImGui::IsItemActivated();
  if (activated) {
    // A click from another observation straight into this one: when this
    // field is drawn first, it is activated before the other one sees
    // itself left, so the other one is recorded here.
    if (!mk.draft_key.empty() && mk.draft_key != key) save_observation_draft(state, mk, env);
    const std::string typed = text;  // keeps what the activating keystroke typed
    mk.draft_key = key;
    mk.draft = typed;
  }
  // Saved when the field is left, so typing is not one action per key;
  // left however ImGui reports it (deactivated, or simply no longer active).
  if (!activated && mk.draft_key == key && (ImGui::IsItemDeactivated() || !ImGui::IsItemActive())) {
    save_observation_draft(state, mk, env);
  } else if (mk.draft_key != key && find_unsaved() != mk.unsaved.end()) {
    ImGui::TextColored(colour::error, "✗ Observations non enregistrées\u00A0: cliquez dans le champ puis quittez-le pour les enregistrer.");
  } else if (mk.draft_key != key && recovered && recovered->text != stored) {
    recovered_mark(state, *recovered);
  }
  ImGui::EndDisabled();
  ImGui::PopID();
}

}  // namespace

void marking_screen(UiState& state, MarkingPanel& mk, const Environment& env) {
  const RunView view = find_run(state, env);
  // Keys with no grid to rate are dropped, not kept for a later grid.
  struct DropKeysUnlessTaken {
    MarkingKeyQueue& keys;
    bool taken = false;
    ~DropKeysUnlessTaken() {
      if (!taken) keys.clear();
    }
  } drop{mk.keys};
  const RunRecord* run = view.run;
  const CandidateRecord* cand = view.candidate;
  if (!run || !cand) {
    text_wrapped("Aucune épreuve ouverte. Ouvrez une épreuve depuis la liste des candidats.");
    if (ImGui::Button("← Retour à la session")) state.screen = Screen::Session;
    return;
  }
  const Grid* grid = env.store.find_grid(run->grid_id, run->grid_version);
  if (!grid) {
    text_coloured(colour::error, run->grid_id.empty()
                                                ? "Aucune grille d’évaluation n’était chargée au début de cette épreuve."
                                                : "La grille de cette épreuve n’est pas chargée.");
    if (ImGui::Button("← Épreuve")) state.screen = Screen::Exam;
    return;
  }
  if (state.view.jury.empty()) {
    text_wrapped("Ajoutez d’abord les membres du jury sur l’écran de la session.");
    if (ImGui::Button("← Retour à la session")) state.screen = Screen::Session;
    return;
  }
  if (std::none_of(state.view.jury.begin(), state.view.jury.end(), [&](auto& m) { return m.uuid == mk.member_uuid; }))
    mk.member_uuid = state.view.jury.front().uuid;

  // Which stage is under way, to put its criteria first.
  std::string stage_id, stage_line;
  if (const ExamPlan* plan = env.store.find_plan(run->plan_id, run->plan_version)) {
    StageTimer timer(*plan, run->events);
    TimerStatus st = timer.status(env.clock.now_ms());
    if (auto next = timer.next_display_change(env.clock.now_ms()))
      state.window.wake_by(*next);
    if (st.state == TimerState::Running || st.state == TimerState::Paused) {
      const auto& stage = plan->stages[static_cast<std::size_t>(st.stage_index)];
      stage_id = stage.id;
      stage_line = stage.label + "\u00A0: " + format_clock(st.remaining_ms);
    }
  }

  // A locked result takes no input: every field says so instead.
  const bool locked = run->decision.locked();
  const bool writable = env.read_only_reason.empty() && !locked;
  const auto order = display_order(*grid, stage_id);
  GridCursorView cursor;
  cursor.scale.reserve(grid->rating_scale.size());
  for (const auto& level : grid->rating_scale) cursor.scale.push_back(level.id);
  for (const Criterion* c : order) {
    cursor.criteria.push_back(c->id);
    cursor.ratings.push_back(rating_of(*run, mk.member_uuid, c->id));
  }
  // On opening the grid (or another member's), the keys start at the first
  // unrated criterion.
  if (mk.focus_for != run->uuid + "|" + mk.member_uuid) {
    mk.focus_for = run->uuid + "|" + mk.member_uuid;
    mk.focus = first_unrated(cursor);
    mk.scroll_to_focus = true;
    mk.keyed.clear();  // Backspace takes back this member's keys on this run only
  }
  drop.taken = true;
  take_one_key(state, mk, env, *run, *grid, cursor, writable);
  std::vector<std::string> unrated;
  for (std::size_t i = 0; i < cursor.criteria.size(); ++i)
    if (cursor.ratings[i].empty()) unrated.push_back(cursor.criteria[i]);
  const int rated = static_cast<int>(cursor.criteria.size() - unrated.size());
  std::vector<TitlePiece> pieces{
      {run->ccp + "  ·  grille " + grid->id + " version " + grid->version, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled)}};
  if (!stage_line.empty()) {
    pieces.push_back({"▶ " + stage_line, colour::accent});
    pieces.push_back({"(▶\u00A0: critères de cette étape, en tête)", ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled)});
  }
  title_line(env.fonts, cand->data.first_name + " " + cand->data.last_name, pieces);
  switch (right_buttons({"Délibération", "← Épreuve"})) {
    case 0: state.screen = Screen::Deliberation; break;
    case 1: state.screen = Screen::Exam; break;
    default: break;
  }
  member_switch(state, mk, env);
  ImGui::SameLine();
  const int total = static_cast<int>(grid->criterion_count());
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  ImGui::ProgressBar(total ? static_cast<float>(rated) / static_cast<float>(total) : 0.f,
                     ImVec2(ImGui::GetFontSize() * 10, 0),
                     (std::to_string(rated) + " / " + std::to_string(total) + " critères").c_str());
  // What is left, by name; a click brings the keys and the view to it.
  // Each name goes on the line while it fits (large zooms wrap).
  auto same_line_if_fits = [](const std::string& text) {
    const ImGuiStyle& st = ImGui::GetStyle();
    const float w = ImGui::CalcTextSize(text.c_str()).x + 2 * st.FramePadding.x;
    const float right = ImGui::GetItemRectMax().x + st.ItemSpacing.x + w;
    if (right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
  };
  if (!unrated.empty()) {
    const std::string left = std::to_string(unrated.size()) +
                             (unrated.size() > 1 ? " critères non notés\u00A0:" : " critère non noté\u00A0:");
    same_line_if_fits(left);
    text(left.c_str());
    constexpr std::size_t kNamed = 6;
    for (std::size_t i = 0; i < unrated.size() && i < kNamed; ++i) {
      const std::string name = short_name(*grid, unrated[i]) + (i + 1 < unrated.size() && i + 1 < kNamed ? "," : "");
      same_line_if_fits(name);
      ImGui::PushID(static_cast<int>(i));
      if (ImGui::SmallButton(name.c_str())) {
        mk.focus = unrated[i];
        mk.scroll_to_focus = true;
      }
      ImGui::PopID();
    }
    if (unrated.size() > kNamed) {
      ImGui::SameLine();
      text_muted("…");
    }
  }
  if (locked)
    wrapped_colored(colour::error, "Résultat verrouillé\u00A0: la grille et les observations sont en lecture seule. "
                                   "Rouvrez le résultat, avec un motif, sur l’écran Délibération pour les modifier.");
  else
    wrapped_colored(ImGui::GetStyle().Colors[ImGuiCol_TextDisabled],
                    "Touches 1 à " + std::to_string(grid->rating_scale.size()) +
                        "\u00A0: noter le critère surligné et passer au suivant non noté · Retour arrière\u00A0: "
                        "annuler la dernière note tapée · Suppr\u00A0: effacer la note surlignée · ↑ ↓\u00A0: "
                        "changer de critère");

  ImGui::BeginChild("##grid", ImVec2(0, 0), true);
  const float em = ImGui::GetFontSize();
  for (const auto& comp : grid->competencies) {
    ImGui::PushID(comp.id.c_str());
    const float heading_y = ImGui::GetCursorPosY();
    ImGui::PushFont(env.fonts.heading);
    ImGui::TextWrapped("%s — %s", comp.id.c_str(), comp.title.c_str());
    ImGui::PopFont();
    const int columns = 2 + static_cast<int>(grid->rating_scale.size());
    if (ImGui::BeginTable("criteria", columns, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
      ImGui::TableSetupColumn("##now", ImGuiTableColumnFlags_WidthFixed, em * 1.0f);
      ImGui::TableSetupColumn("Critère", ImGuiTableColumnFlags_WidthStretch);
      for (const auto& level : grid->rating_scale)
        ImGui::TableSetupColumn(level.label.c_str(), ImGuiTableColumnFlags_WidthFixed, level_width(level.label));
      // Level names are long: headers wrap on two lines.
      ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
      ImGui::TableNextColumn();
      ImGui::TableNextColumn();
      text_muted("Critère observable");
      for (const auto& level : grid->rating_scale) {
        ImGui::TableNextColumn();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x);
        text_muted(level.label.c_str());
        ImGui::PopTextWrapPos();
      }
      for (const Criterion* c : order)
        if (c >= comp.criteria.data() && c < comp.criteria.data() + comp.criteria.size()) {
          bool now = !stage_id.empty() && std::find(c->stages.begin(), c->stages.end(), stage_id) != c->stages.end();
          criterion_row(state, mk, env, *run, *grid, cursor, *c, now, writable, heading_y);
        }
      ImGui::EndTable();
    }
    ImGui::TextDisabled("Observations de %s sur %s\u00A0:", [&] {
      for (const auto& m : state.view.jury)
        if (m.uuid == mk.member_uuid) return m.name.c_str();
      return "";
    }(), comp.id.c_str());
    ImGui::BeginDisabled(locked);
    observation_field(state, mk, env, *run, comp);
    ImGui::EndDisabled();
    ImGui::Spacing();
    ImGui::PopID();
  }
  ImGui::EndChild();
}

}  // namespace jurymn::ui
