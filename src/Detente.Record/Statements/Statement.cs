using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
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

    /// <summary>The largest sequence number: 2^53 − 1, the largest integer a JSON number holds exactly.</summary>
    public const long MaxSequence = 9_007_199_254_740_991;

    /// <summary>Options for reading record JSON with System.Text.Json: deep enough for anything <see cref="CanonicalJson"/> accepts.</summary>
    internal static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = CanonicalJson.MaxDepth + 2 };

    /// <summary>The time format: RFC 3339 in UTC with whole seconds, e.g. <c>2026-11-22T13:00:00Z</c>.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>Creates a statement; <paramref name="bodyJson"/> must be a JSON object and is stored canonicalised.</summary>
    public Statement(StatementKind kind, PartyId author, KeyReference key, long sequence, DateTimeOffset time, string bodyJson)
        : this(kind, author, key, sequence, time, bodyJson, bodyIsCanonical: false)
    {
    }

    /// <summary>Creates a statement; with <paramref name="bodyIsCanonical"/> the body comes from an entry already checked to be canonical.</summary>
    internal Statement(StatementKind kind, PartyId author, KeyReference key, long sequence, DateTimeOffset time, string bodyJson, bool bodyIsCanonical)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1L);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, MaxSequence);
        ArgumentNullException.ThrowIfNull(bodyJson);
        if (author.Code is null)
        {
            throw new ArgumentException(RecordMessages.StatementNoAuthor, nameof(author));
        }

        var canonical = bodyIsCanonical ? bodyJson : Encoding.UTF8.GetString(CanonicalJson.Canonicalize(bodyJson));
        if (!canonical.StartsWith('{'))
        {
            throw new ArgumentException(RecordMessages.StatementBodyNotObject, nameof(bodyJson));
        }

        Kind = kind;
        Author = author;
        Key = key;
        Sequence = sequence;
        Time = new DateTimeOffset(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        _body = canonical;
    }

    /// <summary>
    /// Creates a statement read from an entry already checked canonical: <paramref name="bodyUtf8"/> is the body's bytes inside the
    /// entry (never changed afterwards), kept as they are; the text of <see cref="Body"/> is made only when asked for.
    /// </summary>
    internal Statement(StatementKind kind, PartyId author, KeyReference key, long sequence, DateTime timeUtc, ReadOnlyMemory<byte> bodyUtf8)
    {
        // Invariant: the caller parsed these from a canonical envelope (sequence within range, time in whole seconds, body an object).
        Kind = kind;
        Author = author;
        Key = key;
        Sequence = sequence;
        Time = new DateTimeOffset(timeUtc, TimeSpan.Zero);
        _bodyUtf8 = bodyUtf8;
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

    // The body as text, or (for a statement read from an entry) as the entry's UTF-8 bytes until the text is asked for.
    private readonly ReadOnlyMemory<byte> _bodyUtf8;
    private string? _body;

    /// <summary>The body as canonical JSON text of an object.</summary>
    public string Body => _body ??= Encoding.UTF8.GetString(_bodyUtf8.Span);

    /// <summary>
    /// The body as canonical JSON in UTF-8: for a statement read from an entry, the entry's own bytes (no copy, no text made);
    /// otherwise <see cref="Body"/> encoded.
    /// </summary>
    public ReadOnlyMemory<byte> BodyUtf8 => _bodyUtf8.IsEmpty ? Encoding.UTF8.GetBytes(Body) : _bodyUtf8;

    /// <summary>The canonical JSON of the envelope without signature.</summary>
    public byte[] ToCanonicalJson() => WriteEnvelope(null);

    /// <summary>The exact bytes the author's key signs: <see cref="SignatureContext"/> followed by <see cref="ToCanonicalJson"/>.</summary>
    public byte[] SigningBytes() => [.. Encoding.UTF8.GetBytes(SignatureContext), .. ToCanonicalJson()];

    /// <summary>
    /// Writes the envelope as canonical JSON directly: members in RFC 8785 order (author, body, key, kind, seq, sig, time), the
    /// body already canonical, and <c>sig</c> only when a signature is given.
    /// </summary>
    internal byte[] WriteEnvelope(string? signatureBase64)
    {
        var output = new ArrayBufferWriter<byte>(Body.Length + 256);
        output.Write("{\"author\":"u8);
        CanonicalJson.WriteString(output, Author.Code);
        output.Write(",\"body\":"u8);
        if (_body is null)
        {
            output.Write(_bodyUtf8.Span);
        }
        else
        {
            output.Write(Encoding.UTF8.GetBytes(_body));
        }

        output.Write(",\"key\":"u8);
        CanonicalJson.WriteString(output, Key.ToString());
        output.Write(",\"kind\":"u8);
        CanonicalJson.WriteString(output, Kind.WireName());
        output.Write(",\"seq\":"u8);
        output.Write(Encoding.ASCII.GetBytes(Sequence.ToString(CultureInfo.InvariantCulture)));
        if (signatureBase64 is not null)
        {
            output.Write(",\"sig\":"u8);
            CanonicalJson.WriteString(output, signatureBase64);
        }

        output.Write(",\"time\":"u8);
        CanonicalJson.WriteString(output, Time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture));
        output.Write("}"u8);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Parses the body as a JSON document (the caller disposes it).</summary>
    public JsonDocument ParseBody() => _body is null ? JsonDocument.Parse(_bodyUtf8, ReadOptions) : JsonDocument.Parse(_body, ReadOptions);

    /// <summary>Statements are equal when every envelope field and the body are equal.</summary>
    public bool Equals(Statement? other) =>
        other is not null && Kind == other.Kind && Author == other.Author && Key == other.Key && Sequence == other.Sequence
        && Time == other.Time && BodyEquals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Author, Key, Sequence, Time);

    private bool BodyEquals(Statement other)
    {
        if (_body is null && other._body is null)
        {
            return _bodyUtf8.Span.SequenceEqual(other._bodyUtf8.Span);
        }

        return Body == other.Body;
    }
}
