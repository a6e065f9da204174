#!/usr/bin/env bash
# Installs the real desktop proxy tools the proxy tests run (tests/unit/proxy, tests/world/proxy*):
# gsettings/dconf with the GNOME proxy schema and a session bus, and KDE's kreadconfig5/kwriteconfig5.
# Idempotent: when every tool is already there it returns at once without touching apt. Needs root;
# without it the real-tool tests skip with a printed reason, so this does too.
set -euo pipefail
# shellcheck source=apt-missing.sh
source "$(dirname "$0")/apt-missing.sh"

need=()
command -v dconf >/dev/null 2>&1 || need+=(dconf-cli)
command -v dbus-daemon >/dev/null 2>&1 || need+=(dbus)
command -v gsettings >/dev/null 2>&1 || need+=(libglib2.0-bin)
[ -f /usr/share/glib-2.0/schemas/org.gnome.system.proxy.gschema.xml ] || need+=(gsettings-desktop-schemas)
command -v kwriteconfig5 >/dev/null 2>&1 || need+=(libkf5config-bin)

apt_install_missing deps-proxy "dconf, dbus, gsettings, the GNOME proxy schema and kwriteconfig5" "the real proxy tests will skip" "${need[@]}"
