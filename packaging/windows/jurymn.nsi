; The jurymn installer (NSIS, built by packaging/windows/build.sh).
; Per-user: installs under %LOCALAPPDATA%\Programs\Jury MN with no
; administrator rights (exam centres lock them on jury laptops). The jury's
; data (%LOCALAPPDATA%\jurymn) and settings and signing key (%APPDATA%\jurymn)
; live elsewhere: neither an upgrade nor the uninstaller ever touches them.
; /S installs silently, for centres that deploy many laptops.
; A 64-bit installer (the amd64 stub Debian ships): jurymn is 64-bit only, and
; Wine without its 32-bit half (wine32) runs it in the tests.
Target amd64-unicode
!include "MUI2.nsh"

!ifndef VERSION
  !error "makensis -DVERSION=... -DSTAGE=... -DOUTFILE=... -DICON=..."
!endif

Name "Jury MN ${VERSION}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\Jury MN"
InstallDirRegKey HKCU "Software\jurymn" "InstallDir"
SetCompressor /SOLID lzma
BrandingText "Jury MN ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1036 "ProductName" "Jury MN"
VIAddVersionKey /LANG=1036 "FileDescription" "Installation de Jury MN"
VIAddVersionKey /LANG=1036 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1036 "LegalCopyright" "jurymn"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\jurymn.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Lancer Jury MN"
!define MUI_WELCOMEPAGE_TEXT "Cet assistant installe Jury MN ${VERSION}, l’outil hors ligne du jury du titre professionnel « Médiateur numérique », pour vous seul : aucun droit d’administrateur n’est nécessaire.$\r$\n$\r$\nLes sessions, les notes et la clé de signature déjà présentes sur cet ordinateur sont conservées."
!define MUI_UNCONFIRMPAGE_TEXT_TOP "Jury MN va être désinstallé. Les données du jury (sessions, notes, journal d’audit) et la clé de signature sont conservées dans %LOCALAPPDATA%\jurymn et %APPDATA%\jurymn."

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "${STAGE}\LICENSE.txt"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "French"

!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\jurymn"

Section "Jury MN" SecMain
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the program's own files only (no stale grid or plan).
  RMDir /r "$INSTDIR\assets"
  RMDir /r "$INSTDIR\scoring_grids"
  RMDir /r "$INSTDIR\fonts"
  File "${STAGE}\jurymn.exe"
  File /r "${STAGE}\assets"
  File /r "${STAGE}\scoring_grids"
  File "${STAGE}\LICENSE.txt"
  File /r "${STAGE}\licences"
  WriteUninstaller "$INSTDIR\desinstaller.exe"
  CreateShortcut "$SMPROGRAMS\Jury MN.lnk" "$INSTDIR\jurymn.exe" "" "$INSTDIR\jurymn.exe" 0
  WriteRegStr HKCU "Software\jurymn" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "Jury MN"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "jurymn"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\jurymn.exe"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\desinstaller.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\desinstaller.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
SectionEnd

; Removes what the installer put there, by name, and nothing else: never
; the jury's data, even if someone chose to keep it in the program's folder.
Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\Jury MN.lnk"
  Delete "$INSTDIR\jurymn.exe"
  RMDir /r "$INSTDIR\assets"
  RMDir /r "$INSTDIR\scoring_grids"
  RMDir /r "$INSTDIR\fonts"
  RMDir /r "$INSTDIR\licences"
  Delete "$INSTDIR\LICENSE.txt"
  Delete "$INSTDIR\desinstaller.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "Software\jurymn"
SectionEnd
