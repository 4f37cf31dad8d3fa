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

    private SignedStatement(Statement statement, ImmutableArray<byte> signature, ImmutableArray<byte> entry)
    {
        Statement = statement;
        Signature = signature;
        Entry = entry;
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
        return key.Type == SignatureType.Ed25519 && key.Verify(Statement.SigningBytes(), Signature.AsSpan());
    }

    /// <summary>Statements are equal when their entries are byte-equal.</summary>
    public bool Equals(SignedStatement? other) => other is not null && Entry.AsSpan().SequenceEqual(other.Entry.AsSpan());

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Statement.Author, Statement.Sequence, Entry.Length);
}
