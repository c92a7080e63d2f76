; Inno Setup script: Windows installer for the PyInstaller one-folder build (dist\rollout-planner).
; Build on Windows after `make installer`:  iscc installer\rollout_planner.iss
#define AppName "Rollout Planner"
#define AppVersion "0.1.0"
#define AppExe "rollout-planner.exe"

[Setup]
AppId={{6E0B8C53-1F0E-4E7B-9D0A-32F0E5A0C932}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Rollout Planner
DefaultDirName={autopf}\Rollout Planner
DefaultGroupName=Rollout Planner
OutputDir=..\dist
OutputBaseFilename=RolloutPlanner-{#AppVersion}-setup
SetupIconFile=..\resources\icons\rollout-planner.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
PrivilegesRequiredOverridesAllowed=dialog

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "assoc"; Description: "Open Rollout Planner projects (.rpgpkg) with Rollout Planner"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\dist\rollout-planner\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; A project is a GeoPackage; the association uses the dedicated .rpgpkg extension so that plain .gpkg files
; stay with QGIS. "Open with" still lists Rollout Planner for .gpkg.
Root: HKA; Subkey: "Software\Classes\.rpgpkg"; ValueType: string; ValueName: ""; ValueData: "RolloutPlanner.Project"; Flags: uninsdeletevalue; Tasks: assoc
Root: HKA; Subkey: "Software\Classes\RolloutPlanner.Project"; ValueType: string; ValueName: ""; ValueData: "Rollout Planner project"; Flags: uninsdeletekey; Tasks: assoc
Root: HKA; Subkey: "Software\Classes\RolloutPlanner.Project\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: assoc
Root: HKA; Subkey: "Software\Classes\RolloutPlanner.Project\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: assoc
Root: HKA; Subkey: "Software\Classes\.gpkg\OpenWithProgids"; ValueType: string; ValueName: "RolloutPlanner.Project"; ValueData: ""; Flags: uninsdeletevalue; Tasks: assoc

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
