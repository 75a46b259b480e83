#!/usr/bin/env bash
# Build the Linux one-folder application with PyInstaller, pack it, and smoke-test it.
#
#   bash packaging/build-linux.sh
#
# Uses the project's .venv (set up from requirements.lock by scripts/dev.py; PyInstaller is
# in the dev extra). Needs objdump (Debian: binutils), which PyInstaller runs on every library.
# Leaves:
#   dist/VisitPlanner/                                 the application (run dist/VisitPlanner/visitplanner)
#   dist/VisitPlanner-VERSION-linux-ARCH.tar.gz        the same, to hand out; unpack and run
#                                                      VisitPlanner/linux/install.sh
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "build-linux: $*"; }

if ! command -v objdump >/dev/null 2>&1; then
  say "objdump is missing; on Debian/Ubuntu: apt-get install binutils" >&2
  exit 2
fi

python3 scripts/dev.py setup
version=$(.venv/bin/python -c 'import visitplanner; print(visitplanner.__version__)')
arch=$(uname -m)
bundle=dist/VisitPlanner
archive="dist/VisitPlanner-${version}-linux-${arch}.tar.gz"

say "building VisitPlanner ${version} with PyInstaller $(.venv/bin/pyinstaller --version)"
started=$EPOCHREALTIME
rm -rf "$bundle" build/pyinstaller
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/visitplanner.spec
built=$EPOCHREALTIME

# Every library the bundle links to is in it, except those a Linux desktop always has in a
# version matching its graphics stack (glibc, libstdc++, OpenGL/EGL, libdrm, libxcb,
# Wayland). A library missing on the build machine is missing from the bundle (PyInstaller
# only warns): then the window fails on a user's machine that lacks it too. Stop here.
system_libraries='^(ld-linux.*|lib(c|m|dl|pthread|rt|resolv|util)|libstdc\+\+|libgcc_s|libE?(Open)?GLX?|libdrm|libxcb|libwayland-(client|cursor|egl|server))\.so'
missing=$(
  comm -23 \
    <(find "$bundle" -name '*.so*' -type f -exec objdump -p {} + 2>/dev/null \
        | awk '/^ +NEEDED/ { print $2 }' | sort -u) \
    <(find "$bundle" -name '*.so*' -printf '%f\n' | sort -u) \
    | grep -Ev "$system_libraries" || true
)
if [ -n "$missing" ]; then
  say "the bundle lacks libraries that were not found on this machine:" $missing >&2
  say "install them (Debian: see XCB_LIBRARIES in scripts/dev.py) and build again" >&2
  exit 1
fi

# The desktop integration travels inside the folder: unpack, then run linux/install.sh.
mkdir -p "$bundle/linux"
cp packaging/linux/org.visitplanner.VisitPlanner.desktop \
  packaging/linux/org.visitplanner.VisitPlanner.metainfo.xml \
  packaging/linux/visitplanner-mime.xml packaging/linux/install.sh "$bundle/linux/"
chmod +x "$bundle/linux/install.sh"
tar -C dist -czf "$archive" VisitPlanner

say "built in $(awk -v a="$started" -v b="$built" 'BEGIN { printf "%.0f", b - a }') s"
say "bundle size: $(du -sh "$bundle" | cut -f1) in $(find "$bundle" -type f | wc -l) files ($bundle)"
say "archive size: $(du -h "$archive" | cut -f1) ($archive)"

bash packaging/smoke-test.sh "$bundle"
