using System.Collections.Immutable;
using System.Globalization;

namespace Detente.Core;

/// <summary>
/// One claim about a number: an exact value or a range, possibly open on one side, with who claims it and on what evidence.
/// </summary>
/// <param name="Min">The lower bound, or null when open ("less than 9,000").</param>
/// <param name="Max">The upper bound, or null when open ("more than 100,000").</param>
/// <param name="By">The party that makes the claim, if known.</param>
/// <param name="Evidence">The claim's own sources; null when it shares the fact's evidence.</param>
/// <param name="Note">What the figure counts, in plain words.</param>
public sealed record Claim(double? Min, double? Max, PartyId? By = null, Evidence? Evidence = null, string? Note = null)
{
    /// <summary>True when the claim is a single value.</summary>
    public bool IsExact => Min is { } lo && Max is { } hi && lo == hi;

    /// <summary>A point estimate: the value, the middle of a closed range, or the one known bound.</summary>
    public double Central => (Min, Max) switch
    {
        ({ } lo, { } hi) => (lo + hi) / 2,
        ({ } lo, null) => lo,
        (null, { } hi) => hi,
        _ => double.NaN,
    };

    /// <summary>True when the two claims cannot both be right (their ranges do not overlap).</summary>
    public bool Contradicts(Claim other) =>
        (Max is { } hi && other.Min is { } otherLo && otherLo > hi) || (Min is { } lo && other.Max is { } otherHi && otherHi < lo);

    /// <inheritdoc/>
    public override string ToString()
    {
        var value = (Min, Max) switch
        {
            ({ } lo, { } hi) when lo == hi => Format(lo),
            ({ } lo, { } hi) => $"{Format(lo)}–{Format(hi)}",
            ({ } lo, null) => $"≥{Format(lo)}",
            (null, { } hi) => $"≤{Format(hi)}",
            _ => "?",
        };
        return By is { } by ? $"{value} ({by})" : value;
    }

    /// <summary>Formats a figure with thousands separators, invariant culture.</summary>
    public static string Format(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}

/// <summary>
/// A number as the sources give it: one claim (a value or a range) or several competing claims.
/// A quantity whose claims contradict each other is disputed, and every claim is kept.
/// </summary>
public sealed record Quantity
{
    private Quantity(ImmutableArray<Claim> claims)
    {
        Claims = claims;
        foreach (var claim in claims)
        {
            Low = Math.Min(Low, claim.Min ?? claim.Max ?? double.PositiveInfinity);
            High = Math.Max(High, claim.Max ?? claim.Min ?? double.NegativeInfinity);
        }

        // Invariant: two claims that give different figures disagree, even when their ranges overlap
        // ("480 km" against "up to 2,350 km"); each is kept and the quantity is disputed.
        for (var i = 1; i < claims.Length && !IsDisputed; i++)
        {
            IsDisputed = claims[i].Min != claims[0].Min || claims[i].Max != claims[0].Max;
        }
    }

    /// <summary>The claims, at least one.</summary>
    public ImmutableArray<Claim> Claims { get; }

    /// <summary>The smallest figure any claim allows.</summary>
    public double Low { get; } = double.PositiveInfinity;

    /// <summary>The largest figure any claim allows.</summary>
    public double High { get; } = double.NegativeInfinity;

    /// <summary>True when the claims give different figures.</summary>
    public bool IsDisputed { get; }

    /// <summary>The figure when there is one undisputed exact value, else null.</summary>
    public double? Exact => Claims.Length == 1 && Claims[0].IsExact ? Claims[0].Min : null;

    // Quantities are immutable, so small whole counts (most counts in data) are shared rather than allocated per fact.
    private static readonly Quantity?[] SmallCounts = new Quantity?[1 << 16];

    /// <summary>An exact, undisputed number.</summary>
    public static Quantity Of(double value)
    {
        if (value >= 0 && value < SmallCounts.Length && value == Math.Floor(value))
        {
            var index = (int)value;
            return SmallCounts[index] ??= new Quantity([new Claim(value, value)]);
        }

        return new Quantity([new Claim(value, value)]);
    }

    /// <summary>A range; either bound may be open.</summary>
    public static Quantity Between(double? min, double? max) => new([new Claim(min, max)]);

    /// <summary>Several claims; at least one.</summary>
    public static Quantity FromClaims(ImmutableArray<Claim> claims)
    {
        if (claims.IsDefaultOrEmpty)
        {
            throw new ArgumentException("A quantity needs at least one claim.", nameof(claims));
        }

        return new Quantity(claims);
    }

    /// <inheritdoc/>
    public override string ToString() => Claims.Length == 1 ? Claims[0].ToString() : string.Join(" vs ", Claims);
}
