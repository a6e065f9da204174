#!/usr/bin/env bash
# Installs what the lab tier (tests/lab) and the router benchmark need on a bare Debian machine: the real
# UPnP router daemon, the reference client, nftables and iproute2. Idempotent: when every tool is already
# there it returns at once without touching apt. Needs root; without it the lab skips, so this does too.
set -euo pipefail

need=()
[ -x /usr/sbin/miniupnpd ] || need+=(miniupnpd)
command -v upnpc >/dev/null 2>&1 || need+=(miniupnpc)
command -v nft >/dev/null 2>&1 || need+=(nftables)
command -v ip >/dev/null 2>&1 || need+=(iproute2)

if [ ${#need[@]} -eq 0 ]; then
  echo "lab-deps: miniupnpd, miniupnpc, nftables and iproute2 already present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "lab-deps: not root, cannot install ${need[*]}; the lab tests will skip" >&2
  exit 0
fi
echo "lab-deps: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}"
