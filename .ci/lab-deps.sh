#!/usr/bin/env bash
# Installs what the lab tier (tests/lab) and the router benchmark need on a bare Debian machine: the real
# UPnP router daemon, the reference client, nftables and iproute2. Idempotent: when every tool is already
# there it returns at once without touching apt. Needs root; without it the lab skips, so this does too.
set -euo pipefail
# shellcheck source=apt-missing.sh
source "$(dirname "$0")/apt-missing.sh"

need=()
[ -x /usr/sbin/miniupnpd ] || need+=(miniupnpd)
command -v upnpc >/dev/null 2>&1 || need+=(miniupnpc)
command -v nft >/dev/null 2>&1 || need+=(nftables)
command -v ip >/dev/null 2>&1 || need+=(iproute2)

apt_install_missing lab-deps "miniupnpd, miniupnpc, nftables and iproute2" "the lab tests will skip" "${need[@]}"
