using System.Text;
using System.Text.Unicode;
using Detente.Core;
using Detente.Data;
using Detente.Record;
using Detente.Record.Canonical;
using Detente.Record.Keys;
using Detente.Record.Statements;
using Detente.Verification.Inspections;
using Detente.Verification.Regimes;
using Detente.Verification.Steps;

namespace Detente.Node.Appending;

/// <summary>A statement a person had appended: what was written where, and the key enrolled with it (a party's first key), if any.</summary>
/// <param name="Statement">The statement as written.</param>
/// <param name="Index">Its log index.</param>
/// <param name="LogSize">The log's size after the append.</param>
/// <param name="Enrolled">The party's first key, enrolled in the statement's own transaction; null when the record knew a key already.</param>
public sealed record AuthoredStatement(Statement Statement, long Index, long LogSize, VerifierKey? Enrolled);

/// <summary>
/// Statements a person writes one at a time (<c>record append</c>, the inspection and consultation steps): the body is checked
/// (UTF-8, canonical JSON, an object; a step also field by field and against the regime's state machine) before any key is used,
/// then signed with the party's keyring key and appended through the <see cref="Appender"/>. A refusal is a <see cref="NodeException"/>
/// with the reason, and nothing is written.
/// </summary>
public static class StatementAuthoring
{
    /// <summary>
    /// The canonical form of a body a person gave: refuses bytes that are not UTF-8 (naming the byte), JSON the canonical encoding does
    /// not accept (naming line and column) and anything but an object. <paramref name="where"/> names the input in messages.
    /// </summary>
    public static string CanonicalBody(byte[] json, string where)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!Utf8.IsValid(json))
        {
            throw new NodeException($"{where}: invalid UTF-8 at byte {InvalidUtf8Offset(json)}");
        }

        byte[] canonical;
        try
        {
            canonical = CanonicalJson.Canonicalize(json);
        }
        catch (RecordFormatException e)
        {
            var (line, column) = JsonMembers.Locate(json, (int)Math.Min(e.Position ?? 0, json.Length));
            throw new NodeException($"{where}:{line}:{column}: not acceptable JSON: {e.Reason}");
        }

        return canonical.Length == 0 || canonical[0] != (byte)'{'
            ? throw new NodeException($"{where}: the body must be a JSON object")
            : Encoding.UTF8.GetString(canonical);
    }

    /// <summary>The offset of the first byte that does not begin a complete UTF-8 sequence (the length when all are valid).</summary>
    public static int InvalidUtf8Offset(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length && Rune.DecodeFromUtf8(bytes[offset..], out _, out var length) == System.Buffers.OperationStatus.Done)
        {
            offset += length;
        }

        return offset;
    }

    /// <summary>Signs <paramref name="canonicalBody"/> as <paramref name="author"/>'s next statement of <paramref name="kind"/> and appends it.</summary>
    public static AuthoredStatement Append(RecordNode node, StatementKind kind, PartyId author, string canonicalBody, string? keyName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var signing = node.SigningKeyFor(author, keyName, out var enrol);
        byte[] entry;
        try
        {
            entry = [.. RecordNode.Sign(node.Store, kind, author, signing, canonicalBody, now).Entry];
        }
        catch (ArgumentException e)
        {
            throw new NodeException(e.Message);
        }

        return AppendEntry(node, entry, enrol is null ? null : (author, enrol));
    }

    /// <summary>Appends a complete signed entry made elsewhere (or here), enrolling <paramref name="enrol"/> in the same transaction.</summary>
    public static AuthoredStatement AppendEntry(RecordNode node, byte[] entry, (PartyId Party, VerifierKey Key)? enrol = null)
    {
        ArgumentNullException.ThrowIfNull(node);

        // A party's first key is enrolled in the statement's own transaction: a rejected statement enrols nothing.
        var result = node.Appender.Append(new AppendRequest([entry]) { Enrol = enrol is { } e ? [e] : [] });
        if (!result.IsAccepted)
        {
            throw new NodeException(result.Message!);
        }

        var written = result.Statements[0];
        return new AuthoredStatement(written.Check.Statement!.Statement, written.Index!.Value, node.Appender.Size, enrol?.Key);
    }

    /// <summary>Reads a step's body (a leading byte-order mark is dropped) field by field; located errors name <paramref name="where"/>.</summary>
    public static Step ReadStep(StatementKind kind, PartyId author, byte[] body, string where) =>
        StepReader.Read(kind, author, WithoutBom(body), where);

    /// <summary>
    /// Appends a step read by <see cref="ReadStep"/>: checked by the state machine against <paramref name="regimes"/> and the record's
    /// whole history of steps (opening the appender first integrates what an earlier run left pending), bounded so its statement fits
    /// one entry, then signed and appended.
    /// </summary>
    public static AuthoredStatement AppendStep(RecordNode node, RegimeCatalog regimes, Scenario scenario, Step step, byte[] body, string? keyName,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(step);
        _ = node.Appender;
        var check = VerificationLedger.Replay(regimes, scenario, Projection.RecordProjection.StepsOf(node.Store)).Check(step);
        if (!check.Accepted)
        {
            throw new NodeException($"{step.Where}: {step.Kind.WireName()} rejected: {check.Reason}; nothing was written");
        }

        var canonical = Encoding.UTF8.GetString(CanonicalJson.Canonicalize(WithoutBom(body)));

        // The envelope (kind, author, key, sequence, time, signature) takes well under 1 KiB: refuse before any key is used.
        if (Encoding.UTF8.GetByteCount(canonical) > SignedStatement.MaxEntryBytes - 1024)
        {
            throw new NodeException($"{step.Where}: the body is {Encoding.UTF8.GetByteCount(canonical):N0} bytes; a step's body is at most "
                + $"{SignedStatement.MaxEntryBytes - 1024:N0} bytes so that its statement fits in one entry; nothing was written");
        }

        using var signing = node.SigningKeyFor(step.Author, keyName, out var enrol);
        var appended = node.Submit(RecordNode.Sign(node.Store, step.Kind, step.Author, signing, canonical, now), step.Author, enrol);
        if (!appended.IsAccepted)
        {
            throw new NodeException(appended.Message!);
        }

        var written = appended.Statements[0];
        return new AuthoredStatement(written.Check.Statement!.Statement, written.Index!.Value, node.Appender.Size, enrol);
    }

    private static byte[] WithoutBom(byte[] bytes) => bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
}
