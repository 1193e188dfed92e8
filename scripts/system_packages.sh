#!/usr/bin/env bash
# The Debian packages lscb needs besides Python, Node.js/npm and make: the one list, used by
# `make run` (scripts/system_packages.sh run), `make test` and so `.ci/run` (… test).
# Installs what is missing when it can (root with apt-get); otherwise stops at once and prints
# the exact command to run, so nothing starts on a machine that cannot render or test.
set -euo pipefail

# Rendering PDFs (WeasyPrint): Pango lays out text, HarfBuzz-subset makes the embedded font
# subsets (without it WeasyPrint falls back to fontTools: slower, and other bytes for the same
# revision), DejaVu is the font the print stylesheet names.
RUN_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
# The tests as well: Chromium for the browser tests, poppler-utils (pdftoppm, pdftotext) for PDFs.
TEST_PACKAGES=(chromium poppler-utils)

case "${1:-}" in
  run) wanted=("${RUN_PACKAGES[@]}") ;;
  test) wanted=("${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}") ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

missing=()
for package in "${wanted[@]}"; do
  installed "$package" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "lscb needs these system packages, which are not installed: ${missing[*]}" >&2
echo "Install them, then run make again:" >&2
echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
exit 1
