#!/usr/bin/env bash
# Packaging steps of CI, called by .ci/run after `make test` (which created .venv):
#   1. installs the build tools it needs (as root on Debian/Ubuntu),
#   2. builds the one-folder app (make package) and the .deb (make deb),
#   3. unpacks the .deb into a temporary root (dpkg-deb -x) and runs the installed
#      console executable's --self-test there, with no display (Qt offscreen), then
#      again under xvfb-run (Qt's xcb plugin) when xvfb is installed, and with
#      --db against a throwaway PostgreSQL (packaging/server_selftest.py) when it is installed,
#   4. prints the package figures (bench/bench_package.py: sizes, start-up, self-test time).
# Fails on the first error; a failing self-test fails CI.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  # binutils: objdump/objcopy for PyInstaller; dpkg-dev not needed (dpkg-deb is in dpkg).
  # The libxcb*/xkbcommon/wayland/fontconfig libraries: Qt's platform plugins link them;
  # PyInstaller bundles what it finds on the build machine and the .deb depends on the rest.
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends \
    binutils \
    libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 \
    libxkbcommon0 libxkbcommon-x11-0 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 \
    libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 \
    libxcb-xfixes0 libxcb-xkb1 libwayland-client0 libwayland-cursor0 libwayland-egl1 \
    desktop-file-utils xvfb xauth >/dev/null
fi

for tool in objdump dpkg-deb ldd; do
  command -v "$tool" >/dev/null 2>&1 || { echo "ci-steps: $tool is missing" >&2; exit 1; }
done

make deb

version="$(.venv/bin/python -c 'from importlib.metadata import version; print(version("editor-app"))')"
deb="dist/$(.venv/bin/python packaging/linux/build_deb.py --print-filename)"
test -f "$deb"
echo "ci-steps: built ${deb} for editor-app ${version}"

if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate packaging/linux/editor-app.desktop
fi

root="$(mktemp -d /tmp/editor-app-deb-root.XXXXXX)"
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
dpkg-deb -f "$deb" Package Version Architecture Depends

# The unpacked package must carry its own everything: no venv, no source tree on the path.
exe="$root/opt/editor-app/editor-app"
test -x "$exe"
test -x "$root/opt/editor-app/editor-app-gui"
test -L "$root/usr/bin/editor-app"
test -f "$root/usr/share/applications/editor-app.desktop"
test -f "$root/usr/share/icons/hicolor/256x256/apps/editor-app.png"
test -f "$root/usr/share/icons/hicolor/scalable/apps/editor-app.svg"

clean_env=(env -i "HOME=$root/home" "PATH=/usr/bin:/bin" "LANG=C.UTF-8" "QT_QPA_PLATFORM=offscreen")
mkdir -p "$root/home"
got="$("${clean_env[@]}" "$root/usr/bin/editor-app" --version)"
[ "$got" = "editor-app ${version}" ] || { echo "ci-steps: --version says '$got', expected 'editor-app ${version}'" >&2; exit 1; }
(cd "$root" && "${clean_env[@]}" "$exe" --self-test)

# The bundled PostgreSQL driver (psycopg's binary implementation, its own libpq) against a
# throwaway server, when PostgreSQL is installed (.ci/run installs it): --self-test --db DSN.
set +e
.venv/bin/python packaging/server_selftest.py "$exe"
status=$?
set -e
case "$status" in
  0) ;;
  3) echo "ci-steps: no PostgreSQL binaries: the bundle's server self-test was skipped" ;;
  *) exit "$status" ;;
esac

# With a virtual X server (xvfb, installed by .ci/run) the same self-test runs on the
# xcb platform plugin, and the start-up figures are taken on it.
bench=(.venv/bin/python bench/bench_package.py --bundle "$root/opt/editor-app" --deb "$deb")
if command -v xvfb-run >/dev/null 2>&1; then
  x_env=(env -i "HOME=$root/home" "PATH=/usr/bin:/bin" "LANG=C.UTF-8")
  (cd "$root" && "${x_env[@]}" xvfb-run -a -s "-screen 0 1920x1080x24" "$exe" --self-test)
  xvfb-run -a -s "-screen 0 1920x1080x24" "${bench[@]}"
else
  "${bench[@]}"
fi
