using System.Text;
using System.Text.Unicode;
using Detente.Core;

namespace Detente.Verification.Observations;

/// <summary>
/// Reads an observation file (CSV or GeoJSON) into validated canonical rows. Either every row is valid and the whole file is
/// returned, or an <see cref="InputException"/> names the first bad row and column and nothing is returned.
/// CSV is parsed in parallel over line-aligned chunks; fields are read as byte spans, never as strings.
/// </summary>
public static class ObservationFile
{
    /// <summary>Reads <paramref name="path"/>: GeoJSON when it ends in .geojson or .json, CSV otherwise.</summary>
    /// <param name="path">The file.</param>
    /// <param name="defaultObserver">The observer of rows without one (the importing monitor), or null to require the column.</param>
    /// <param name="parallelism">How many cores to parse on.</param>
    /// <param name="sources">The source ids rows may cite (a GeoJSON file may declare more); null accepts any id.</param>
    public static ObservationRows Read(string path, string? defaultObserver, int parallelism = 2, ObservationSources? sources = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = InputFile.ReadAllBytes(path, InputFile.BulkLimit);
        }
        catch (InputException e)
        {
            throw ObservationMessages.Located(path, Math.Max(e.Location.Line, 1), Math.Max(e.Location.Column, 1), "", e.Problem);
        }

        return path.EndsWith(".geojson", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? GeoJsonObservations.Parse(path, bytes, defaultObserver, sources)
            : ParseCsv(path, bytes, defaultObserver, parallelism, sources);
    }

    /// <summary>Parses CSV bytes (UTF-8, optional BOM, LF or CRLF line ends, a header line naming the columns).</summary>
    public static ObservationRows ParseCsv(string name, byte[] bytes, string? defaultObserver, int parallelism = 2, ObservationSources? sources = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var start = CheckEncodingPrefix(name, bytes, out var bom);

        // The header: its columns in order.
        var headerEnd = Array.IndexOf(bytes, (byte)'\n', start);
        var headerLineEnd = headerEnd < 0 ? bytes.Length : headerEnd;
        var header = bytes.AsSpan(start, headerLineEnd - start).TrimEnd((byte)'\r');
        if (header.IsEmpty)
        {
            throw ObservationMessages.Located(name, 1, 1, "", ObservationMessages.Empty);
        }

        CheckUtf8(name, bytes, start, headerLineEnd, 1, bom);
        var columns = new List<int>();
        var field = 1;
        foreach (var range in header.Split((byte)','))
        {
            var text = header[range].Trim((byte)' ');
            var index = ObservationColumns.IndexOf(text);
            if (index < 0)
            {
                throw ObservationMessages.Located(name, 1, field, RowWriter.Text(text), ObservationMessages.UnknownColumn(RowWriter.Text(text)));
            }

            if (columns.Contains(index))
            {
                throw ObservationMessages.Located(name, 1, field, RowWriter.Text(text), ObservationMessages.DuplicateColumn(RowWriter.Text(text)));
            }

            columns.Add(index);
            field++;
        }

        foreach (var required in ObservationColumns.Required)
        {
            if (!columns.Contains(required))
            {
                throw ObservationMessages.Located(name, 1, columns.Count + 1, ObservationColumns.All[required],
                    ObservationMessages.MissingColumn(ObservationColumns.All[required]));
            }
        }

        var hasPoint = columns.Contains(ObservationColumns.Lat) && columns.Contains(ObservationColumns.Lon);
        if (!hasPoint && !columns.Contains(ObservationColumns.Area))
        {
            var missing = columns.Contains(ObservationColumns.Lat) ? "lon" : columns.Contains(ObservationColumns.Lon) ? "lat" : "area";
            throw ObservationMessages.Located(name, 1, columns.Count + 1, missing, ObservationMessages.MissingPlace);
        }

        if (!columns.Contains(ObservationColumns.Observer) && defaultObserver is null)
        {
            throw ObservationMessages.Located(name, 1, columns.Count + 1, "observer", ObservationMessages.NoObserver);
        }

        // Line-aligned chunks, parsed side by side; each knows its first line only after all are counted.
        var bodyStart = headerEnd < 0 ? bytes.Length : headerEnd + 1;
        var chunks = Math.Max(1, Math.Min(parallelism, (bytes.Length - bodyStart) / (1 << 16)));
        var bounds = new int[chunks + 1];
        bounds[0] = bodyStart;
        bounds[chunks] = bytes.Length;
        for (var c = 1; c < chunks; c++)
        {
            var guess = bodyStart + (int)((long)(bytes.Length - bodyStart) * c / chunks);
            var nl = Array.IndexOf(bytes, (byte)'\n', Math.Max(guess, bounds[c - 1]));
            bounds[c] = nl < 0 ? bytes.Length : nl + 1;
        }

        var results = new ChunkResult[chunks];
        var columnArray = columns.ToArray();
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) },
            c => results[c] = ParseChunk(name, bytes, bounds[c], bounds[c + 1], columnArray, defaultObserver, bom, sources));

        // Absolute line numbers: the header is line 1.
        long line = 2;
        ChunkResult? failed = null;
        long failedLine = 0;
        foreach (var r in results)
        {
            if (r.Error is { } e && failed is null)
            {
                failed = r;
                failedLine = line + e.RelativeLine;
            }

            r.FirstLine = line;
            line += r.Lines;
        }

        if (failed?.Error is { } error)
        {
            throw ObservationMessages.Located(name, failedLine, error.Column, error.Field, error.Problem);
        }

        return Merge(name, results);
    }

    private static ObservationRows Merge(string name, ChunkResult[] results)
    {
        var length = results.Sum(r => r.Writer.Length);
        var count = results.Sum(r => r.Ends.Count);
        var data = results.Length == 1 ? results[0].Writer.Buffer : GC.AllocateUninitializedArray<byte>(length);
        var ends = new int[count];
        var rows = new long[count];
        var hashes = new ulong[count];
        int offset = 0, k = 0;
        foreach (var r in results)
        {
            if (results.Length > 1)
            {
                r.Writer.Buffer.AsSpan(0, r.Writer.Length).CopyTo(data.AsSpan(offset));
            }

            for (var i = 0; i < r.Ends.Count; i++, k++)
            {
                ends[k] = offset + r.Ends[i];
                rows[k] = r.FirstLine + r.RelativeLines[i];
                hashes[k] = r.Hashes[i];
            }

            offset += r.Writer.Length;
        }

        var result = new ObservationRows(name, data, length, ends, rows);
        CheckDuplicates(result, hashes);
        return result;
    }

    /// <summary>Rejects a row equal to an earlier one (after normalisation), naming both rows.</summary>
    internal static void CheckDuplicates(ObservationRows rows, ulong[] hashes)
    {
        // Open addressing over the row hashes (slot holds row + 1; 0 is empty): no per-row allocation, one probe on average.
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, rows.Count * 2));
        var slots = new int[size];
        var mask = size - 1;
        for (var i = 0; i < rows.Count; i++)
        {
            var slot = (int)(hashes[i] & (ulong)mask);
            while (slots[slot] != 0)
            {
                var first = slots[slot] - 1;
                if (hashes[first] == hashes[i] && rows.Row(first).SequenceEqual(rows.Row(i)))
                {
                    throw ObservationMessages.Located(rows.File, rows.SourceRow(i), 1, "", ObservationMessages.Duplicate(rows.SourceRow(first)));
                }

                slot = (slot + 1) & mask;
            }

            slots[slot] = i + 1;
        }
    }

    /// <summary>Skips a UTF-8 BOM (and says so); rejects UTF-16 and empty files.</summary>
    internal static int CheckEncodingPrefix(string name, byte[] bytes, out bool bom)
    {
        bom = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            throw ObservationMessages.Located(name, 1, 1, "", ObservationMessages.Utf16);
        }

        var start = bom ? 3 : 0;
        return start >= bytes.Length ? throw ObservationMessages.Located(name, 1, 1, "", ObservationMessages.Empty) : start;
    }

    /// <summary>Throws when bytes [from, to) are not UTF-8, naming the line (counted from <paramref name="firstLine"/>) and column.</summary>
    internal static void CheckUtf8(string name, byte[] bytes, int from, int to, long firstLine, bool bom)
    {
        var span = bytes.AsSpan(from, to - from);
        if (Utf8.IsValid(span))
        {
            return;
        }

        var (line, column, bad) = LocateInvalid(span);
        throw ObservationMessages.Located(name, firstLine + line, column, "", ObservationMessages.NotUtf8(bad, bom));
    }

    internal static (long Line, int Column, byte Bad) LocateInvalid(ReadOnlySpan<byte> span)
    {
        long line = 0;
        var column = 1;
        var i = 0;
        while (i < span.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(span[i..], out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                return (line, column, span[i]);
            }

            if (span[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }

            i += consumed;
        }

        return (line, column, 0);
    }

    private sealed class ChunkResult(RowWriter writer)
    {
        public RowWriter Writer { get; } = writer;

        public List<int> Ends { get; } = [];

        public List<int> RelativeLines { get; } = [];

        public List<ulong> Hashes { get; } = [];

        public long Lines { get; set; }

        public long FirstLine { get; set; }

        public (long RelativeLine, int Column, string Field, string Problem)? Error { get; set; }
    }

    private static ChunkResult ParseChunk(string name, byte[] bytes, int from, int to, int[] columns, string? defaultObserver, bool bom,
        ObservationSources? sources)
    {
        var writer = new RowWriter(defaultObserver, (int)Math.Min(int.MaxValue / 2, (to - from) * 1.6)) { Sources = sources };
        var result = new ChunkResult(writer);
        var span = bytes.AsSpan(from, to - from);
        if (!Utf8.IsValid(span))
        {
            var (l, c, bad) = LocateInvalid(span);
            result.Lines = span.Count((byte)'\n') + 1;
            result.Error = (l, c, "", ObservationMessages.NotUtf8(bad, bom));
            return result;
        }

        var scratch = new byte[256];
        var fieldStarts = new int[columns.Length];
        var position = from;
        var line = 0;
        while (position < to)
        {
            var nl = bytes.AsSpan(position, to - position).IndexOf((byte)'\n');
            var lineEnd = nl < 0 ? to : position + nl;
            var next = nl < 0 ? to : lineEnd + 1;
            var contentEnd = lineEnd > position && bytes[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (contentEnd > position)
            {
                writer.Clear();
                var error = SplitLine(bytes, position, contentEnd, columns, writer, ref scratch, fieldStarts);
                var before = writer.Length;
                if (error is null)
                {
                    var problem = writer.Write();
                    if (problem is { } p)
                    {
                        var field = Array.IndexOf(columns, p.Column);
                        error = (field < 0 ? columns.Length + 1 : writer.Positions[p.Column], ObservationColumns.All[p.Column], p.Problem);
                    }
                }

                if (error is { } e)
                {
                    result.Error = (line, e.Column, e.Field, e.Problem);
                    result.Lines = line + 1;
                    return result;
                }

                result.Ends.Add(writer.Length);
                result.RelativeLines.Add(line);
                result.Hashes.Add(RowWriter.Hash(writer.Buffer.AsSpan(before, writer.Length - before)));
            }

            line++;
            position = next;
        }

        // A final line without '\n' still counts as a line.
        result.Lines = line;
        return result;
    }

    /// <summary>Splits one line into fields by the header's columns; quoted fields may hold commas and doubled quotes.</summary>
    private static (int Column, string Field, string Problem)? SplitLine(
        byte[] bytes, int start, int end, int[] columns, RowWriter writer, ref byte[] scratch, int[] fieldStarts)
    {
        var field = 0;
        var position = start;
        var scratchUsed = 0;
        while (true)
        {
            if (field >= columns.Length)
            {
                var total = field + 1 + bytes.AsSpan(position, end - position).Count((byte)',');
                return (field + 1, "", ObservationMessages.FieldCount(total, columns.Length));
            }

            fieldStarts[field] = position;
            Field value;
            int after;
            if (position < end && bytes[position] == '"')
            {
                // Quoted: copy into scratch, turning "" into ".
                var i = position + 1;
                var begin = scratchUsed;
                while (true)
                {
                    var q = bytes.AsSpan(i, end - i).IndexOf((byte)'"');
                    if (q < 0)
                    {
                        return (field + 1, ObservationColumns.All[columns[field]], ObservationMessages.UnterminatedQuote);
                    }

                    Append(ref scratch, ref scratchUsed, bytes.AsSpan(i, q));
                    i += q + 1;
                    if (i < end && bytes[i] == '"')
                    {
                        Append(ref scratch, ref scratchUsed, "\""u8);
                        i++;
                        continue;
                    }

                    break;
                }

                if (i < end && bytes[i] != ',')
                {
                    return (field + 1, ObservationColumns.All[columns[field]], ObservationMessages.CharacterAfterQuote);
                }

                value = default;
                writer.Values[columns[field]] = value;
                after = i;
                // Scratch may grow later in the line; remember the range and resolve below.
                fieldStarts[field] = -(begin + 1);
                writer.Positions[columns[field]] = scratchUsed - begin;
            }
            else
            {
                var comma = bytes.AsSpan(position, end - position).IndexOf((byte)',');
                after = comma < 0 ? end : position + comma;
                value = new Field(bytes, position, after - position);
                writer.Values[columns[field]] = value;
            }

            field++;
            if (after >= end)
            {
                break;
            }

            position = after + 1;
            if (position == end)
            {
                // A trailing comma opens an empty last field.
                if (field >= columns.Length)
                {
                    return (field + 1, "", ObservationMessages.FieldCount(field + 1, columns.Length));
                }

                writer.Values[columns[field]] = Field.Empty;
                fieldStarts[field] = position;
                field++;
                break;
            }
        }

        if (field != columns.Length)
        {
            return (field, "", ObservationMessages.FieldCount(field, columns.Length));
        }

        for (var f = 0; f < columns.Length; f++)
        {
            var c = columns[f];
            if (fieldStarts[f] < 0)
            {
                var begin = -fieldStarts[f] - 1;
                writer.Values[c] = new Field(scratch, begin, writer.Positions[c]);
            }

            writer.Positions[c] = f + 1;
            writer.Present[c] = writer.Values[c].Length > 0;
        }

        return null;
    }

    private static void Append(ref byte[] scratch, ref int used, ReadOnlySpan<byte> bytes)
    {
        if (used + bytes.Length > scratch.Length)
        {
            Array.Resize(ref scratch, Math.Max(scratch.Length * 2, used + bytes.Length));
        }

        bytes.CopyTo(scratch.AsSpan(used));
        used += bytes.Length;
    }

    /// <summary>Used by tests and the GeoJSON reader: text of a UTF-8 span.</summary>
    internal static string Decode(ReadOnlySpan<byte> s) => Encoding.UTF8.GetString(s);
}
