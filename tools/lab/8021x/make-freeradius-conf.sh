#!/usr/bin/env bash
# A FreeRADIUS 3.x configuration for the 802.1X lab, written to DEST (a copy of
# /etc/freeradius/3.0, changed so that it runs as root inside a lab namespace):
#   - users md5user/md5pass and peapuser/peappass (Cleartext-Password) in mods-config/files/authorize;
#   - without PKI: an eap module that offers EAP-MD5 only, so no certificate is needed;
#     with PKI (a directory like ../shared/lab/pki holding server.key, server-chain.crt and
#     ca-bundle.crt): the Debian eap module pointed at those files (MD5, TLS, PEAP, ...);
#   - the NAS is the default "client localhost" (127.0.0.1, secret testing123).
# Run it with:  freeradius -X -d DEST   (or -f -l stdout) inside the authenticator's namespace.
# Usage: make-freeradius-conf.sh DEST [PKI]
set -euo pipefail
dest=${1:?usage: make-freeradius-conf.sh DEST [PKI]}
pki=${2:-}
src=/etc/freeradius/3.0
[ -d "$src" ] || { echo "no $src: install freeradius (tools/lab/install-peers.sh)" >&2; exit 2; }
rm -rf "$dest"
cp -a "$src" "$dest"
cd "$dest"

if [ -z "$pki" ]; then
  # RFC 3748 §5.4 MD5-Challenge only.
  cat > mods-available/eap <<'EAP'
eap {
	default_eap_type = md5
	timer_expire = 60
	ignore_unknown_eap_types = no
	cisco_accounting_username_bug = no
	max_sessions = ${max_requests}
	md5 {
	}
}
EAP
else
  pki=$(cd "$pki" && pwd)
  sed -i -e "s|^\(\s*\)private_key_password = whatever|\1#private_key_password = whatever|" \
         -e "s|^\(\s*\)private_key_file = /etc/ssl/private/ssl-cert-snakeoil.key|\1private_key_file = $pki/server.key|" \
         -e "s|^\(\s*\)certificate_file = /etc/ssl/certs/ssl-cert-snakeoil.pem|\1certificate_file = $pki/server-chain.crt|" \
         -e "s|^\(\s*\)ca_file = /etc/ssl/certs/ca-certificates.crt|\1ca_file = $pki/ca-bundle.crt|" mods-available/eap
fi

{ printf 'md5user   Cleartext-Password := "md5pass"\npeapuser  Cleartext-Password := "peappass"\n'; cat mods-config/files/authorize; } > authorize.new
mv authorize.new mods-config/files/authorize

# Run as root (the lab namespace is ours); no user/group switch.
sed -i -e 's|^\s*user = freerad|#user = freerad|' -e 's|^\s*group = freerad|#group = freerad|' radiusd.conf
chown -R root:root "$dest"
freeradius -XC -d "$dest" | tail -1
