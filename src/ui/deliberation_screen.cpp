// SPDX-License-Identifier: EUPL-1.2
// Délibération: per competency, both members' ratings side by side with
// their disagreements, what the ratings propose and the jury's decision;
// then the CCP, its justification, each member's confirmation and the lock.
// The rules live in core/deliberation.h; this screen shows them and emits
// actions.
#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <utility>

#include "core/audit_payloads.h"
#include "core/deliberation.h"
#include "core/draft_choices.h"
#include "core/text.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace jurymn::ui {

void ask_confirmation(DeliberationPanel& p, const std::string& member_uuid) { p.confirming = member_uuid; }
void ask_reopen(DeliberationPanel& p) { p.reopen_open = true; }

namespace {

const ImVec4 kDisagreement{0.80f, 0.42f, 0.00f, 1.0f};  // orange: look here first
const ImU32 kDisagreementRow = IM_COL32(255, 214, 153, 150);

ImVec4 status_colour(CompetencyStatus s) {
  switch (s) {
    case CompetencyStatus::Acquired: return colour::ok;
    case CompetencyStatus::NotAcquired: return colour::error;
    case CompetencyStatus::Undecided: break;
  }
  return colour::muted;
}

ImVec4 outcome_colour(CcpOutcome o) {
  switch (o) {
    case CcpOutcome::Obtained: return colour::ok;
    case CcpOutcome::NotObtained: return colour::error;
    case CcpOutcome::Undecided: break;
  }
  return colour::muted;
}

// The table holds string literals: .data() ends with a NUL.
const char* short_label(CompetencyStatus s) { return words_of(kCompetencyStatusWords, s).short_label.data(); }

// One member's proposal for a competency: « Acquise · 4/5 », « À finir · 2/5 ».
std::string member_cell(const CompetencyProposal& p, std::size_t criteria) {
  const int rated = static_cast<int>(criteria) - p.unrated;
  const std::string count = std::to_string(rated) + "/" + std::to_string(criteria);
  if (p.status == CompetencyStatus::Undecided) return rated == 0 ? "Pas noté" : "À finir · " + count;
  return std::string(short_label(p.status)) + " · " + std::to_string(p.acquired) + "/" +
         std::to_string(p.acquired + p.not_acquired);
}

std::string level_label(const Grid& grid, const std::string& id) {
  if (id.empty()) return "—";
  const RatingLevel* l = grid.level(id);
  return l ? l->label : id;
}

std::string first_name(const std::string& name) { return name.substr(0, name.find(' ')); }

// A toggle that looks pressed when chosen.
bool choice_button(const char* label, bool chosen, const ImVec4& colour, float width = 0) {
  if (chosen) {
    ImGui::PushStyleColor(ImGuiCol_Button, colour);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, colour);
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  }
  bool pressed = ImGui::Button(label, ImVec2(width, 0));
  if (chosen) ImGui::PopStyleColor(3);
  return pressed;
}

struct Context {
  UiState& state;
  DeliberationPanel& panel;  // this screen's own state
  const Environment& env;
  const RunRecord& run;
  const Grid& grid;
  const Deliberation& review;
  bool writable;
};

// Asks for the jury's decision on one competency, recorded after this
// frame; the CCP decision that rested on the old one is cleared by the
// store, and the screen says why. `done` follows with the outcome.
void decide_competency(const Context& c, const std::string& competency, CompetencyStatus next, const std::string& reason,
                       std::function<void(const ApplyResult&)> done = {}) {
  const bool had_decision = c.run.decision.decided != CcpOutcome::Undecided;
  emit(c.state, action::DecideCompetency{c.run.uuid, competency, next, reason},
       competency + "\u00A0: " + std::string(french_label(next)) + ".",
       [&panel = c.panel, had_decision, run = c.run.uuid, competency, done = std::move(done)](const ApplyResult& r) {
         if (r.ok && had_decision) {
           panel.stale_run = run;
           panel.stale_note = "Décision du CCP à reprendre\u00A0: " + competency + " a changé.";
         }
         if (done) done(r);
       });
}

// « Accepter les propositions »: every competency the marks propose a
// status for, and that the jury has not decided so, takes it, in one
// change; each stays shown, and changeable, in the table.
std::vector<Action> accept_proposals(const Context& c) {
  std::vector<Action> out;
  for (const auto& cr : c.review.competencies)
    if (cr.proposed != CompetencyStatus::Undecided && cr.decided != cr.proposed)
      out.push_back(action::DecideCompetency{c.run.uuid, cr.competency->id, cr.proposed, {}});
  return out;
}

void accept_proposals_button(const Context& c) {
  const std::vector<Action> actions = accept_proposals(c);
  ImGui::BeginDisabled(!c.writable || c.run.decision.locked() || actions.empty());
  const std::string label = "Accepter les propositions (" + std::to_string(actions.size()) + ")";
  if (ImGui::Button(actions.empty() ? "Accepter les propositions" : label.c_str())) {
    const bool had_decision = c.run.decision.decided != CcpOutcome::Undecided;
    emit_together(c.state, actions,
                  std::to_string(actions.size()) + (actions.size() > 1 ? " compétences décidées" : " compétence décidée") +
                      " comme les notes le proposent.",
                  [&panel = c.panel, had_decision, run = c.run.uuid](const ApplyResult& r) {
                    if (!r.ok || !had_decision) return;
                    panel.stale_run = run;
                    panel.stale_note = "Décision du CCP à reprendre\u00A0: des compétences ont changé.";
                  });
  }
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("Chaque compétence que les notes des membres proposent «\u00A0acquise\u00A0» ou «\u00A0non "
                      "acquise\u00A0» est décidée ainsi\u00A0; chaque décision reste modifiable dans le tableau.");
}

// A competency decided against its proposal: the jury writes why first.
void departure_popup(const Context& c) {
  auto& p = c.panel;
  const char* id = "Décision contraire aux notes";
  // Decided between frames (below): closed before it draws again, empty.
  if (p.departing_competency.empty()) close_dialog(id);
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 30, 0));
  Dialog dialog(id, !p.departing_competency.empty(), ImGuiWindowFlags_NoResize);
  if (!dialog) return;
  auto close = [&] {
    p.departing_competency.clear();
    p.departing_reason.clear();
    p.departing_error.clear();
    dialog.close();
  };
  const CompetencyReview* cr = nullptr;
  for (const auto& x : c.review.competencies)
    if (x.competency->id == p.departing_competency) cr = &x;
  if (!cr) return close();
  // Both sides are decided here: the popup opens only against a proposal.
  const auto word = [](CompetencyStatus s) { return words_of(kCompetencyStatusWords, s).word; };
  text_wrapped(cr->competency->id + "\u00A0: les notes des membres proposent " + guillemets(word(cr->proposed)) +
               ". Pour la décider " + guillemets(word(p.departing_status)) +
               ", écrivez pourquoi\u00A0: le motif figure au procès-verbal.");
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(-1);
  const bool enter = ImGui::InputTextWithHint("##departure", "Motif (obligatoire)", &p.departing_reason,
                                              ImGuiInputTextFlags_EnterReturnsTrue);
  if (!p.departing_error.empty()) text_coloured(colour::error, p.departing_error);
  const bool has_reason = !trimmed(p.departing_reason).empty();
  ImGui::BeginDisabled(!has_reason);
  const bool go = ImGui::Button(("Décider " + guillemets(word(p.departing_status))).c_str()) ||
                  ((enter || dialog.validated()) && has_reason);
  ImGui::EndDisabled();
  // Recorded after this frame: then the dialog closes (its competency
  // cleared), or says why not.
  if (go)
    decide_competency(c, cr->competency->id, p.departing_status, p.departing_reason, [&p](const ApplyResult& r) {
      if (!r.ok) {
        p.departing_error = r.error;
        return;
      }
      p.departing_competency.clear();
      p.departing_reason.clear();
      p.departing_error.clear();
    });
  ImGui::SameLine();
  if (dialog.cancel_button()) close();
}

void competency_table(const Context& c) {
  const auto& jury = c.state.view.jury;
  const float em = ImGui::GetFontSize();
  const int columns = 4 + static_cast<int>(jury.size());
  const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg;
  if (!ImGui::BeginTable("competencies", columns, flags, ImGui::GetContentRegionAvail())) return;
  // Each row's top as drawn: their differences are the rows' heights (the
  // header's, frozen, measured as if the table were not scrolled).
  std::vector<float> tops;
  const auto next_row = [&tops](ImGuiTableRowFlags row_flags = 0) {
    if (row_flags) headers_row();
    else ImGui::TableNextRow();
    tops.push_back(ImGui::GetCurrentTable()->RowPosY1);
  };
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Compétence et critères", ImGuiTableColumnFlags_WidthStretch);
  for (const auto& m : jury) ImGui::TableSetupColumn(m.name.c_str(), ImGuiTableColumnFlags_WidthFixed, em * 7.5f);
  ImGui::TableSetupColumn("Désaccords", ImGuiTableColumnFlags_WidthFixed, em * 6.0f);
  ImGui::TableSetupColumn("Proposition", ImGuiTableColumnFlags_WidthFixed, em * 7.0f);
  ImGui::TableSetupColumn("Décision du jury", ImGuiTableColumnFlags_WidthFixed, em * 12.0f);
  next_row(ImGuiTableRowFlags_Headers);

  for (const auto& cr : c.review.competencies) {
    const Competency& comp = *cr.competency;
    ImGui::PushID(comp.id.c_str());
    next_row();
    if (cr.disagreements > 0) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, kDisagreementRow);
    ImGui::TableNextColumn();
    // Competencies where the members disagree open on their criteria.
    ImGui::SetNextItemOpen(cr.disagreements > 0, ImGuiCond_Once);
    const ImVec2 node_at = ImGui::GetCursorScreenPos();
    const bool open = ImGui::TreeNodeEx("##criteria", ImGuiTreeNodeFlags_SpanFullWidth, "%s", comp.id.c_str());
    // The title beside its id (a line less per competency: more of them in
    // view at large text sizes), or under it when the column is narrow. The
    // node spans the cell, so its label's end is measured, not its rect's.
    const float title_x = node_at.x + ImGui::GetTreeNodeToLabelSpacing() + ImGui::CalcTextSize(comp.id.c_str()).x +
                          ImGui::GetStyle().ItemSpacing.x;
    if (title_x + em * 9 <= ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x) {
      ImGui::SameLine();
      ImGui::SetCursorScreenPos(ImVec2(title_x, node_at.y));
    }
    text_wrapped(comp.title.c_str());
    for (const auto& p : cr.by_member) {
      ImGui::TableNextColumn();
      text_coloured(status_colour(p.status), member_cell(p, comp.criteria.size()).c_str());
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%d critère(s) acquis, %d non acquis, %d non observé(s), %d à noter", p.acquired,
                          p.not_acquired, p.not_observed, p.unrated);
    }
    ImGui::TableNextColumn();
    if (cr.disagreements > 0)
      ImGui::TextColored(kDisagreement, "≠ %d critère%s", cr.disagreements, cr.disagreements > 1 ? "s" : "");
    else
      text_muted("aucun");
    ImGui::TableNextColumn();
    if (cr.members_split) ImGui::TextColored(kDisagreement, "À trancher");
    else text_coloured(status_colour(cr.proposed), short_label(cr.proposed));
    ImGui::TableNextColumn();
    ImGui::BeginDisabled(!c.writable || c.run.decision.locked());
    for (CompetencyStatus s : {CompetencyStatus::Acquired, CompetencyStatus::NotAcquired}) {
      if (s == CompetencyStatus::NotAcquired) ImGui::SameLine();
      // A click on the chosen status withdraws it.
      if (choice_button(short_label(s), cr.decided == s, status_colour(s))) {
        const CompetencyStatus next = cr.decided == s ? CompetencyStatus::Undecided : s;
        if (!competency_decision_refusal(cr, next, {}, c.review.rules).empty()) {
          // Against the marks: the reason first, in the dialog.
          auto& p = c.panel;
          p.departing_competency = comp.id;
          p.departing_status = next;
          p.departing_reason.clear();
          p.departing_error.clear();
        } else {
          decide_competency(c, comp.id, next, {});
        }
      }
    }
    ImGui::EndDisabled();
    // Decided against the marks: why, under the decision (the PV prints it).
    if (cr.departs) {
      ImGui::PushTextWrapPos(0);
      if (trimmed(cr.reason).empty()) text_coloured(colour::error, "Contre la proposition, sans motif\u00A0: décidez à nouveau.");
      else text_coloured(colour::muted, "Motif\u00A0: " + cr.reason);
      ImGui::PopTextWrapPos();
    }

    if (open) {
      for (const auto& crit : cr.criteria) {
        next_row();
        if (crit.disagreement) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, kDisagreementRow);
        ImGui::TableNextColumn();
        ImGui::Indent(em * 1.2f);
        text_wrapped(crit.criterion->text.c_str());
        ImGui::Unindent(em * 1.2f);
        for (const auto& level : crit.levels) {
          ImGui::TableNextColumn();
          const RatingLevel* l = c.grid.level(level);
          const ImVec4 col = !l ? colour::muted : !l->evidence ? colour::muted : l->acquired ? colour::ok : colour::error;
          text_coloured(col, level_label(c.grid, level).c_str());
        }
        ImGui::TableNextColumn();
        if (crit.disagreement) ImGui::TextColored(kDisagreement, "≠ désaccord");
        ImGui::TableNextColumn();
        ImGui::TableNextColumn();
      }
      // Each member's observations on the competency, under its criteria.
      for (const auto& m : jury)
        for (const auto& o : c.run.observations)
          if (o.member_uuid == m.uuid && o.competency_id == comp.id && !o.text.empty()) {
            next_row();
            ImGui::TableNextColumn();
            ImGui::Indent(em * 1.2f);
            ImGui::PushStyleColor(ImGuiCol_Text, colour::muted);
            ImGui::TextWrapped("%s\u00A0: «\u00A0%s\u00A0»", first_name(m.name).c_str(), o.text.c_str());
            ImGui::PopStyleColor();
            ImGui::Unindent(em * 1.2f);
            for (int i = 1; i < columns; ++i) ImGui::TableNextColumn();
          }
      ImGui::TreePop();
    }
    ImGui::PopID();
  }
  // The last row ends where its cells' content did.
  ImGuiTable* table = ImGui::GetCurrentTable();
  const float end = ImGui::GetCurrentWindow()->DC.CursorMaxPos.y + table->CellPaddingY;
  const float scrolled = ImGui::GetScrollY();
  ImGui::EndTable();
  auto& heights = c.panel.row_heights;
  heights.clear();
  for (std::size_t i = 0; i < tops.size(); ++i) {
    const float bottom = i + 1 < tops.size() ? tops[i + 1] : end;
    heights.push_back(bottom - tops[i] + (i == 0 ? scrolled : 0.0f));
  }
}

std::string names_of(const std::vector<JuryMemberRecord>& jury, const std::vector<std::string>& uuids) {
  std::string out;
  for (std::size_t i = 0; i < uuids.size(); ++i) {
    std::string name = uuids[i];
    for (const auto& m : jury)
      if (m.uuid == uuids[i]) name = m.name;
    out += (i == 0 ? "" : i + 1 == uuids.size() ? " et " : ", ") + name;
  }
  return out;
}

void reopen_popup(const Context& c) {
  auto& p = c.panel;
  // A reason being typed when jurymn stopped: the popup opens again with it.
  if (const DraftRecord* d = recovered_draft(c.state, c.run.uuid, std::string(draft_field::kReopenReason));
      d && p.reopen_reason.empty() && !ImGui::IsPopupOpen("Rouvrir le résultat")) {
    p.reopen_reason = d->text;
    p.reopen_open = true;
  }
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 30, 0));
  // The flag asks once: the popup stays open until answered.
  // Reopened between frames (below): closed before it draws again.
  if (p.reopen_done) close_dialog("Rouvrir le résultat");
  p.reopen_done = false;
  Dialog dialog("Rouvrir le résultat", p.reopen_open, ImGuiWindowFlags_NoResize);
  p.reopen_open = false;
  if (!dialog) return;
  ImGui::TextWrapped("Le résultat verrouillé redevient modifiable et les confirmations sont effacées. Le motif reste "
                     "au dossier, avec la date et l’heure.");
  // Who reopens, as the PV and the audit screen will say it.
  std::string by(kJuryAuthor);
  for (const auto& m : c.state.view.jury)
    if (m.uuid == p.reopen_member) by = m.name;
  ImGui::AlignTextToFramePadding();
  text("Rouvert par\u00A0:");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-FLT_MIN);  // a member's long name, whole
  if (ImGui::BeginCombo("##reopen_by", by.c_str())) {
    if (ImGui::Selectable(std::string(kJuryAuthor).c_str(), p.reopen_member.empty())) p.reopen_member.clear();
    for (const auto& m : c.state.view.jury)
      if (ImGui::Selectable(m.name.c_str(), p.reopen_member == m.uuid)) p.reopen_member = m.uuid;
    ImGui::EndCombo();
  }
  text("Motif de la réouverture\u00A0:");
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  const std::string reopen_field(draft_field::kReopenReason);
  if (text_field_multiline("##reason", &p.reopen_reason, ImVec2(-1, ImGui::GetTextLineHeight() * 3)))
    keep_draft(c.state, c.env, c.run.uuid, reopen_field, p.reopen_reason);
  const bool ctrl_enter = left_with_ctrl_enter();
  if (const DraftRecord* d = recovered_draft(c.state, c.run.uuid, reopen_field); d && d->text == p.reopen_reason)
    recovered_mark(c.state, *d);
  // An official session: the PIN of who reopens, or the president's for
  // the jury; the store refuses any other.
  const JuryMemberRecord* signer = nullptr;
  if (c.state.view.session && c.state.view.session->kind == SessionKind::Official)
    for (const auto& m : c.state.view.jury)
      if (p.reopen_member.empty() ? m.role == JuryRole::President : m.uuid == p.reopen_member) signer = &m;
  bool pin_enter = false;
  if (signer && signer->pin) {
    // For the jury, the president's: named as the member chose (« Présidente »).
    text(p.reopen_member.empty() ? "Code de " + signer->name + " (" + label(*signer) + ")\u00A0:"
                                 : "Code de " + signer->name + "\u00A0:");
    ImGui::SetNextItemWidth(-1);
    pin_enter = ImGui::InputTextWithHint("##reopen_pin", "Code personnel", &p.pin,
                                         ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
  }
  if (!p.pin_error.empty()) text_coloured(colour::error, p.pin_error);
  if (ImGui::Button("Rouvrir") || ctrl_enter || pin_enter || dialog.validated()) {
    std::optional<MemberKey> key;
    p.pin_error.clear();
    if (signer && signer->pin && !p.pin.empty()) {
      try {
        key = c.state.member_keys.unlock(signer->uuid, *signer->pin, p.pin);
      } catch (const std::exception& e) {
        p.pin_error = e.what();
      }
      if (!key && p.pin_error.empty()) p.pin_error = "Code incorrect\u00A0: rien n’est rouvert.";
    }
    p.pin.clear();
    // Reopened after this frame, the key moved into the action (it lives
    // no longer than the action): then the dialog closes, or says why not.
    if (p.pin_error.empty())
      emit(c.state, action::ReopenDecision{c.run.uuid, p.reopen_reason, p.reopen_member, std::move(key)},
           "Résultat rouvert\u00A0; le motif est au dossier.",
           [&p, &state = c.state, env = c.env, run = c.run.uuid, reopen_field](const ApplyResult& r) {
             if (!r.ok) {
               p.pin_error = r.error;
               return;
             }
             settle_draft(state, env, run, reopen_field);
             p.reopen_reason.clear();
             p.reopen_member.clear();
             p.reopen_done = true;
           });
  }
  ImGui::SameLine();
  if (dialog.cancel_button()) {
    p.pin.clear();
    p.pin_error.clear();
    settle_draft(c.state, c.env, c.run.uuid, reopen_field);  // given up: nothing to keep
  }
}

void confirm_popup(const Context& c) {
  auto& p = c.panel;
  const JuryMemberRecord* who = nullptr;
  for (const auto& m : c.state.view.jury)
    if (m.uuid == p.confirming) who = &m;
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 30, 0));
  // Confirmed between frames (below), its member cleared: closed before it draws again.
  if (!who) close_dialog("Confirmer la décision");
  Dialog dialog("Confirmer la décision", who != nullptr, ImGuiWindowFlags_NoResize);
  if (!dialog) return;
  if (!who) return dialog.close();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 29);
  ImGui::TextWrapped("%s, vous confirmez la décision «\u00A0%s\u00A0» pour ce candidat.", who->name.c_str(),
                     std::string(french_label(c.run.decision.decided)).c_str());
  text_muted("Quand chaque membre du jury a confirmé, le résultat est verrouillé.");
  ImGui::PopTextWrapPos();
  // The member's PIN: its key signs the confirmation.
  bool enter = false;
  if (who->pin) {
    text("Code de " + who->name + "\u00A0:");
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(-1);
    enter = ImGui::InputTextWithHint("##pin", "Code personnel", &p.pin,
                                     ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    if (!p.pin_error.empty()) text_coloured(colour::error, p.pin_error);
  }
  auto close = [&] {
    p.confirming.clear();
    p.pin.clear();
    p.pin_error.clear();
    dialog.close();
  };
  // The member's name in full on the button; « Annuler » goes below when
  // both do not fit on one line.
  if (ImGui::Button(("Je confirme — " + who->name).c_str()) || enter || dialog.validated()) {
    std::optional<MemberKey> key;
    if (who->pin) {
      try {
        key = c.state.member_keys.unlock(who->uuid, *who->pin, p.pin);
      } catch (const std::exception& e) {
        p.pin_error = e.what();
      }
      p.pin.clear();
      if (!key && p.pin_error.empty()) p.pin_error = "Code incorrect\u00A0: la confirmation n’est pas enregistrée.";
    }
    // Recorded after this frame, the key moved into the action (it lives no
    // longer than the action): then the dialog closes (its member cleared),
    // or says why not.
    if (key || !who->pin)
      emit(c.state, action::ConfirmDecision{c.run.uuid, who->uuid, std::move(key)},
           who->name + " a confirmé la décision.", [&p](const ApplyResult& r) {
             if (r.ok || r.not_written) {
               p.confirming.clear();
               p.pin.clear();
               p.pin_error.clear();
             } else {
               p.pin_error = r.error;
             }
           });
  }
  same_line_if_fits(ImGui::CalcTextSize("Annuler").x + 2 * ImGui::GetStyle().FramePadding.x);
  if (dialog.cancel_button()) close();
}

void ccp_panel(const Context& c) {
  auto& p = c.panel;
  const CcpDecisionRecord& dec = c.run.decision;
  const DecisionRule& rule = c.grid.decision_rule;
  // The draft follows the stored decision whenever that changes.
  const std::string key = c.run.uuid + "|" + std::to_string(dec.decided_at.value_or(0));
  if (p.loaded_for != key) {
    p.loaded_for = key;
    p.outcome = dec.decided;
    p.justification = dec.justification;
    if (const DraftRecord* d = recovered_draft(c.state, c.run.uuid, std::string(draft_field::kJustification)))
      p.justification = d->text;
    // The outcome clicked and not yet recorded, left by a crash.
    if (const DraftRecord* d = recovered_draft(c.state, c.run.uuid, std::string(draft_field::kCcpOutcome)))
      p.outcome = ccp_outcome_from_id(d->text).value_or(p.outcome);
  }
  // A click on an outcome is kept at once, as a draft, until it is recorded.
  const auto choose = [&](CcpOutcome o) {
    p.outcome = o;
    p.focus_justification = true;
    const std::string field(draft_field::kCcpOutcome);
    if (o == dec.decided) settle_draft(c.state, c.env, c.run.uuid, field);
    else if (c.env.read_only_reason.empty())
      c.state.drafts.error = c.env.store.save_draft(c.run.uuid, field, to_id(o));
  };
  const std::string justification_field(draft_field::kJustification);
  const float em = ImGui::GetFontSize();
  ImGui::BeginChild("##ccp", ImVec2(ImGui::GetContentRegionAvail().x * 0.62f, 0), true,
                    ImGuiWindowFlags_NoScrollbar);
  ImGui::PushFont(c.env.fonts.heading);
  ImGui::Text("Décision sur le %s", c.run.ccp.c_str());
  ImGui::PopFont();
  // Every line this panel saves leaves the table a row more: the grid's
  // proposal beside the heading when it fits.
  const std::string proposal_label = "Proposition de la grille\u00A0:";
  same_line_if_fits(ImGui::CalcTextSize(proposal_label.c_str()).x);
  text(proposal_label);
  const std::string proposed(french_label(c.review.proposed));
  same_line_if_fits(ImGui::CalcTextSize(proposed.c_str()).x);
  text_coloured(outcome_colour(c.review.proposed), proposed);
  if (!c.review.all_decided()) {
    const std::string count = "(" + std::to_string(c.review.decided_count) + " compétence" +
                              (c.review.decided_count > 1 ? "s" : "") + " sur " +
                              std::to_string(c.review.competencies.size()) + " décidée" +
                              (c.review.decided_count > 1 ? "s" : "") + ")";
    // Only where it fits: « Enregistrer la décision » names the competencies
    // left, and a line more here is a table row less.
    if (same_line_if_fits(ImGui::CalcTextSize(count.c_str()).x)) text_muted(count);
  }
  if (p.stale_run == c.run.uuid && dec.decided == CcpOutcome::Undecided && !p.stale_note.empty())
    text_coloured(colour::error, p.stale_note.c_str());
  const bool locked = dec.locked();
  ImGui::BeginDisabled(!c.writable || locked);
  // After a choice the keyboard goes to the justification: type, Ctrl+Enter.
  if (choice_button("CCP obtenu", p.outcome == CcpOutcome::Obtained, colour::ok, em * 8)) choose(CcpOutcome::Obtained);
  ImGui::SameLine();
  if (choice_button("CCP non obtenu", p.outcome == CcpOutcome::NotObtained, colour::error, em * 8))
    choose(CcpOutcome::NotObtained);
  const std::string needed =
      p.outcome == CcpOutcome::Undecided ? std::string() : justification_reason(rule, c.review.proposed, p.outcome);
  // Once written, the requirement is met: no alarm left on screen.
  const bool written = p.justification.find_first_not_of(" \t\r\n") != std::string::npos;
  const std::string justification_label = !needed.empty() && !written ? "Justification écrite requise\u00A0: " + needed + "."
                                          : !needed.empty() ? "Justification (requise\u00A0: " + needed + ")\u00A0:"
                                                            : "Justification (facultative)\u00A0:";
  // Beside the outcome buttons when it fits: a line less.
  same_line_if_fits(ImGui::CalcTextSize(justification_label.c_str()).x);
  text_coloured(!needed.empty() && !written ? kDisagreement : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled),
                justification_label);
  if (const DraftRecord* d = recovered_draft(c.state, c.run.uuid, justification_field);
      d && p.justification == d->text && d->text != dec.justification)
    recovered_mark(c.state, *d);
  if (p.focus_justification && c.writable && !locked) ImGui::SetKeyboardFocusHere();
  p.focus_justification = false;
  const float smallest_field = ImGui::GetTextLineHeight() * 2.2f;
  const ImVec2 justification_size(-1, std::max(smallest_field,
                                               ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() -
                                                   ImGui::GetStyle().WindowPadding.y));
  bool justification_edited = false;
  bool ctrl_enter = false;
  if (locked) {
    // Read, not edited: wrapped (ImGui 1.86's multi-line field cannot wrap
    // and would cut a long justification at the panel's edge).
    ImGui::BeginChild("##justification_text", justification_size, true);
    if (p.justification.empty()) text_muted("Aucune justification écrite.");
    else text_wrapped(p.justification);
    ImGui::EndChild();
  } else {
    justification_edited = text_field_multiline("##justification", &p.justification, justification_size);
    ctrl_enter = left_with_ctrl_enter();
  }
  if (justification_edited) {
    // Typed back to what is recorded: nothing left to keep.
    if (p.justification == dec.justification) settle_draft(c.state, c.env, c.run.uuid, justification_field);
    else keep_draft(c.state, c.env, c.run.uuid, justification_field, p.justification);
  }
  const std::string refusal = ccp_decision_refusal(c.review, rule, p.outcome, p.justification);
  const bool unchanged = p.outcome == dec.decided && p.justification == dec.justification;
  ImGui::BeginDisabled(!refusal.empty() || unchanged);
  // Ctrl+Enter in the justification records it, as the button does.
  if ((ImGui::Button("Enregistrer la décision") ||
       (ctrl_enter && c.writable && !locked && refusal.empty() && !unchanged)))
    emit(c.state, action::DecideCcp{c.run.uuid, p.outcome, p.justification},
         std::string(french_label(p.outcome)) + "\u00A0: décision enregistrée, à confirmer par chaque membre.",
         [&state = c.state, env = c.env, run = c.run.uuid, justification_field](const ApplyResult& r) {
           if (r.ok) settle_draft(state, env, run, justification_field);
         });
  ImGui::EndDisabled();
  ImGui::EndDisabled();
  if (!locked && !refusal.empty()) {
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0);
    text_coloured(colour::muted, refusal.c_str());
    ImGui::PopTextWrapPos();
  } else if (!locked && unchanged && dec.decided != CcpOutcome::Undecided) {
    ImGui::SameLine();
    ImGui::TextColored(colour::ok, "✓ Enregistrée le %s à %s", french_date(iso_day(*dec.decided_at)).c_str(),
                       clock_time(*dec.decided_at).c_str());
  }
  // What this panel needs, its field at its smallest (lines wrap with the
  // text size and the width): the screen gives it that much next frame.
  const float panel_height = ImGui::GetCursorPosY() - (justification_size.y - smallest_field) +
                             ImGui::GetStyle().WindowPadding.y;
  ImGui::EndChild();
  if (std::abs(panel_height - p.panel_needed) > 0.5f) {
    p.panel_needed = panel_height;
    c.state.window.wake_by(c.env.clock.now_ms());  // laid out again at once
  }

  ImGui::SameLine();
  ImGui::BeginChild("##confirm", ImVec2(0, 0), true);
  ImGui::PushFont(c.env.fonts.heading);
  text(locked ? "Résultat verrouillé" : "Confirmation par le jury");
  ImGui::PopFont();
  if (locked) {
    text_coloured(outcome_colour(dec.decided), std::string(french_label(dec.decided)).c_str());
    ImGui::TextWrapped("Verrouillé le %s à %s, confirmé par %s.", french_date(iso_day(*dec.locked_at)).c_str(),
                       clock_time(*dec.locked_at).c_str(), names_of(c.state.view.jury, dec.confirmed_by).c_str());
    text_muted("Notes, observations et décisions ne changent plus.");
    ImGui::BeginDisabled(!c.writable);
    if (ImGui::Button("Rouvrir avec un motif…")) p.reopen_open = true;
    ImGui::EndDisabled();
  } else if (dec.decided == CcpOutcome::Undecided) {
    text_wrapped("Enregistrez d’abord la décision\u00A0; chaque membre du jury la confirme ensuite à son nom.");
  } else {
    ImGui::TextWrapped("Décision enregistrée\u00A0: %s. Chaque membre confirme à son nom\u00A0; le résultat est "
                       "alors verrouillé.",
                       std::string(french_label(dec.decided)).c_str());
    // A confirmation confirms the saved decision: not while another choice
    // is on screen unsaved.
    const std::string unsaved = unsaved_choice_refusal(dec, p.outcome, p.justification);
    if (!unsaved.empty()) {
      ImGui::PushTextWrapPos(0);
      ImGui::TextColored(kDisagreement, "%s", unsaved.c_str());
      ImGui::PopTextWrapPos();
    }
    for (const auto& m : c.state.view.jury) {
      const bool done = std::find(dec.confirmed_by.begin(), dec.confirmed_by.end(), m.uuid) != dec.confirmed_by.end();
      ImGui::PushID(m.uuid.c_str());
      if (done) {
        ImGui::TextColored(colour::ok, "✓ %s (%s) a confirmé", m.name.c_str(), label(m));
      } else {
        const std::string why =
            confirmation_refusal(c.review, c.grid.decision_rule, c.state.view.jury, m.uuid, c.state.view.session->kind);
        ImGui::BeginDisabled(!c.writable || !why.empty() || !unsaved.empty());
        if (ImGui::Button(confirm_label(dec, m.name).c_str())) c.panel.confirming = m.uuid;
        ImGui::EndDisabled();
        if (!why.empty()) {
          ImGui::PushTextWrapPos(0);
          text_coloured(colour::muted, why.c_str());
          ImGui::PopTextWrapPos();
        }
      }
      ImGui::PopID();
    }
  }
  for (const auto& r : dec.reopenings) {
    // Who reopened: the member named, else the jury (never the actor « ui »).
    std::string by(kJuryAuthor);
    for (const auto& m : c.state.view.jury)
      if (m.uuid == r.actor) by = m.name;
    ImGui::PushStyleColor(ImGuiCol_Text, colour::muted);
    ImGui::TextWrapped("Rouvert le %s à %s par %s\u00A0: %s", french_date(iso_day(r.at)).c_str(),
                       clock_time(r.at).c_str(), by.c_str(), r.reason.c_str());
    ImGui::PopStyleColor();
  }
  // What this panel needs: the decision bar is as tall as the taller of the two.
  const float confirm_height = ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y;
  ImGui::EndChild();
  if (std::abs(confirm_height - p.confirm_needed) > 0.5f) {
    p.confirm_needed = confirm_height;
    c.state.window.wake_by(c.env.clock.now_ms());
  }
}

}  // namespace

std::string default_deliberation_run(const SessionView& view, const Environment& env) {
  const RunRecord* latest_finished = nullptr;
  for (const auto& r : view.runs) {
    if (!r.finished_at) continue;
    if (!r.decision.locked()) return r.uuid;
    if (!latest_finished || *r.finished_at > *latest_finished->finished_at) latest_finished = &r;
  }
  return latest_finished ? latest_finished->uuid : default_run(view, env);
}

void deliberation_screen(UiState& state, DeliberationPanel& panel, const Environment& env) {
  const RunView view = find_run(state, env);
  const RunRecord* run = view.run;
  const CandidateRecord* cand = view.candidate;
  if (!run || !cand) {
    text_wrapped("Aucune épreuve ouverte. Ouvrez une épreuve terminée depuis la liste des candidats.");
    if (ImGui::Button("← Retour à la session")) state.screen = Screen::Session;
    return;
  }
  const Grid* grid = env.store.find_grid(run->grid_id, run->grid_version);
  if (!grid) {
    ImGui::TextColored(colour::error, "La grille %s version %s de cette épreuve n’est pas chargée\u00A0: la "
                       "délibération ne peut pas s’afficher.", run->grid_id.c_str(), run->grid_version.c_str());
    if (ImGui::Button("← Retour à la session")) state.screen = Screen::Session;
    return;
  }
  const Deliberation review = review_run(*grid, state.view.jury, *run);
  const Context c{state, panel, env, *run, *grid, review, env.read_only_reason.empty()};

  title_line(env.fonts, "Délibération — " + cand->data.first_name + " " + cand->data.last_name,
             {{"n° " + cand->data.number + "  ·  " + run->ccp + "  ·  grille " + grid->id + " version " + grid->version,
               ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled)}});
  // A mock jury writes its feedback once it has decided.
  const bool feedback = state.view.session->kind == SessionKind::Rehearsal && run->decision.decided != CcpOutcome::Undecided;
  std::vector<std::string> labels;
  if (feedback) labels.push_back("Retour écrit");
  labels.insert(labels.end(), {"Procès-verbal", "Grille", "← Épreuve"});
  std::vector<bool> disabled(labels.size(), false);
  disabled[feedback ? 1 : 0] = !env.services.write_proces_verbal;
  const int pressed = right_buttons(labels, disabled);
  const std::string chosen = pressed >= 0 ? labels[static_cast<std::size_t>(pressed)] : "";
  if (chosen == "Retour écrit") state.screen = Screen::Feedback;
  if (chosen == "Procès-verbal") {
    ImportOutcome o = env.services.write_proces_verbal(state.session_uuid);
    state.notice = Notice{o.summary, !o.ok, env.clock.now_ms()};
  }
  if (chosen == "Grille") state.screen = Screen::Marking;
  if (chosen == "← Épreuve") state.screen = Screen::Exam;

  if (!run->finished_at)
    ImGui::TextColored(colour::accent, "L’épreuve est en cours\u00A0: les compétences peuvent être décidées, la "
                                       "décision sur le CCP se prend après la dernière étape.");
  // Worded by the jury's size: one trainer alone has nobody to differ from.
  const std::string agreement = agreement_text(state.view.jury.size(), review.disagreements());
  accept_proposals_button(c);
  ImGui::SameLine();
  if (review.disagreements() > 0 && state.view.jury.size() > 1)
    text_coloured(kDisagreement, agreement);
  else
    text_muted(agreement);

  // The decision panels keep the bottom of the screen, whole, at every text
  // size: the decision buttons stay in reach (issue 28 item 5). The
  // competency table takes the rest, cut between two rows (it scrolls).
  const ImGuiStyle& st = ImGui::GetStyle();
  const auto& p = panel;
  const float estimate = env.fonts.heading->FontSize + 3 * ImGui::GetFrameHeightWithSpacing() +
                         2.2f * ImGui::GetTextLineHeight() + 2 * st.ItemSpacing.y + 2 * st.WindowPadding.y;
  const float bottom = p.panel_needed > 0 ? std::max(p.panel_needed, p.confirm_needed) : estimate;
  const float room = ImGui::GetContentRegionAvail().y;
  const float table_room = std::max(room - bottom - st.ItemSpacing.y, 0.0f);
  // Whole rows: the header and as many rows after it as fit, as last drawn
  // (at least the first, whatever it costs).
  float table_height = table_room;
  if (p.row_heights.size() > 1) {
    // The outer border above and below, and two pixels: less than where the
    // next row's first letters start (its cell and frame padding).
    constexpr float kBorders = 4;
    float h = kBorders + p.row_heights[0] + p.row_heights[1];
    for (std::size_t i = 2; i < p.row_heights.size() && h + p.row_heights[i] <= table_room; ++i) h += p.row_heights[i];
    table_height = std::min(h, table_room);
  }
  ImGui::BeginChild("##table", ImVec2(0, table_height), false);
  competency_table(c);
  ImGui::EndChild();
  departure_popup(c);
  ImGui::BeginChild("##decision", ImVec2(0, std::max(bottom, room - table_height - st.ItemSpacing.y)), false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ccp_panel(c);
  ImGui::EndChild();
  confirm_popup(c);
  reopen_popup(c);
}

}  // namespace jurymn::ui
