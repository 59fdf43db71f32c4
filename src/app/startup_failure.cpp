#include "app/startup_failure.h"

#include <cstdio>

namespace jurymn {

std::string startup_failure_text(StartupFailure failure, platform::System system, const std::string& detail) {
  const bool windows = system == platform::System::Windows;
  const std::string because = detail.empty() ? std::string() : " (" + detail + ")";
  switch (failure) {
    case StartupFailure::NoDisplay:
      return windows ? "aucun affichage graphique disponible. Ouvrez une session Windows sur cet ordinateur, puis "
                       "relancez Jury MN."
                     : "aucun affichage graphique disponible (ni DISPLAY ni WAYLAND_DISPLAY). Lancez jurymn dans une "
                       "session graphique, ou sans écran\u00A0: xvfb-run -a jurymn …";
    case StartupFailure::NoFont:
      return windows ? "police DejaVu Sans introuvable dans le dossier assets\\fonts de Jury MN" + because +
                           ". Réinstallez Jury MN (vos sessions et votre clé sont conservées)."
                     : "police DejaVu Sans introuvable" + because + ". Installez le paquet fonts-dejavu-core.";
    case StartupFailure::DisplayInit:
      return windows ? "impossible d’ouvrir l’affichage" + because +
                           ". Redémarrez l’ordinateur, puis relancez Jury MN."
                     : "impossible d’ouvrir l’affichage" + because + ". Sans écran\u00A0: xvfb-run -a jurymn …";
    case StartupFailure::NoOpenGL:
      return windows ? "impossible de créer la fenêtre\u00A0: la carte graphique n’offre pas OpenGL" + because +
                           ". Installez le pilote graphique du fabricant de l’ordinateur (Windows Update, "
                           "mises à jour facultatives)\u00A0; par le Bureau à distance, lancez Jury MN sur "
                           "l’ordinateur lui-même."
                     : "impossible de créer la fenêtre\u00A0: pas d’OpenGL" + because +
                           ". Installez le pilote graphique (paquet libgl1-mesa-dri), ou sans écran\u00A0: "
                           "xvfb-run -a jurymn …";
    case StartupFailure::Database: return detail;
  }
  return detail;
}

void report_startup_failure(const std::string& text, bool capturing) {
  std::fprintf(stderr, "jurymn\u00A0: %s\n", text.c_str());
  if (startup_failure_needs_box(platform::error_output_seen(), capturing))
    platform::show_error_box("Jury MN ne peut pas démarrer", "Jury MN ne peut pas démarrer\u00A0: " + text);
}

}  // namespace jurymn
