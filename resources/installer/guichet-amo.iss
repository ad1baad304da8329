; Inno Setup script for the Windows installer of Guichet AMO.
; `python build_installer.py` calls it when `iscc` is on the PATH, passing
; /DAppVersion=X.Y.Z and /DSourceDir=<the onedir folder dist\guichet-amo>.
; Installs per machine under Program Files; the data directory (the encrypted store, its
; key description, backups, logs) lives in each user's %LOCALAPPDATA%\guichet-amo and is
; never touched by an upgrade or an uninstall.

#ifndef AppVersion
  #error AppVersion must be defined (/DAppVersion=...)
#endif
#ifndef SourceDir
  #error SourceDir must be defined (/DSourceDir=...)
#endif

[Setup]
AppId={{6D3B0E55-2F0B-4C55-9A7E-6B1D4C0A6A11}
AppName=Guichet AMO
AppVersion={#AppVersion}
AppPublisher=CNSS
DefaultDirName={autopf}\Guichet AMO
DefaultGroupName=Guichet AMO
OutputBaseFilename=guichet-amo-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
UninstallDisplayIcon={app}\guichet-amo.exe

[Languages]
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
; The whole frozen folder; an upgrade replaces the old program files first.
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\Guichet AMO"; Filename: "{app}\guichet-amo.exe"
Name: "{autodesktop}\Guichet AMO"; Filename: "{app}\guichet-amo.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Run]
Filename: "{app}\guichet-amo.exe"; Description: "{cm:LaunchProgram,Guichet AMO}"; Flags: nowait postinstall skipifsilent
