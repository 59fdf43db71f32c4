// SPDX-License-Identifier: EUPL-1.2
#include "app/results_export.h"


#include "core/text.h"
#include "app/installation_key.h"
#include "io/bundle.h"
#include "io/proces_verbal.h"
#include "io/results_json.h"

#ifndef JURYMN_VERSION
#define JURYMN_VERSION "0.0.0"
#endif

namespace jurymn {

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
  ResultsBundle bundle;
  auto snapshot = store.snapshot(session, &bundle.audit, &bundle.audit_trail);
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
  // The PV is rendered on a second core while this one writes the rest:
  // both are large for a session of thousands of candidates.
  const std::string audit_digest = bundle.audit.digest;
  // The trail was just read with its links: walk it here rather than again
  // from the database.
  const AuditChainReport chain = walk_audit_chain(bundle.audit_trail, bundle.audit);
  // The centre recomputes the chain and would refuse the bundle: say so now,
  // while the jury can still print the PV, which names the broken entry.
  if (!chain.intact()) {
    out.summary = "Les résultats n’ont pas été exportés\u00A0: le journal d’audit a été modifié hors de jurymn — " +
                  chain.summary() +
                  ". Imprimez le procès-verbal, qui le signale, et prévenez le centre d’examen.";
    return out;
  }
  // Every decision of each run, read before the trail moves into the bundle.
  const DecisionHistories histories = decision_histories(bundle.audit_trail);
  const std::vector<PinReset> resets = pin_resets(bundle.audit_trail);
  BundleFiles files = make_bundle(std::move(bundle), store.exam_plans(), *key.key, [&](const SessionSnapshot& s) {
    return render_proces_verbal(
        {s, store.exam_plans(), store.scoring_grids(), now, "jurymn " JURYMN_VERSION, audit_digest, chain, &histories,
         resets});
  });
  if (std::string err = write_bundle(out_dir, files); !err.empty()) {
    out.summary = "Les résultats n’ont pas été exportés\u00A0: " + err;
    return out;
  }
  out.ok = true;
  out.fingerprint = key.fingerprint;
  out.summary = "Résultats exportés et signés dans " + out_dir + " (clé " + key.fingerprint + ").";
  return out;
}

}  // namespace jurymn
