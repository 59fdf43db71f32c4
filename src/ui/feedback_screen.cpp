// SPDX-License-Identifier: EUPL-1.2
// Retour écrit (mock jury): per competency the jury's status, « Points
// forts » and « Axes de progrès » — drafted from the ratings and
// observations (core/feedback.h), then edited freely, every edit an action —
// the timings in words a candidate understands, and a general piece of
// advice.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <functional>

#include "core/feedback.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace jurymn::ui {

namespace {

const FeedbackRecord* stored(const RunRecord& run, const std::string& competency) {
  for (const auto& f : run.feedback)
    if (f.competency_id == competency) return &f;
  return nullptr;
}

// A text shown wrapped; a click (or Entrée on it) opens it for editing,
// and it is saved when left: typing is not an action per key. (ImGui's
// multi-line input does not wrap, so it is used for editing only.)
// Returns true when the text changed and should be saved; the caller then
// clears panel.draft_key once it is: a draft the disk refused stays open.
// What is typed is kept as a draft of `field` (core/drafts.h) until saved.
bool edited_field(UiState& state, FeedbackPanel& panel, const Environment& env, const std::string& run_uuid, const std::string& field,
                  const std::string& key, const std::string& shown, float height, bool writable, std::string& saved) {
  const DraftRecord* recovered = recovered_draft(state, run_uuid, field);
  if (recovered && recovered->text == shown) recovered = nullptr;
  if (panel.draft_key != key || !writable) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
    ImGui::BeginChild(("##view" + key).c_str(), ImVec2(-1, height), true);
    ImGui::PushTextWrapPos(0);
    if (recovered) recovered_mark(state, *recovered);
    const std::string& text = recovered ? recovered->text : shown;
    if (text.empty()) text_muted("(vide)");
    else ui::text(text);
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
    ImGui::PopStyleColor();
    const bool open = ImGui::IsItemClicked() || (ImGui::IsItemFocused() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)));
    if (ImGui::IsItemHovered() && writable) ImGui::SetTooltip("Cliquez pour modifier");
    if (open && writable) {
      panel.draft_key = key;
      panel.draft = text;
      panel.focus = true;
    }
    return false;
  }
  if (panel.focus) {
    ImGui::SetKeyboardFocusHere();
    panel.focus = false;
  }
  if (text_field_multiline(("##edit" + key).c_str(), &panel.draft, ImVec2(-1, height)))
    keep_draft(state, env, run_uuid, field, panel.draft);
  bool changed = false;
  if (ImGui::IsItemDeactivated() && panel.draft_key == key) {
    saved = panel.draft;
    changed = saved != shown;
    if (!changed) {
      panel.draft_key.clear();
      settle_draft(state, env, run_uuid, field);
    }
  }
  return changed;
}

// A field's text is saved after the frame (emit): once recorded, the field
// shows the stored text again, unless another field was opened meanwhile
// (the click that left this one), and its draft is no longer needed.
std::function<void(const ApplyResult&)> saved_then(UiState& state, FeedbackPanel& panel, const Environment& env,
                                                   const std::string& run_uuid, const std::string& field,
                                                   const std::string& key) {
  return [&state, &panel, env, run_uuid, field, key](const ApplyResult& r) {
    if (!r.ok) return;
    if (panel.draft_key == key) panel.draft_key.clear();
    settle_draft(state, env, run_uuid, field);
  };
}

const char* status_text(const RunRecord& run, const std::string& competency) {
  for (const auto& d : run.competency_decisions)
    if (d.competency_id == competency) return d.status == CompetencyStatus::Acquired ? "Acquise" : "Non acquise";
  return "Non décidée";
}

}  // namespace

std::string default_feedback_run(const SessionView& view) {
  const RunRecord* decided = nullptr;
  for (const auto& r : view.runs) {
    if (r.decision.decided == CcpOutcome::Undecided) continue;
    if (!r.feedback.empty() || !r.advice.empty()) return r.uuid;
    if (!decided) decided = &r;
  }
  return decided ? decided->uuid : std::string();
}

void feedback_screen(UiState& state, FeedbackPanel& panel, const Environment& env) {
  const RunView view = find_run(state, env);
  const RunRecord* run = view.run;
  const CandidateRecord* cand = view.candidate;
  if (!run || !cand || !state.view.session) {
    ImGui::TextWrapped("Aucune épreuve délibérée n’est ouverte. Ouvrez la délibération d’un candidat depuis la "
                       "liste des candidats.");
    if (ImGui::Button("← Retour à la session")) state.screen = Screen::Session;
    return;
  }
  title_line(env.fonts, "Retour écrit — " + cand->data.first_name + " " + cand->data.last_name,
             {{"n° " + cand->data.number + "  ·  " + run->ccp, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled)}});
  const ImGuiStyle& style = ImGui::GetStyle();
  switch (right_buttons({"Imprimer la fiche", "Délibération", "← Session"}, {!env.services.write_feedback_sheet})) {
    case 0: {
      ImportOutcome o = env.services.write_feedback_sheet(state.session_uuid, cand->uuid);
      state.notice = Notice{o.summary, !o.ok, env.clock.now_ms()};
      break;
    }
    case 1: state.screen = Screen::Deliberation; break;
    case 2: state.screen = Screen::Session; break;
    default: break;
  }

  if (std::string why = feedback_refusal(state.view.session->kind, *run); !why.empty()) {
    text_coloured(colour::error, why.c_str());
    return;
  }
  const Grid* grid = env.store.find_grid(run->grid_id, run->grid_version);
  if (!grid) {
    ImGui::TextColored(colour::error, "La grille %s version %s n’est pas chargée.", run->grid_id.c_str(),
                       run->grid_version.c_str());
    return;
  }
  const bool writable = env.read_only_reason.empty();
  text_coloured(colour::muted, "Résultat indicatif\u00A0: " + std::string(french_label(run->decision.decided)) +
                                   ". Le texte proposé vient des notes et des observations du jury\u00A0; "
                                   "modifiez-le librement, il est enregistré en quittant chaque champ.");

  const std::vector<CompetencyFeedback> drafts = draft_feedback(*grid, state.view.jury, *run);
  const float em = ImGui::GetFontSize();
  const float side = std::max(em * 22, ImGui::GetContentRegionAvail().x * 0.32f);
  ImGui::BeginChild("##competencies", ImVec2(ImGui::GetContentRegionAvail().x - side - style.ItemSpacing.x, 0), true);
  for (std::size_t k = 0; k < grid->competencies.size(); ++k) {
    const Competency& comp = grid->competencies[k];
    const FeedbackRecord* f = stored(*run, comp.id);
    const std::string strengths = f ? f->strengths : drafts[k].strengths;
    const std::string improvements = f ? f->improvements : drafts[k].improvements;
    ImGui::PushID(comp.id.c_str());
    ImGui::PushFont(env.fonts.heading);
    ImGui::TextWrapped("%s — %s", comp.id.c_str(), comp.title.c_str());
    ImGui::PopFont();
    const char* status = status_text(*run, comp.id);
    ImGui::TextColored(std::string_view(status) == "Acquise" ? colour::ok : colour::error, "Compétence %s",
                       std::string_view(status) == "Acquise" ? "acquise" : "non acquise");
    if (!f) {
      ImGui::SameLine();
      text_muted("(retour proposé d’après les notes, à relire)");
    }
    const float half = (ImGui::GetContentRegionAvail().x - style.ItemSpacing.x) * 0.5f;
    const float height = ImGui::GetTextLineHeight() * 5.6f;
    // One of the competency's two texts; saving it keeps the other as shown.
    auto column = [&](const char* label, const char* part, const std::string& text, bool is_strengths) {
      ImGui::BeginGroup();
      ui::text(label);
      ImGui::BeginChild((std::string("##") + part).c_str(), ImVec2(half, height), false, ImGuiWindowFlags_NoScrollbar);
      std::string saved;
      const std::string field =
          is_strengths ? draft_field::feedback_strengths(comp.id) : draft_field::feedback_improvements(comp.id);
      if (edited_field(state, panel, env, run->uuid, field, run->uuid + "|" + comp.id + "|" + part, text, height, writable,
                       saved)) {
        const action::SetFeedback a{run->uuid, comp.id, is_strengths ? saved : strengths,
                                    is_strengths ? improvements : saved};
        emit(state, a, std::string(label) + " de " + comp.id + " enregistrés.",
             saved_then(state, panel, env, run->uuid, field, run->uuid + "|" + comp.id + "|" + part));
      }
      ImGui::EndChild();
      ImGui::EndGroup();
    };
    column("Points forts", "s", strengths, true);
    ImGui::SameLine();
    column("Axes de progrès", "i", improvements, false);
    ImGui::Spacing();
    ImGui::PopID();
  }
  ImGui::EndChild();

  ImGui::SameLine();
  ImGui::BeginChild("##side", ImVec2(0, 0), true);
  heading(env.fonts, "Gestion du temps");
  if (const ExamPlan* plan = env.store.find_plan(run->plan_id, run->plan_version))
    for (const auto& sentence : timing_sentences(*plan, run->events, run->finished_at.value_or(env.clock.now_ms())))
      text_wrapped(sentence.c_str());
  ImGui::Spacing();
  heading(env.fonts, "Conseil général");
  std::string saved;
  const std::string advice_field(draft_field::kAdvice);
  if (edited_field(state, panel, env, run->uuid, advice_field, run->uuid + "||advice", run->advice,
                   std::max(ImGui::GetTextLineHeight() * 4, ImGui::GetContentRegionAvail().y - style.ItemSpacing.y),
                   writable, saved))
    emit(state, action::SetFeedbackAdvice{run->uuid, saved}, "Conseil général enregistré.",
         saved_then(state, panel, env, run->uuid, advice_field, run->uuid + "||advice"));
  ImGui::EndChild();
}

}  // namespace jurymn::ui
