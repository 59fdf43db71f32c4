// SPDX-License-Identifier: EUPL-1.2
// The screens' actions, applied between frames: a screen draws from the
// session view, so the view changes only once no screen is drawing from it,
// and only in the part the action changed.
#include <algorithm>

#include "core/search.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace jurymn::ui {

void emit(UiState& state, Action a, std::string success, std::function<void(const ApplyResult&)> then) {
  state.actions.push_back(QueuedAction{{std::move(a)}, std::move(success), std::move(then)});
}

void emit_together(UiState& state, std::vector<Action> actions, std::string success,
                   std::function<void(const ApplyResult&)> then) {
  state.actions.push_back(QueuedAction{std::move(actions), std::move(success), std::move(then)});
}

namespace {

template <class Record>
Record* by_uuid(std::vector<Record>& records, const std::string& uuid) {
  auto it = std::find_if(records.begin(), records.end(), [&](const Record& r) { return r.uuid == uuid; });
  return it == records.end() ? nullptr : &*it;
}

}  // namespace

bool reload_changed(SessionView& v, const Store& store, const Changed& changed) {
  if (changed.whole_session || !v.session) return false;
  // A candidate new to the session takes its place in the list's order
  // (by name): reload all. A new run goes last, as in the store's order (by
  // id), read below: « Commencer » does not read 5,000 candidates again.
  for (const auto& c : changed.candidates)
    if (!by_uuid(v.candidates, c)) return false;
  std::vector<RunRecord> new_runs;
  for (const auto& uuid : changed.runs) {
    if (by_uuid(v.runs, uuid)) continue;
    auto r = v.all_whole ? store.exam_run(uuid) : store.run_summary(uuid);
    const RunRecord* last = !new_runs.empty() ? &new_runs.back() : v.runs.empty() ? nullptr : &v.runs.back();
    if (!r || (last && r->id <= last->id)) return false;
    new_runs.push_back(std::move(*r));
  }
  if (changed.session) {
    auto s = store.find_session(v.uuid);
    if (!s) return false;
    v.session = std::move(s);
  }
  if (changed.jury) v.jury = store.jury_members(v.uuid);
  for (const auto& uuid : changed.candidates) {
    auto c = store.candidate(uuid);
    if (!c) return false;
    CandidateRecord* in_view = by_uuid(v.candidates, uuid);
    *in_view = std::move(*c);
    v.search_keys[static_cast<std::size_t>(in_view - v.candidates.data())] =
        fold_for_search(in_view->data.number + " " + in_view->data.last_name + " " + in_view->data.first_name);
  }
  for (const auto& uuid : changed.runs) {
    const bool whole = v.all_whole || std::find(v.whole_runs.begin(), v.whole_runs.end(), uuid) != v.whole_runs.end();
    RunRecord* in_view = by_uuid(v.runs, uuid);
    if (!in_view) continue;  // new: added below
    auto r = whole ? store.exam_run(uuid) : store.run_summary(uuid);
    if (!r) return false;
    *in_view = std::move(*r);
  }
  for (auto& r : new_runs) v.runs.push_back(std::move(r));
  // The action took the drafts it recorded (a few rows, of the session).
  if (!changed.runs.empty()) v.drafts = store.drafts(v.uuid);
  return true;
}

bool apply_queued(UiState& state, const Environment& env) {
  if (state.actions.empty()) return false;
  // Taken first: a follow-up may queue again (for the next frame).
  ActionQueue queued;
  queued.swap(state.actions);
  for (auto& q : queued) {
    // The view is current unless something else wrote since it was read.
    const bool view_current = state.view.uuid == state.session_uuid && state.view.revision == env.store.revision();
    const ApplyResult r = q.actions.size() == 1 ? env.store.apply(q.actions.front(), "ui")
                                                : env.store.apply_together(q.actions, "ui");
    note_result(state.notice, r, q.success, env.clock.now_ms());
    if (r.ok && view_current && reload_changed(state.view, env.store, r.changed))
      state.view.revision = env.store.revision();
    if (q.then) q.then(r);
  }
  return true;
}

}  // namespace jurymn::ui
