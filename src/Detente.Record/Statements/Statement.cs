using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Record.Canonical;
using Detente.Record.Keys;

namespace Detente.Record.Statements;

/// <summary>
/// The envelope of every entry in the record: kind, author party, key, per-party sequence number (from 1), time (UTC, whole
/// seconds) and a JSON object body. Its canonical JSON (RFC 8785) is what the author's key signs.
/// </summary>
public sealed record Statement
{
    /// <summary>The context prepended to the canonical envelope before signing, so a statement key's signature can never be
    /// mistaken for a signature over a note, checkpoint or other protocol message.</summary>
    public const string SignatureContext = "detente/statement/v1\n";

    /// <summary>The time format: RFC 3339 in UTC with whole seconds, e.g. <c>2026-11-22T13:00:00Z</c>.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>Creates a statement; <paramref name="bodyJson"/> must be a JSON object and is stored canonicalised.</summary>
    public Statement(StatementKind kind, PartyId author, KeyReference key, long sequence, DateTimeOffset time, string bodyJson)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1L);
        ArgumentNullException.ThrowIfNull(bodyJson);
        if (author.Code is null)
        {
            throw new ArgumentException(RecordMessages.StatementNoAuthor, nameof(author));
        }

        var canonical = Encoding.UTF8.GetString(CanonicalJson.Canonicalize(bodyJson));
        if (!canonical.StartsWith('{'))
        {
            throw new ArgumentException(RecordMessages.StatementBodyNotObject, nameof(bodyJson));
        }

        Kind = kind;
        Author = author;
        Key = key;
        Sequence = sequence;
        Time = new DateTimeOffset(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        Body = canonical;
    }

    /// <summary>What the statement declares.</summary>
    public StatementKind Kind { get; }

    /// <summary>The party that makes the statement and owns <see cref="Key"/>.</summary>
    public PartyId Author { get; }

    /// <summary>The key that signs, as <c>name+hex8</c>.</summary>
    public KeyReference Key { get; }

    /// <summary>The author's sequence number: 1 for its first statement, then gapless.</summary>
    public long Sequence { get; }

    /// <summary>When the author made the statement (UTC, truncated to whole seconds).</summary>
    public DateTimeOffset Time { get; }

    /// <summary>The body as canonical JSON text of an object.</summary>
    public string Body { get; }

    /// <summary>The canonical JSON of the envelope without signature.</summary>
    public byte[] ToCanonicalJson() => CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(ToJsonObject().ToJsonString()));

    /// <summary>The exact bytes the author's key signs: <see cref="SignatureContext"/> followed by <see cref="ToCanonicalJson"/>.</summary>
    public byte[] SigningBytes() => [.. Encoding.UTF8.GetBytes(SignatureContext), .. ToCanonicalJson()];

    internal JsonObject ToJsonObject() => new()
    {
        ["author"] = Author.Code,
        ["body"] = JsonNode.Parse(Body),
        ["key"] = Key.ToString(),
        ["kind"] = Kind.WireName(),
        ["seq"] = Sequence,
        ["time"] = Time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture),
    };

    /// <summary>Parses the body as a JSON document (the caller disposes it).</summary>
    public JsonDocument ParseBody() => JsonDocument.Parse(Body);
}
