using System.Collections.Immutable;
using System.Text.Json;
using Detente.Core;

namespace Detente.Verification.Observations;

/// <summary>
/// Reads a GeoJSON FeatureCollection of observations: each feature's geometry is a Point <c>[lon, lat]</c> or null (then the
/// <c>area</c> property places it), and its properties are the CSV columns other than lat and lon. Streams the file with
/// <see cref="Utf8JsonReader"/>; errors name the feature, the property and the line and column in the file.
/// </summary>
internal static class GeoJsonObservations
{
    public static ObservationRows Parse(string name, byte[] bytes, string? defaultObserver, ObservationSources? sources = null)
    {
        var start = ObservationFile.CheckEncodingPrefix(name, bytes, out var bom);
        ObservationFile.CheckUtf8(name, bytes, start, bytes.Length, 1, bom);
        var lines = new LineIndex(bytes);

        // The file's own sources may follow its features, so they are read first, in a pass that skips everything else.
        var declared = DeclaredSources(name, bytes, start, lines);
        var writer = new RowWriter(defaultObserver, bytes.Length) { Sources = sources?.With(declared) };
        var ends = new List<int>();
        var features = new List<long>();
        var hashes = new List<ulong>();
        var reader = new Utf8JsonReader(bytes.AsSpan(start), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        long feature = 0;
        var scratch = new byte[4096];
        var scratchUsed = 0;

        ObservationFileException Fail(ref Utf8JsonReader r, string field, string problem)
        {
            var (line, column) = lines.Locate(start + (int)r.TokenStartIndex);
            return new ObservationFileException(name, feature, line, column, field, problem);
        }

        try
        {
            Expect(ref reader, JsonTokenType.StartObject, "expected an object");
            var sawFeatures = false;
            var sawType = false;
            while (Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
            {
                // A member given twice is an error (JSON readers disagree on which one wins); unknown members are skipped whole.
                if (reader.ValueTextEquals("type"u8) && sawType || reader.ValueTextEquals("features"u8) && sawFeatures)
                {
                    throw Fail(ref reader, reader.GetString()!, ObservationMessages.GeoJson($"the member '{reader.GetString()}' appears twice"));
                }

                if (reader.ValueTextEquals("type"u8))
                {
                    sawType = true;
                    Read(ref reader);
                    if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("FeatureCollection"u8))
                    {
                        throw Fail(ref reader, "type", ObservationMessages.GeoJson("type must be \"FeatureCollection\""));
                    }
                }
                else if (reader.ValueTextEquals("features"u8))
                {
                    sawFeatures = true;
                    Read(ref reader);
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw Fail(ref reader, "features", ObservationMessages.GeoJson("'features' must be an array"));
                    }

                    while (Read(ref reader) && reader.TokenType != JsonTokenType.EndArray)
                    {
                        feature++;
                        if (reader.TokenType != JsonTokenType.StartObject)
                        {
                            throw Fail(ref reader, "", ObservationMessages.GeoJson("each feature must be an object"));
                        }

                        writer.Clear();
                        scratchUsed = 0;
                        var featureStart = (int)reader.TokenStartIndex;
                        var featureMembers = new HashSet<string>(StringComparer.Ordinal);
                        while (Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            if (!featureMembers.Add(reader.GetString()!))
                            {
                                throw Fail(ref reader, reader.GetString()!, ObservationMessages.GeoJson($"the member '{reader.GetString()}' appears twice in one feature"));
                            }

                            if (reader.ValueTextEquals("type"u8))
                            {
                                Read(ref reader);
                                if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("Feature"u8))
                                {
                                    throw Fail(ref reader, "type", ObservationMessages.GeoJson("a feature's type must be \"Feature\""));
                                }
                            }
                            else if (reader.ValueTextEquals("geometry"u8))
                            {
                                Read(ref reader);
                                ReadGeometry(ref reader, writer, ref scratch, ref scratchUsed, Fail);
                            }
                            else if (reader.ValueTextEquals("properties"u8))
                            {
                                Read(ref reader);
                                if (reader.TokenType != JsonTokenType.StartObject)
                                {
                                    throw Fail(ref reader, "properties", ObservationMessages.GeoJson("'properties' must be an object"));
                                }

                                var given = new bool[ObservationColumns.All.Count];
                                while (Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
                                {
                                    var column = ObservationColumns.IndexOf(reader.ValueSpan);
                                    if (column < 0 || column is ObservationColumns.Lat or ObservationColumns.Lon || reader.ValueIsEscaped)
                                    {
                                        throw Fail(ref reader, reader.GetString()!, ObservationMessages.UnknownProperty(reader.GetString()!));
                                    }

                                    if (given[column])
                                    {
                                        throw Fail(ref reader, reader.GetString()!, ObservationMessages.GeoJson($"the property '{reader.GetString()}' appears twice"));
                                    }

                                    given[column] = true;

                                    Read(ref reader);
                                    var (line, col) = lines.Locate(start + (int)reader.TokenStartIndex);
                                    writer.Positions[column] = col;
                                    switch (reader.TokenType)
                                    {
                                        case JsonTokenType.Null:
                                            writer.Present[column] = false;
                                            break;
                                        case JsonTokenType.String when column is ObservationColumns.Count or ObservationColumns.Low
                                            or ObservationColumns.High or ObservationColumns.PlusMinus:
                                            // A count is a JSON number: "1" in quotes is text, whatever it spells.
                                            throw Fail(ref reader, ObservationColumns.All[column],
                                                ObservationMessages.PropertyType(ObservationColumns.All[column], "a number (not a string) or null"));
                                        case JsonTokenType.String:
                                            writer.Values[column] = Copy(ref reader, ref scratch, ref scratchUsed);
                                            writer.Present[column] = writer.Values[column].Length > 0;
                                            break;
                                        case JsonTokenType.Number:
                                            writer.Values[column] = Copy(ref reader, ref scratch, ref scratchUsed);
                                            writer.Present[column] = true;
                                            break;
                                        default:
                                            throw Fail(ref reader, ObservationColumns.All[column],
                                                ObservationMessages.PropertyType(ObservationColumns.All[column], "a string, a number or null"));
                                    }

                                    _ = line;
                                }
                            }
                            else
                            {
                                // Other members (id, bbox, foreign members) are allowed by RFC 7946 and ignored.
                                Read(ref reader);
                                reader.Skip();
                            }
                        }

                        var before = writer.Length;
                        if (writer.Write() is { } problem)
                        {
                            var (line, _) = lines.Locate(start + featureStart);
                            throw new ObservationFileException(name, feature, line, writer.Present[problem.Column] ? writer.Positions[problem.Column] : 1,
                                ObservationColumns.All[problem.Column], problem.Problem);
                        }

                        ends.Add(writer.Length);
                        features.Add(feature);
                        hashes.Add(RowWriter.Hash(writer.Buffer.AsSpan(before, writer.Length - before)));
                    }
                }
                else
                {
                    Read(ref reader);
                    reader.Skip();
                }
            }

            if (!sawFeatures)
            {
                throw new ObservationFileException(name, 0, 1, 1, "features", ObservationMessages.GeoJson("no 'features' array"));
            }
        }
        catch (JsonException e)
        {
            throw new ObservationFileException(name, feature, (e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, "",
                ObservationMessages.GeoJson(e.Message.Split(" Path:", 2)[0]));
        }

        var rows = new ObservationRows(name, writer.Buffer, writer.Length, [.. ends], [.. features]) { DeclaredSources = declared };
        ObservationFile.CheckDuplicates(rows, [.. hashes]);
        return rows;

        static void Expect(ref Utf8JsonReader r, JsonTokenType type, string problem)
        {
            if (!r.Read() || r.TokenType != type)
            {
                throw new JsonException(problem, null, r.CurrentState.Options.MaxDepth, r.BytesConsumed);
            }
        }
    }

    private static bool Read(ref Utf8JsonReader reader) => reader.Read() ? true : throw new JsonException("unexpected end of the file");

    /// <summary>
    /// The top-level <c>sources</c> member: source objects as in a scenario's sources.json (<c>id</c>, <c>title</c>,
    /// <c>publisher</c>, <c>date</c>, optional <c>url</c>, <c>kind</c>); empty when absent. Errors name the line and column.
    /// </summary>
    private static ImmutableArray<Source> DeclaredSources(string name, byte[] bytes, int start, LineIndex lines)
    {
        var list = ImmutableArray.CreateBuilder<Source>();
        var reader = new Utf8JsonReader(bytes.AsSpan(start), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        ObservationFileException Fail(ref Utf8JsonReader r, string field, string problem) => FailAt(r.TokenStartIndex, field, problem);
        ObservationFileException FailAt(long offset, string field, string problem)
        {
            var (line, column) = lines.Locate(start + (int)offset);
            return new ObservationFileException(name, line, column, field, ObservationMessages.DeclaredSource(problem));
        }

        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return [];
            }

            while (Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("sources"u8))
                {
                    Read(ref reader);
                    reader.Skip();
                    continue;
                }

                Read(ref reader);
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw Fail(ref reader, "sources", "list must be an array of source objects");
                }

                while (Read(ref reader) && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw Fail(ref reader, "sources", "must be an object with id, title, publisher, date, url and kind");
                    }

                    var objectStart = reader.TokenStartIndex;
                    var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
                    var at = new Dictionary<string, long>(StringComparer.Ordinal);
                    while (Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var member = reader.GetString()!;
                        if (member is not ("id" or "title" or "publisher" or "date" or "url" or "kind"))
                        {
                            throw Fail(ref reader, member, $"has an unknown member '{member}'; expected id, title, publisher, date, url, kind");
                        }

                        Read(ref reader);
                        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null) || (reader.TokenType == JsonTokenType.Null && member != "url"))
                        {
                            throw Fail(ref reader, member, $"needs '{member}' as a string");
                        }

                        fields[member] = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
                        at[member] = reader.TokenStartIndex;
                    }

                    foreach (var required in new[] { "id", "title", "publisher", "date", "kind" })
                    {
                        if (fields.GetValueOrDefault(required) is not { Length: > 0 })
                        {
                            throw FailAt(at.GetValueOrDefault(required, objectStart), required, $"has no '{required}'");
                        }
                    }

                    var kind = ObservationSources.Kinds.FirstOrDefault(k => k.Word == fields["kind"]);
                    if (kind.Word is null)
                    {
                        throw FailAt(at["kind"], "kind", $"has kind '{fields["kind"]}'; expected one of {string.Join(", ", ObservationSources.Kinds.Select(k => k.Word))}");
                    }

                    if (list.Any(x => x.Id.Value == fields["id"]))
                    {
                        throw FailAt(at["id"], "id", $"'{fields["id"]}' is declared twice");
                    }

                    list.Add(new Source(new SourceId(fields["id"]!), fields["title"]!, fields["publisher"]!, fields["date"]!, fields.GetValueOrDefault("url"), kind.Kind));
                }
            }
        }
        catch (JsonException)
        {
            // The main pass reports malformed JSON with its position.
            return list.ToImmutable();
        }

        return list.ToImmutable();
    }

    private delegate ObservationFileException Failer(ref Utf8JsonReader r, string field, string problem);

    private static void ReadGeometry(ref Utf8JsonReader reader, RowWriter writer, ref byte[] scratch, ref int used, Failer fail)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw fail(ref reader, "geometry", ObservationMessages.Geometry("not an object"));
        }

        var isPoint = false;
        var hasCoordinates = false;
        var members = new HashSet<string>(StringComparer.Ordinal);
        while (Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!members.Add(reader.GetString()!))
            {
                throw fail(ref reader, "geometry", ObservationMessages.Geometry($"the member '{reader.GetString()}' appears twice"));
            }

            if (reader.ValueTextEquals("type"u8))
            {
                Read(ref reader);
                isPoint = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("Point"u8);
                if (!isPoint)
                {
                    throw fail(ref reader, "geometry", ObservationMessages.Geometry("type must be \"Point\""));
                }
            }
            else if (reader.ValueTextEquals("coordinates"u8))
            {
                Read(ref reader);
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw fail(ref reader, "coordinates", ObservationMessages.Geometry("coordinates must be an array [lon, lat]"));
                }

                var n = 0;
                while (Read(ref reader) && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.Number)
                    {
                        throw fail(ref reader, "coordinates", ObservationMessages.Geometry("coordinates must be numbers"));
                    }

                    if (n < 2)
                    {
                        var column = n == 0 ? ObservationColumns.Lon : ObservationColumns.Lat;
                        writer.Values[column] = Copy(ref reader, ref scratch, ref used);
                        writer.Present[column] = true;
                        writer.Positions[column] = (int)reader.TokenStartIndex;
                    }

                    n++;
                }

                if (n < 2)
                {
                    throw fail(ref reader, "coordinates", ObservationMessages.Geometry("coordinates need [lon, lat]"));
                }

                hasCoordinates = true;
            }
            else
            {
                Read(ref reader);
                reader.Skip();
            }
        }

        if (!isPoint || !hasCoordinates)
        {
            throw fail(ref reader, "geometry", ObservationMessages.Geometry("a Point needs 'type' and 'coordinates'"));
        }
    }

    /// <summary>The token's unescaped UTF-8 bytes, copied into the feature's scratch buffer.</summary>
    private static Field Copy(ref Utf8JsonReader reader, ref byte[] scratch, ref int used)
    {
        var length = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (used + length > scratch.Length)
        {
            // Earlier values of this feature point into the old array, which stays alive; only new values use the new one.
            scratch = new byte[Math.Max(scratch.Length * 2, length + 256)];
            used = 0;
        }

        var written = reader.TokenType == JsonTokenType.String ? reader.CopyString(scratch.AsSpan(used)) : CopyRaw(ref reader, scratch.AsSpan(used));
        var result = new Field(scratch, used, written);
        used += written;
        return result;
    }

    private static int CopyRaw(ref Utf8JsonReader reader, Span<byte> target)
    {
        reader.ValueSpan.CopyTo(target);
        return reader.ValueSpan.Length;
    }

    /// <summary>Byte offset to 1-based line and column (in bytes).</summary>
    private sealed class LineIndex
    {
        private readonly List<int> _starts = [0];

        public LineIndex(byte[] bytes)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == '\n')
                {
                    _starts.Add(i + 1);
                }
            }
        }

        public (long Line, int Column) Locate(int offset)
        {
            var i = _starts.BinarySearch(offset);
            if (i < 0)
            {
                i = ~i - 1;
            }

            return (i + 1, offset - _starts[i] + 1);
        }
    }
}
