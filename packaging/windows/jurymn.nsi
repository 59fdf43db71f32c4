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
!include "FileFunc.nsh"

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
; French typography in the titles NSIS would write with a straight quote.
!define MUI_WELCOMEPAGE_TITLE "Bienvenue dans l’installation de Jury MN ${VERSION}"
!define MUI_FINISHPAGE_TITLE "Fin de l’installation de Jury MN ${VERSION}"
!define MUI_FINISHPAGE_TEXT "Jury MN ${VERSION} est installé. Cliquez sur Fermer pour quitter l’installation."
!define MUI_DIRECTORYPAGE_TEXT_TOP "Jury MN sera installé dans le dossier ci-dessous, pour vous seul. Pour en choisir un autre, cliquez sur Parcourir. Cliquez sur Installer pour commencer."
!define MUI_WELCOMEPAGE_TEXT "Cet assistant installe Jury MN ${VERSION}, l’outil hors ligne du jury du titre professionnel « Médiateur numérique », pour vous seul : aucun droit d’administrateur n’est nécessaire.$\r$\n$\r$\nLes sessions, les notes et la clé de signature déjà présentes sur cet ordinateur sont conservées."
; The real folders, expanded when the page shows (not « %LOCALAPPDATA% »).
!define MUI_UNCONFIRMPAGE_TEXT_TOP "Jury MN va être désinstallé. Les données du jury (sessions, notes, journal d’audit) et la clé de signature sont conservées dans $LOCALAPPDATA\jurymn et $APPDATA\jurymn."

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "${STAGE}\LICENSE.txt"
!define MUI_PAGE_HEADER_TEXT "Choisissez le dossier d’installation"
!define MUI_PAGE_HEADER_SUBTEXT "Le dossier où installer Jury MN ${VERSION}."
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!define MUI_INSTFILESPAGE_FINISHHEADER_SUBTEXT "La désinstallation s’est terminée avec succès ; les données du jury sont conservées."
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "French"

!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\jurymn"

; A running jurymn (it holds the named mutexes of src/platform, mark_running)
; is found before anything is touched. During a candidate's exam the setup
; refuses: closing jurymn then would cut the exam. Otherwise it asks the jury
; to close it, and goes on only once it is closed. Silent (/S): it refuses
; and changes nothing, exit code 3 during an exam, 2 when jurymn is only
; open (a centre's deployment script can tell which to wait for).
!macro CHECK_JURYMN un
Function ${un}CheckJurymn
  check:
  System::Call 'kernel32::OpenMutexW(i 0x00100000, i 0, w "Local\jurymn-epreuve-en-cours") p .r0'
  StrCmp $0 0 no_exam
    System::Call 'kernel32::CloseHandle(p r0)'
    MessageBox MB_OK|MB_ICONSTOP "Une épreuve est en cours dans Jury MN.$\r$\n$\r$\nRien n’a été modifié. Relancez cette opération une fois l’épreuve du candidat terminée et Jury MN fermé : le fermer maintenant interromprait l’épreuve." /SD IDOK
    SetErrorLevel 3
    Quit
  no_exam:
  System::Call 'kernel32::OpenMutexW(i 0x00100000, i 0, w "Local\jurymn-ouvert") p .r0'
  StrCmp $0 0 closed
    System::Call 'kernel32::CloseHandle(p r0)'
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "Jury MN est ouvert sur cet ordinateur (aucune épreuve n’est en cours).$\r$\n$\r$\nFermez Jury MN, puis cliquez sur Réessayer. Annuler ne modifie rien." /SD IDCANCEL IDRETRY check
    SetErrorLevel 2
    Quit
  closed:
FunctionEnd
!macroend
!insertmacro CHECK_JURYMN ""
!insertmacro CHECK_JURYMN "un."

Function .onInit
  Call CheckJurymn
FunctionEnd
Function un.onInit
  Call un.CheckJurymn
FunctionEnd

; The program's files, in the order they are swapped in.
!macro SWAP_ALL op
  !insertmacro ${op} "jurymn.exe"
  !insertmacro ${op} "jurymn.com"
  !insertmacro ${op} "assets"
  !insertmacro ${op} "scoring_grids"
  !insertmacro ${op} "LICENSE.txt"
  !insertmacro ${op} "licences"
  !insertmacro ${op} "desinstaller.exe"
!macroend
; The old one aside, the new one in (the errors flag says if one failed).
!macro SWAP_IN name
  IfFileExists "$INSTDIR\${name}" 0 +2
    Rename "$INSTDIR\${name}" "$INSTDIR\~ancien\${name}"
  Rename "$INSTDIR\~nouveau\${name}" "$INSTDIR\${name}"
!macroend
; Back as it was: whatever came in goes back, the old one returns.
!macro SWAP_BACK name
  IfFileExists "$INSTDIR\~ancien\${name}" 0 +3
    Rename "$INSTDIR\${name}" "$INSTDIR\~nouveau\${name}"
    Rename "$INSTDIR\~ancien\${name}" "$INSTDIR\${name}"
!macroend

Section "Jury MN" SecMain
  SetShellVarContext current
  ; jurymn may have been started since the first page.
  Call CheckJurymn
  ; Every new file is written beside the installed ones first: a setup cut
  ; short here (power, Annuler, a full disk) leaves the previous version
  ; whole and working. Then a few renames swap the folders in; if one
  ; fails, the old files are put back.
  RMDir /r "$INSTDIR\~nouveau"
  RMDir /r "$INSTDIR\~ancien"
  SetOutPath "$INSTDIR\~nouveau"
  File "${STAGE}\jurymn.exe"
  File "${STAGE}\jurymn.com"
  File /r "${STAGE}\assets"
  File /r "${STAGE}\scoring_grids"
  File "${STAGE}\LICENSE.txt"
  File /r "${STAGE}\licences"
  WriteUninstaller "$INSTDIR\~nouveau\desinstaller.exe"
  CreateDirectory "$INSTDIR\~ancien"
  SetOutPath "$INSTDIR"
  ClearErrors
  !insertmacro SWAP_ALL SWAP_IN
  IfErrors 0 swapped
    ClearErrors
    !insertmacro SWAP_ALL SWAP_BACK
    RMDir /r "$INSTDIR\~nouveau"
    MessageBox MB_OK|MB_ICONSTOP "Impossible de remplacer les fichiers de Jury MN dans $INSTDIR (un fichier est-il ouvert ?). La version précédente est conservée." /SD IDOK
    SetErrorLevel 2
    Quit
  swapped:
  RMDir /r "$INSTDIR\~ancien"
  RMDir /r "$INSTDIR\~nouveau"
  RMDir /r "$INSTDIR\fonts"  ; left by a version before assets\fonts
  CreateShortcut "$SMPROGRAMS\Jury MN.lnk" "$INSTDIR\jurymn.exe" "" "$INSTDIR\jurymn.exe" 0
  WriteRegStr HKCU "Software\jurymn" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "Jury MN"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "jurymn"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\jurymn.exe"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\desinstaller.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\desinstaller.exe" /S'
  ; The size « Applications et fonctionnalités » shows, in KiB.
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
SectionEnd

; Removes what the installer put there, by name, and nothing else: never
; the jury's data, even if someone chose to keep it in the program's folder.
Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\Jury MN.lnk"
  Delete "$INSTDIR\jurymn.exe"
  Delete "$INSTDIR\jurymn.com"
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
