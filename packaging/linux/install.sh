#!/usr/bin/env bash
# Install VisitPlanner for the current user (no root): the application, its menu entry,
# its icon and the .visit file type, so that a double-click on a visit opens it.
#
#   VisitPlanner/linux/install.sh                 from the unpacked archive
#   packaging/linux/install.sh dist/VisitPlanner  from the repository, after a build
#   install.sh --uninstall                        remove all of it (visits are left alone)
#
# Puts the application in ~/.local/opt/VisitPlanner, a `visitplanner` command in
# ~/.local/bin, and the desktop files under ~/.local/share (XDG_DATA_HOME), then updates
# the desktop's MIME, menu and icon caches where their tools are installed.
set -euo pipefail

APP_ID=org.visitplanner.VisitPlanner
MIME_ICON=application-x-visitplanner-visit
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
target=$HOME/.local/opt/VisitPlanner
bin=$HOME/.local/bin
sizes=(16 24 32 48 64 128 256 512)

say() { echo "install.sh: $*"; }

refresh_caches() {
  if command -v update-mime-database >/dev/null; then
    update-mime-database "$data/mime"
  fi
  if command -v update-desktop-database >/dev/null; then
    update-desktop-database -q "$data/applications"
  fi
  if command -v gtk-update-icon-cache >/dev/null && [ -d "$data/icons/hicolor" ]; then
    gtk-update-icon-cache -q -t -f "$data/icons/hicolor" || true
  fi
}

uninstall() {
  rm -rf "$target"
  rm -f "$bin/visitplanner" "$data/applications/$APP_ID.desktop" \
    "$data/metainfo/$APP_ID.metainfo.xml" "$data/mime/packages/$APP_ID.xml"
  for size in "${sizes[@]}"; do
    rm -f "$data/icons/hicolor/${size}x${size}/apps/$APP_ID.png" \
      "$data/icons/hicolor/${size}x${size}/mimetypes/$MIME_ICON.png"
  done
  mkdir -p "$data/mime" "$data/applications"
  refresh_caches
  say "VisitPlanner removed; your .visit files are untouched"
}

if [ "${1:-}" = "--uninstall" ]; then
  uninstall
  exit 0
fi

bundle=${1:-$here/..}
bundle=$(cd "$bundle" && pwd)
if [ ! -x "$bundle/visitplanner" ]; then
  say "no VisitPlanner application in $bundle (expected $bundle/visitplanner)" >&2
  exit 2
fi
icons="$bundle/_internal/visitplanner/resources/icons"

# The application: a fresh copy, so that files of an older version do not linger.
if [ "$bundle" != "$target" ]; then
  rm -rf "$target.new"
  mkdir -p "$(dirname "$target")"
  cp -a "$bundle" "$target.new"
  rm -rf "$target"
  mv "$target.new" "$target"
fi
mkdir -p "$bin"
ln -sfn "$target/visitplanner" "$bin/visitplanner"

# The menu entry runs the installed program by its full path: ~/.local/bin is not on
# every desktop session's PATH.
mkdir -p "$data/applications"
sed "s|^Exec=visitplanner |Exec=\"$target/visitplanner\" |" "$here/$APP_ID.desktop" \
  >"$data/applications/$APP_ID.desktop"
mkdir -p "$data/metainfo" "$data/mime/packages"
cp "$here/$APP_ID.metainfo.xml" "$data/metainfo/"
cp "$here/visitplanner-mime.xml" "$data/mime/packages/$APP_ID.xml"

for size in "${sizes[@]}"; do
  for kind in apps mimetypes; do
    mkdir -p "$data/icons/hicolor/${size}x${size}/$kind"
  done
  cp "$icons/visitplanner-$size.png" "$data/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
  cp "$icons/visitplanner-$size.png" "$data/icons/hicolor/${size}x${size}/mimetypes/$MIME_ICON.png"
done

refresh_caches
# The default application for visits, for desktops that read mimeapps.list.
if command -v xdg-mime >/dev/null; then
  xdg-mime default "$APP_ID.desktop" application/x-visitplanner-visit || true
fi
say "VisitPlanner installed in $target"
say "run it from the applications menu, by opening a .visit file, or as: $bin/visitplanner"
case ":$PATH:" in
  *":$bin:"*) ;;
  *) say "note: $bin is not on your PATH; add it to run \`visitplanner\` by name" ;;
esac
