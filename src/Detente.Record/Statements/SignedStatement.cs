using System.Collections.Immutable;
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

    // The bytes the signature covers, when known from the entry itself (see Parse); otherwise built from the statement.
    private readonly byte[]? _signingBytes;

    private SignedStatement(Statement statement, ImmutableArray<byte> signature, ImmutableArray<byte> entry, byte[]? signingBytes = null)
    {
        Statement = statement;
        Signature = signature;
        Entry = entry;
        _signingBytes = signingBytes;
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

        if (!CanonicalJson.IsCanonical(entry, out var jsonError))
        {
            return StatementCheck.Reject(StatementError.NotCanonical, RecordMessages.StatementNotCanonical(jsonError));
        }

        return TryParseCanonicalEnvelope(entry) ?? ParseEnvelope(entry);
    }

    /// <summary>
    /// Reads a canonical entry whose members are exactly the envelope's, in order, with a forward-only reader and no document;
    /// null when anything is out of the ordinary, so that <see cref="ParseEnvelope"/> decides and words the error.
    /// </summary>
    private static StatementCheck? TryParseCanonicalEnvelope(ReadOnlySpan<byte> entry)
    {
        try
        {
            var reader = new Utf8JsonReader(entry, new JsonReaderOptions { MaxDepth = CanonicalJson.MaxDepth + 2 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var authorText = NextString(ref reader, "author"u8);
            if (!Next(ref reader, "body"u8) || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var bodyStart = (int)reader.TokenStartIndex;
            reader.Skip();
            var bodyEnd = (int)reader.BytesConsumed;
            var keyText = NextString(ref reader, "key"u8);
            var kindText = NextString(ref reader, "kind"u8);
            if (!Next(ref reader, "seq"u8) || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var seq))
            {
                return null;
            }

            var sigStart = (int)reader.BytesConsumed; // the comma before "sig"
            var sigText = NextString(ref reader, "sig"u8);
            var sigEnd = (int)reader.BytesConsumed;
            var timeText = NextString(ref reader, "time"u8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return null;
            }

            if (authorText is null || !PartyId.IsValidCode(authorText) || !StatementKinds.TryParse(kindText, out var kind)
                || !KeyReference.TryParse(keyText, out var key) || key.ToString() != keyText || seq is < 1 or > Statement.MaxSequence
                || !DateTime.TryParseExact(timeText, Statement.TimeFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
            {
                return null;
            }

            var signature = new byte[64];
            if (sigText is null || !Convert.TryFromBase64String(sigText, signature, out var written) || written != 64
                || Convert.ToBase64String(signature) != sigText)
            {
                return null;
            }

            // Invariant: the entry is canonical and every field above prints back as it was read, so the entry is exactly the
            // envelope with ',"sig":"…"' inserted: cutting that member out gives the signed bytes without re-serialising.
            var context = Encoding.UTF8.GetByteCount(Statement.SignatureContext);
            var signing = new byte[context + entry.Length - (sigEnd - sigStart)];
            Encoding.UTF8.GetBytes(Statement.SignatureContext, signing);
            entry[..sigStart].CopyTo(signing.AsSpan(context));
            entry[sigEnd..].CopyTo(signing.AsSpan(context + sigStart));
            var statement = new Statement(kind.Value, new PartyId(authorText), key, seq, new DateTimeOffset(time, TimeSpan.Zero),
                Encoding.UTF8.GetString(entry[bodyStart..bodyEnd]), bodyIsCanonical: true);
            return StatementCheck.Accept(new SignedStatement(statement, [.. signature], [.. entry], signing));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool Next(ref Utf8JsonReader reader, ReadOnlySpan<byte> name) =>
        reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(name) && reader.Read();

    private static string? NextString(ref Utf8JsonReader reader, ReadOnlySpan<byte> name) =>
        Next(ref reader, name) && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;

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
        return key.Type == SignatureType.Ed25519 && key.Verify(_signingBytes ?? Statement.SigningBytes(), Signature.AsSpan());
    }

    /// <summary>Statements are equal when their entries are byte-equal.</summary>
    public bool Equals(SignedStatement? other) => other is not null && Entry.AsSpan().SequenceEqual(other.Entry.AsSpan());

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Statement.Author, Statement.Sequence, Entry.Length);
}
