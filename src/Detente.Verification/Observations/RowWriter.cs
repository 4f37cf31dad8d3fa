using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;
using Detente.Core;

namespace Detente.Verification.Observations;

/// <summary>
/// Validates one row given as UTF-8 field values and appends its canonical JSON line to a growing buffer, without allocating
/// per field. Members are written in RFC 8785 order; counts as integers; coordinates rounded to 6 decimals and written in the
/// ECMAScript shortest form (which for such values is the plain decimal with trailing zeros removed).
/// </summary>
internal sealed class RowWriter
{
    private const int FieldCount = 14;
    private static readonly int[] RequiredColumns = [.. ObservationColumns.Required];
    private readonly byte[]? _defaultObserver;
    private byte[] _buffer;

    public RowWriter(string? defaultObserver, int capacity)
    {
        _defaultObserver = defaultObserver is null ? null : Encoding.UTF8.GetBytes(defaultObserver);
        _buffer = GC.AllocateUninitializedArray<byte>(Math.Max(capacity, 256));
    }

    public byte[] Buffer => _buffer;

    /// <summary>The source ids rows may cite; null accepts any id.</summary>
    public ObservationSources? Sources { get; init; }

    private byte[] _lastSource = [];

    public int Length { get; private set; }

    /// <summary>Field values by column; <see cref="Present"/> says which were given (an empty value counts as absent).</summary>
    public readonly Field[] Values = new Field[FieldCount];

    public readonly bool[] Present = new bool[FieldCount];

    /// <summary>Where each column is in the source row, for error positions (CSV field number or GeoJSON column).</summary>
    public readonly int[] Positions = new int[FieldCount];

    public void Clear() => Array.Clear(Present);

    /// <summary>Validates the fields and writes the row; returns null or the problem and the column at fault.</summary>
    public (int Column, string Problem)? Write()
    {
        var start = Length;
        var error = TryWrite();
        if (error is not null)
        {
            Length = start;
        }

        return error;
    }

    private (int Column, string Problem)? TryWrite()
    {
        foreach (var c in RequiredColumns)
        {
            if (!Present[c])
            {
                return (c, ObservationMessages.Required(ObservationColumns.All[c]));
            }
        }

        var time = Values[ObservationColumns.Time].Span;
        if (!IsTime(time))
        {
            return (ObservationColumns.Time, ObservationMessages.Date(Text(time)));
        }

        long latMicro = 0, lonMicro = 0;
        var hasPoint = Present[ObservationColumns.Lat] || Present[ObservationColumns.Lon];
        if (hasPoint)
        {
            if (!Present[ObservationColumns.Lat] || !Present[ObservationColumns.Lon])
            {
                return (Present[ObservationColumns.Lat] ? ObservationColumns.Lon : ObservationColumns.Lat, ObservationMessages.HalfPoint);
            }

            var lat = Values[ObservationColumns.Lat].Span;
            if (!TryMicro(lat, out latMicro))
            {
                return (ObservationColumns.Lat, ObservationMessages.Number(Text(lat)));
            }

            if (latMicro is < -90_000_000 or > 90_000_000)
            {
                return (ObservationColumns.Lat, ObservationMessages.Latitude(latMicro / 1e6));
            }

            var lon = Values[ObservationColumns.Lon].Span;
            if (!TryMicro(lon, out lonMicro))
            {
                return (ObservationColumns.Lon, ObservationMessages.Number(Text(lon)));
            }

            if (lonMicro is < -180_000_000 or > 180_000_000)
            {
                return (ObservationColumns.Lon, ObservationMessages.Longitude(lonMicro / 1e6));
            }
        }
        else if (!Present[ObservationColumns.Area])
        {
            return (ObservationColumns.Area, ObservationMessages.NoPlace);
        }

        if (Present[ObservationColumns.Area] && !IsCode(Values[ObservationColumns.Area].Span))
        {
            return (ObservationColumns.Area, ObservationMessages.Party("area", Text(Values[ObservationColumns.Area].Span)));
        }

        if (!IsCode(Values[ObservationColumns.Party].Span))
        {
            return (ObservationColumns.Party, ObservationMessages.Party("party", Text(Values[ObservationColumns.Party].Span)));
        }

        ReadOnlySpan<byte> observer = Present[ObservationColumns.Observer] ? Values[ObservationColumns.Observer].Span : _defaultObserver;
        if (observer.IsEmpty)
        {
            return (ObservationColumns.Observer, ObservationMessages.NoObserver);
        }

        if (!IsCode(observer))
        {
            return (ObservationColumns.Observer, ObservationMessages.Party("observer", Text(observer)));
        }

        if (!TryCount(ObservationColumns.Count, out var count, out var countError))
        {
            return countError;
        }

        long low = count, high = count;
        if (Present[ObservationColumns.PlusMinus])
        {
            if (Present[ObservationColumns.Low] || Present[ObservationColumns.High])
            {
                return (ObservationColumns.PlusMinus, ObservationMessages.BothUncertainties);
            }

            if (!TryCount(ObservationColumns.PlusMinus, out var pm, out var pmError))
            {
                return pmError;
            }

            low = Math.Max(0, count - pm);
            high = count + pm;
        }
        else
        {
            if (Present[ObservationColumns.Low] && !TryCount(ObservationColumns.Low, out low, out var lowError))
            {
                return lowError;
            }

            if (Present[ObservationColumns.High] && !TryCount(ObservationColumns.High, out high, out var highError))
            {
                return highError;
            }
        }

        if (low > count || count > high)
        {
            return (Present[ObservationColumns.Low] && low > count ? ObservationColumns.Low : ObservationColumns.High,
                ObservationMessages.Range(low, count, high));
        }

        var confidence = Values[ObservationColumns.Confidence].Span;
        if (!(confidence.SequenceEqual("verified"u8) || confidence.SequenceEqual("recalled"u8) || confidence.SequenceEqual("uncertain"u8)
              || confidence.SequenceEqual("disputed"u8)))
        {
            return (ObservationColumns.Confidence, ObservationMessages.Confidence(Text(confidence)));
        }

        foreach (var c in (ReadOnlySpan<int>)[ObservationColumns.What, ObservationColumns.Source])
        {
            if (FirstControl(Values[c].Span) is { } bad)
            {
                return (c, ObservationMessages.ControlCharacter(bad));
            }
        }

        if (Present[ObservationColumns.Where])
        {
            var where = Values[ObservationColumns.Where].Span;
            if (FirstControl(where) is { } bad)
            {
                return (ObservationColumns.Where, ObservationMessages.ControlCharacter(bad));
            }

            if (!IsWhere(where))
            {
                return (ObservationColumns.Where, ObservationMessages.Where(Text(where)));
            }
        }

        // Rows of a file mostly cite a few sources in runs: the last id accepted is compared first, without decoding it.
        var source = Values[ObservationColumns.Source].Span;
        if (Sources is not null && !source.SequenceEqual(_lastSource) && !Sources.Contains(source))
        {
            var id = Text(source);
            return (ObservationColumns.Source, ObservationMessages.UnknownSource(id, Sources.Nearest(id)));
        }

        if (Sources is not null && !source.SequenceEqual(_lastSource))
        {
            _lastSource = source.ToArray();
        }

        // Canonical order: area, confidence, count, high, lat, lon, low, observer, party, source, time, what, where. A row without
        // 'where' has no member for it, so rows written before the column existed keep their bytes (and batch digests).
        Ensure(256 + Values[ObservationColumns.What].Length * 6 + Values[ObservationColumns.Source].Length * 6
               + (Present[ObservationColumns.Where] ? Values[ObservationColumns.Where].Length * 6 : 0));
        Raw("{"u8);
        if (Present[ObservationColumns.Area])
        {
            Raw("\"area\":\""u8);
            Raw(Values[ObservationColumns.Area].Span);
            Raw("\","u8);
        }

        Raw("\"confidence\":\""u8);
        Raw(confidence);
        Raw("\",\"count\":"u8);
        Integer(count);
        Raw(",\"high\":"u8);
        Integer(high);
        if (hasPoint)
        {
            Raw(",\"lat\":"u8);
            Micro(latMicro);
            Raw(",\"lon\":"u8);
            Micro(lonMicro);
        }

        Raw(",\"low\":"u8);
        Integer(low);
        Raw(",\"observer\":\""u8);
        Raw(observer);
        Raw("\",\"party\":\""u8);
        Raw(Values[ObservationColumns.Party].Span);
        Raw("\",\"source\":"u8);
        JsonString(Values[ObservationColumns.Source].Span);
        Raw(",\"time\":\""u8);
        Raw(time);
        Raw("\",\"what\":"u8);
        JsonString(Values[ObservationColumns.What].Span);
        if (Present[ObservationColumns.Where])
        {
            Raw(",\"where\":"u8);
            JsonString(Values[ObservationColumns.Where].Span);
        }

        Raw("}\n"u8);
        return null;
    }

    private bool TryCount(int column, out long value, out (int, string)? error)
    {
        var text = Values[column].Span;
        error = null;
        // Digits only: Utf8Parser also takes a leading '+', which a count never has.
        if (text.Length > 0 && text[0] != (byte)'+' && Utf8Parser.TryParse(text, out value, out var used) && used == text.Length)
        {
            if (value < 0)
            {
                error = (column, ObservationMessages.Negative(Text(text)));
                return false;
            }

            if (Counts.Problem(value) is { } problem)
            {
                error = (column, $"{ObservationColumns.All[column]}: {problem}");
                return false;
            }

            return true;
        }

        value = 0;

        error = (column, text.Length > 0 && text[0] == (byte)'-' && Utf8Parser.TryParse(text, out double _, out var u) && u == text.Length
            ? ObservationMessages.Negative(Text(text))
            : ObservationMessages.Count(Text(text)));
        return false;
    }

    /// <summary>
    /// Degrees as millionths, rounded half away from zero: plain decimals are read exactly digit by digit; other forms (exponents)
    /// through a double. Values far outside any coordinate range are rejected as unparseable only if they overflow.
    /// </summary>
    internal static bool TryMicro(ReadOnlySpan<byte> s, out long micro)
    {
        micro = 0;
        var i = 0;
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            i = 1;
        }

        long whole = 0;
        var digits = 0;
        while (i < s.Length && s[i] is >= (byte)'0' and <= (byte)'9' && digits < 12)
        {
            whole = (whole * 10) + (s[i++] - '0');
            digits++;
        }

        long fraction = 0;
        var scale = 0;
        var fractionDigits = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && s[i] is >= (byte)'0' and <= (byte)'9')
            {
                if (scale < 7)
                {
                    fraction = (fraction * 10) + (s[i] - '0');
                    scale++;
                }

                i++;
                fractionDigits++;
            }
        }

        if (i == s.Length && digits + fractionDigits > 0)
        {
            while (scale < 7)
            {
                fraction *= 10;
                scale++;
            }

            // fraction is in ten-millionths: round to millionths, half away from zero (further digits only break exact halves upward).
            var value = (whole * 1_000_000) + ((fraction + 5) / 10);
            micro = negative ? -value : value;
            return true;
        }

        if (!Utf8Parser.TryParse(s, out double d, out var used, 'E') || used != s.Length || !double.IsFinite(d) || Math.Abs(d) > 1e9)
        {
            return false;
        }

        micro = (long)Math.Round(d * 1e6, MidpointRounding.AwayFromZero);
        return true;
    }

    /// <summary>YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, a real calendar day and time.</summary>
    internal static bool IsTime(ReadOnlySpan<byte> s) => TryDay(s, out _);

    internal static bool TryDay(ReadOnlySpan<byte> s, out DateOnly day)
    {
        day = default;
        if (s.Length != 10 && s.Length != 20)
        {
            return false;
        }

        if (!Digits(s[..4], out var y) || s[4] != '-' || !Digits(s.Slice(5, 2), out var m) || s[7] != '-' || !Digits(s.Slice(8, 2), out var d))
        {
            return false;
        }

        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return false;
        }

        if (s.Length == 20 && (s[10] != 'T' || !Digits(s.Slice(11, 2), out var hh) || hh > 23 || s[13] != ':' || !Digits(s.Slice(14, 2), out var mm)
                               || mm > 59 || s[16] != ':' || !Digits(s.Slice(17, 2), out var ss) || ss > 59 || s[19] != 'Z'))
        {
            return false;
        }

        day = new DateOnly(y, m, d);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (var b in s)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    /// <summary>A party or area code: 2 to 40 of A-Z, 0-9 and '-', starting with a letter.</summary>
    internal static bool IsCode(ReadOnlySpan<byte> s)
    {
        if (s.Length is < 2 or > 40 || s[0] is < (byte)'A' or > (byte)'Z')
        {
            return false;
        }

        foreach (var b in s)
        {
            if (!(b is >= (byte)'A' and <= (byte)'Z' || b is >= (byte)'0' and <= (byte)'9' || b == '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A part of an area in words: 1 to <see cref="ObservationColumns.WhereMaxLength"/> characters, at least one letter, no white
    /// space at either end (a number or a lone mark is no place).
    /// </summary>
    private static bool IsWhere(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty || s[0] is (byte)' ' or (byte)'\t' || s[^1] is (byte)' ' or (byte)'\t')
        {
            return false;
        }

        var characters = 0;
        var letter = false;
        foreach (var rune in Encoding.UTF8.GetString(s).EnumerateRunes())
        {
            characters++;
            letter |= Rune.IsLetter(rune);
        }

        return letter && characters <= ObservationColumns.WhereMaxLength;
    }

    private static int? FirstControl(ReadOnlySpan<byte> s)
    {
        foreach (var b in s)
        {
            if (b < 0x20 || b == 0x7F)
            {
                return b;
            }
        }

        return null;
    }

    internal static string Text(ReadOnlySpan<byte> s) => Encoding.UTF8.GetString(s.Length > 60 ? s[..60] : s);

    private void Ensure(int extra)
    {
        if (Length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + extra));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    private void Integer(long value)
    {
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(Length), out var written);
        Length += written;
    }

    private void Micro(long micro)
    {
        if (micro < 0)
        {
            Raw("-"u8);
            micro = -micro;
        }

        Integer(micro / 1_000_000);
        var fraction = micro % 1_000_000;
        if (fraction == 0)
        {
            return;
        }

        Span<byte> digits = stackalloc byte[6];
        for (var i = 5; i >= 0; i--)
        {
            digits[i] = (byte)('0' + (fraction % 10));
            fraction /= 10;
        }

        var end = 6;
        while (digits[end - 1] == '0')
        {
            end--;
        }

        Raw("."u8);
        Raw(digits[..end]);
    }

    private void JsonString(ReadOnlySpan<byte> s)
    {
        Raw("\""u8);
        foreach (var b in s)
        {
            if (b == '"' || b == '\\')
            {
                _buffer[Length++] = (byte)'\\';
            }

            _buffer[Length++] = b;
        }

        Raw("\""u8);
    }

    /// <summary>A fast 64-bit hash of bytes, for finding duplicate rows (equal rows have equal hashes; a match is then compared).</summary>
    internal static ulong Hash(ReadOnlySpan<byte> s)
    {
        var h = 0x9E3779B97F4A7C15UL ^ (ulong)s.Length;
        while (s.Length >= 8)
        {
            h = (h ^ System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(s)) * 0xFF51AFD7ED558CCDUL;
            h ^= h >> 32;
            s = s[8..];
        }

        foreach (var b in s)
        {
            h = (h ^ b) * 0xC4CEB9FE1A85EC53UL;
        }

        return h ^ (h >> 29);
    }
}

/// <summary>A field's bytes: a range of an array (the file, or a scratch buffer for unescaped values).</summary>
internal readonly record struct Field(byte[] Array, int Start, int Length)
{
    public static readonly Field Empty = new([], 0, 0);

    public ReadOnlySpan<byte> Span => new(Array, Start, Length);
}
