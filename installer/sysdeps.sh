#!/usr/bin/env bash
# Installs, when missing: the system libraries Qt needs headless, poppler-utils (pdftoppm) for the print tests, and
# Debian's Chromium with its driver (chromium, chromium-driver) for the web-map tests in a real browser.
set -u
need=()
for lib in libEGL.so.1 libGL.so.1 libxkbcommon.so.0 libfontconfig.so.1 libdbus-1.so.3; do
  ldconfig -p 2>/dev/null | grep -q "$lib" || need+=("$lib")
done
command -v pdftoppm >/dev/null || need+=(pdftoppm)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts)
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromedriver)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system packages for: ${need[*]}"
  apt-get update -qq >/dev/null 2>&1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libegl1 libgl1 libxkbcommon0 libfontconfig1 \
    libdbus-1-3 fonts-dejavu-core poppler-utils chromium chromium-driver >/dev/null 2>&1 \
    || echo "warning: apt-get install failed"
else
  echo "warning: missing system packages (${need[*]}); install libegl1 libgl1 libxkbcommon0 libfontconfig1 poppler-utils chromium chromium-driver" >&2
fi
exit 0
