// SPDX-License-Identifier: EUPL-1.2
#pragma once
// verify's and audit verify's check of the members' proofs (core/member_pin.h): replaying the
// bundle's audit trail, each confirmation by a member with a PIN must carry
// that member's signature of the entry before it and of what it confirms,
// and each PIN reset the president's. The keys are those the trail gave
// each member up to that entry; the jury listed in results.json must end
// with the same keys.
#include <memory>
#include <string>
#include <vector>

#include "core/results_bundle.h"

namespace jurymn {

struct ConfirmationProofs {
  std::vector<std::string> problems;  // French, each names results.json and the entry
  int signed_confirmations = 0;
  int unsigned_confirmations = 0;  // by members without a PIN
  // « preuves partielles » when an official session's confirmations are not
  // all signed (an export older than PINs, or members without one); "" otherwise.
  std::string partial;
};

// `where` names what the problems are about (results.json of a bundle, or a
// laptop's base for audit verify); `refuse_cheap_keys`: PIN keys derived
// under the interactive cost are a problem in an official session (a bundle
// at the centre; not a laptop's own base, whose generated sessions of
// earlier builds used the fast cost).
struct ConfirmationCheck {
  std::string where = "results.json";
  bool refuse_cheap_keys = true;
};
ConfirmationProofs check_confirmation_signatures(const ResultsBundle& bundle, const ConfirmationCheck& how = {});

// The same, one entry at a time as a session's trail is read (audit verify
// of a base): feed() each entry in order, then finish() once with the jury
// the records list. Holds the jury's keys, not the trail.
class ConfirmationWalk {
public:
  ConfirmationWalk(ConfirmationCheck how, SessionKind kind);
  ~ConfirmationWalk();
  ConfirmationWalk(const ConfirmationWalk&) = delete;
  ConfirmationWalk& operator=(const ConfirmationWalk&) = delete;
  void feed(const AuditRecord& e);
  ConfirmationProofs finish(const std::vector<JuryMemberRecord>& jury);

private:
  struct State;
  std::unique_ptr<State> s_;
};

}  // namespace jurymn
