using System.Buffers;
using System.Buffers.Text;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Detente.Core;
using Detente.Record.Canonical;
using Detente.Record.Keys;

namespace Detente.Record.Statements;

/// <summary>
/// A statement with its Ed25519 signature, and the entry the log stores for it: the canonical JSON of the envelope with
/// a <c>sig</c> member (base64 of the 64-byte signature) added. Entries are at most <see cref="MaxEntryBytes"/> bytes.
/// </summary>
public sealed record SignedStatement
{
    /// <summary>The largest entry the log accepts: tile entry bundles prefix each entry with a uint16 length.</summary>
    public const int MaxEntryBytes = 65_535;

    // Where the ',"sig":"…"' member sits in the entry, when the statement was read from it (see Parse): the signed bytes are the
    // entry without it. -1: built from the statement.
    private readonly int _sigStart = -1;
    private readonly int _sigEnd = -1;

    private SignedStatement(Statement statement, ImmutableArray<byte> signature, ImmutableArray<byte> entry, int sigStart = -1, int sigEnd = -1)
    {
        Statement = statement;
        Signature = signature;
        Entry = entry;
        _sigStart = sigStart;
        _sigEnd = sigEnd;
    }

    /// <summary>The signed envelope.</summary>
    public Statement Statement { get; }

    /// <summary>The 64-byte Ed25519 signature over <see cref="Statements.Statement.SigningBytes"/>.</summary>
    public ImmutableArray<byte> Signature { get; }

    /// <summary>The log entry: canonical JSON of the envelope plus <c>sig</c>.</summary>
    public ImmutableArray<byte> Entry { get; }

    /// <summary>Signs <paramref name="statement"/>; the key's name and id must match <see cref="Statements.Statement.Key"/>.</summary>
    public static SignedStatement Sign(Statement statement, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(key);
        if (key.NoteKey.Reference != statement.Key)
        {
            throw new ArgumentException(RecordMessages.StatementSignedWithOtherKey(statement.Key, key.NoteKey.Reference), nameof(key));
        }

        var signature = key.Sign(statement.SigningBytes());
        var entry = statement.WriteEnvelope(Convert.ToBase64String(signature));
        if (entry.Length > MaxEntryBytes)
        {
            throw new ArgumentException(RecordMessages.StatementTooLarge(entry.Length, MaxEntryBytes), nameof(statement));
        }

        return new SignedStatement(statement, [.. signature], [.. entry]);
    }

    /// <summary>
    /// Reads an entry's structure without checking keys, signature, sequence or time (see <see cref="StatementValidator"/>):
    /// it must be canonical JSON within the size limit with exactly the envelope members.
    /// </summary>
    public static StatementCheck Parse(ReadOnlySpan<byte> entry)
    {
        if (entry.Length > MaxEntryBytes)
        {
            return StatementCheck.Reject(StatementError.TooLarge, RecordMessages.StatementTooLarge(entry.Length, MaxEntryBytes));
        }

        return Parse(ImmutableArray.Create(entry));
    }

    /// <summary>
    /// As <see cref="Parse(ReadOnlySpan{byte})"/>, keeping <paramref name="entry"/> itself as the statement's <see cref="Entry"/> (no
    /// copy): for a reader that parses many entries it has just read and owns.
    /// </summary>
    public static StatementCheck Parse(ImmutableArray<byte> entry)
    {
        if (entry.IsDefault)
        {
            throw new ArgumentNullException(nameof(entry));
        }

        if (entry.Length > MaxEntryBytes)
        {
            return StatementCheck.Reject(StatementError.TooLarge, RecordMessages.StatementTooLarge(entry.Length, MaxEntryBytes));
        }

        if (!CanonicalJson.IsCanonical(entry.AsSpan(), out var jsonError))
        {
            return StatementCheck.Reject(StatementError.NotCanonical, RecordMessages.StatementNotCanonical(jsonError));
        }

        return TryParseCanonicalEnvelope(entry) ?? ParseEnvelope(entry.AsSpan());
    }

    /// <summary>
    /// Reads a canonical entry whose members are exactly the envelope's, in order, with a forward-only reader, no document and no
    /// text but what the statement keeps; null when anything is out of the ordinary (an escaped string, a key, party or kind not
    /// seen before on this thread that does not parse, a time not written exactly as <see cref="Statement.TimeFormat"/>), so that
    /// <see cref="ParseEnvelope"/> decides and words the error.
    /// </summary>
    private static StatementCheck? TryParseCanonicalEnvelope(ImmutableArray<byte> entryArray)
    {
        var entry = entryArray.AsSpan();
        try
        {
            var reader = new Utf8JsonReader(entry, new JsonReaderOptions { MaxDepth = CanonicalJson.MaxDepth + 2 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            if (!NextString(ref reader, "author"u8, out var authorText) || !Next(ref reader, "body"u8) || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var bodyStart = (int)reader.TokenStartIndex;
            reader.Skip();
            var bodyEnd = (int)reader.BytesConsumed;
            if (!NextString(ref reader, "key"u8, out var keyText) || !NextString(ref reader, "kind"u8, out var kindText)
                || !Next(ref reader, "seq"u8) || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var seq))
            {
                return null;
            }

            var sigStart = (int)reader.BytesConsumed; // the comma before "sig"
            if (!NextString(ref reader, "sig"u8, out var sigText))
            {
                return null;
            }

            var sigEnd = (int)reader.BytesConsumed;
            if (!NextString(ref reader, "time"u8, out var timeText) || !reader.Read() || reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return null;
            }

            var words = _words ??= new EnvelopeWords();
            if (seq is < 1 or > Statement.MaxSequence || !words.Author(authorText, out var author) || !words.Kind(kindText, out var kind)
                || !words.Key(keyText, out var key) || !TryParseTime(timeText, out var time))
            {
                return null;
            }

            // Only the canonical base64 of exactly 64 bytes (what Convert.ToBase64String writes) is a signature.
            var signature = new byte[64];
            Span<byte> again = stackalloc byte[88];
            if (sigText.Length != 88 || Base64.DecodeFromUtf8(sigText, signature, out _, out var written) != OperationStatus.Done
                || written != 64 || Base64.EncodeToUtf8(signature, again, out _, out _) != OperationStatus.Done || !again.SequenceEqual(sigText))
            {
                return null;
            }

            // Invariant: the entry is canonical and every field above prints back as it was read, so the entry is exactly the
            // envelope with ',"sig":"…"' inserted: cutting that member out gives the signed bytes without re-serialising.
            var statement = new Statement(kind, author, key, seq, time,
                ImmutableCollectionsMarshal.AsArray(entryArray)!.AsMemory(bodyStart, bodyEnd - bodyStart));
            return StatementCheck.Accept(new SignedStatement(statement, ImmutableCollectionsMarshal.AsImmutableArray(signature), entryArray, sigStart, sigEnd));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool Next(ref Utf8JsonReader reader, ReadOnlySpan<byte> name) =>
        reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(name) && reader.Read();

    // A string member's raw bytes; false for anything else, and for an escaped string (left to the full parse).
    private static bool NextString(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!Next(ref reader, name) || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return false;
        }

        value = reader.ValueSpan;
        return true;
    }

    /// <summary>Reads exactly <c>yyyy-MM-ddTHH:mm:ssZ</c> (a valid date and time); anything else is left to the full parse.</summary>
    private static bool TryParseTime(ReadOnlySpan<byte> text, out DateTime time)
    {
        time = default;
        if (text.Length != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z')
        {
            return false;
        }

        int Digits(int at, int count, ReadOnlySpan<byte> t)
        {
            var n = 0;
            for (var i = at; i < at + count; i++)
            {
                var d = t[i] - '0';
                if (d is < 0 or > 9)
                {
                    return -1;
                }

                n = (n * 10) + d;
            }

            return n;
        }

        var (year, month, day) = (Digits(0, 4, text), Digits(5, 2, text), Digits(8, 2, text));
        var (hour, minute, second) = (Digits(11, 2, text), Digits(14, 2, text), Digits(17, 2, text));
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour is < 0 or > 23
            || minute is < 0 or > 59 || second is < 0 or > 59)
        {
            return false;
        }

        time = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
        return true;
    }

    [ThreadStatic]
    private static EnvelopeWords? _words;

    /// <summary>
    /// The author codes, kinds and key references one thread has read, by their bytes: a record has few of each, so after the first
    /// entry of each, parsing one costs a comparison of bytes and makes no text.
    /// </summary>
    private sealed class EnvelopeWords
    {
        private const int Capacity = 256;
        private readonly List<(byte[] Bytes, PartyId Party)> _authors = [];
        private readonly List<(byte[] Bytes, KeyReference Key)> _keys = [];
        private readonly List<(byte[] Bytes, StatementKind Kind)> _kinds = [];

        public bool Author(ReadOnlySpan<byte> text, out PartyId party)
        {
            foreach (var (bytes, known) in _authors)
            {
                if (text.SequenceEqual(bytes))
                {
                    party = known;
                    return true;
                }
            }

            party = default;
            var code = Encoding.UTF8.GetString(text);
            if (!PartyId.IsValidCode(code))
            {
                return false;
            }

            party = new PartyId(code);
            Remember(_authors, (text.ToArray(), party));
            return true;
        }

        public bool Kind(ReadOnlySpan<byte> text, out StatementKind kind)
        {
            foreach (var (bytes, known) in _kinds)
            {
                if (text.SequenceEqual(bytes))
                {
                    kind = known;
                    return true;
                }
            }

            kind = default;
            if (!StatementKinds.TryParse(Encoding.UTF8.GetString(text), out var parsed))
            {
                return false;
            }

            kind = parsed.Value;
            Remember(_kinds, (text.ToArray(), kind));
            return true;
        }

        public bool Key(ReadOnlySpan<byte> text, out KeyReference key)
        {
            foreach (var (bytes, known) in _keys)
            {
                if (text.SequenceEqual(bytes))
                {
                    key = known;
                    return true;
                }
            }

            var keyText = Encoding.UTF8.GetString(text);
            if (!KeyReference.TryParse(keyText, out key) || key.ToString() != keyText)
            {
                return false;
            }

            Remember(_keys, (text.ToArray(), key));
            return true;
        }

        private static void Remember<T>(List<T> known, T item)
        {
            // A record with more distinct values than this is read correctly, only without the saving for the ones not kept.
            if (known.Count < Capacity)
            {
                known.Add(item);
            }
        }
    }

    private static StatementCheck ParseEnvelope(ReadOnlySpan<byte> entry)
    {
        using var doc = JsonDocument.Parse(entry.ToArray(), Statement.ReadOptions);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return StatementCheck.Reject(StatementError.Malformed, RecordMessages.StatementNotObject);
        }

        string[] expected = ["author", "body", "key", "kind", "seq", "sig", "time"];
        var names = root.EnumerateObject().Select(p => p.Name).ToArray();
        if (!names.SequenceEqual(expected, StringComparer.Ordinal))
        {
            return StatementCheck.Reject(StatementError.Malformed, RecordMessages.StatementMembers(names, expected));
        }

        var authorText = root.GetProperty("author").ValueKind == JsonValueKind.String ? root.GetProperty("author").GetString() : null;
        if (authorText is null || !PartyId.IsValidCode(authorText))
        {
            return StatementCheck.Reject(StatementError.Malformed, RecordMessages.StatementBadField("author", "a party code"));
        }

        var kindText = root.GetProperty("kind").ValueKind == JsonValueKind.String ? root.GetProperty("kind").GetString() : null;
        if (!StatementKinds.TryParse(kindText, out var kind))
        {
            return StatementCheck.Reject(StatementError.UnknownKind, RecordMessages.StatementUnknownKind(kindText));
        }

        var keyText = root.GetProperty("key").ValueKind == JsonValueKind.String ? root.GetProperty("key").GetString() : null;
        if (!KeyReference.TryParse(keyText, out var key))
        {
            return StatementCheck.Reject(StatementError.Malformed, RecordMessages.StatementBadField("key", "'<name>+<hex8>'"));
        }

        var seqElement = root.GetProperty("seq");
        if (seqElement.ValueKind != JsonValueKind.Number || !seqElement.TryGetInt64(out var seq) || seq is < 1 or > Statement.MaxSequence)
        {
            return StatementCheck.Reject(StatementError.Malformed, RecordMessages.StatementBadField("seq", "an integer from 1"));
        }

        var timeText = root.GetProperty("time").ValueKind == JsonValueKind.String ? root.GetProperty("time").GetString() : null;
        if (!DateTime.TryParseExact(timeText, Statement.TimeFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
        {
            return StatementCheck.Reject(StatementError.Malformed, RecordMessages.StatementBadField("time", "UTC time like 2026-11-22T13:00:00Z"));
        }

        var body = root.GetProperty("body");
        if (body.ValueKind != JsonValueKind.Object)
        {
            return StatementCheck.Reject(StatementError.BadBody, RecordMessages.StatementBodyNotObject);
        }

        var sigText = root.GetProperty("sig").ValueKind == JsonValueKind.String ? root.GetProperty("sig").GetString() : null;
        var signature = new byte[64];
        if (sigText is null || !Convert.TryFromBase64String(sigText, signature, out var written) || written != 64
            || Convert.ToBase64String(signature) != sigText)
        {
            return StatementCheck.Reject(StatementError.Malformed, RecordMessages.StatementBadField("sig", "base64 of a 64-byte Ed25519 signature"));
        }

        // The whole entry was checked canonical above, so its body is canonical too: no second canonicalisation.
        var statement = new Statement(kind.Value, new PartyId(authorText), key, seq,
            new DateTimeOffset(time, TimeSpan.Zero), body.GetRawText(), bodyIsCanonical: true);
        return StatementCheck.Accept(new SignedStatement(statement, [.. signature], [.. entry]));
    }

    /// <summary>True when the signature verifies under <paramref name="key"/> (an Ed25519 note key).</summary>
    public bool VerifySignature(VerifierKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Type != SignatureType.Ed25519)
        {
            return false;
        }

        if (_sigStart < 0)
        {
            return key.Verify(Statement.SigningBytes(), Signature.AsSpan());
        }

        // The context, then the entry without its sig member, in a pooled buffer: checking a signature allocates nothing.
        var entry = Entry.AsSpan();
        var context = Encoding.UTF8.GetByteCount(Statement.SignatureContext);
        var length = context + entry.Length - (_sigEnd - _sigStart);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var signing = rented.AsSpan(0, length);
            Encoding.UTF8.GetBytes(Statement.SignatureContext, signing);
            entry[.._sigStart].CopyTo(signing[context..]);
            entry[_sigEnd..].CopyTo(signing[(context + _sigStart)..]);
            return key.Verify(signing, Signature.AsSpan());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Statements are equal when their entries are byte-equal.</summary>
    public bool Equals(SignedStatement? other) => other is not null && Entry.AsSpan().SequenceEqual(other.Entry.AsSpan());

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Statement.Author, Statement.Sequence, Entry.Length);
}
