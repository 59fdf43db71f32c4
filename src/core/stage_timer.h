// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The stage timer is a replay of timer events stamped with wall-clock times.
// Nothing ticks: every answer is computed for a `now` given by the caller, so
// a timer rebuilt from the stored events after a crash gives the same answers,
// and the time the app was down counts as elapsed (the exam went on).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/enum_words.h"
#include "core/exam_plan.h"

namespace jurymn {

enum class TimerEventKind {
  Start,   // start the stage named by stage_id
  Pause,   // reason required
  Resume,
  Extend,  // amount > 0 and reason required; adds time to the current stage
  End,     // end the current stage (early or late); reason optional
  Next,    // end the current stage, if any, and start the next one
};

// Stable ids for storage; labels as the procès-verbal lists the events,
// words as the audit trail tells them (« prolongation » is followed by its
// duration there).
inline constexpr EnumWords<TimerEventKind> kTimerEventKindWords[] = {
    {TimerEventKind::Start, "start", "début d’étape", "début", ""},
    {TimerEventKind::Pause, "pause", "pause", "mise en pause", ""},
    {TimerEventKind::Resume, "resume", "reprise", "reprise", ""},
    {TimerEventKind::Extend, "extend", "prolongation", "prolongation", ""},
    {TimerEventKind::End, "end", "fin d’étape", "fin", ""},
    {TimerEventKind::Next, "next", "étape suivante", "début (l’étape précédente est close)", ""},
};
static_assert(words_hold(kTimerEventKindWords, TimerEventKind::Next));
std::string_view to_id(TimerEventKind k);
std::optional<TimerEventKind> timer_event_kind_from_id(std::string_view id);

struct TimerEvent {
  TimerEventKind kind = TimerEventKind::Start;
  // Start: the stage to start. Other kinds: optional; when set it must name
  // the stage the event acts on (current stage, or the one Next starts), which
  // catches an event meant for another stage.
  std::string stage_id;
  TimeMs at = 0;      // wall clock; never before the previous event
  TimeMs amount = 0;  // Extend only
  std::string reason;

  static TimerEvent start(std::string stage_id, TimeMs at);
  static TimerEvent pause(TimeMs at, std::string reason);
  static TimerEvent resume(TimeMs at);
  static TimerEvent extend(TimeMs at, TimeMs amount, std::string reason);
  static TimerEvent end(TimeMs at, std::string reason = {});
  static TimerEvent next(TimeMs at);

  bool operator==(const TimerEvent&) const = default;
};

enum class TimerState {
  NotStarted,     // no stage started yet
  Running,
  Paused,
  BetweenStages,  // the last started stage has ended; stages remain
  Finished,       // every stage of the plan has been run
};

// Alert for the current stage. With warnings {5 min, 1 min}: First from 5 min
// left, Last from 1 min left, Overrun from 0 left (the clock shows 00:00 then
// counts below zero). Any threshold other than the smallest one gives First.
enum class WarningLevel { None, First, Last, Overrun };

inline constexpr EnumWords<TimerState> kTimerStateWords[] = {
    {TimerState::NotStarted, "not_started", "", "", ""}, {TimerState::Running, "running", "", "", ""},
    {TimerState::Paused, "paused", "", "", ""},          {TimerState::BetweenStages, "between_stages", "", "", ""},
    {TimerState::Finished, "finished", "", "", ""},
};
static_assert(words_hold(kTimerStateWords, TimerState::Finished));
inline constexpr EnumWords<WarningLevel> kWarningLevelWords[] = {
    {WarningLevel::None, "none", "", "", ""},
    {WarningLevel::First, "first", "", "", ""},
    {WarningLevel::Last, "last", "", "", ""},
    {WarningLevel::Overrun, "overrun", "", "", ""},
};
static_assert(words_hold(kWarningLevelWords, WarningLevel::Overrun));
std::string_view to_id(TimerState s);
std::string_view to_id(WarningLevel w);

struct StagePause {
  TimeMs from = 0;
  std::optional<TimeMs> to;  // empty while the pause lasts
  std::string reason;
};

struct StageExtension {
  TimeMs at = 0;
  TimeMs amount_ms = 0;
  std::string reason;
};

// What happened to one stage, for the PV. Derived fields are computed for the
// `now` passed to StageTimer::status().
struct StageRecord {
  std::string stage_id;
  bool started = false;
  TimeMs started_at = 0;
  std::optional<TimeMs> ended_at;
  std::string end_reason;
  std::vector<StagePause> pauses;
  std::vector<StageExtension> extensions;

  TimeMs budget_ms = 0;     // planned duration + extensions
  TimeMs extension_ms = 0;  // sum of extensions
  TimeMs paused_ms = 0;     // sum of pauses (an ongoing one counts up to now)
  TimeMs elapsed_ms = 0;    // from start to end (or now), pauses excluded
  TimeMs overrun_ms = 0;    // elapsed beyond budget; 0 if none

  bool ended() const { return ended_at.has_value(); }
  bool ended_early() const { return ended() && elapsed_ms < budget_ms; }
};

struct TimerStatus {
  TimerState state = TimerState::NotStarted;
  int stage_index = -1;       // running or paused stage, else the last one ended; -1 before any
  int next_stage_index = -1;  // the stage Next would start; -1 if none
  TimeMs budget_ms = 0;       // of stage_index
  TimeMs elapsed_ms = 0;
  TimeMs remaining_ms = 0;    // budget − elapsed; negative = overrun
  TimeMs overrun_ms = 0;
  WarningLevel warning = WarningLevel::None;  // None unless running or paused
  TimeMs warning_threshold_ms = 0;            // the threshold reached, for First/Last
  TimeMs paused_for_ms = 0;                   // length of the ongoing pause
  std::string pause_reason;
  std::vector<StageRecord> stages;  // one per plan stage, in plan order
};

// Whether moving on now cuts the stage under way short (before its planned
// end, extensions included): then the jury confirms it, as for « Terminer
// l’étape… »; at or after the planned end it moves on at once.
bool ends_stage_early(const TimerStatus& st);

// The end button's action, also its dialog's title: « Terminer l’étape »,
// or « Terminer l’épreuve » on the last stage.
std::string end_action_label(const TimerStatus& st);

struct TimerCheck {
  bool ok = true;
  std::string reason;  // French, when refused
  explicit operator bool() const { return ok; }
};

// An event refused while rebuilding, kept so that nothing stored is lost silently.
struct SkippedTimerEvent {
  std::size_t position = 0;  // in the list given to the constructor
  TimerEvent event;
  std::string reason;
};

class StageTimer {
public:
  explicit StageTimer(ExamPlan plan);
  // Rebuilds from stored events, in order. Events the rules refuse (which only
  // a damaged store or a changed plan could hold) are skipped and listed.
  StageTimer(ExamPlan plan, const std::vector<TimerEvent>& events);

  const ExamPlan& plan() const { return plan_; }
  const std::vector<TimerEvent>& events() const { return events_; }  // accepted ones
  const std::vector<SkippedTimerEvent>& skipped() const { return skipped_; }

  // Whether `event` may come next, judged at event.at (the caller stamps it
  // with the clock's now).
  TimerCheck validate_next(const TimerEvent& event) const;
  // validate_next, then records the event when allowed.
  TimerCheck append(TimerEvent event);

  // The stage a Start or Next event would start, or -1 (refused, or another kind).
  int stage_to_start(const TimerEvent& event) const;

  // Everything the screen and the PV need, as of `now`. A `now` before the
  // last event is read as the last event's time (a clock set back must not
  // give negative durations).
  TimerStatus status(TimeMs now) const;

  // When something shown changes next (the countdown's second, the elapsed
  // second, an alert, the pause length), so the UI can sleep until then.
  // Empty when nothing shown depends on time (not started, between stages,
  // finished).
  std::optional<TimeMs> next_display_change(TimeMs now) const;

private:
  void record(const TimerEvent& e);
  int next_unstarted_after(int index) const;
  TimeMs last_at() const { return events_.empty() ? 0 : events_.back().at; }

  ExamPlan plan_;
  std::vector<TimerEvent> events_;
  std::vector<SkippedTimerEvent> skipped_;
  std::vector<StageRecord> records_;  // raw facts; derived fields filled by status()
  int current_ = -1;                  // running or paused stage
  int last_ = -1;                     // most recently started stage
};

// How a clock display rounds to whole seconds.
enum class ClockRounding {
  Countdown,  // up: shows 00:00 from the deadline for one second, then −00:01
  CountUp,    // down: 00:00 for the first second
};

// "34:59", "−01:05", "1:02:03" past an hour. Negative values use U+2212 MINUS
// SIGN (the UI font must include it), not the hyphen.
std::string format_clock(TimeMs ms, ClockRounding rounding = ClockRounding::Countdown);

}  // namespace jurymn
