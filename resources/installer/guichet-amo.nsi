; NSIS script for the Windows installer of Guichet AMO, used when Inno Setup is absent.
; `python build_installer.py` calls `makensis` with /DAPP_VERSION=X.Y.Z,
; /DSOURCE_DIR=<dist\guichet-amo> and /DOUT_DIR=<dist>. The data directory in each user's
; %LOCALAPPDATA%\guichet-amo is never touched by an upgrade or an uninstall.

!ifndef APP_VERSION
  !error "APP_VERSION must be defined"
!endif
!ifndef SOURCE_DIR
  !error "SOURCE_DIR must be defined"
!endif
!ifndef OUT_DIR
  !error "OUT_DIR must be defined"
!endif

Unicode true
Name "Guichet AMO ${APP_VERSION}"
OutFile "${OUT_DIR}\guichet-amo-${APP_VERSION}-setup.exe"
InstallDir "$PROGRAMFILES64\Guichet AMO"
RequestExecutionLevel admin
SetCompressor /SOLID lzma

!include "MUI2.nsh"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "French"
!insertmacro MUI_LANGUAGE "English"

Section "Guichet AMO"
  ; An upgrade replaces the old program files first.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${SOURCE_DIR}\*"
  CreateDirectory "$SMPROGRAMS\Guichet AMO"
  CreateShortcut "$SMPROGRAMS\Guichet AMO\Guichet AMO.lnk" "$INSTDIR\guichet-amo.exe"
  WriteUninstaller "$INSTDIR\uninstall.exe"
SectionEnd

Section "Uninstall"
  RMDir /r "$INSTDIR"
  RMDir /r "$SMPROGRAMS\Guichet AMO"
SectionEnd
