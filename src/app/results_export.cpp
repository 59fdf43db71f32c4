// SPDX-License-Identifier: EUPL-1.2
#include "app/results_export.h"


#include "core/text.h"
#include "app/installation_key.h"
#include "io/bundle.h"
#include "io/proces_verbal.h"
#include "io/results_json.h"
#include "core/audit_payloads.h"
#include "core/audit_trail.h"
#include "core/decision_history.h"

#ifndef JURYMN_VERSION
#define JURYMN_VERSION "0.0.0"
#endif

namespace jurymn {

namespace {

ExportOutcome export_read_session(const Store& store, const std::string& session, const std::string& out_dir,
                                  const std::string& key_dir, TimeMs now) {
  ExportOutcome out;
  ResultsBundle bundle;
  // The trail is not held: it is read once, a line at a time, below.
  auto snapshot = store.snapshot(session, &bundle.audit);
  if (!snapshot) {
    out.summary = "Aucune session ne correspond à " + guillemets(session) + " dans " + store.path() + ".";
    return out;
  }
  InstallationKey key = installation_key(key_dir);
  if (!key.key) {
    out.summary = key.error;
    return out;
  }
  bundle.app_version = "jurymn " JURYMN_VERSION;
  bundle.exported_at = now;
  bundle.snapshot = std::move(*snapshot);
  const std::string audit_digest = bundle.audit.digest;
  const AuditHead head = bundle.audit;
  const std::string session_uuid = bundle.snapshot.session.uuid;
  // The PV prints every decision of each run and the PIN resets: the few
  // entries those come from are kept as the trail goes by.
  std::vector<AuditRecord> decisions;
  AuditChainReport chain;
  auto each_entry = [&](const std::function<void(const AuditRecord&)>& put) -> std::string {
    AuditChainWalk walk(true);
    store.each_audit_entry(session_uuid, [&](const AuditRecord& e) {
      walk.add(e);
      const auto action = audit_action_from_id(e.action);
      if (action == AuditAction::DecideCcp || action == AuditAction::ConfirmDecision ||
          action == AuditAction::ReopenDecision || action == AuditAction::DecideCompetency ||
          action == AuditAction::ResetMemberPin)
        decisions.push_back(e);
      put(e);
    });
    walk.finish(head);
    chain.entries = walk.entries();
    chain.sessions = 1;
    chain.broken = walk.broken();
    // The centre recomputes the chain and would refuse the bundle: say so
    // now, while the jury can still print the PV, which names the broken
    // entry.
    if (!chain.intact())
      return "le journal d’audit a été modifié hors de jurymn — " + chain.summary() +
             ". Imprimez le procès-verbal, qui le signale, et prévenez le centre d’examen.";
    return {};
  };
  DecisionHistories histories;
  std::vector<PinReset> resets;
  const std::string err = export_bundle(
      out_dir, std::move(bundle), store.exam_plans(), *key.key, each_entry, [&](const SessionSnapshot& s) {
        histories = decision_histories(decisions);
        resets = pin_resets(decisions);
        return render_proces_verbal({s, store.exam_plans(), store.scoring_grids(), now, "jurymn " JURYMN_VERSION,
                                     audit_digest, chain, &histories, resets});
      });
  if (!err.empty()) {
    out.summary = "Les résultats n’ont pas été exportés\u00A0: " + err;
    return out;
  }
  out.ok = true;
  out.fingerprint = key.fingerprint;
  out.summary = "Résultats exportés et signés dans " + out_dir + " (clé " + key.fingerprint + ").";
  return out;
}

}  // namespace

ExportOutcome export_session(const Store& store, const std::string& session, const std::string& out_dir,
                             const std::string& key_dir, TimeMs now) {
  ExportOutcome out;
  // A bundle is a jury laptop's signed account of its own session: one made
  // from the centre's base would sign, with the centre's key, what other
  // laptops recorded.
  if (store.centre_base()) {
    out.summary = store.path() + " est la base d’un centre d’examen (elle rassemble des lots fusionnés)\u00A0: on "
                  "n’en exporte pas de lot, chaque lot vient de l’ordinateur du jury qui a tenu la session. Rien n’a "
                  "été écrit.";
    return out;
  }
  // The session, its head and its trail as of one moment: an entry written
  // meanwhile (a member still marking on another window) would otherwise
  // pass the head and read as a trail modified outside jurymn.
  store.read_together([&] { out = export_read_session(store, session, out_dir, key_dir, now); });
  return out;
}

}  // namespace jurymn
