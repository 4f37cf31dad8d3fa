using System.Collections.Immutable;
using System.Text.Json;
using Detente.Core;
using Detente.Data.Json;

namespace Detente.Verification.Observations;

/// <summary>
/// Reads a GeoJSON FeatureCollection of observations: each feature's geometry is a Point <c>[lon, lat]</c> or null (then the
/// <c>area</c> property places it), and its properties are the CSV columns other than lat and lon. Streams the file with
/// Data's <see cref="JsonReader"/> (one byte-order-mark policy, duplicate members an error); errors name the feature, the property and the line and column in the file.
/// </summary>
internal static class GeoJsonObservations
{
    public static ObservationRows Parse(string name, byte[] bytes, string? defaultObserver, ObservationSources? sources = null)
    {
        var start = ObservationFile.CheckEncodingPrefix(name, bytes, out var bom);
        ObservationFile.CheckUtf8(name, bytes, start, bytes.Length, 1, bom);
        var input = JsonInput.Of(bytes, name);

        // The file's own sources may follow its features, so they are read first, in a pass that skips everything else.
        var declared = DeclaredSources(name, input);
        var writer = new RowWriter(defaultObserver, bytes.Length) { Sources = sources?.With(declared) };
        var ends = new List<int>();
        var features = new List<long>();
        var hashes = new List<ulong>();
        var reader = new JsonReader(input);
        long feature = 0;
        var scratch = new byte[4096];
        var scratchUsed = 0;

        InputException Fail(ref JsonReader r, string field, string problem)
        {
            var at = input.Locate(r.TokenStart);
            return ObservationMessages.LocatedFeature(name, feature, at.Line, at.Column, field, problem);
        }

        {
            reader.ExpectStartObject(null, "a GeoJSON FeatureCollection");
            var sawFeatures = false;
            while (Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
            {
                // A member given twice is the reader's error (JSON readers disagree on which one wins); unknown members are skipped whole.
                if (reader.Is("type"u8))
                {
                    Read(ref reader);
                    if (reader.TokenType != JsonTokenType.String || !reader.Is("FeatureCollection"u8))
                    {
                        throw Fail(ref reader, "type", ObservationMessages.GeoJson("type must be \"FeatureCollection\""));
                    }
                }
                else if (reader.Is("features"u8))
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
                        var featureStart = reader.TokenStart;
                        while (Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            if (reader.Is("type"u8))
                            {
                                Read(ref reader);
                                if (reader.TokenType != JsonTokenType.String || !reader.Is("Feature"u8))
                                {
                                    throw Fail(ref reader, "type", ObservationMessages.GeoJson("a feature's type must be \"Feature\""));
                                }
                            }
                            else if (reader.Is("geometry"u8))
                            {
                                Read(ref reader);
                                ReadGeometry(ref reader, writer, ref scratch, ref scratchUsed, Fail);
                            }
                            else if (reader.Is("properties"u8))
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
                                        throw Fail(ref reader, reader.CurrentString(), ObservationMessages.UnknownProperty(reader.CurrentString()));
                                    }

                                    given[column] = true;
                                    Read(ref reader);
                                    writer.Positions[column] = input.Locate(reader.TokenStart).Column;
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
                                }
                            }
                            else
                            {
                                // Other members (id, bbox, foreign members) are allowed by RFC 7946 and ignored.
                                reader.SkipValue();
                            }
                        }

                        var before = writer.Length;
                        if (writer.Write() is { } problem)
                        {
                            var line = input.Locate(featureStart).Line;
                            throw ObservationMessages.LocatedFeature(name, feature, line, writer.Present[problem.Column] ? writer.Positions[problem.Column] : 1,
                                ObservationColumns.All[problem.Column], problem.Problem);
                        }

                        ends.Add(writer.Length);
                        features.Add(feature);
                        hashes.Add(RowWriter.Hash(writer.Buffer.AsSpan(before, writer.Length - before)));
                    }
                }
                else
                {
                    reader.SkipValue();
                }
            }

            reader.ExpectEnd();
            if (!sawFeatures)
            {
                throw ObservationMessages.LocatedFeature(name, 0, 1, 1, "features", ObservationMessages.GeoJson("no 'features' array"));
            }
        }

        var rows = new ObservationRows(name, writer.Buffer, writer.Length, [.. ends], [.. features]) { DeclaredSources = declared };
        ObservationFile.CheckDuplicates(rows, [.. hashes]);
        return rows;
    }

    // The reader fails at the end of the input itself; true keeps the loops' shape.
    private static bool Read(ref JsonReader reader)
    {
        reader.Read();
        return true;
    }

    /// <summary>
    /// The top-level <c>sources</c> member: source objects as in a scenario's sources.json (<c>id</c>, <c>title</c>,
    /// <c>publisher</c>, <c>date</c>, optional <c>url</c>, <c>kind</c>); empty when absent. Errors name the line and column.
    /// </summary>
    private static ImmutableArray<Source> DeclaredSources(string name, JsonInput input)
    {
        var list = ImmutableArray.CreateBuilder<Source>();
        var reader = new JsonReader(input);
        InputException Fail(ref JsonReader r, string field, string problem) => FailAt(r.TokenStart, field, problem);
        InputException FailAt(long offset, string field, string problem)
        {
            var at = input.Locate(offset);
            return ObservationMessages.Located(name, at.Line, at.Column, field, ObservationMessages.DeclaredSource(problem));
        }

        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return [];
            }

            while (Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.Is("sources"u8))
                {
                    // The main pass reads everything again, with every check.
                    reader.SkipValueInFirstPass();
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

                    var objectStart = reader.TokenStart;
                    var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
                    var at = new Dictionary<string, long>(StringComparer.Ordinal);
                    while (Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var member = reader.CurrentString();
                        if (member is not ("id" or "title" or "publisher" or "date" or "url" or "kind"))
                        {
                            throw Fail(ref reader, member, $"has an unknown member '{member}'; expected id, title, publisher, date, url, kind");
                        }

                        Read(ref reader);
                        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null) || (reader.TokenType == JsonTokenType.Null && member != "url"))
                        {
                            throw Fail(ref reader, member, $"needs '{member}' as a string");
                        }

                        fields[member] = reader.TokenType == JsonTokenType.Null ? null : reader.CurrentString();
                        at[member] = reader.TokenStart;
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
        return list.ToImmutable();
    }

    private delegate InputException Failer(ref JsonReader r, string field, string problem);

    private static void ReadGeometry(ref JsonReader reader, RowWriter writer, ref byte[] scratch, ref int used, Failer fail)
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
        while (Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.Is("type"u8))
            {
                Read(ref reader);
                isPoint = reader.TokenType == JsonTokenType.String && reader.Is("Point"u8);
                if (!isPoint)
                {
                    throw fail(ref reader, "geometry", ObservationMessages.Geometry("type must be \"Point\""));
                }
            }
            else if (reader.Is("coordinates"u8))
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
                        writer.Positions[column] = reader.Input.Locate(reader.TokenStart).Column;
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
                reader.SkipValue();
            }
        }

        if (!isPoint || !hasCoordinates)
        {
            throw fail(ref reader, "geometry", ObservationMessages.Geometry("a Point needs 'type' and 'coordinates'"));
        }
    }

    /// <summary>The token's unescaped UTF-8 bytes, copied into the feature's scratch buffer.</summary>
    private static Field Copy(ref JsonReader reader, ref byte[] scratch, ref int used)
    {
        var length = reader.ValueSpan.Length;
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

    private static int CopyRaw(ref JsonReader reader, Span<byte> target)
    {
        reader.ValueSpan.CopyTo(target);
        return reader.ValueSpan.Length;
    }
}
