#include "app/results_export.h"

#include <future>

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
  auto snapshot = store.snapshot(session);
  if (!snapshot) {
    out.summary = "Aucune session ne correspond à «\u00A0" + session + "\u00A0» dans " + store.path() + ".";
    return out;
  }
  InstallationKey key = installation_key(key_dir);
  if (!key.key) {
    out.summary = key.error;
    return out;
  }
  // The PV is rendered on a second core while this one reads the audit
  // trail: both are large for a session of thousands of candidates.
  const std::string app_version = "jurymn " JURYMN_VERSION;
  std::future<std::string> pv = std::async(std::launch::async, [&] {
    return render_proces_verbal({*snapshot, store.exam_plans(), store.scoring_grids(), now, app_version, {}});
  });
  ResultsBundle bundle;
  bundle.app_version = app_version;
  bundle.exported_at = now;
  AuditDigest digest;  // (on an exception, the future's destructor waits for the renderer)
  store.each_audit_entry(snapshot->session.uuid, [&](const AuditRecord& e) { digest.add(e); });
  bundle.audit = digest.finish();
  std::string pv_html = pv.get();
  bundle.snapshot = std::move(*snapshot);
  BundleFiles files = make_bundle(std::move(bundle), store.exam_plans(), *key.key, std::move(pv_html));
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
