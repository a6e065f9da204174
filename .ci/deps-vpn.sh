#!/usr/bin/env bash
# Installs what the VPN lab test's NetworkManager part needs: python3-dbusmock (a fake NetworkManager on a
# private bus). nmcli itself is taken from the network-manager package without installing it (which would
# pull in systemd and udev): the .debs of network-manager and libnm0 are unpacked under
# /opt/access-doctor/nm, and the test runs that nmcli with LD_LIBRARY_PATH. Idempotent; needs root (without
# it the NetworkManager test skips, so this does too).
set -euo pipefail

NM_ROOT=/opt/access-doctor/nm
have_mock() { /usr/bin/python3 -c 'import dbusmock' >/dev/null 2>&1; }

if have_mock && [ -x "$NM_ROOT/usr/bin/nmcli" ]; then
  echo "deps-vpn: python3-dbusmock and an unpacked nmcli already present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "deps-vpn: not root, cannot install python3-dbusmock; the NetworkManager test will skip" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if ! have_mock; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends python3-dbusmock
fi
if [ ! -x "$NM_ROOT/usr/bin/nmcli" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  apt-get update -qq
  (cd "$tmp" && apt-get download -qq network-manager libnm0)
  mkdir -p "$NM_ROOT"
  for deb in "$tmp"/*.deb; do dpkg-deb -x "$deb" "$NM_ROOT"; done
fi
echo "deps-vpn: python3-dbusmock and $NM_ROOT/usr/bin/nmcli ready"
