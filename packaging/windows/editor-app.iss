; Inno Setup 6 script: Windows installer for the PyInstaller one-folder app.
;
; Build on Windows (see packaging/README.md):
;   1. make the bundle:   .venv\Scripts\pyinstaller --noconfirm --clean --distpath dist ^
;                           --workpath build\pyinstaller packaging\editor-app.spec
;   2. compile:           iscc /DAppVersion=<version> packaging\windows\editor-app.iss
;      (<version> is "version" in dist\editor-app\_internal\build-info.json)
; Output: dist\editor-app-<version>-setup.exe
;
; Installs per user (no administrator rights, %LOCALAPPDATA%\Programs) or for all
; users (Program Files): the installer asks (PrivilegesRequiredOverridesAllowed=dialog).

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=0.1.0 editor-app.iss
#endif

#define AppName "编辑审校台"
#define AppNameEn "Editorial review desk"
#define AppExe "editor-app-gui.exe"
#define Bundle "..\..\dist\editor-app"

[Setup]
AppId={{A46B85D7-BF44-4833-B320-AA2DA7AE0A94}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=今日浙江编辑部
DefaultDirName={autopf}\editor-app
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=editor-app-{#AppVersion}-setup
SetupIconFile=..\..\build\pyinstaller\icons\editor-app.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} ({#AppNameEn})
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
CloseApplications=yes

[Languages]
; Chinese needs ChineseSimplified.isl (an unofficial Inno Setup translation) in the
; compiler's Languages folder; without it the installer is English only.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{#AppNameEn}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Python byte-code caches written next to the app at run time, if any; the user's
; library in %APPDATA%\editor-app is never removed.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
