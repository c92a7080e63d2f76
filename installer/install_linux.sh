#!/usr/bin/env bash
# Installs the one-folder build (dist/rollout-planner) for the current user: ~/.local/opt, a launcher, the icon.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dest="${PREFIX:-$HOME/.local}"
mkdir -p "$dest/opt" "$dest/bin" "$dest/share/applications" "$dest/share/icons/hicolor/256x256/apps"
rm -rf "$dest/opt/rollout-planner"
cp -r "$here/dist/rollout-planner" "$dest/opt/rollout-planner"
ln -sf "$dest/opt/rollout-planner/rollout-planner" "$dest/bin/rollout-planner"
cp "$here/installer/rollout-planner.desktop" "$dest/share/applications/"
cp "$here/resources/icons/rollout-planner-256.png" "$dest/share/icons/hicolor/256x256/apps/rollout-planner.png"
command -v update-desktop-database >/dev/null && update-desktop-database "$dest/share/applications" || true
echo "Installed to $dest/opt/rollout-planner; run 'rollout-planner' or use the applications menu."
