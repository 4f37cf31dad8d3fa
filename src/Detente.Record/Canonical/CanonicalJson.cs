using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Detente.Record.Canonical;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme (JCS): the one byte form of a JSON value that the record signs and hashes.
/// Input must be strict RFC 8259 JSON in UTF-8; invalid UTF-8, duplicate member names, lone surrogates,
/// numbers outside the IEEE 754 double range and a byte-order mark are rejected with a byte position.
/// </summary>
public static class CanonicalJson
{
    /// <summary>The deepest nesting of arrays and objects accepted, to keep recursion bounded.</summary>
    public const int MaxDepth = 128;

    /// <summary>Returns the canonical form of <paramref name="utf8Json"/>; throws <see cref="RecordFormatException"/> with a position when it is not acceptable JSON.</summary>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json)
    {
        if (!TryCanonicalize(utf8Json, out var canonical, out var error))
        {
            throw new RecordFormatException(error.Message, error.Position);
        }

        return canonical;
    }

    /// <summary>Returns the canonical form of a JSON text held in a .NET string (encoded as UTF-8 first).</summary>
    public static byte[] Canonicalize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Canonicalize(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Tries to canonicalise <paramref name="utf8Json"/>; on failure <paramref name="error"/> says what and where.</summary>
    public static bool TryCanonicalize(
        ReadOnlySpan<byte> utf8Json,
        [NotNullWhen(true)] out byte[]? canonical,
        out CanonicalJsonError error)
    {
        var parser = new Parser(utf8Json);
        var output = new ArrayBufferWriter<byte>(Math.Max(16, utf8Json.Length));
        if (parser.ParseDocument(output, out error))
        {
            canonical = output.WrittenSpan.ToArray();
            return true;
        }

        canonical = null;
        return false;
    }

    /// <summary>
    /// True when <paramref name="utf8Json"/> is valid and already canonical. Otherwise <paramref name="error"/> gives the
    /// parse error, or the first byte that differs from the canonical form.
    /// </summary>
    public static bool IsCanonical(ReadOnlySpan<byte> utf8Json, out CanonicalJsonError error)
    {
        // Fast path: a single pass that writes nothing and allocates nothing. It answers true only for canonical input; anything
        // it cannot vouch for goes to the full canonicalisation below, which also finds the position to report.
        if (new Checker(utf8Json).IsCanonicalDocument())
        {
            error = default;
            return true;
        }

        if (!TryCanonicalize(utf8Json, out var canonical, out error))
        {
            return false;
        }

        var common = utf8Json.CommonPrefixLength(canonical);
        if (common == utf8Json.Length && common == canonical.Length)
        {
            return true;
        }

        error = new CanonicalJsonError(common, RecordMessages.JsonNotCanonical);
        return false;
    }

    /// <summary>Formats a finite double as ECMAScript <c>Number.prototype.toString</c> does, which RFC 8785 requires (e.g. 1e+21, 1e-7, 0 for -0).</summary>
    public static string FormatNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, RecordMessages.JsonNonFiniteNumber);
        }

        if (value == 0)
        {
            return "0";
        }

        // "R" gives the shortest digit string that round-trips, which is what ECMAScript's algorithm selects.
        var r = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = r[0] == '-';
        var body = negative ? r.AsSpan(1) : r.AsSpan();
        var exponent = 0;
        var e = body.IndexOfAny('E', 'e');
        if (e >= 0)
        {
            exponent = int.Parse(body[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            body = body[..e];
        }

        var point = body.IndexOf('.');
        var intDigits = point >= 0 ? point : body.Length;
        Span<char> digitBuffer = stackalloc char[body.Length];
        var count = 0;
        foreach (var c in body)
        {
            if (c != '.')
            {
                digitBuffer[count++] = c;
            }
        }

        var digits = digitBuffer[..count];
        var leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0')
        {
            leading++;
        }

        digits = digits[leading..];
        intDigits -= leading;
        digits = digits.TrimEnd('0');

        // value = 0.d1d2...dk × 10^n
        var k = digits.Length;
        var n = intDigits + exponent;
        var sb = new StringBuilder(32);
        if (negative)
        {
            sb.Append('-');
        }

        if (k <= n && n <= 21)
        {
            sb.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            sb.Append(digits[..n]).Append('.').Append(digits[n..]);
        }
        else if (-6 < n && n <= 0)
        {
            sb.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            sb.Append(digits[0]);
            if (k > 1)
            {
                sb.Append('.').Append(digits[1..]);
            }

            var exp = n - 1;
            sb.Append('e').Append(exp < 0 ? '-' : '+').Append(Math.Abs(exp).ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    /// <summary>Writes a .NET string as an RFC 8785 JSON string literal (quotes included) in UTF-8.</summary>
    internal static void WriteString(IBufferWriter<byte> output, string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
        var text = sb.ToString();
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    /// <summary>
    /// Checks that input is byte for byte the RFC 8785 form: no whitespace, members in strictly increasing UTF-16 order (so no
    /// duplicates), strings with exactly the escapes <see cref="WriteString"/> writes, valid UTF-8, numbers as
    /// <see cref="FormatNumber"/> writes them. False means "not shown canonical" — the caller falls back to the full parser.
    /// </summary>
    private ref struct Checker
    {
        private readonly ReadOnlySpan<byte> _input;
        private int _pos;

        public Checker(ReadOnlySpan<byte> input)
        {
            _input = input;
            _pos = 0;
        }

        public bool IsCanonicalDocument() => Value(0) && _pos == _input.Length;

        private bool Value(int depth)
        {
            if (_pos >= _input.Length)
            {
                return false;
            }

            switch (_input[_pos])
            {
                case (byte)'{':
                    return Object(depth + 1);
                case (byte)'[':
                    return Array(depth + 1);
                case (byte)'"':
                    return String(out _, out _);
                case (byte)'t':
                    return Literal("true"u8);
                case (byte)'f':
                    return Literal("false"u8);
                case (byte)'n':
                    return Literal("null"u8);
                case (byte)'-':
                case >= (byte)'0' and <= (byte)'9':
                    return Number();
                default:
                    return false;
            }
        }

        private bool Literal(ReadOnlySpan<byte> literal)
        {
            if (!_input[_pos..].StartsWith(literal))
            {
                return false;
            }

            _pos += literal.Length;
            return true;
        }

        private bool Number()
        {
            var start = _pos;
            var negative = _input[_pos] == '-';
            if (negative)
            {
                _pos++;
            }

            var digitsStart = _pos;
            while (_pos < _input.Length && _input[_pos] is >= (byte)'0' and <= (byte)'9')
            {
                _pos++;
            }

            var digits = _pos - digitsStart;
            var simple = _pos == _input.Length || _input[_pos] is not ((byte)'.' or (byte)'e' or (byte)'E');
            if (simple && digits is >= 1 and <= 15)
            {
                // An integer of at most 15 digits is exact in a double and prints as its digits: canonical unless it has a
                // leading zero or is "-0".
                return _input[digitsStart] != '0' || (digits == 1 && !negative);
            }

            while (_pos < _input.Length && _input[_pos] is (byte)'.' or (byte)'e' or (byte)'E' or (byte)'+' or (byte)'-' or (>= (byte)'0' and <= (byte)'9'))
            {
                _pos++;
            }

            var text = _input[start.._pos];
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                return false;
            }

            var formatted = FormatNumber(value);
            if (formatted.Length != text.Length)
            {
                return false;
            }

            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] != formatted[i])
                {
                    return false;
                }
            }

            return true;
        }

        private bool Array(int depth)
        {
            if (depth > MaxDepth)
            {
                return false;
            }

            _pos++;
            if (_pos < _input.Length && _input[_pos] == ']')
            {
                _pos++;
                return true;
            }

            while (true)
            {
                if (!Value(depth) || _pos >= _input.Length)
                {
                    return false;
                }

                var b = _input[_pos++];
                if (b == ']')
                {
                    return true;
                }

                if (b != ',')
                {
                    return false;
                }
            }
        }

        private bool Object(int depth)
        {
            if (depth > MaxDepth)
            {
                return false;
            }

            _pos++;
            if (_pos < _input.Length && _input[_pos] == '}')
            {
                _pos++;
                return true;
            }

            var previousStart = -1;
            var previousEnd = -1;
            var previousAscii = false;
            while (true)
            {
                if (_pos >= _input.Length || _input[_pos] != '"')
                {
                    return false;
                }

                var nameStart = _pos;
                if (!String(out var ascii, out var escaped))
                {
                    return false;
                }

                // Names must be strictly increasing by UTF-16 code units. For unescaped ASCII names byte order is that order;
                // anything else is left to the full parser.
                if (escaped || !ascii)
                {
                    return false;
                }

                var name = _input[(nameStart + 1)..(_pos - 1)];
                if (previousStart >= 0 && (!previousAscii || _input[previousStart..previousEnd].SequenceCompareTo(name) >= 0))
                {
                    return false;
                }

                previousStart = nameStart + 1;
                previousEnd = _pos - 1;
                previousAscii = true;
                if (_pos >= _input.Length || _input[_pos] != ':')
                {
                    return false;
                }

                _pos++;
                if (!Value(depth) || _pos >= _input.Length)
                {
                    return false;
                }

                var b = _input[_pos++];
                if (b == '}')
                {
                    return true;
                }

                if (b != ',')
                {
                    return false;
                }
            }
        }

        private bool String(out bool ascii, out bool escaped)
        {
            ascii = true;
            escaped = false;
            _pos++;
            while (_pos < _input.Length)
            {
                var b = _input[_pos];
                if (b == '"')
                {
                    _pos++;
                    return true;
                }

                if (b < 0x20)
                {
                    return false;
                }

                if (b == '\\')
                {
                    escaped = true;
                    if (_pos + 1 >= _input.Length)
                    {
                        return false;
                    }

                    switch (_input[_pos + 1])
                    {
                        case (byte)'"' or (byte)'\\' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                            _pos += 2;
                            continue;
                        case (byte)'u':
                            // RFC 8785 escapes only control characters without a short form, as \u00xx in lower-case hex.
                            if (_pos + 6 > _input.Length || _input[_pos + 2] != '0' || _input[_pos + 3] != '0'
                                || _input[_pos + 4] is not ((byte)'0' or (byte)'1'))
                            {
                                return false;
                            }

                            var low = _input[_pos + 5];
                            var unit = ((_input[_pos + 4] - '0') << 4) | (low is >= (byte)'0' and <= (byte)'9' ? low - '0' : low is >= (byte)'a' and <= (byte)'f' ? low - 'a' + 10 : -1000);
                            if (unit < 0 || unit is 0x08 or 0x09 or 0x0a or 0x0c or 0x0d)
                            {
                                return false;
                            }

                            _pos += 6;
                            continue;
                        default:
                            return false;
                    }
                }

                if (b < 0x80)
                {
                    _pos++;
                    continue;
                }

                ascii = false;
                if (Rune.DecodeFromUtf8(_input[_pos..], out _, out var consumed) != OperationStatus.Done)
                {
                    return false;
                }

                _pos += consumed;
            }

            return false;
        }
    }

    private ref struct Parser
    {
        private readonly ReadOnlySpan<byte> _input;
        private int _pos;
        private CanonicalJsonError _error;

        public Parser(ReadOnlySpan<byte> input)
        {
            _input = input;
            _pos = 0;
            _error = default;
        }

        public bool ParseDocument(IBufferWriter<byte> output, out CanonicalJsonError error)
        {
            if (_input.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                error = new CanonicalJsonError(0, RecordMessages.JsonByteOrderMark);
                return false;
            }

            SkipWhitespace();
            if (!ParseValue(output, 0))
            {
                error = _error;
                return false;
            }

            SkipWhitespace();
            if (_pos != _input.Length)
            {
                error = new CanonicalJsonError(_pos, RecordMessages.JsonTrailingData);
                return false;
            }

            error = default;
            return true;
        }

        private bool Fail(long position, string message)
        {
            _error = new CanonicalJsonError(position, message);
            return false;
        }

        private void SkipWhitespace()
        {
            while (_pos < _input.Length && _input[_pos] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                _pos++;
            }
        }

        private bool ParseValue(IBufferWriter<byte> output, int depth)
        {
            if (_pos >= _input.Length)
            {
                return Fail(_pos, RecordMessages.JsonUnexpectedEnd);
            }

            switch (_input[_pos])
            {
                case (byte)'{':
                    return ParseObject(output, depth + 1);
                case (byte)'[':
                    return ParseArray(output, depth + 1);
                case (byte)'"':
                    if (!ParseString(out var s))
                    {
                        return false;
                    }

                    WriteString(output, s);
                    return true;
                case (byte)'t':
                    return ParseLiteral(output, "true"u8);
                case (byte)'f':
                    return ParseLiteral(output, "false"u8);
                case (byte)'n':
                    return ParseLiteral(output, "null"u8);
                case (byte)'-':
                case >= (byte)'0' and <= (byte)'9':
                    return ParseNumber(output);
                default:
                    return Fail(_pos, RecordMessages.JsonUnexpectedByte(_input[_pos]));
            }
        }

        private bool ParseLiteral(IBufferWriter<byte> output, ReadOnlySpan<byte> literal)
        {
            if (!_input[_pos..].StartsWith(literal))
            {
                return Fail(_pos, RecordMessages.JsonUnexpectedByte(_input[_pos]));
            }

            _pos += literal.Length;
            output.Write(literal);
            return true;
        }

        private bool ParseNumber(IBufferWriter<byte> output)
        {
            var start = _pos;
            if (_input[_pos] == '-')
            {
                _pos++;
            }

            if (_pos >= _input.Length || !IsDigit(_input[_pos]))
            {
                return Fail(_pos, RecordMessages.JsonBadNumber);
            }

            if (_input[_pos] == '0')
            {
                _pos++;
                if (_pos < _input.Length && IsDigit(_input[_pos]))
                {
                    return Fail(_pos, RecordMessages.JsonLeadingZero);
                }
            }
            else
            {
                SkipDigits();
            }

            if (_pos < _input.Length && _input[_pos] == '.')
            {
                _pos++;
                if (_pos >= _input.Length || !IsDigit(_input[_pos]))
                {
                    return Fail(_pos, RecordMessages.JsonBadNumber);
                }

                SkipDigits();
            }

            if (_pos < _input.Length && _input[_pos] is (byte)'e' or (byte)'E')
            {
                _pos++;
                if (_pos < _input.Length && _input[_pos] is (byte)'+' or (byte)'-')
                {
                    _pos++;
                }

                if (_pos >= _input.Length || !IsDigit(_input[_pos]))
                {
                    return Fail(_pos, RecordMessages.JsonBadNumber);
                }

                SkipDigits();
            }

            var value = double.Parse(_input[start.._pos], NumberStyles.Float, CultureInfo.InvariantCulture);
            if (!double.IsFinite(value))
            {
                return Fail(start, RecordMessages.JsonNonFiniteNumber);
            }

            output.Write(Encoding.ASCII.GetBytes(FormatNumber(value)));
            return true;
        }

        private void SkipDigits()
        {
            while (_pos < _input.Length && IsDigit(_input[_pos]))
            {
                _pos++;
            }
        }

        private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

        private bool ParseArray(IBufferWriter<byte> output, int depth)
        {
            if (depth > MaxDepth)
            {
                return Fail(_pos, RecordMessages.JsonTooDeep(MaxDepth));
            }

            _pos++;
            output.Write("["u8);
            SkipWhitespace();
            if (_pos < _input.Length && _input[_pos] == ']')
            {
                _pos++;
                output.Write("]"u8);
                return true;
            }

            var first = true;
            while (true)
            {
                if (!first)
                {
                    output.Write(","u8);
                }

                first = false;
                SkipWhitespace();
                if (!ParseValue(output, depth))
                {
                    return false;
                }

                SkipWhitespace();
                if (_pos >= _input.Length)
                {
                    return Fail(_pos, RecordMessages.JsonUnexpectedEnd);
                }

                if (_input[_pos] == ',')
                {
                    _pos++;
                    continue;
                }

                if (_input[_pos] == ']')
                {
                    _pos++;
                    output.Write("]"u8);
                    return true;
                }

                return Fail(_pos, RecordMessages.JsonExpected("',' or ']'", _input[_pos]));
            }
        }

        private bool ParseObject(IBufferWriter<byte> output, int depth)
        {
            if (depth > MaxDepth)
            {
                return Fail(_pos, RecordMessages.JsonTooDeep(MaxDepth));
            }

            _pos++;
            var members = new List<(string Name, byte[] Value)>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            SkipWhitespace();
            if (_pos < _input.Length && _input[_pos] == '}')
            {
                _pos++;
                output.Write("{}"u8);
                return true;
            }

            while (true)
            {
                SkipWhitespace();
                if (_pos >= _input.Length)
                {
                    return Fail(_pos, RecordMessages.JsonUnexpectedEnd);
                }

                if (_input[_pos] != '"')
                {
                    return Fail(_pos, RecordMessages.JsonExpected("a member name", _input[_pos]));
                }

                var nameStart = _pos;
                if (!ParseString(out var name))
                {
                    return false;
                }

                if (!names.Add(name))
                {
                    return Fail(nameStart, RecordMessages.JsonDuplicateKey(name));
                }

                SkipWhitespace();
                if (_pos >= _input.Length)
                {
                    return Fail(_pos, RecordMessages.JsonUnexpectedEnd);
                }

                if (_input[_pos] != ':')
                {
                    return Fail(_pos, RecordMessages.JsonExpected("':'", _input[_pos]));
                }

                _pos++;
                SkipWhitespace();
                var value = new ArrayBufferWriter<byte>();
                if (!ParseValue(value, depth))
                {
                    return false;
                }

                members.Add((name, value.WrittenSpan.ToArray()));
                SkipWhitespace();
                if (_pos >= _input.Length)
                {
                    return Fail(_pos, RecordMessages.JsonUnexpectedEnd);
                }

                if (_input[_pos] == ',')
                {
                    _pos++;
                    continue;
                }

                if (_input[_pos] == '}')
                {
                    _pos++;
                    break;
                }

                return Fail(_pos, RecordMessages.JsonExpected("',' or '}'", _input[_pos]));
            }

            // RFC 8785 §3.2.3: members are sorted by the UTF-16 code units of their names.
            members.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            output.Write("{"u8);
            for (var i = 0; i < members.Count; i++)
            {
                if (i > 0)
                {
                    output.Write(","u8);
                }

                WriteString(output, members[i].Name);
                output.Write(":"u8);
                output.Write(members[i].Value);
            }

            output.Write("}"u8);
            return true;
        }

        private bool ParseString(out string value)
        {
            value = "";
            var start = _pos;
            _pos++;
            var sb = new StringBuilder();
            while (true)
            {
                if (_pos >= _input.Length)
                {
                    return Fail(start, RecordMessages.JsonUnterminatedString);
                }

                var b = _input[_pos];
                if (b == '"')
                {
                    _pos++;
                    value = sb.ToString();
                    return true;
                }

                if (b < 0x20)
                {
                    return Fail(_pos, RecordMessages.JsonControlCharacter);
                }

                if (b == '\\')
                {
                    if (!ParseEscape(sb))
                    {
                        return false;
                    }

                    continue;
                }

                if (b < 0x80)
                {
                    sb.Append((char)b);
                    _pos++;
                    continue;
                }

                if (!DecodeUtf8(out var rune))
                {
                    return false;
                }

                sb.Append(rune.ToString());
            }
        }

        private bool ParseEscape(StringBuilder sb)
        {
            var escapeStart = _pos;
            if (_pos + 1 >= _input.Length)
            {
                return Fail(_pos, RecordMessages.JsonUnterminatedString);
            }

            var c = _input[_pos + 1];
            _pos += 2;
            switch (c)
            {
                case (byte)'"': sb.Append('"'); return true;
                case (byte)'\\': sb.Append('\\'); return true;
                case (byte)'/': sb.Append('/'); return true;
                case (byte)'b': sb.Append('\b'); return true;
                case (byte)'f': sb.Append('\f'); return true;
                case (byte)'n': sb.Append('\n'); return true;
                case (byte)'r': sb.Append('\r'); return true;
                case (byte)'t': sb.Append('\t'); return true;
                case (byte)'u':
                    if (!ReadHex4(out var unit))
                    {
                        return false;
                    }

                    if (char.IsLowSurrogate((char)unit))
                    {
                        return Fail(escapeStart, RecordMessages.JsonLoneSurrogate(unit));
                    }

                    if (char.IsHighSurrogate((char)unit))
                    {
                        if (_pos + 1 < _input.Length && _input[_pos] == '\\' && _input[_pos + 1] == 'u')
                        {
                            _pos += 2;
                            if (!ReadHex4(out var low))
                            {
                                return false;
                            }

                            if (char.IsLowSurrogate((char)low))
                            {
                                sb.Append((char)unit).Append((char)low);
                                return true;
                            }
                        }

                        return Fail(escapeStart, RecordMessages.JsonLoneSurrogate(unit));
                    }

                    sb.Append((char)unit);
                    return true;
                default:
                    return Fail(escapeStart, RecordMessages.JsonBadEscape);
            }
        }

        private bool ReadHex4(out int value)
        {
            value = 0;
            if (_pos + 4 > _input.Length)
            {
                return Fail(_pos, RecordMessages.JsonBadEscape);
            }

            for (var i = 0; i < 4; i++)
            {
                var h = HexValue(_input[_pos + i]);
                if (h < 0)
                {
                    return Fail(_pos + i, RecordMessages.JsonBadEscape);
                }

                value = (value << 4) | h;
            }

            _pos += 4;
            return true;
        }

        private static int HexValue(byte b) => b switch
        {
            >= (byte)'0' and <= (byte)'9' => b - '0',
            >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
            >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
            _ => -1,
        };

        private bool DecodeUtf8(out Rune rune)
        {
            var status = Rune.DecodeFromUtf8(_input[_pos..], out rune, out var consumed);
            if (status != OperationStatus.Done)
            {
                return Fail(_pos, RecordMessages.JsonInvalidUtf8);
            }

            _pos += consumed;
            return true;
        }
    }
}
