namespace Detente.Verification.Observations;

/// <summary>The columns of an observation file (CSV header names, GeoJSON property names) and their positions in a row.</summary>
public static class ObservationColumns
{
    /// <summary>When: a date YYYY-MM-DD or a UTC time YYYY-MM-DDTHH:MM:SSZ.</summary>
    public const int Time = 0;

    /// <summary>Latitude in degrees, WGS 84.</summary>
    public const int Lat = 1;

    /// <summary>Longitude in degrees, WGS 84.</summary>
    public const int Lon = 2;

    /// <summary>A state or area code when there are no coordinates (or in addition to them).</summary>
    public const int Area = 3;

    /// <summary>The observed party: whose forces.</summary>
    public const int Party = 4;

    /// <summary>What is counted: troops, a unit type or a catalogue system id.</summary>
    public const int What = 5;

    /// <summary>The central count.</summary>
    public const int Count = 6;

    /// <summary>The lowest count the source allows.</summary>
    public const int Low = 7;

    /// <summary>The highest count the source allows.</summary>
    public const int High = 8;

    /// <summary>A symmetric uncertainty: low = count − plusminus, high = count + plusminus.</summary>
    public const int PlusMinus = 9;

    /// <summary>The source the row cites.</summary>
    public const int Source = 10;

    /// <summary>verified, recalled, uncertain or disputed.</summary>
    public const int Confidence = 11;

    /// <summary>Who makes the estimate; the importing monitor when absent.</summary>
    public const int Observer = 12;

    /// <summary>
    /// Optional: the part of the area the estimate covers, in the source's words (e.g. "near Ukraine's borders"), when it is
    /// not the whole state. Alerts compare and trend only estimates of the same part (see docs/verification.md).
    /// </summary>
    public const int Where = 13;

    /// <summary>The longest <c>where</c> in characters.</summary>
    public const int WhereMaxLength = 120;

    /// <summary>Every column name, by position.</summary>
    public static IReadOnlyList<string> All { get; } =
        ["time", "lat", "lon", "area", "party", "what", "count", "low", "high", "plusminus", "source", "confidence", "observer", "where"];

    /// <summary>Columns every file must have.</summary>
    public static IReadOnlyList<int> Required { get; } = [Time, Party, What, Count, Source, Confidence];

    internal static readonly byte[][] Names = [.. All.Select(System.Text.Encoding.ASCII.GetBytes)];

    internal static int IndexOf(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (name.SequenceEqual(Names[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
