#!/usr/bin/env bash
# The vertical slice against a real DHCP server, by hand: two namespaces joined by a veth
# pair, dnsmasq in pa-lab-net, `phoneagent run` in pa-lab-phone. Needs root, iproute2,
# dnsmasq (tools/lab/install-peers.sh) and a built harness (dotnet build PhoneAgent.sln).
# Everything stays inside the namespaces; both are deleted on exit.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
net=pa-lab-net phone=pa-lab-phone
run=$(mktemp -d /tmp/phoneagent-lab.XXXXXX)
agent="$root/tools/PhoneAgent.Cli/bin/Debug/net10.0/phoneagent.dll"
[ -f "$agent" ] || agent="$root/tools/PhoneAgent.Cli/bin/Release/net10.0/phoneagent.dll"
[ -f "$agent" ] || { echo "build first: dotnet build PhoneAgent.sln"; exit 2; }

cleanup() {
  for ns in $net $phone; do
    for pid in $(ip netns pids $ns 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
    ip netns del $ns 2>/dev/null || true
    rm -rf /etc/netns/$ns
  done
}
trap cleanup EXIT
cleanup
for ns in $net $phone; do
  # ip netns exec bind-mounts this over /etc/resolv.conf: no client hook can touch the host's.
  mkdir -p /etc/netns/$ns && echo "# $ns" > /etc/netns/$ns/resolv.conf
  ip netns add $ns && ip -n $ns link set lo up
done
ip link add veth-net type veth peer name veth-phone
ip link set veth-net netns $net && ip link set veth-phone netns $phone
ip -n $net addr add 10.77.0.1/24 dev veth-net
ip -n $net link set veth-net up && ip -n $phone link set veth-phone up

cat > "$run/dnsmasq.conf" <<CONF
port=0
interface=veth-net
bind-interfaces
except-interface=lo
dhcp-range=10.77.0.100,10.77.0.150,255.255.255.0,1h
dhcp-authoritative
dhcp-leasefile=$run/dnsmasq.leases
pid-file=$run/dnsmasq.pid
dhcp-option=option:router
dhcp-option=option:dns-server
CONF
ip netns exec $net dnsmasq --conf-file="$run/dnsmasq.conf" --log-facility="$run/dnsmasq.log"
echo "dnsmasq running in $net; phoneagent in $phone:"
printf 'device.name = lab-phone\n' > "$run/phone.conf"
ip netns exec $phone dotnet "$agent" run --config "$run/phone.conf" --interface veth-phone \
  --exit-when-ready --timeout 30 --store "$run/flash" "$@"
echo; echo "address in $phone:"; ip -n $phone -4 addr show dev veth-phone | grep inet
echo "dnsmasq lease:"; cat "$run/dnsmasq.leases"
