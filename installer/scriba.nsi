; Scriba installer (NSIS 3, Modern UI 2). Built by installer/build; by hand:
;
;   makensis /DVERSION=0.1.0 /DSOURCE_DIR=..\dist\Scriba /DOUTFILE=..\dist\Scriba-0.1.0-Setup.exe installer\scriba.nsi
;
; Per-user by default: installs to %LOCALAPPDATA%\Programs\Scriba and writes only to HKCU, so no
; administrator rights and no UAC prompt. /ALLUSERS (from an elevated prompt) installs to
; Program Files and HKLM instead.
;
; Command line (installer):   /S  silent        /D=DIR  install folder (last, unquoted)
;                             /ALLUSERS         /DESKTOP  add a desktop shortcut
;                             /NOOPENWITH       skip "Open with Scriba" for .pdf and scanned images
; Command line (uninstaller): /S  silent (keeps the cache)     /REMOVECACHE  also delete the cache

Unicode true
; Scriba itself is 64-bit only; a 64-bit installer also sees the native Program Files and
; registry, with no WOW64 redirection to reason about.
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
SetCompressorDictSize 64

!ifndef VERSION
  !error "Pass the version: makensis /DVERSION=x.y.z (installer/build reads it from pyproject.toml)"
!endif
!ifndef VERSION_NUMERIC
  !define VERSION_NUMERIC "0.0.0.0"
!endif
!ifndef SOURCE_DIR
  !define SOURCE_DIR "${__FILEDIR__}\..\dist\Scriba"
!endif
!ifndef OUTFILE
  !define OUTFILE "${__FILEDIR__}\..\dist\Scriba-${VERSION}-Setup.exe"
!endif
; The Windows payload has Scriba.exe; installer/build --check on Linux packs the Linux payload
; (same layout, no .exe suffix) to prove the installer's mechanics under Wine.
!ifndef EXE
  !define EXE ".exe"
!endif
!ifndef ICON
  !define ICON "${__FILEDIR__}\..\resources\icons\scriba.ico"
!endif

!ifdef SIGN_COMMAND
  ; installer/build passes its own signing callback; "%1" is the file makensis just wrote.
  !uninstfinalize '${SIGN_COMMAND}'
  !finalize '${SIGN_COMMAND}'
!endif

!define APP "Scriba"
!define PUBLISHER "The Scriba authors"
!define GUI_EXE "Scriba${EXE}"
!define CLI_EXE "scriba-cli${EXE}"
!define UNINSTALLER "Uninstall Scriba.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Scriba"
!define PROGID "Scriba.PDF"
!define IMAGE_PROGID "Scriba.Image"

; One file type in "Open with": its OpenWithProgids lists the ProgID, and Scriba says it reads it.
!macro OpenWith EXT ID
  WriteRegStr SHCTX "Software\Classes\${EXT}\OpenWithProgids" "${ID}" ""
  WriteRegStr SHCTX "Software\Classes\Applications\${GUI_EXE}\SupportedTypes" "${EXT}" ""
!macroend
; Its undoing: the value, then the keys only if nothing else is in them.
!macro ForgetOpenWith EXT ID
  DeleteRegValue SHCTX "Software\Classes\${EXT}\OpenWithProgids" "${ID}"
  DeleteRegKey /ifempty SHCTX "Software\Classes\${EXT}\OpenWithProgids"
  DeleteRegKey /ifempty SHCTX "Software\Classes\${EXT}"
!macroend
; The ProgID that opens its files in Scriba.
!macro ProgId ID TYPE
  WriteRegStr SHCTX "Software\Classes\${ID}" "" "${TYPE}"
  WriteRegStr SHCTX "Software\Classes\${ID}" "FriendlyTypeName" "${TYPE}"
  WriteRegStr SHCTX "Software\Classes\${ID}\DefaultIcon" "" "$INSTDIR\${GUI_EXE},0"
  WriteRegStr SHCTX "Software\Classes\${ID}\shell\open" "FriendlyAppName" "${APP}"
  WriteRegStr SHCTX "Software\Classes\${ID}\shell\open\command" "" "$\"$INSTDIR\${GUI_EXE}$\" $\"%1$\""
!macroend

Name "${APP}"
OutFile "${OUTFILE}"
BrandingText "${APP} ${VERSION}"
; No InstallDir: .onInit picks the folder for the mode (per-user or all users) unless /D= gave one.
RequestExecutionLevel user
ShowInstDetails hide
ShowUninstDetails hide

VIProductVersion "${VERSION_NUMERIC}"
VIAddVersionKey /LANG=0 "ProductName" "${APP}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP} ${VERSION} Setup"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}. Apache-2.0"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${GUI_EXE}"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the fallback; NSIS picks the one matching the Windows UI language.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "PortugueseBR"

LangString SecApp ${LANG_ENGLISH} "Scriba (required)"
LangString SecApp ${LANG_PORTUGUESEBR} "Scriba (obrigatório)"
LangString SecDesktop ${LANG_ENGLISH} "Desktop shortcut"
LangString SecDesktop ${LANG_PORTUGUESEBR} "Atalho na área de trabalho"
LangString SecOpenWith ${LANG_ENGLISH} "Add $\"Open with Scriba$\" for PDFs and scanned images"
LangString SecOpenWith ${LANG_PORTUGUESEBR} "Adicionar $\"Abrir com o Scriba$\" para PDFs e imagens digitalizadas"
LangString PdfType ${LANG_ENGLISH} "PDF document (Scriba)"
LangString PdfType ${LANG_PORTUGUESEBR} "Documento PDF (Scriba)"
LangString ImageType ${LANG_ENGLISH} "Scanned image (Scriba)"
LangString ImageType ${LANG_PORTUGUESEBR} "Imagem digitalizada (Scriba)"
LangString NeedAdmin ${LANG_ENGLISH} "Installing for all users needs administrator rights. Run the installer from an elevated prompt, or leave out /ALLUSERS to install for yourself."
LangString NeedAdmin ${LANG_PORTUGUESEBR} "Instalar para todos os usuários exige direitos de administrador. Execute o instalador como administrador ou omita /ALLUSERS para instalar só para você."
LangString AskCache ${LANG_ENGLISH} "Also delete Scriba's cache (the text recognised from your documents) and its logs?$\n$\n$0"
LangString AskCache ${LANG_PORTUGUESEBR} "Excluir também o cache do Scriba (o texto reconhecido dos seus documentos) e os registros?$\n$\n$0"

Var AllUsers

!macro SetMode ALL
  ; Shortcut folders and the SHCTX registry root (HKLM or HKCU) follow the mode.
  ${If} ${ALL} == 1
    SetShellVarContext all
  ${Else}
    SetShellVarContext current
  ${EndIf}
!macroend

Section "$(SecApp)" SecApp
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An upgrade must not leave files of the previous version's runtime behind.
  RMDir /r "$INSTDIR\_internal"
  File /r "${SOURCE_DIR}\*"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  ; Start menu: one shortcut directly in Programs, as current Windows guidelines ask.
  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0

  ; Apps & Features entry.
  ${If} $AllUsers == 1
    StrCpy $R5 "$\"$INSTDIR\${UNINSTALLER}$\" /ALLUSERS"
  ${Else}
    StrCpy $R5 "$\"$INSTDIR\${UNINSTALLER}$\""
  ${EndIf}
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${GUI_EXE},0"
  WriteRegStr SHCTX "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINST_KEY}" "UninstallString" "$R5"
  WriteRegStr SHCTX "${UNINST_KEY}" "QuietUninstallString" "$R5 /S"
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $R6 $R7 $R8
  IntFmt $R6 "0x%08X" $R6
  WriteRegDWORD SHCTX "${UNINST_KEY}" "EstimatedSize" "$R6"
SectionEnd

Section /o "$(SecDesktop)" SecDesktop
  CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0
SectionEnd

Section "$(SecOpenWith)" SecOpenWith
  ; Adds Scriba to the "Open with" list of .pdf and of scanners' images without taking the
  ; default away from the user's PDF reader or photo viewer: a ProgID listed under
  ; OpenWithProgids, never the extension's (Default) value.
  !insertmacro ProgId "${PROGID}" "$(PdfType)"
  !insertmacro ProgId "${IMAGE_PROGID}" "$(ImageType)"
  WriteRegStr SHCTX "Software\Classes\Applications\${GUI_EXE}" "FriendlyAppName" "${APP}"
  !insertmacro OpenWith ".pdf" "${PROGID}"
  !insertmacro OpenWith ".tif" "${IMAGE_PROGID}"
  !insertmacro OpenWith ".tiff" "${IMAGE_PROGID}"
  !insertmacro OpenWith ".jpg" "${IMAGE_PROGID}"
  !insertmacro OpenWith ".jpeg" "${IMAGE_PROGID}"
  !insertmacro OpenWith ".png" "${IMAGE_PROGID}"
  WriteRegStr SHCTX "Software\Classes\Applications\${GUI_EXE}\shell\open\command" "" "$\"$INSTDIR\${GUI_EXE}$\" $\"%1$\""
  ; SHCNE_ASSOCCHANGED: Explorer rereads associations now, not at next logon.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

; After the sections: it refers to their indexes.
Function .onInit
  StrCpy $AllUsers 0
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/ALLUSERS" $R1
  ${IfNot} ${Errors}
    UserInfo::GetAccountType
    Pop $R2
    ${If} $R2 != "Admin"
      MessageBox MB_ICONSTOP "$(NeedAdmin)" /SD IDOK
      SetErrorLevel 740 ; ERROR_ELEVATION_REQUIRED
      Quit
    ${EndIf}
    StrCpy $AllUsers 1
  ${EndIf}
  !insertmacro SetMode $AllUsers
  ; $INSTDIR is empty unless /D= gave a folder.
  ${If} $INSTDIR == ""
    ${If} $AllUsers == 1
      StrCpy $INSTDIR "$PROGRAMFILES64\${APP}"
    ${Else}
      StrCpy $INSTDIR "$LOCALAPPDATA\Programs\${APP}"
    ${EndIf}
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/DESKTOP" $R1
  ${IfNot} ${Errors}
    SectionSetFlags ${SecDesktop} ${SF_SELECTED}
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/NOOPENWITH" $R1
  ${IfNot} ${Errors}
    SectionSetFlags ${SecOpenWith} 0
  ${EndIf}
FunctionEnd

; ---------------------------------------------------------------- uninstaller

Function un.onInit
  ; Installed for all users if the HKLM entry points at this folder (also when the uninstaller
  ; is started from the folder itself, without the /ALLUSERS its registry command line adds).
  StrCpy $AllUsers 0
  ReadRegStr $R0 HKLM "${UNINST_KEY}" "InstallLocation"
  ${If} $R0 == $INSTDIR
    StrCpy $AllUsers 1
  ${EndIf}
  ${If} $AllUsers == 1
    UserInfo::GetAccountType
    Pop $R2
    ${If} $R2 != "Admin"
      MessageBox MB_ICONSTOP "$(NeedAdmin)" /SD IDOK
      SetErrorLevel 740
      Quit
    ${EndIf}
  ${EndIf}
  !insertmacro SetMode $AllUsers
FunctionEnd

Section "Uninstall"
  ; Only what the installer put there: the runtime folder, the two launchers, the uninstaller.
  ; Never RMDir /r $INSTDIR itself, which could be a folder the user chose and shares.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\Scriba${EXE}"
  Delete "$INSTDIR\scriba-cli${EXE}"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"

  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$DESKTOP\${APP}.lnk"

  !insertmacro ForgetOpenWith ".pdf" "${PROGID}"
  !insertmacro ForgetOpenWith ".tif" "${IMAGE_PROGID}"
  !insertmacro ForgetOpenWith ".tiff" "${IMAGE_PROGID}"
  !insertmacro ForgetOpenWith ".jpg" "${IMAGE_PROGID}"
  !insertmacro ForgetOpenWith ".jpeg" "${IMAGE_PROGID}"
  !insertmacro ForgetOpenWith ".png" "${IMAGE_PROGID}"
  DeleteRegKey SHCTX "Software\Classes\${PROGID}"
  DeleteRegKey SHCTX "Software\Classes\${IMAGE_PROGID}"
  DeleteRegKey SHCTX "Software\Classes\Applications\${GUI_EXE}"
  DeleteRegKey SHCTX "${UNINST_KEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; The cache holds the text of the user's documents and lives in the profile of whoever ran
  ; Scriba, not in the install folder. Ask; a silent uninstall keeps it unless /REMOVECACHE.
  SetShellVarContext current
  StrCpy $0 "$LOCALAPPDATA\${APP}"
  ${If} ${FileExists} "$0\Cache\*.*"
  ${OrIf} ${FileExists} "$0\Logs\*.*"
    ${GetParameters} $R0
    ClearErrors
    ${GetOptions} $R0 "/REMOVECACHE" $R1
    ${If} ${Errors}
      MessageBox MB_YESNO|MB_ICONQUESTION "$(AskCache)" /SD IDNO IDNO keep_cache
    ${EndIf}
    RMDir /r "$0\Cache"
    RMDir /r "$0\Logs"
    RMDir "$0"
  ${EndIf}
  keep_cache:
SectionEnd
