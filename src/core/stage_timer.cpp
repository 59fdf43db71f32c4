// SPDX-License-Identifier: EUPL-1.2
#include "core/stage_timer.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "core/text.h"
#include "core/validation.h"

namespace jurymn {
namespace {

constexpr TimeMs kSecondMs = 1000;
constexpr TimeMs kMaxExtensionMs = 24 * 60 * kMinuteMs;  // keeps sums far from overflow

TimeMs floor_div(TimeMs a, TimeMs b) { return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0); }
TimeMs ceil_div(TimeMs a, TimeMs b) { return -floor_div(-a, b); }

bool is_paused(const StageRecord& r) { return !r.pauses.empty() && !r.pauses.back().to; }

TimerCheck refuse(std::string reason) { return {false, std::move(reason)}; }

// Fills the fields of `r` that depend on the time of reading.
void derive(StageRecord& r, const Stage& stage, TimeMs now) {
  r.extension_ms = 0;
  for (const auto& x : r.extensions) r.extension_ms += x.amount_ms;
  r.budget_ms = stage.duration_ms + r.extension_ms;
  r.paused_ms = r.elapsed_ms = r.overrun_ms = 0;
  if (!r.started) return;
  const TimeMs end = r.ended_at.value_or(now);
  for (const auto& p : r.pauses) r.paused_ms += p.to.value_or(end) - p.from;
  r.elapsed_ms = end - r.started_at - r.paused_ms;
  r.overrun_ms = std::max<TimeMs>(0, r.elapsed_ms - r.budget_ms);
}

}  // namespace

std::string_view to_id(TimerEventKind k) { return words_of(kTimerEventKindWords, k).id; }

std::optional<TimerEventKind> timer_event_kind_from_id(std::string_view id) {
  return value_of_id(kTimerEventKindWords, id);
}

std::string_view to_id(TimerState s) { return words_of(kTimerStateWords, s).id; }

std::string_view to_id(WarningLevel w) { return words_of(kWarningLevelWords, w).id; }

TimerEvent TimerEvent::start(std::string stage_id, TimeMs at) {
  return {TimerEventKind::Start, std::move(stage_id), at, 0, {}};
}
TimerEvent TimerEvent::pause(TimeMs at, std::string reason) {
  return {TimerEventKind::Pause, {}, at, 0, std::move(reason)};
}
TimerEvent TimerEvent::resume(TimeMs at) { return {TimerEventKind::Resume, {}, at, 0, {}}; }
TimerEvent TimerEvent::extend(TimeMs at, TimeMs amount, std::string reason) {
  return {TimerEventKind::Extend, {}, at, amount, std::move(reason)};
}
TimerEvent TimerEvent::end(TimeMs at, std::string reason) {
  return {TimerEventKind::End, {}, at, 0, std::move(reason)};
}
TimerEvent TimerEvent::next(TimeMs at) { return {TimerEventKind::Next, {}, at, 0, {}}; }

StageTimer::StageTimer(ExamPlan plan) : plan_(std::move(plan)), records_(plan_.stages.size()) {
  for (std::size_t i = 0; i < plan_.stages.size(); ++i) records_[i].stage_id = plan_.stages[i].id;
}

StageTimer::StageTimer(ExamPlan plan, const std::vector<TimerEvent>& events) : StageTimer(std::move(plan)) {
  for (std::size_t i = 0; i < events.size(); ++i) {
    TimerCheck c = append(events[i]);
    if (!c) skipped_.push_back({i, events[i], std::move(c.reason)});
  }
}

int StageTimer::next_unstarted_after(int index) const {
  for (int i = index + 1; i < static_cast<int>(records_.size()); ++i)
    if (!records_[static_cast<std::size_t>(i)].started) return i;
  return -1;
}

int StageTimer::stage_to_start(const TimerEvent& event) const {
  if (!validate_next(event)) return -1;
  if (event.kind == TimerEventKind::Start) return plan_.stage_index(event.stage_id);
  if (event.kind == TimerEventKind::Next) return next_unstarted_after(current_ >= 0 ? current_ : last_);
  return -1;
}

TimerCheck StageTimer::validate_next(const TimerEvent& e) const {
  if (!events_.empty() && e.at < last_at())
    return refuse("Cet événement est daté d’avant le précédent (l’horloge de l’ordinateur a-t-elle reculé ?)\u00A0: "
                  "il ne peut pas être enregistré.");

  const Stage* current = current_ >= 0 ? &plan_.stages[static_cast<std::size_t>(current_)] : nullptr;
  const bool paused = current_ >= 0 && is_paused(records_[static_cast<std::size_t>(current_)]);
  auto wrong_stage = [&]() -> std::optional<TimerCheck> {
    if (e.stage_id.empty() || e.stage_id == current->id) return std::nullopt;
    return refuse("Cet événement vise l’étape " + guillemets(e.stage_id) + ", mais l’étape en cours est " +
                  guillemets(current->label) + ".");
  };

  switch (e.kind) {
    case TimerEventKind::Start: {
      const int idx = plan_.stage_index(e.stage_id);
      if (idx < 0) return refuse("Le plan " + guillemets(plan_.title) + " n’a pas d’étape " + guillemets(e.stage_id) + ".");
      if (current) return refuse("L’étape " + guillemets(current->label) + " est en cours\u00A0: terminez-la avant d’en démarrer une autre.");
      if (records_[static_cast<std::size_t>(idx)].started)
        return refuse("L’étape " + guillemets(plan_.stages[static_cast<std::size_t>(idx)].label) +
                      " a déjà été démarrée\u00A0: une étape ne se démarre qu’une fois.");
      return {};
    }
    case TimerEventKind::Pause:
      if (!current) return refuse("Aucune étape n’est en cours\u00A0: il n’y a rien à mettre en pause.");
      if (paused) return refuse("Le chronomètre est déjà en pause.");
      if (trimmed(e.reason).empty()) return refuse("Indiquez la raison de la pause\u00A0: elle figure au procès-verbal.");
      if (auto w = wrong_stage()) return *w;
      return {};
    case TimerEventKind::Resume:
      if (!paused) return refuse("Le chronomètre n’est pas en pause\u00A0: il n’y a rien à reprendre.");
      if (auto w = wrong_stage()) return *w;
      return {};
    case TimerEventKind::Extend:
      if (!current) return refuse("Aucune étape n’est en cours\u00A0: il n’y a rien à prolonger.");
      if (e.amount <= 0) return refuse("La prolongation doit être une durée positive.");
      if (e.amount > kMaxExtensionMs) return refuse("La prolongation ne peut pas dépasser 24 heures.");
      if (trimmed(e.reason).empty())
        return refuse("Indiquez la raison de la prolongation\u00A0: elle figure au procès-verbal.");
      if (auto w = wrong_stage()) return *w;
      return {};
    case TimerEventKind::End:
      if (!current) return refuse("Aucune étape n’est en cours\u00A0: il n’y a rien à terminer.");
      if (auto w = wrong_stage()) return *w;
      return {};
    case TimerEventKind::Next: {
      const int from = current_ >= 0 ? current_ : last_;
      const int n = next_unstarted_after(from);
      if (n < 0) {
        if (current) return refuse("L’étape " + guillemets(current->label) + " est la dernière\u00A0: terminez-la.");
        if (std::all_of(records_.begin(), records_.end(), [](const StageRecord& r) { return r.started; }))
          return refuse("Toutes les étapes du plan ont déjà été passées.");
        return refuse("Il n’y a plus d’étape à démarrer après " +
                      guillemets(plan_.stages[static_cast<std::size_t>(from)].label) +
                      "\u00A0: démarrez directement l’étape restante.");
      }
      const Stage& target = plan_.stages[static_cast<std::size_t>(n)];
      if (!e.stage_id.empty() && e.stage_id != target.id)
        return refuse("Cet événement vise l’étape " + guillemets(e.stage_id) + ", mais l’étape suivante est " +
                      guillemets(target.label) + ".");
      return {};
    }
  }
  return refuse("Événement de chronomètre inconnu.");
}

TimerCheck StageTimer::append(TimerEvent event) {
  TimerCheck c = validate_next(event);
  if (!c) return c;
  record(event);
  events_.push_back(std::move(event));
  return c;
}

void StageTimer::record(const TimerEvent& e) {
  auto start = [&](int idx, TimeMs at) {
    StageRecord& r = records_[static_cast<std::size_t>(idx)];
    r.started = true;
    r.started_at = at;
    current_ = last_ = idx;
  };
  auto end = [&](TimeMs at, const std::string& reason) {
    StageRecord& r = records_[static_cast<std::size_t>(current_)];
    if (is_paused(r)) r.pauses.back().to = at;  // ending a stage closes its pause
    r.ended_at = at;
    r.end_reason = reason;
    current_ = -1;
  };
  switch (e.kind) {
    case TimerEventKind::Start: start(plan_.stage_index(e.stage_id), e.at); break;
    case TimerEventKind::Pause:
      records_[static_cast<std::size_t>(current_)].pauses.push_back({e.at, std::nullopt, e.reason});
      break;
    case TimerEventKind::Resume: records_[static_cast<std::size_t>(current_)].pauses.back().to = e.at; break;
    case TimerEventKind::Extend:
      records_[static_cast<std::size_t>(current_)].extensions.push_back({e.at, e.amount, e.reason});
      break;
    case TimerEventKind::End: end(e.at, e.reason); break;
    case TimerEventKind::Next: {
      const int n = next_unstarted_after(current_ >= 0 ? current_ : last_);
      if (current_ >= 0) end(e.at, e.reason);
      start(n, e.at);
      break;
    }
  }
}

TimerStatus StageTimer::status(TimeMs now) const {
  now = std::max(now, last_at());
  TimerStatus s;
  s.stages = records_;
  for (std::size_t i = 0; i < s.stages.size(); ++i) derive(s.stages[i], plan_.stages[i], now);

  if (current_ >= 0) {
    s.state = is_paused(records_[static_cast<std::size_t>(current_)]) ? TimerState::Paused : TimerState::Running;
  } else if (last_ < 0) {
    s.state = TimerState::NotStarted;
  } else if (std::all_of(records_.begin(), records_.end(), [](const StageRecord& r) { return r.started; })) {
    s.state = TimerState::Finished;
  } else {
    s.state = TimerState::BetweenStages;
  }
  s.stage_index = current_ >= 0 ? current_ : last_;
  s.next_stage_index = next_unstarted_after(s.stage_index);
  if (s.stage_index < 0) return s;

  const StageRecord& r = s.stages[static_cast<std::size_t>(s.stage_index)];
  s.budget_ms = r.budget_ms;
  s.elapsed_ms = r.elapsed_ms;
  s.remaining_ms = r.budget_ms - r.elapsed_ms;
  s.overrun_ms = r.overrun_ms;
  if (current_ < 0) return s;

  if (s.state == TimerState::Paused) {
    s.paused_for_ms = now - r.pauses.back().from;
    s.pause_reason = r.pauses.back().reason;
  }
  if (s.remaining_ms <= 0) {
    s.warning = WarningLevel::Overrun;
    return s;
  }
  const auto& warnings = plan_.stages[static_cast<std::size_t>(current_)].warnings_ms;
  std::optional<TimeMs> reached, smallest;
  for (TimeMs w : warnings) {
    if (w <= 0) continue;
    if (!smallest || w < *smallest) smallest = w;
    if (s.remaining_ms <= w && (!reached || w < *reached)) reached = w;
  }
  if (reached) {
    s.warning = *reached == *smallest ? WarningLevel::Last : WarningLevel::First;
    s.warning_threshold_ms = *reached;
  }
  return s;
}

std::optional<TimeMs> StageTimer::next_display_change(TimeMs now) const {
  if (current_ < 0) return std::nullopt;
  now = std::max(now, last_at());
  const StageRecord& raw = records_[static_cast<std::size_t>(current_)];
  if (is_paused(raw)) {
    const TimeMs paused_for = now - raw.pauses.back().from;
    return now + (kSecondMs - paused_for % kSecondMs);
  }
  StageRecord r = raw;
  derive(r, plan_.stages[static_cast<std::size_t>(current_)], now);
  const TimeMs remaining = r.budget_ms - r.elapsed_ms;
  // Count-up display turns at each whole elapsed second ...
  TimeMs wait = kSecondMs - r.elapsed_ms % kSecondMs;
  // ... the countdown (rounded up) when the remaining time reaches a whole second ...
  wait = std::min(wait, remaining - floor_div(remaining - 1, kSecondMs) * kSecondMs);
  // ... and an alert when its threshold is reached, even off the second.
  for (TimeMs w : plan_.stages[static_cast<std::size_t>(current_)].warnings_ms)
    if (w > 0 && w < remaining) wait = std::min(wait, remaining - w);
  return now + wait;
}

std::string format_clock(TimeMs ms, ClockRounding rounding) {
  const TimeMs seconds = rounding == ClockRounding::Countdown ? ceil_div(ms, kSecondMs) : floor_div(ms, kSecondMs);
  const bool negative = seconds < 0;
  const TimeMs a = negative ? -seconds : seconds;
  const long long h = a / 3600, m = (a % 3600) / 60, sec = a % 60;
  char buf[48];
  if (h > 0)
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", h, m, sec);
  else
    std::snprintf(buf, sizeof buf, "%02lld:%02lld", m, sec);
  return (negative ? "\xE2\x88\x92" : "") + std::string(buf);
}

std::string end_action_label(const TimerStatus& st) {
  return st.next_stage_index >= 0 ? "Terminer l’étape" : "Terminer l’épreuve";
}

bool ends_stage_early(const TimerStatus& st) {
  return (st.state == TimerState::Running || st.state == TimerState::Paused) && st.remaining_ms > 0;
}

}  // namespace jurymn
