using System;
using System.Collections.Generic;
using PhoneAgent.Core.Eap;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Hardware.Emulated.Network
{
    /// <summary>A PC behind the emulated phone, with a minimal EAP-MD5 supplicant of its own
    /// (.NET's MD5, not the core's): EAPOL-Start when plugged in, Identity and MD5-Challenge
    /// answered, EAP-Success remembered. For the demo; the lab uses wpa_supplicant.</summary>
    public sealed class EmulatedPc
    {
        public byte[] Mac { get; init; } = { 0x02, 0x00, 0x5e, 0x20, 0x00, 0x01 };
        public string Identity { get; init; } = "pc-user";
        public string Password { get; init; } = "pc-pass";
        public bool Authenticated { get; private set; }

        public byte[] Start()
        {
            Authenticated = false;
            return EapolFrame.ToPaeGroup(Mac, Eapol.TypeStart, null).Encode();
        }

        /// <summary>A frame the phone delivered on the PC port; the PC's answer, or null.</summary>
        public byte[] Handle(byte[] frame)
        {
            if (!EapolFrame.TryDecode(frame, 0, frame.Length, out var f, out _) || f.PacketType != Eapol.TypeEapPacket) return null;
            bool forUs = Eapol.IsPaeGroup(f.Destination, 0) || f.Destination.AsSpan().SequenceEqual(Mac);
            if (!forUs || !EapPacket.TryDecode(f.Body, 0, f.Body.Length, out var p, out _)) return null;
            if (p.Code == EapCode.Success) { Authenticated = true; return null; }
            if (p.Code == EapCode.Failure) { Authenticated = false; return null; }
            if (p.Code != EapCode.Request) return null;
            byte[] data;
            if (p.Type == EapType.Identity) data = System.Text.Encoding.UTF8.GetBytes(Identity);
            else if (p.Type == EapType.Md5Challenge && p.TypeData.Length >= 1 && p.TypeData[0] + 1 <= p.TypeData.Length)
            {
                var hash = EmulatedAuthenticator.Md5Response(p.Identifier, Password, p.TypeData.AsSpan(1, p.TypeData[0]));
                data = new byte[17];
                data[0] = 16;
                hash.CopyTo(data, 1);
            }
            else return null;
            var r = new EapPacket { Code = EapCode.Response, Identifier = p.Identifier, Type = p.Type, TypeData = data };
            return EapolFrame.ToPaeGroup(Mac, Eapol.TypeEapPacket, r.Encode()).Encode();
        }
    }

    /// <summary>The emulated board's PC port: an EmulatedPc plugged in or not; what the phone
    /// sends reaches the PC at once, the PC's answers wait for the phone's next read.</summary>
    public sealed class EmulatedPcPort : IPcPort
    {
        private readonly Queue<byte[]> _fromPc = new();

        public EmulatedPcPort(EmulatedPc pc) => Pc = pc ?? throw new ArgumentNullException(nameof(pc));

        public EmulatedPc Pc { get; }
        public bool Plugged { get; private set; }
        public bool LinkUp => Plugged;
        public int Delivered { get; private set; }

        /// <summary>The PC's cable goes in: link up, and the PC starts 802.1X.</summary>
        public void Plug()
        {
            Plugged = true;
            _fromPc.Enqueue(Pc.Start());
        }

        /// <summary>The PC's cable comes out: link down; nothing passes any more.</summary>
        public void Unplug()
        {
            Plugged = false;
            _fromPc.Clear();
        }

        public bool Send(byte[] frame, int offset, int count)
        {
            if (!Plugged) return false;
            var copy = new byte[count];
            Array.Copy(frame, offset, copy, 0, count);
            Delivered++;
            var answer = Pc.Handle(copy);
            if (answer != null) _fromPc.Enqueue(answer);
            return true;
        }

        public int TryReceive(byte[] buffer)
        {
            if (_fromPc.Count == 0) return -1;
            var f = _fromPc.Dequeue();
            int n = Math.Min(f.Length, buffer.Length);
            Array.Copy(f, buffer, n);
            return n;
        }

        public void Close() => Unplug();
    }
}
