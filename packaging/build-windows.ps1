# Build the Windows application and its installer. In PowerShell, from the repository:
#
#   powershell -ExecutionPolicy Bypass -File packaging\build-windows.ps1
#
# Needs Python 3.11+ (python.org) and Inno Setup 6.3+ (ISCC.exe on PATH or in its default
# folder). Leaves dist\VisitPlanner\ (the application) and
# dist\VisitPlanner-VERSION-windows-x64-setup.exe (the installer to hand out).
$ErrorActionPreference = "Stop"
Set-Location (Split-Path $PSScriptRoot -Parent)

function Check($what) {
    if ($LASTEXITCODE -ne 0) { throw "build-windows: $what failed (exit status $LASTEXITCODE)" }
}

py -3 scripts\dev.py setup; Check "setting up .venv"
$python = ".venv\Scripts\python.exe"
$version = & $python -c "import visitplanner; print(visitplanner.__version__)"; Check "reading the version"

Write-Host "build-windows: building VisitPlanner $version with PyInstaller"
$watch = [Diagnostics.Stopwatch]::StartNew()
& .venv\Scripts\pyinstaller.exe --noconfirm --clean --log-level WARN `
    --distpath dist --workpath build\pyinstaller packaging\visitplanner.spec
Check "PyInstaller"
$size = (Get-ChildItem dist\VisitPlanner -Recurse -File | Measure-Object Length -Sum).Sum / 1MB
Write-Host ("build-windows: built in {0:N0} s, {1:N0} MB" -f $watch.Elapsed.TotalSeconds, $size)

# A quick smoke test with the console program (Git Bash runs packaging/smoke-test.sh fully).
$cli = "dist\VisitPlanner\visitplanner-cli.exe"
$visit = Join-Path $env:TEMP "visitplanner-smoke.visit"
& $cli --version; Check "visitplanner-cli --version"
& $cli demo $visit; Check "visitplanner-cli demo"
& $cli check $visit; Check "visitplanner-cli check"
Remove-Item $visit

$iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $iscc "/DAppVersion=$version" packaging\windows\visitplanner.iss; Check "Inno Setup"
Write-Host "build-windows: dist\VisitPlanner-$version-windows-x64-setup.exe"
