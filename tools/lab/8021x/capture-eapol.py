#!/usr/bin/env python3
# Capture EAPOL frames (EtherType 0x888e) arriving on IFACE into a classic pcap (Ethernet),
# for SECONDS. Run one per namespace end (a packet socket here saw only incoming frames).
# Usage: capture-eapol.py IFACE OUT.pcap SECONDS   (root or CAP_NET_RAW)
import socket, struct, sys, time, signal
iface, out, secs = sys.argv[1], sys.argv[2], float(sys.argv[3])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x888e))
s.bind((iface, 0))
s.settimeout(0.2)
f = open(out, 'wb')
f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
end = time.time() + secs
print("ready", flush=True)
while time.time() < end:
    try:
        p = s.recv(65535)
    except socket.timeout:
        continue
    t = time.time()
    f.write(struct.pack('<IIII', int(t), int((t % 1) * 1e6), len(p), len(p)) + p)
    f.flush()
