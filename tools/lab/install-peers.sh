#!/usr/bin/env bash
# Installs the real peers the lab tests start (Debian 12). Idempotent; needs root.
# Without root it only reports what is missing: the lab tests then report themselves
# as skipped (Inconclusive), never as passed.
set -euo pipefail
packages=(iproute2 nftables dnsmasq-base kea-dhcp4-server time openssl kamailio kamailio-tls-modules sip-tester baresip hostapd wpasupplicant freeradius)
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
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
