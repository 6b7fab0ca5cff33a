using System;
using System.Net;
using System.Net.Sockets;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Cli.Host
{
    /// <summary>The host's TCP connector for the core: a non-blocking socket whose connect is only
    /// started by Connect; Connected turns true once the handshake completed, and a refused or
    /// unreachable attempt shows as TryRead returning -1 (the IStreamPort contract).</summary>
    public sealed class HostStreamConnector : IStreamConnector
    {
        private readonly int _writeTimeoutMs;

        /// <summary>writeTimeoutMs bounds one Write of a request larger than the socket buffer.</summary>
        public HostStreamConnector(int writeTimeoutMs = 10000)
        {
            _writeTimeoutMs = writeTimeoutMs;
        }

        public IStreamPort Connect(uint address, int port)
        {
            var a = new byte[4];
            Ip4.Write(a, 0, address);
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false, NoDelay = true };
            try
            {
                s.Connect(new IPEndPoint(new IPAddress(a), port));
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
            {
                // the handshake goes on; Connected and TryRead report how it ends
            }
            catch (SocketException)
            {
                s.Dispose();
                return null;
            }
            return new HostStream(s, _writeTimeoutMs);
        }

        private sealed class HostStream : IStreamPort
        {
            private readonly Socket _s;
            private readonly int _writeTimeoutMs;
            private bool _connected;
            private bool _failed;
            private bool _closed;

            public HostStream(Socket s, int writeTimeoutMs)
            {
                _s = s;
                _writeTimeoutMs = writeTimeoutMs;
            }

            public bool Connected
            {
                get
                {
                    if (_connected || _failed || _closed) return _connected;
                    try
                    {
                        // A finished connect makes the socket writable (or in error); SO_ERROR says which.
                        if (!_s.Poll(0, SelectMode.SelectWrite) && !_s.Poll(0, SelectMode.SelectError)) return false;
                        int err = (int)_s.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
                        if (err != 0) _failed = true;
                        else _connected = true;
                    }
                    catch (SocketException) { _failed = true; }
                    catch (ObjectDisposedException) { _failed = true; }
                    return _connected;
                }
            }

            public bool Write(byte[] data, int offset, int count)
            {
                if (!Connected) return false;
                var started = Environment.TickCount64;
                try
                {
                    while (count > 0)
                    {
                        int n = _s.Send(data, offset, count, SocketFlags.None, out SocketError err);
                        if (err == SocketError.WouldBlock)
                        {
                            if (Environment.TickCount64 - started > _writeTimeoutMs) return false;
                            _s.Poll(50_000, SelectMode.SelectWrite);
                            continue;
                        }
                        if (err != SocketError.Success) return false;
                        offset += n;
                        count -= n;
                    }
                    return true;
                }
                catch (ObjectDisposedException) { return false; }
            }

            public int TryRead(byte[] buffer, int offset, int count)
            {
                if (_closed) return -1;
                if (!Connected) return _failed ? -1 : 0;
                try
                {
                    int n = _s.Receive(buffer, offset, count, SocketFlags.None, out SocketError err);
                    if (err == SocketError.WouldBlock) return 0;
                    if (err != SocketError.Success) return -1;
                    return n == 0 ? -1 : n;
                }
                catch (ObjectDisposedException) { return -1; }
            }

            public void Close()
            {
                if (_closed) return;
                _closed = true;
                _s.Dispose();
            }
        }
    }
}
