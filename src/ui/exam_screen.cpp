// SPDX-License-Identifier: EUPL-1.2
// Épreuve: one candidate's CCP, stage by stage, with the time in large
// digits, the draw of the session sheet, and what the jury needs in hand.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <functional>
#include <optional>

#include "core/sheet_draw.h"
#include "core/duration.h"
#include "core/local_time.h"
#include "core/draft_choices.h"
#include "core/text.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace jurymn::ui {

namespace {



ImVec4 warning_colour(WarningLevel w) {
  switch (w) {
    case WarningLevel::None: return ImVec4(0.08f, 0.08f, 0.10f, 1);
    case WarningLevel::First: return ImVec4(0.80f, 0.42f, 0.00f, 1);
    case WarningLevel::Last: return ImVec4(0.85f, 0.22f, 0.00f, 1);
    case WarningLevel::Overrun: return ImVec4(0.78f, 0.00f, 0.00f, 1);
  }
  return ImVec4(0, 0, 0, 1);
}

// Asks for `a` after this frame; `done` follows with whether it was recorded.
void act(UiState& state, const Environment&, Action a, const std::string& success,
         std::function<void(bool recorded)> done = {}) {
  emit(state, std::move(a), success, [done = std::move(done)](const ApplyResult& r) {
    if (done) done(r.ok);
  });
}

// A label centred on its line; wrapped (never cut) when it is too long.
void centered_text(const std::string& text, ImFont* font, ImVec4 colour) {
  ImGui::PushFont(font);
  const float w = ImGui::CalcTextSize(text.c_str()).x;
  const float room = ImGui::GetContentRegionAvail().x;
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  if (w <= room) {
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (room - w) * 0.5f);
    ImGui::TextUnformatted(text.c_str());
  } else {
    text_wrapped(text);
  }
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

// The digits, centred, at the largest size up to the font's that fits
// `room`: whatever the zoom or the window, a clock is never cut.
void fitted_digits(const std::string& digits, ImFont* font, ImVec4 colour, ImVec2 room) {
  ImGui::PushFont(font);
  const float k = fit_scale(digits, room);
  const ImVec2 full = ImGui::CalcTextSize(digits.c_str());
  const ImVec2 size(full.x * k, full.y * k);
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (ImGui::GetContentRegionAvail().x - size.x) * 0.5f));
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddText(font, ImGui::GetFontSize() * k, at, ImGui::GetColorU32(colour), digits.c_str());
  ImGui::Dummy(size);
  ImGui::PopFont();
}

// The big clock: remaining time of the stage under way, or the duration of
// the stage to come; red and counting up past zero. `digits_height`: the
// most the digits may take (0: the font's own size). The candidate sees no
// pause reason (`for_candidate`): only that the stage is paused.
void big_clock(const TimerStatus& st, const ExamPlan& plan, const Fonts& fonts, float digits_height = 0,
               bool for_candidate = false) {
  std::string label, digits;
  ImVec4 colour = warning_colour(st.warning);
  const bool active = st.state == TimerState::Running || st.state == TimerState::Paused;
  if (active) {
    label = plan.stages[static_cast<std::size_t>(st.stage_index)].label;
    digits = format_clock(st.remaining_ms);
  } else if (st.state == TimerState::Finished) {
    label = "Épreuve terminée";
    digits = format_clock(0);
    colour = colour::muted;
  } else {
    int next = st.next_stage_index >= 0 ? st.next_stage_index : 0;
    label = "À venir\u00A0: " + plan.stages[static_cast<std::size_t>(next)].label;
    digits = format_clock(plan.stages[static_cast<std::size_t>(next)].duration_ms);
    colour = colour::muted;
  }
  centered_text(label, fonts.heading, ImGui::GetStyle().Colors[ImGuiCol_Text]);
  const float most = digits_height > 0 ? digits_height : fonts.timer->FontSize;
  fitted_digits(digits, fonts.timer, colour, ImVec2(ImGui::GetContentRegionAvail().x, most));
  std::string detail;
  if (st.state == TimerState::Paused) {
    detail = for_candidate ? std::string("En pause")
                           : "EN PAUSE depuis " + format_clock(st.paused_for_ms, ClockRounding::CountUp) + " — " +
                                 st.pause_reason;
    colour = colour::rehearsal;
  } else if (st.warning == WarningLevel::Overrun) {
    detail = "Dépassement de " + format_clock(st.overrun_ms, ClockRounding::CountUp);
  } else if (st.warning == WarningLevel::First || st.warning == WarningLevel::Last) {
    detail = "Moins de " + duration_text(st.warning_threshold_ms) + " restante(s)";
  }
  if (!detail.empty()) centered_text(detail, fonts.heading, colour);
}

void timer_controls(UiState& state, ExamPanel& ex, const Environment& env, const RunView& v, const TimerStatus& st) {
  const auto& plan = *v.plan;
  const bool writable = env.read_only_reason.empty();
  const bool typing = ImGui::GetIO().WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
  // A read-only window offers nothing that writes: its keys do nothing
  // either (Space opened the pause dialog, which was then refused).
  const bool keys = writable && !typing;
  const bool space = keys && !ImGui::IsAnyItemFocused() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false);
  const bool ctrl_n = keys && ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed('N', false);
  const std::string& run = v.run->uuid;

  ImGui::BeginDisabled(!writable);
  if (st.state == TimerState::NotStarted || st.state == TimerState::BetweenStages) {
    int next = st.state == TimerState::NotStarted ? 0 : st.next_stage_index;
    const auto& stage = plan.stages[static_cast<std::size_t>(next)];
    std::string label = "Démarrer\u00A0: " + stage.label + "  (Espace)";
    if (ImGui::Button(label.c_str()) || space)
      act(state, env, action::RecordTimerEvent{run, TimerEventKind::Start, stage.id, 0, {}},
          "Étape " + guillemets(stage.label) + " démarrée.");
  } else if (st.state == TimerState::Running) {
    if (ImGui::Button("Pause…  (Espace)") || space) {
      ask_pause(ex, env.clock.now_ms());
      keep_pause_press(state, env, run, ex.pause_pressed_at);
    }
  } else if (st.state == TimerState::Paused) {
    if (ImGui::Button("Reprendre  (Espace)") || space)
      act(state, env, action::RecordTimerEvent{run, TimerEventKind::Resume, {}, 0, {}}, "Reprise.");
  }
  if (st.state == TimerState::Running || st.state == TimerState::Paused) {
    ImGui::SameLine();
    if (ImGui::Button("Prolonger…")) ask_extend(ex);
    if (st.next_stage_index >= 0) {
      // The long label starts a line of its own.
      const auto& next = plan.stages[static_cast<std::size_t>(st.next_stage_index)];
      std::string label = "Étape suivante\u00A0: " + next.label + "  (Ctrl+N)";
      if (ImGui::Button(label.c_str()) || ctrl_n) {
        // Before the planned end: the same confirmation as « Terminer l’étape… ».
        if (ends_stage_early(st)) {
          ask_end(ex, true);
        } else {
          act(state, env, action::RecordTimerEvent{run, TimerEventKind::Next, {}, 0, {}},
              "Étape " + guillemets(next.label) + " démarrée.");
        }
      }
    }
    const std::string end_label = end_action_label(st) + "…";
    same_line_if_fits(ImGui::CalcTextSize(end_label.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x);
    if (ImGui::Button(end_label.c_str())) ask_end(ex, false);
  }
  ImGui::EndDisabled();
}

void stages_table(const TimerStatus& st, const ExamPlan& plan) {
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  // The stage under way is scrolled into view when it changes (at 130 % on
  // a small screen it was below the panel's edge); the jury may scroll away.
  ImGuiStorage* seen = ImGui::GetStateStorage();
  const ImGuiID seen_key = ImGui::GetID("##stage_in_view");
  if (!ImGui::BeginTable("stages", 3, flags)) return;
  float em = ImGui::GetFontSize();
  ImGui::TableSetupColumn("Étape", ImGuiTableColumnFlags_WidthStretch);
  // Room for a prolonged stage, « 35 min + 5 min » (a longer one wraps),
  // taken from « Réel », which needs its digits only: the stage's name keeps
  // room for its longest word at 130 %.
  ImGui::TableSetupColumn("Prévu", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("35 min + 5\u00A0min").x);
  ImGui::TableSetupColumn("Réel", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("1:00:00").x + em * 0.5f);
  headers_row();
  for (std::size_t i = 0; i < plan.stages.size(); ++i) {
    const auto& stage = plan.stages[i];
    const auto& rec = st.stages[i];
    const bool current = static_cast<int>(i) == st.stage_index &&
                         (st.state == TimerState::Running || st.state == TimerState::Paused);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (current) {
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, ImGui::GetColorU32(ImVec4(0.80f, 0.88f, 1.0f, 1)));
      if (seen->GetInt(seen_key, -1) != st.stage_index) {
        seen->SetInt(seen_key, st.stage_index);
        ImGui::SetScrollHereY(0.8f);
      }
    }
    std::string mark = rec.ended() ? "✓ " : current ? "▶ " : "   ";
    const std::string label = mark + stage.label;
    // « (sans le jury) » after a label on one line, or under a wrapped one:
    // placed after a wrapped block it ran past the cell's edge.
    const bool one_line = ImGui::CalcTextSize(label.c_str()).x <= ImGui::GetContentRegionAvail().x;
    text_wrapped(label);
    if (!stage.jury_present) {
      if (one_line) same_line_if_fits(ImGui::CalcTextSize("(sans le jury)").x);
      text_muted("(sans le jury)");
    }
    ImGui::TableNextColumn();
    // The plan and its extensions: « 35 min + 3 min ».
    std::string planned = duration_text(stage.duration_ms);
    if (rec.extension_ms > 0) planned += " + " + std::to_string((rec.extension_ms + 59'999) / 60'000) + "\u00A0min";
    text(planned.c_str());
    ImGui::TableNextColumn();
    if (rec.started) {
      std::string real = format_clock(rec.elapsed_ms, ClockRounding::CountUp);
      if (rec.overrun_ms > 0) text_coloured(colour::error, real.c_str());
      else text(real.c_str());
      if (ImGui::IsItemHovered() && (!rec.pauses.empty() || rec.extension_ms > 0))
        ImGui::SetTooltip("%zu pause(s), %s de prolongation", rec.pauses.size(), duration_text(rec.extension_ms).c_str());
    } else {
      text_muted("—");
    }
  }
  ImGui::EndTable();
}

void draw_panel(UiState& state, ExamPanel& ex, const Environment& env, const RunView& v, const TimerStatus& st) {
  const auto& plan = *v.plan;
  if (plan.draw_stage_index() < 0) return;
  const bool writable = env.read_only_reason.empty();
  heading(env.fonts, "Fiche séance");
  const SheetDraw* drawn = current_draw(v.run->draws);
  if (drawn) {
    ImGui::PushFont(env.fonts.heading);
    ImGui::TextWrapped("«\u00A0%s\u00A0»", drawn->chosen_title().c_str());
    ImGui::PopFont();
    // Wrapped: the reason of a new draw is the jury's own sentence.
    text_muted(std::string(words_of(kDrawMethodWords, drawn->method).short_label) + " à " +
               clock_time(drawn->at) +
               (v.run->draws.size() > 1
                    ? " — " + std::to_string(v.run->draws.size()) + " tirages, motif\u00A0: " + drawn->reason
                    : std::string()));
    // Once the exam has ended, the sheet it was run on stays: nothing to offer.
    if (!sheet_change_refusal(*v.run).empty()) return;
    ImGui::BeginDisabled(!writable);
    if (ImGui::SmallButton("Nouveau tirage ou autre choix…")) ask_redraw(ex);
    ImGui::EndDisabled();
    return;
  }
  const auto& sheets = v.candidate->data.sheets;
  const int count = session_sheets_for(&env.store.title(), v.run->ccp);
  if (std::string why = sheets_refusal(sheets, count); !why.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour::error);
    text_wrapped(why.c_str());
    ImGui::PopStyleColor();
    ImGui::BeginDisabled(!writable);
    if (ImGui::Button("Compléter les fiches du candidat…")) open_candidate_form(state, v.candidate);
    ImGui::EndDisabled();
    return;
  }
  ImGui::TextWrapped("Avant «\u00A0%s\u00A0», tirez au sort l’une des %s fiches séances du candidat%s",
                     plan.stages[static_cast<std::size_t>(plan.draw_stage_index())].label.c_str(),
                     sheet_count_words(count).c_str(), st.state == TimerState::NotStarted ? "\u00A0:" : ".");
  for (int i = 0; i < count; ++i)
    ImGui::TextWrapped("%d. %s", i + 1, sheets[static_cast<std::size_t>(i)].c_str());
  ImGui::BeginDisabled(!writable);
  if (ImGui::Button("Tirer au sort"))
    act(state, env, action::DrawSheet{v.run->uuid, {}}, "Fiche séance tirée au sort.");
  ImGui::SameLine();
  text_muted("ou le jury choisit\u00A0:");
  for (int i = 0; i < count; ++i) {
    ImGui::SameLine();
    ImGui::PushID(i);
    if (ImGui::SmallButton(std::to_string(i + 1).c_str()))
      act(state, env, action::ChooseSheet{v.run->uuid, i, {}}, "Fiche séance choisie par le jury.");
    ImGui::PopID();
  }
  ImGui::EndDisabled();
}

// A recovered draft of `field` still showing unchanged in its popup: said,
// so that the jury knows the text came back after a stop.
void recovered_reason_mark(const UiState& state, const std::string& run, std::string_view field,
                           const std::string& reason) {
  if (const DraftRecord* d = recovered_draft(state, run, std::string(field)); d && d->text == reason) {
    // Wrapped at the field's width: a popup that sizes itself to its text
    // would otherwise grow with its own wrapping.
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetFontSize() * 26);
    recovered_mark(state, *d);
    ImGui::PopTextWrapPos();
  }
}

// A reason popup: returns true when confirmed with a non-empty reason.
bool reason_popup(const char* id, bool& open, std::string& reason, const char* prompt, const char* confirm,
                  int* minutes_field = nullptr, const std::function<void()>& note = {}) {
  bool confirmed = false;
  Dialog dialog(id, open);
  if (!dialog) return false;
  text(prompt);
  if (minutes_field) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    ImGui::InputInt("minutes", minutes_field);
    *minutes_field = std::clamp(*minutes_field, 1, 120);
  }
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 26);
  bool enter = ImGui::InputTextWithHint("##reason", "Motif (obligatoire)", &reason, ImGuiInputTextFlags_EnterReturnsTrue);
  if (note) note();
  ImGui::BeginDisabled(trimmed(reason).empty());
  if (ImGui::Button(confirm) || ((enter || dialog.validated()) && !trimmed(reason).empty())) confirmed = true;
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (dialog.cancel_button() || confirmed) {
    open = false;
    dialog.close();
  }
  return confirmed;
}

// A reason typed in a popup is kept as a draft (core/drafts.h); one left by
// a crash opens its popup again, filled, while the stage is under way.
void reason_draft(UiState& state, const Environment& env, const std::string& run, std::string_view field_key,
                  bool& open, std::string& reason, const std::string& before, bool was_open, bool under_way) {
  const std::string field(field_key);
  // Read-only: a draft left by a crash is no dialog to reopen here.
  if (!was_open && !open && under_way && env.read_only_reason.empty())
    if (const DraftRecord* d = recovered_draft(state, run, field); d && d->updated_at < state.drafts.started_at) {
      open = true;
      reason = d->text;
      return;
    }
  if (open && reason != before) keep_draft(state, env, run, field, reason);
  if (was_open && !open) settle_draft(state, env, run, field);  // recorded (the action cleared it) or given up
}

void exam_popups(UiState& state, ExamPanel& ex, const Environment& env, const RunView& v, const TimerStatus& st) {
  const std::string& run = v.run->uuid;
  const bool under_way = st.state == TimerState::Running || st.state == TimerState::Paused;
  struct Typed {
    bool open;
    std::string text;
  };
  const Typed pause{ex.pause_open, ex.pause_reason}, extend{ex.extend_open, ex.extend_reason},
      end{ex.end_open, ex.end_reason};
  // A refused action leaves its popup open with what was typed, to retry.
  // The pause counts from the press of Space; its reason is typed now and is
  // required to record it (and so before resuming).
  // A reason brought back after a stop has no key press: the pause then
  // counts from its recording.
  const std::string pause_start = ex.pause_pressed_at > 0
                                      ? "La pause compte à partir de " + clock_time(ex.pause_pressed_at) +
                                            ", quand Espace a été pressée."
                                      : "La pause comptera à partir de son enregistrement.";
  const std::string pause_prompt = pause_start +
                                   "\nPourquoi interrompre l’étape\u00A0? (incident, malaise, coupure…) Sans motif, la "
                                   "pause n’est pas enregistrée.";
  if (reason_popup("Mettre en pause", ex.pause_open, ex.pause_reason, pause_prompt.c_str(), "Mettre en pause", nullptr,
                   [&] { recovered_reason_mark(state, run, draft_field::kPauseReason, ex.pause_reason); })) {
    // Pending until recorded, after this frame: the clocks stay paused from
    // the press meanwhile (pending_pause_of).
    ex.pause_open = true;
    act(state, env, action::RecordTimerEvent{run, TimerEventKind::Pause, {}, 0, ex.pause_reason, ex.pause_pressed_at},
        ex.pause_pressed_at > 0 ? "Étape en pause depuis " + clock_time(ex.pause_pressed_at) + "."
                                : std::string("Étape en pause."),
        [&ex](bool recorded) { ex.pause_open = !recorded; });
  }
  if (reason_popup("Prolonger l’étape", ex.extend_open, ex.extend_reason, "Durée ajoutée et motif\u00A0:",
                   "Prolonger", &ex.extend_minutes,
                   [&] { recovered_reason_mark(state, run, draft_field::kExtendReason, ex.extend_reason); }))
    act(state, env,
        action::RecordTimerEvent{run, TimerEventKind::Extend, {}, ex.extend_minutes * kMinuteMs, ex.extend_reason},
        "Étape prolongée de " + std::to_string(ex.extend_minutes) + " min.",
        [&ex](bool recorded) { ex.extend_open = !recorded; });
  // Ending needs no reason, but a confirmation: the stage cannot be resumed.
  // Titled as the action that opened it; one id whatever the title.
  const std::string end_action = end_action_label(st);
  const std::string end_id = end_action + "###end";
  if (Dialog dialog(end_id.c_str(), ex.end_open); dialog && !ex.end_open) {
    dialog.close();  // recorded after the frame that confirmed it
  } else if (dialog) {
    bool early = ends_stage_early(st);
    const bool then_next = ex.end_then_next && st.next_stage_index >= 0;
    const std::string what = st.next_stage_index >= 0 ? "Elle ne pourra pas reprendre." : "La dernière étape ne pourra pas reprendre.";
    text(end_action + (early ? " avant la fin du temps prévu\u00A0? " : "\u00A0? ") + what);
    if (then_next)
      text("L’étape suivante, " + guillemets(v.plan->stages[static_cast<std::size_t>(st.next_stage_index)].label) +
           ", démarre aussitôt.");
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 26);
    // Enter in the field validates, as the button does.
    const bool enter = ImGui::InputTextWithHint("##endreason", "Remarque (facultative)", &ex.end_reason,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    recovered_reason_mark(state, run, draft_field::kEndReason, ex.end_reason);
    const bool confirmed =
        ImGui::Button(then_next ? "Terminer et passer à la suite" : "Terminer") || enter || dialog.validated();
    // Recorded after this frame: the flag cleared then closes the dialog.
    if (confirmed)
      act(state, env,
          action::RecordTimerEvent{run, then_next ? TimerEventKind::Next : TimerEventKind::End, {}, 0, ex.end_reason},
          then_next ? "Étape suivante démarrée." : "Étape terminée.", [&ex](bool recorded) {
            if (recorded) ex.end_open = ex.end_then_next = false;
          });
    ImGui::SameLine();
    if (dialog.cancel_button()) ex.end_open = ex.end_then_next = false;
  }
  const char* redraw_id = "Nouveau tirage";
  // A fixed width, the height of its content: the sentence wraps and the
  // buttons go on as many lines as they need, at any text size.
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 32, 0));
  if (Dialog dialog(redraw_id, ex.redraw_open, ImGuiWindowFlags_NoResize); dialog && !ex.redraw_open) {
    dialog.close();  // recorded after the frame that confirmed it
  } else if (dialog) {
    text_wrapped("Un nouveau tirage ou un autre choix exige un motif écrit\u00A0; les deux restent au procès-verbal.");
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##why", "Motif (obligatoire)", &ex.redraw_reason);
    const bool has_reason = !trimmed(ex.redraw_reason).empty();
    ImGui::BeginDisabled(!has_reason);
    // Recorded after this frame: the flag cleared then closes the dialog.
    const auto done = [&ex](bool recorded) {
      if (recorded) ex.redraw_open = false;
    };
    // Enter: the first choice, a new draw (the others are a click each).
    if (ImGui::Button("Tirer au sort à nouveau") || (has_reason && dialog.validated()))
      act(state, env, action::DrawSheet{run, ex.redraw_reason}, "Nouveau tirage enregistré.", done);
    for (int i = 0; i < session_sheets_for(&env.store.title(), v.run->ccp); ++i) {
      std::string label = "Choisir la fiche " + std::to_string(i + 1);
      // The three choices on a line of their own when they fit there.
      if (i > 0) same_line_if_fits(ImGui::CalcTextSize(label.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x);
      ImGui::PushID(i);
      if (ImGui::Button(label.c_str()))
        act(state, env, action::ChooseSheet{run, i, ex.redraw_reason}, "Choix du jury enregistré.", done);
      ImGui::PopID();
    }
    ImGui::EndDisabled();
    if (dialog.cancel_button()) {
      ex.redraw_open = false;
      dialog.close();
    }
  }
  // A pause pressed before a stop (kill -9, power): its dialog again, the
  // pause counting from the press when the store still takes it (within
  // kMaxPressDelayMs), with the reason typed so far.
  if (!pause.open && !ex.pause_open && st.state == TimerState::Running && env.read_only_reason.empty())
    if (const DraftRecord* p = recovered_draft(state, run, std::string(draft_field::kPausePressedAt));
        p && p->updated_at < state.drafts.started_at)
      if (const auto at = pause_press_from(p->text)) {
        const TimeMs now = env.clock.now_ms();
        const bool valid = *at <= now && now - *at <= action::kMaxPressDelayMs &&
                           (v.run->events.empty() || *at >= v.run->events.back().at);
        ex.pause_open = true;
        ex.pause_pressed_at = valid ? *at : 0;
        const DraftRecord* reason = recovered_draft(state, run, std::string(draft_field::kPauseReason));
        ex.pause_reason = reason ? reason->text : std::string();
      }
  reason_draft(state, env, run, draft_field::kPauseReason, ex.pause_open, ex.pause_reason, pause.text, pause.open,
               st.state == TimerState::Running);
  if (pause.open && !ex.pause_open) settle_draft(state, env, run, std::string(draft_field::kPausePressedAt));
  reason_draft(state, env, run, draft_field::kExtendReason, ex.extend_open, ex.extend_reason, extend.text, extend.open,
               under_way);
  reason_draft(state, env, run, draft_field::kEndReason, ex.end_open, ex.end_reason, end.text, end.open, under_way);
}

// While the reason of a pause pressed on `run` is typed, the pause counts
// from Space: the clocks show it paused since the press, rather than run on
// and jump back once it is recorded. Null when nothing is pending (the run's
// own events are shown).
std::optional<std::vector<TimerEvent>> pending_pause(const PendingPause& p, const RunRecord& run, const TimerStatus& st) {
  if (p.pressed_at <= 0 || p.run_uuid != run.uuid || st.state != TimerState::Running) return std::nullopt;
  if (!run.events.empty() && run.events.back().at > p.pressed_at) return std::nullopt;
  std::vector<TimerEvent> events = run.events;
  const std::string reason = trimmed(p.reason).empty() ? std::string("motif en cours de saisie") : p.reason;
  events.push_back(TimerEvent::pause(p.pressed_at, reason));
  return events;
}

// Asks the window to redraw when the clock next changes, and to request the
// user's attention when an alert is reached.
void schedule(UiState& state, ExamPanel& ex, const StageTimer& timer, const TimerStatus& st, TimeMs now) {
  if (auto next = timer.next_display_change(now))
    state.window.wake_by(*next);
  if (static_cast<int>(st.warning) > static_cast<int>(ex.last_warning)) state.window.attention = true;
  ex.last_warning = st.warning;
}

// « Reprise après interruption »: the note of the restart, until read, and
// every gap of the run on record (crash or sleep).
void interruption_notes(UiState& state, const RunRecord& run) {
  if (!state.resume_banner.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour::accent);
    text_wrapped(state.resume_banner.c_str());
    ImGui::PopStyleColor();
    if (ImGui::SmallButton("Compris")) state.resume_banner.clear();
  } else if (!run.interruptions.empty()) {
    std::string line;
    for (const auto& g : run.interruptions)
      line += (line.empty() ? "" : " ; ") + std::string(french_label(g.cause)) + " de " + french_clock(g.from) +
              " à " + french_clock(g.to) + " (" + duration_text(g.to - g.from) + ")";
    ImGui::PushStyleColor(ImGuiCol_Text, colour::muted);
    ImGui::TextWrapped("Interruptions notées au procès-verbal : %s.", line.c_str());
    ImGui::PopStyleColor();
  }
}

}  // namespace

ExamPanel fresh_exam_panel(const std::string& run_uuid) {
  ExamPanel ex;
  ex.for_run = run_uuid;
  return ex;
}

PendingPause pending_pause_of(const ExamPanel& ex) {
  if (!ex.pause_open || ex.pause_pressed_at <= 0) return {};
  return {ex.for_run, ex.pause_pressed_at, ex.pause_reason};
}

void ask_pause(ExamPanel& ex, TimeMs pressed_at) {
  ex.pause_open = true;
  ex.pause_reason.clear();
  ex.pause_pressed_at = pressed_at;
}

void ask_extend(ExamPanel& ex) {
  ex.extend_open = true;
  ex.extend_reason.clear();
}

void ask_end(ExamPanel& ex, bool then_next) {
  ex.end_open = true;
  ex.end_then_next = then_next;
  ex.end_reason.clear();
}

void ask_redraw(ExamPanel& ex) {
  ex.redraw_open = true;
  ex.redraw_reason.clear();
  ex.choose_index = -1;
}

void open_exam(UiState& state, const std::string& run_uuid) {
  state.run_uuid = run_uuid;
  state.screen = Screen::Exam;
}

RunView find_run(const UiState& state, const Environment& env) { return find_run(state, env, state.run_uuid); }

RunView find_run(const UiState& state, const Environment& env, const std::string& run_uuid) {
  RunView v;
  for (const auto& r : state.view.runs)
    if (r.uuid == run_uuid) v.run = &r;
  if (!v.run) return v;
  for (const auto& c : state.view.candidates)
    if (c.uuid == v.run->candidate_uuid) v.candidate = &c;
  v.plan = env.store.find_plan(v.run->plan_id, v.run->plan_version);
  return v;
}

std::string default_run(const SessionView& view, const Environment& env) {
  const RunRecord* best = nullptr;
  for (const auto& r : view.runs) {
    const ExamPlan* plan = env.store.find_plan(r.plan_id, r.plan_version);
    if (plan && !r.finished_at) {
      auto st = StageTimer(*plan, r.events).status(env.clock.now_ms()).state;
      if (st == TimerState::Running || st == TimerState::Paused) return r.uuid;
    }
    if (!best || r.started_at > best->started_at) best = &r;
  }
  return best ? best->uuid : std::string();
}

void exam_screen(UiState& state, ExamPanel& ex, const Environment& env) {
  if (ex.for_run != state.run_uuid) ex = fresh_exam_panel(state.run_uuid);
  RunView v = find_run(state, env);
  if (!v.run || !v.candidate) {
    text_wrapped("Aucune épreuve ouverte. Revenez à la session et choisissez «\u00A0Commencer\u00A0» pour un candidat présent.");
    if (ImGui::Button("← Retour à la session")) state.screen = Screen::Session;
    return;
  }
  if (!v.plan) {
    ImGui::TextColored(colour::error, "Le plan d’épreuve %s version %s n’est pas chargé\u00A0: impossible d’afficher le minutage.",
                       v.run->plan_id.c_str(), v.run->plan_version.c_str());
    return;
  }
  const TimeMs now = env.clock.now_ms();
  StageTimer timer(*v.plan, v.run->events);
  TimerStatus st = timer.status(now);
  // What the clock and the Étapes show: `st`, or paused since Space while
  // the reason is typed. The buttons and dialogs act on what is recorded.
  const auto pending = pending_pause(pending_pause_of(ex), *v.run, st);
  std::optional<StageTimer> pending_timer;
  if (pending) pending_timer.emplace(*v.plan, *pending);
  const StageTimer& shown_timer = pending_timer ? *pending_timer : timer;
  const TimerStatus on_clock = pending ? shown_timer.status(now) : st;
  schedule(state, ex, shown_timer, on_clock, now);

  // Header: who, which CCP, and the window controls.
  title_line(env.fonts, v.candidate->data.first_name + " " + v.candidate->data.last_name,
             {{"n° " + v.candidate->data.number + "  ·  " + v.run->ccp, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled)}});
  // The candidate window shows the run whose stage was last started or
  // resumed; another exam is shown there only on purpose, from its screen.
  const bool shown_elsewhere = state.window.candidate_window &&
                               run_for_candidate(state.view.runs, state.candidate_shown) != v.run->uuid;
  std::vector<std::string> buttons;
  if (shown_elsewhere) buttons.push_back("Montrer cette épreuve au candidat");
  const std::size_t own = buttons.size();
  buttons.insert(buttons.end(), {state.window.candidate_window ? "Fermer la fenêtre candidat" : "Fenêtre candidat",
                                 fullscreen_button_label(state.window.fullscreen), "Grille", "Délibération", "← Session"});
  int hovered = -1;
  const int pressed = right_buttons(buttons, {}, &hovered);
  if (shown_elsewhere && pressed == 0) state.candidate_shown = {v.run->uuid, env.clock.now_ms()};
  switch (pressed - static_cast<int>(own)) {
    case 0:
      state.window.candidate_window = !state.window.candidate_window;
      // Opened from this exam: it shows this exam.
      if (state.window.candidate_window) state.candidate_shown = {v.run->uuid, env.clock.now_ms()};
      break;
    case 1: state.window.toggle_fullscreen = true; break;
    case 2: state.screen = Screen::Marking; break;
    case 3: state.screen = Screen::Deliberation; break;
    case 4: state.screen = Screen::Session; break;
    default: break;
  }
  if (shown_elsewhere && hovered == 0)
    ImGui::SetTooltip("La fenêtre candidat montre l’épreuve dont une étape a démarré ou repris en dernier.");
  if (hovered == static_cast<int>(own) && !state.window.candidate_window)
    ImGui::SetTooltip("Le temps et l’étape seuls, pour le candidat\u00A0: sur le second écran s’il y en a un, "
                      "sinon dans une fenêtre à déplacer.");

  interruption_notes(state, *v.run);

  const float side = std::max(ImGui::GetFontSize() * 24, ImGui::GetContentRegionAvail().x * 0.36f);
  ImGui::BeginChild("##clock", ImVec2(ImGui::GetContentRegionAvail().x - side - ImGui::GetStyle().ItemSpacing.x, 0), true);
  {
    // The digits give way to the stage buttons on a short window (1366×708
    // at Windows' 125 % left « Étape suivante » below the fold): room is
    // kept under them for the stage's label and detail, its three lines of
    // facts and two rows of buttons.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float below = 2 * (env.fonts.heading->FontSize + style.ItemSpacing.y) +
                        3 * ImGui::GetTextLineHeightWithSpacing() + 2 * ImGui::GetFrameHeightWithSpacing() +
                        2 * style.ItemSpacing.y;
    const float room = ImGui::GetContentRegionAvail().y - below;
    big_clock(on_clock, *v.plan, env.fonts, std::clamp(room, env.fonts.timer->FontSize * 0.3f, env.fonts.timer->FontSize));
  }
  ImGui::Spacing();
  if (st.state == TimerState::Running || st.state == TimerState::Paused) {
    const auto& rec = on_clock.stages[static_cast<std::size_t>(on_clock.stage_index)];
    std::string line = "Écoulé " + format_clock(on_clock.elapsed_ms, ClockRounding::CountUp) + " sur " +
                       format_clock(on_clock.budget_ms, ClockRounding::CountUp);
    if (rec.extension_ms > 0) line += " (dont " + duration_text(rec.extension_ms) + " de prolongation)";
    line += "  ·  commencée à " + clock_time(rec.started_at);
    text_muted(line.c_str());
    const auto& stage = v.plan->stages[static_cast<std::size_t>(st.stage_index)];
    if (!stage.jury_present) ImGui::TextColored(colour::accent, "Le candidat prépare seul, hors présence du jury.");
    if (!stage.jury_materials.empty()) {
      std::string mats;
      for (const auto& m : stage.jury_materials) mats += (mats.empty() ? "" : " · ") + m;
      ImGui::Text("À avoir en main\u00A0: %s", mats.c_str());
    }
  }
  ImGui::Spacing();
  timer_controls(state, ex, env, v, st);
  // The clock and its buttons, for the candidate window to keep clear of.
  auto& keep_clear = state.window.keep_clear;
  keep_clear.clear();
  const ImVec2 clock_at = ImGui::GetWindowPos();
  keep_clear.push_back({clock_at.x, clock_at.y, ImGui::GetWindowWidth(), ImGui::GetItemRectMax().y - clock_at.y});
  // What the stage is about, from the plan, for a jury new to the exam.
  int shown = st.state == TimerState::Running || st.state == TimerState::Paused ? st.stage_index
              : st.next_stage_index >= 0                                         ? st.next_stage_index
                                                                                 : -1;
  if (shown >= 0 && !v.plan->stages[static_cast<std::size_t>(shown)].note.empty()) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, colour::muted);
    text_wrapped(v.plan->stages[static_cast<std::size_t>(shown)].note.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::EndChild();

  ImGui::SameLine();
  ImGui::BeginChild("##side", ImVec2(0, 0), true);
  draw_panel(state, ex, env, v, st);
  ImGui::Spacing();
  const ImVec2 stages_at = ImGui::GetCursorScreenPos();
  heading(env.fonts, "Étapes");
  stages_table(on_clock, *v.plan);
  keep_clear.push_back({ImGui::GetWindowPos().x, stages_at.y, ImGui::GetWindowWidth(),
                        ImGui::GetCursorScreenPos().y - stages_at.y});
  ImGui::EndChild();

  exam_popups(state, ex, env, v, st);
}

std::string run_for_candidate(const std::vector<RunRecord>& runs, const CandidateShown& chosen) {
  const RunRecord* latest = nullptr;
  TimeMs latest_at = 0;
  for (const auto& r : runs)
    for (const auto& e : r.events)
      if ((e.kind == TimerEventKind::Start || e.kind == TimerEventKind::Resume || e.kind == TimerEventKind::Next) &&
          e.at >= latest_at) {
        latest = &r;
        latest_at = e.at;
      }
  const bool chosen_here =
      !chosen.run_uuid.empty() && std::any_of(runs.begin(), runs.end(), [&](const RunRecord& r) {
        return r.uuid == chosen.run_uuid;
      });
  if (chosen_here && (!latest || chosen.chosen_at >= latest_at)) return chosen.run_uuid;
  return latest ? latest->uuid : std::string();
}

void draw_candidate_timer(UiState& state, const Environment& env) {
  // At the start of this window's frame, as draw_frame does for the main one.
  refresh_session_view(state, env);
  RunView v = find_run(state, env, run_for_candidate(state.view.runs, state.candidate_shown));
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::Begin("##candidate", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
  if (v.run && v.plan) {
    // The pause pressed on this run is shown from Space, as on the jury's.
    const StageTimer recorded(*v.plan, v.run->events);
    const auto pending = pending_pause(state.pending_pause, *v.run, recorded.status(env.clock.now_ms()));
    std::optional<StageTimer> pending_timer;
    if (pending) pending_timer.emplace(*v.plan, *pending);
    const StageTimer& timer = pending_timer ? *pending_timer : recorded;
    TimerStatus st = timer.status(env.clock.now_ms());
    if (auto next = timer.next_display_change(env.clock.now_ms()))
      state.window.wake_by(*next);
    // The window may be small (a third of one screen) or a whole second
    // screen: the labels scale with its width, the digits fill what is left.
    const float k = std::clamp(vp->WorkSize.x / 1400.0f, 0.45f, 1.0f);
    ImGui::SetWindowFontScale(k);
    const float line = ImGui::GetFontSize() * 44.0f / 30.0f + ImGui::GetStyle().ItemSpacing.y;
    const float digits = std::max(40.0f, vp->WorkSize.y - 2 * ImGui::GetStyle().WindowPadding.y - 5 * line);
    const float drawn = std::min(digits, env.fonts.timer->FontSize * k);
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), (vp->WorkSize.y - drawn - 3 * line) * 0.45f));
    big_clock(st, *v.plan, env.fonts, digits, /*for_candidate=*/true);
  } else {
    ImGui::SetCursorPosY(vp->WorkSize.y * 0.4f);
    centered_text("En attente de l’épreuve", env.fonts.heading, colour::muted);
  }
  ImGui::End();
}

}  // namespace jurymn::ui
