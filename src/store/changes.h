// SPDX-License-Identifier: EUPL-1.2
#pragma once
// What each kind of action changes in a session, for the views to reload
// that part only (a rating reloads its run, not the session's 300
// candidates).
#include <string>

#include "store/actions.h"

namespace jurymn {

// `created_uuid`: what the action created (ApplyResult::created_uuid).
Changed changes_of(const Action& a, const std::string& created_uuid);
// Several actions as one change (Store::apply_together): what any changed.
void add_changes(Changed& into, const Changed& more);

}  // namespace jurymn
