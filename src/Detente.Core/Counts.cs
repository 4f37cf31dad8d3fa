using System.Globalization;

namespace Detente.Core;

/// <summary>
/// What a count of things (troops, launchers, missiles, equipment) may be in any input: whole, finite, not negative and at
/// most <see cref="Max"/>. 60,053.5 troops, 1e26 missiles, NaN or infinity are refused where they are read.
/// </summary>
public static class Counts
{
    /// <summary>The largest count any input may give: a hundred million, well above any force in the world.</summary>
    public const double Max = 100_000_000;

    /// <summary>Null when <paramref name="value"/> is a valid count, otherwise why not (for a located error message).</summary>
    public static string? Problem(double value)
    {
        if (!double.IsFinite(value))
        {
            return "expected a finite count";
        }

        if (value < 0)
        {
            return $"{Format(value)} is negative; expected a count of 0 or more";
        }

        if (value != Math.Floor(value))
        {
            return $"{Format(value)} is not a whole number; a count of things is whole";
        }

        return value > Max ? $"{Format(value)} is more than the largest count accepted ({Format(Max)})" : null;
    }

    private static string Format(double v) => Math.Abs(v) < 1e15 ? v.ToString("#,0.###", CultureInfo.InvariantCulture) : v.ToString("G6", CultureInfo.InvariantCulture);
}
