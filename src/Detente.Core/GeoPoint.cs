namespace Detente.Core;

/// <summary>A point on the WGS84 ellipsoid in decimal degrees: latitude in [-90, 90], longitude in [-180, 180].</summary>
public readonly record struct GeoPoint
{
    /// <summary>Creates a point; throws when a coordinate is out of range or not a number.</summary>
    public GeoPoint(double latitude, double longitude)
    {
        if (!IsValid(latitude, longitude))
        {
            throw new ArgumentOutOfRangeException(
                nameof(latitude), $"({latitude}, {longitude}) is not a point: latitude must be in [-90, 90] and longitude in [-180, 180].");
        }

        Latitude = latitude;
        Longitude = longitude;
    }

    /// <summary>Latitude in degrees, north positive.</summary>
    public double Latitude { get; }

    /// <summary>Longitude in degrees, east positive.</summary>
    public double Longitude { get; }

    /// <summary>True when the pair is a valid WGS84 coordinate.</summary>
    public static bool IsValid(double latitude, double longitude) =>
        double.IsFinite(latitude) && double.IsFinite(longitude) && latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180;

    /// <summary>Parses "LAT,LON" (decimal degrees, invariant culture).</summary>
    public static bool TryParse(string text, out GeoPoint point)
    {
        point = default;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !double.TryParse(parts[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(parts[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var lon)
            || !IsValid(lat, lon))
        {
            return false;
        }

        point = new GeoPoint(lat, lon);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Latitude:0.#####},{Longitude:0.#####}");
}
