; Inno Setup script: packs dist\Planbro (from planbro.spec) into PlanbroSetup.exe.
; Installs per user (no administrator rights needed on a municipal workstation);
; plans stay in %LOCALAPPDATA%\Planbro and are never removed by the uninstaller.
; The version is written once, in desktop/planbro/__init__.py (__version__); the build passes it
; in: ISCC /DAppVersion=<planbro.__version__> installer\planbro.iss (see installer/README.md).
#ifndef AppVersion
  #error AppVersion is not set: build with ISCC /DAppVersion=... as installer/README.md says
#endif

[Setup]
AppId={{6E1D4C2A-57B8-4F0B-9C1E-2B7A0D5F3E91}
AppName=Planbro
AppVersion={#AppVersion}
AppPublisher=Planbro
DefaultDirName={localappdata}\Programs\Planbro
DefaultGroupName=Planbro
PrivilegesRequired=lowest
OutputBaseFilename=PlanbroSetup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "danish"; MessagesFile: "compiler:Languages\Danish.isl"

[Files]
Source: "..\dist\Planbro\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\Planbro"; Filename: "{app}\Planbro.exe"
Name: "{userdesktop}\Planbro"; Filename: "{app}\Planbro.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Opret genvej på skrivebordet"; Flags: unchecked

[Run]
Filename: "{app}\Planbro.exe"; Description: "Start Planbro"; Flags: nowait postinstall skipifsilent
