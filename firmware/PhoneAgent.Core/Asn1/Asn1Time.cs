namespace PhoneAgent.Core.Asn1
{
    /// <summary>UTCTime and GeneralizedTime as X.509 requires them (RFC 5280 §4.1.2.5):
    /// YYMMDDHHMMSSZ (years 50-99 are 19xx, 00-49 are 20xx) and YYYYMMDDHHMMSSZ, always with
    /// seconds and 'Z', no fractions. Converted to Unix seconds without DateTime, so the
    /// device and the host agree to the second.</summary>
    public static class Asn1Time
    {
        public static bool TryDecode(int tag, byte[] b, int offset, int count, out long unixSeconds, out string error)
        {
            unixSeconds = 0;
            error = null;
            int year, p;
            if (tag == Asn1Tag.UtcTime)
            {
                if (count != 13) { error = "UTCTime is not YYMMDDHHMMSSZ"; return false; }
                int yy;
                if (!Digits(b, offset, 2, out yy)) { error = "UTCTime year not digits"; return false; }
                year = yy >= 50 ? 1900 + yy : 2000 + yy;
                p = offset + 2;
            }
            else if (tag == Asn1Tag.GeneralizedTime)
            {
                if (count != 15) { error = "GeneralizedTime is not YYYYMMDDHHMMSSZ"; return false; }
                if (!Digits(b, offset, 4, out year)) { error = "GeneralizedTime year not digits"; return false; }
                p = offset + 4;
            }
            else { error = "not a time"; return false; }
            int month, day, hour, minute, second;
            if (!Digits(b, p, 2, out month) || !Digits(b, p + 2, 2, out day) || !Digits(b, p + 4, 2, out hour) ||
                !Digits(b, p + 6, 2, out minute) || !Digits(b, p + 8, 2, out second) || b[p + 10] != (byte)'Z')
            {
                error = "time fields not digits, or no trailing Z";
                return false;
            }
            if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            {
                error = "time field out of range";
                return false;
            }
            unixSeconds = ToUnix(year, month, day, hour, minute, second);
            return true;
        }

        public static long ToUnix(int year, int month, int day, int hour, int minute, int second)
        {
            // Days from 1970-01-01 (proleptic Gregorian), by the civil-from-days method.
            int y = month <= 2 ? year - 1 : year;
            int era = (y >= 0 ? y : y - 399) / 400;
            int yoe = y - era * 400;
            int mp = (month + 9) % 12;
            int doy = (153 * mp + 2) / 5 + day - 1;
            int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
            long days = (long)era * 146097 + doe - 719468;
            return days * 86400 + hour * 3600 + minute * 60 + second;
        }

        /// <summary>Unix seconds as "YYYY-MM-DD HH:MM:SS UTC", for reports.</summary>
        public static string Format(long unix)
        {
            int y, m, d, hh, mm, ss;
            ToCivil(unix, out y, out m, out d, out hh, out mm, out ss);
            return y.ToString() + "-" + Two(m) + "-" + Two(d) + " " + Two(hh) + ":" + Two(mm) + ":" + Two(ss) + " UTC";
        }

        /// <summary>Unix seconds to the proleptic Gregorian date and time (UTC), the inverse of
        /// ToUnix; meaningful for years that fit an int (callers bound the input).</summary>
        public static void ToCivil(long unix, out int year, out int month, out int day, out int hour, out int minute, out int second)
        {
            long days = unix >= 0 ? unix / 86400 : (unix - 86399) / 86400;
            long secs = unix - days * 86400;
            long z = days + 719468;
            long era = (z >= 0 ? z : z - 146096) / 146097;
            long doe = z - era * 146097;
            long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
            long y = yoe + era * 400;
            long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            long mp = (5 * doy + 2) / 153;
            long d = doy - (153 * mp + 2) / 5 + 1;
            long m = mp < 10 ? mp + 3 : mp - 9;
            if (m <= 2) y++;
            year = (int)y;
            month = (int)m;
            day = (int)d;
            hour = (int)(secs / 3600);
            minute = (int)((secs / 60) % 60);
            second = (int)(secs % 60);
        }

        /// <summary>The tag RFC 5280 §4.1.2.5 requires for a time: UTCTime through 2049,
        /// GeneralizedTime from 2050 on (and, by the same rule, before 1950).</summary>
        public static int TagFor(long unix)
        {
            if (unix < MinUnix || unix > MaxUnix) return Asn1Tag.GeneralizedTime;
            int y, m, d, hh, mm, ss;
            ToCivil(unix, out y, out m, out d, out hh, out mm, out ss);
            return y >= 1950 && y <= 2049 ? Asn1Tag.UtcTime : Asn1Tag.GeneralizedTime;
        }

        /// <summary>Contents octets of a UTCTime "YYMMDDHHMMSSZ" (X.690 §11.8, RFC 5280 §4.1.2.5.1);
        /// throws ArgumentException outside 1950-2049, which UTCTime cannot name.</summary>
        public static byte[] EncodeUtcTime(long unix)
        {
            if (unix < MinUnix || unix > MaxUnix) throw new System.ArgumentException("UTCTime covers 1950-2049 only (RFC 5280 §4.1.2.5.1)");
            int y, m, d, hh, mm, ss;
            ToCivil(unix, out y, out m, out d, out hh, out mm, out ss);
            if (y < 1950 || y > 2049) throw new System.ArgumentException("UTCTime covers 1950-2049 only (RFC 5280 §4.1.2.5.1), not " + y.ToString());
            byte[] b = new byte[13];
            Put(b, 0, y % 100, 2);
            Rest(b, 2, m, d, hh, mm, ss);
            return b;
        }

        /// <summary>Contents octets of a GeneralizedTime "YYYYMMDDHHMMSSZ" (X.690 §11.7, RFC 5280
        /// §4.1.2.5.2: Zulu, seconds, no fraction); throws ArgumentException outside years 0-9999.</summary>
        public static byte[] EncodeGeneralizedTime(long unix)
        {
            // Bound first: ToCivil's arithmetic is only meaningful for sane ranges.
            if (unix < MinUnix || unix > MaxUnix) throw new System.ArgumentException("GeneralizedTime covers years 0000-9999 only");
            int y, m, d, hh, mm, ss;
            ToCivil(unix, out y, out m, out d, out hh, out mm, out ss);
            byte[] b = new byte[15];
            Put(b, 0, y, 4);
            Rest(b, 4, m, d, hh, mm, ss);
            return b;
        }

        /// <summary>0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z in Unix seconds.</summary>
        public const long MinUnix = -62167219200L;
        public const long MaxUnix = 253402300799L;

        private static void Rest(byte[] b, int p, int m, int d, int hh, int mm, int ss)
        {
            Put(b, p, m, 2);
            Put(b, p + 2, d, 2);
            Put(b, p + 4, hh, 2);
            Put(b, p + 6, mm, 2);
            Put(b, p + 8, ss, 2);
            b[p + 10] = (byte)'Z';
        }

        private static void Put(byte[] b, int p, int v, int digits)
        {
            for (int i = digits - 1; i >= 0; i--)
            {
                b[p + i] = (byte)('0' + v % 10);
                v /= 10;
            }
        }

        private static string Two(long v) { return v < 10 ? "0" + v.ToString() : v.ToString(); }

        private static int DaysInMonth(int year, int month)
        {
            if (month == 2) return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
        }

        private static bool Digits(byte[] b, int o, int n, out int v)
        {
            v = 0;
            for (int i = 0; i < n; i++)
            {
                int c = b[o + i] - '0';
                if (c < 0 || c > 9) return false;
                v = v * 10 + c;
            }
            return true;
        }
    }
}
