#!/usr/bin/env bash
# Wrap the macOS app built by packaging/editor-app.spec into a compressed .dmg.
#
#   make package                      # on a Mac: dist/编辑审校台.app (+ dist/editor-app/)
#   packaging/macos/make-dmg.sh       # -> dist/editor-app-<version>-macos-<arch>.dmg
#
# Optional: CODESIGN_IDENTITY="Developer ID Application: ..." signs the .app (deep,
# hardened runtime) before imaging; notarisation is a separate step (README).
set -euo pipefail
cd "$(dirname "$0")/../.."

app="dist/编辑审校台.app"
info="dist/editor-app/_internal/build-info.json"
[ -d "$app" ] || { echo "make-dmg: $app not found; build it first (make package)" >&2; exit 1; }
[ -f "$info" ] || { echo "make-dmg: $info not found; build it first (make package)" >&2; exit 1; }
version="$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' "$info")"
arch="$(uname -m)"
dmg="dist/editor-app-${version}-macos-${arch}.dmg"

# The installed app must pass its own self-test before it is shipped.
"$app/Contents/MacOS/editor-app" --self-test

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$app"
  codesign --verify --deep --strict "$app"
fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
ditto "$app" "$stage/$(basename "$app")"
ln -s /Applications "$stage/Applications"
rm -f "$dmg"
hdiutil create -volname "编辑审校台 ${version}" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$dmg"
hdiutil verify "$dmg"
echo "make-dmg: built $dmg"
