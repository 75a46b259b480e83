#!/usr/bin/env bash
# Build the macOS application (VisitPlanner.app) and a disk image, on a Mac:
#
#   bash packaging/build-macos.sh
#
# Needs Python 3.11+ (python.org or Homebrew) and Xcode's command line tools (iconutil,
# codesign, hdiutil). The app is signed ad hoc, which runs on the Mac that built it; to
# hand it out, set VISITPLANNER_CODESIGN_IDENTITY to a "Developer ID Application: ..."
# identity before building, then notarize the disk image (see packaging/README.md).
# Leaves dist/VisitPlanner.app and dist/VisitPlanner-VERSION-macos-ARCH.dmg.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "build-macos: $*"; }

python3 scripts/dev.py setup
version=$(.venv/bin/python -c 'import visitplanner; print(visitplanner.__version__)')

# The icon: the committed PNGs laid out as an iconset, made into the .icns the spec uses.
rm -rf build/icons
python3 packaging/make_icons.py --iconset build/icons/VisitPlanner.iconset
iconutil -c icns build/icons/VisitPlanner.iconset -o build/icons/VisitPlanner.icns

say "building VisitPlanner ${version} with PyInstaller"
started=$(date +%s)
rm -rf dist/VisitPlanner dist/VisitPlanner.app build/pyinstaller
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/visitplanner.spec
say "built in $(($(date +%s) - started)) s, $(du -sh dist/VisitPlanner.app | cut -f1)"

codesign --verify --deep --strict dist/VisitPlanner.app
bash packaging/smoke-test.sh dist/VisitPlanner.app

dmg="dist/VisitPlanner-${version}-macos-$(uname -m).dmg"
rm -f "$dmg"
hdiutil create -volname VisitPlanner -srcfolder dist/VisitPlanner.app -ov -format UDZO "$dmg"
say "$dmg"
