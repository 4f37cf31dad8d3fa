using System.Security.Cryptography;

namespace Detente.Verification.Observations;

/// <summary>
/// The validated rows of one observation file as canonical JSON Lines (RFC 8785 canonical JSON of each row, then '\n'), in
/// file order, with the file row each came from. The rows of a batch statement are a contiguous range; its digest is the
/// SHA-256 of that range's bytes.
/// </summary>
public sealed class ObservationRows
{
    internal ObservationRows(string file, byte[] data, int length, int[] rowEnds, long[] sourceRows)
    {
        File = file;
        Data = data;
        Length = length;
        RowEnds = rowEnds;
        SourceRows = sourceRows;
    }

    /// <summary>The sources the file declares itself (a GeoJSON file's top-level <c>sources</c>); empty for CSV.</summary>
    public System.Collections.Immutable.ImmutableArray<Core.Source> DeclaredSources { get; init; } = [];

    /// <summary>The file as the user named it.</summary>
    public string File { get; }

    /// <summary>How many rows.</summary>
    public int Count => RowEnds.Length;

    /// <summary>The bytes of all rows; only the first <see cref="Length"/> are used.</summary>
    internal byte[] Data { get; }

    /// <summary>How many bytes of <see cref="Data"/> the rows take.</summary>
    public int Length { get; }

    /// <summary>The offset just past each row's '\n'.</summary>
    internal int[] RowEnds { get; }

    /// <summary>The file row (CSV line or GeoJSON feature number) of each row.</summary>
    internal long[] SourceRows { get; }

    /// <summary>The file row of row <paramref name="index"/>.</summary>
    public long SourceRow(int index) => SourceRows[index];

    /// <summary>Offset of row <paramref name="index"/>.</summary>
    public int Start(int index) => index == 0 ? 0 : RowEnds[index - 1];

    /// <summary>The canonical JSON of row <paramref name="index"/>, without the trailing '\n'.</summary>
    public ReadOnlySpan<byte> Row(int index) => Data.AsSpan(Start(index), RowEnds[index] - Start(index) - 1);

    /// <summary>The canonical JSON Lines of rows [<paramref name="first"/>, first + count).</summary>
    public ReadOnlyMemory<byte> Lines(int first, int count) =>
        Data.AsMemory(Start(first), (first + count == 0 ? 0 : RowEnds[first + count - 1]) - Start(first));

    /// <summary>The lower-case hex SHA-256 of rows [<paramref name="first"/>, first + count): the batch statement's digest.</summary>
    public string Digest(int first, int count) => Convert.ToHexStringLower(SHA256.HashData(Lines(first, count).Span));

    /// <summary>The digests of <see cref="Batches"/> of <paramref name="batchSize"/>, hashed in parallel.</summary>
    public IReadOnlyList<(int First, int Count, string Sha256)> Digests(int batchSize, int parallelism = 2)
    {
        var batches = Batches(batchSize).ToArray();
        var digests = new string[batches.Length];
        Parallel.For(0, batches.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) },
            i => digests[i] = Digest(batches[i].First, batches[i].Count));
        return [.. batches.Select((b, i) => (b.First, b.Count, digests[i]))];
    }

    /// <summary>Splits the rows into consecutive ranges of at most <paramref name="batchSize"/> rows.</summary>
    public IEnumerable<(int First, int Count)> Batches(int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        for (var first = 0; first < Count; first += batchSize)
        {
            yield return (first, Math.Min(batchSize, Count - first));
        }
    }
}
