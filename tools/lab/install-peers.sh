#!/usr/bin/env bash
# Installs the real peers the lab tests start (Debian 12). Idempotent; needs root.
# Without root it only reports what is missing: the lab tests then report themselves
# as skipped (Inconclusive), never as passed.
set -euo pipefail
packages=(iproute2 nftables dnsmasq-base kea-dhcp4-server time openssl chrony lighttpd kamailio kamailio-tls-modules sip-tester baresip hostapd wpasupplicant freeradius scep curl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && { echo "lab peers present: ${packages[*]}"; exit 0; }
if [ "$(id -u)" -ne 0 ]; then
  echo "not root: cannot install ${missing[*]}; lab tests will be skipped"; exit 0
fi
echo "installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# The lab tests start every daemon themselves, in namespaces. Keep the packages' init
# scripts from starting host-wide services (chronyd would even steer the host clock):
# policy-rc.d exit 101 = "action forbidden" for invoke-rc.d, removed again afterwards.
policy=/usr/sbin/policy-rc.d
own_policy=0
if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod +x "$policy"; own_policy=1; fi
trap '[ $own_policy -eq 1 ] && rm -f "$policy"' EXIT
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
# On a systemd machine policy-rc.d is not consulted: disable what the packages enabled there
# (the lab tests start their own lighttpd, chronyd and kamailio in namespaces).
if [ -d /run/systemd/system ]; then
  for unit in lighttpd chrony kamailio hostapd freeradius; do
    printf '%s\n' "${missing[@]}" | grep -qx "$unit" && systemctl disable --now "$unit" >/dev/null 2>&1 || true
  done
fi
