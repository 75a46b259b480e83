; Inno Setup 6 script: the Windows installer of VisitPlanner.
;
; Build the one-folder application first, then this (packaging\build-windows.ps1 does both):
;   pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\visitplanner.spec
;   iscc /DAppVersion=0.1.0 packaging\windows\visitplanner.iss
; Result: dist\VisitPlanner-VERSION-windows-x64-setup.exe
;
; It installs dist\VisitPlanner\ (VisitPlanner.exe: the window; visitplanner-cli.exe: the
; command line) to Program Files, or to the user's own programs folder when the user is
; not an administrator; adds a Start-menu shortcut; and registers .visit files (ProgID
; VisitPlanner.Visit) so that a double-click opens them. Uninstalling removes all of it,
; the file association included, and leaves the user's visits alone.

#if Ver < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or newer is needed: this script is UTF-8 without a BOM
#endif
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "VisitPlanner"
#define AppExe "VisitPlanner.exe"
#define ProgId "VisitPlanner.Visit"
#define VisitMime "application/x-visitplanner-visit"
#define Repo SourcePath + "..\.."

[Setup]
; The AppId identifies the application across versions: never change it.
AppId={{2A9A8C55-CB0A-424D-9417-00A93FE540BB}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=VisitPlanner team
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
; Installs for everyone as an administrator, or for the current user without admin rights.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ChangesAssociations=yes
SetupIconFile={#Repo}\visitplanner\resources\icons\visitplanner.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir={#Repo}\dist
OutputBaseFilename=VisitPlanner-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto

[Languages]
; The first is used when Windows speaks none of the three.
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "french"; MessagesFile: "compiler:Languages\French.isl"
Name: "ukrainian"; MessagesFile: "compiler:Languages\Ukrainian.isl"

[CustomMessages]
english.VisitFile=VisitPlanner visit
french.VisitFile=Visite VisitPlanner
ukrainian.VisitFile=Візит VisitPlanner
english.AppComment=Plan official delegation visits
french.AppComment=Préparer les visites officielles de délégations
ukrainian.AppComment=Планування офіційних візитів делегацій

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; A new version replaces the old one's files: nothing of an older bundle lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Repo}\dist\VisitPlanner\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Registry]
; HKA is HKLM for an administrator's install, HKCU for a user's own: the association goes
; with the install. Every key or value written here is removed on uninstall.
Root: HKA; Subkey: "Software\Classes\.visit"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.visit"; ValueType: string; ValueName: "Content Type"; ValueData: "{#VisitMime}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.visit\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:VisitFile}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" gui ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".visit"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
