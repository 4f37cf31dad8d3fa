using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Detente.Core;
using Detente.Record.Canonical;
using Detente.Record.Statements;

namespace Detente.Record.Proofs;

/// <summary>
/// An offline proof that one row is part of an observation batch: the whole batch's rows as canonical JSON Lines and which row is
/// meant. A batch statement binds its rows by a flat SHA-256 (<see cref="ObservationBatch"/>), so no shorter proof exists for a
/// row: the reader re-hashes every row and compares with the signed digest. Together with the inclusion proof of the batch
/// statement (<see cref="InclusionProofFile"/>) it shows that the log holds a statement, signed by its author, whose digest
/// covers the row's canonical bytes at that place.
/// </summary>
/// <remarks>
/// Text layout (UTF-8): the line <c>detente.local/batch-row-proof@v1</c>, <c>row &lt;r&gt;</c> (1-based, decimal, no leading
/// zeros), <c>rows &lt;n&gt;</c>, an empty line, then the batch's rows verbatim: <c>n</c> canonical JSON rows, each followed by
/// '\n'. Files use the extension <c>.row</c> beside the <c>.tlog-proof</c> file.
/// </remarks>
public sealed record BatchRowProof
{
    /// <summary>The first line of every row proof.</summary>
    public const string Header = "detente.local/batch-row-proof@v1";

    /// <summary>Creates a proof for row <paramref name="row"/> (1-based) of a batch whose rows are <paramref name="rows"/>.</summary>
    public BatchRowProof(long row, ReadOnlyMemory<byte> rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(row, 1);
        Row = row;
        Rows = rows;
    }

    /// <summary>The row proven, from 1.</summary>
    public long Row { get; }

    /// <summary>Every row of the batch as canonical JSON Lines, in order.</summary>
    public ReadOnlyMemory<byte> Rows { get; }

    /// <summary>How many rows the batch holds (lines of <see cref="Rows"/>).</summary>
    public long Count => Rows.Span.Count((byte)'\n');

    /// <summary>The proof as bytes.</summary>
    public byte[] ToBytes()
    {
        var head = Encoding.UTF8.GetBytes($"{Header}\nrow {Row.ToString(CultureInfo.InvariantCulture)}\nrows {Count.ToString(CultureInfo.InvariantCulture)}\n\n");
        return [.. head, .. Rows.Span];
    }

    /// <summary>Parses a row proof; throws <see cref="RecordFormatException"/> naming the line that is wrong.</summary>
    public static BatchRowProof Parse(ReadOnlySpan<byte> bytes)
    {
        var lines = new List<string>();
        var offset = 0;
        while (lines.Count < 4)
        {
            var end = bytes[offset..].IndexOf((byte)'\n');
            if (end < 0)
            {
                throw new RecordFormatException(RecordMessages.RowProofLine(lines.Count + 1, "the proof ends before its rows"));
            }

            lines.Add(Encoding.UTF8.GetString(bytes.Slice(offset, end)));
            offset += end + 1;
        }

        if (lines[0] != Header)
        {
            throw new RecordFormatException(RecordMessages.RowProofLine(1, $"expected '{Header}'"));
        }

        var row = Number(lines[1], "row ", 2);
        var count = Number(lines[2], "rows ", 3);
        if (lines[3].Length != 0)
        {
            throw new RecordFormatException(RecordMessages.RowProofLine(4, "expected an empty line before the rows"));
        }

        var proof = new BatchRowProof(row < 1 ? throw new RecordFormatException(RecordMessages.RowProofLine(2, "rows count from 1")) : row, bytes[offset..].ToArray());
        if (proof.Count != count || (bytes.Length > offset && bytes[^1] != (byte)'\n'))
        {
            throw new RecordFormatException(RecordMessages.RowProofLine(3, $"the proof says {count} rows but holds {proof.Count} complete lines"));
        }

        return proof;
    }

    private static long Number(string line, string prefix, int lineNumber)
    {
        var text = line.StartsWith(prefix, StringComparison.Ordinal) ? line[prefix.Length..] : null;
        if (text is null || text.Length == 0 || (text.Length > 1 && text[0] == '0') || !text.All(char.IsAsciiDigit)
            || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new RecordFormatException(RecordMessages.RowProofLine(lineNumber, $"expected '{prefix}<n>', a decimal without leading zeros"));
        }

        return value;
    }

    /// <summary>
    /// Checks the proof against an observation-batch statement already proven to be in the log: the statement's row count and
    /// SHA-256 equal those of the rows, every row is canonical JSON, and the row asked for exists. Returns the row's canonical
    /// bytes, or the reason the proof fails.
    /// </summary>
    public RowCheck Verify(Statement batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Kind != StatementKind.ObservationBatch)
        {
            return RowCheck.Failed(RecordMessages.RowProofNotBatch(batch.Kind.WireName()));
        }

        string digest;
        long rows;
        using (var body = batch.ParseBody())
        {
            digest = body.RootElement.TryGetProperty(ObservationBatch.DigestMember, out var d) ? d.GetString() ?? "" : "";
            rows = body.RootElement.TryGetProperty(ObservationBatch.RowsMember, out var r) && r.TryGetInt64(out var n) ? n : -1;
        }

        var actual = Convert.ToHexStringLower(SHA256.HashData(Rows.Span));
        if (actual != digest)
        {
            return RowCheck.Failed(RecordMessages.RowProofDigest(actual, digest));
        }

        if (Count != rows)
        {
            return RowCheck.Failed(RecordMessages.RowProofCount(Count, rows));
        }

        if (Row > Count)
        {
            return RowCheck.Failed(RecordMessages.RowProofRow(Row, Count));
        }

        // The digest binds bytes; a row is only meaningful as the canonical JSON the importer wrote, so each is checked as such.
        var span = Rows.Span;
        ReadOnlyMemory<byte> found = default;
        var start = 0;
        for (var i = 1; i <= Count; i++)
        {
            var end = start + span[start..].IndexOf((byte)'\n');
            var line = span[start..end];
            try
            {
                if (!CanonicalJson.Canonicalize(line.ToArray()).AsSpan().SequenceEqual(line))
                {
                    return RowCheck.Failed(RecordMessages.RowProofNotCanonical(i));
                }
            }
            catch (RecordFormatException)
            {
                return RowCheck.Failed(RecordMessages.RowProofNotCanonical(i));
            }

            if (i == Row)
            {
                found = Rows[start..end];
            }

            start = end + 1;
        }

        return RowCheck.Valid(found);
    }
}

/// <summary>The outcome of checking a <see cref="BatchRowProof"/>: the row's canonical bytes, or why the proof fails.</summary>
public sealed record RowCheck
{
    private RowCheck(ReadOnlyMemory<byte> row, string? problem)
    {
        Row = row;
        Problem = problem;
    }

    /// <summary>True when the row is part of the batch the statement binds.</summary>
    public bool IsValid => Problem is null;

    /// <summary>The row's canonical JSON; empty on failure.</summary>
    public ReadOnlyMemory<byte> Row { get; }

    /// <summary>Why the proof failed; null when valid.</summary>
    public string? Problem { get; }

    internal static RowCheck Valid(ReadOnlyMemory<byte> row) => new(row, null);

    internal static RowCheck Failed(string problem) => new(default, problem);
}
