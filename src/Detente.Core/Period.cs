namespace Detente.Core;

/// <summary>
/// The days a fact holds: from <see cref="From"/> to <see cref="To"/>, both inclusive; no <see cref="To"/> means it still holds.
/// </summary>
public readonly record struct Period
{
    /// <summary>Creates a period; <paramref name="to"/> must not be before <paramref name="from"/>.</summary>
    public Period(DateOnly from, DateOnly? to = null)
    {
        if (to is { } end && end < from)
        {
            throw new ArgumentException($"A period cannot end ({end:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        }

        From = from;
        To = to;
    }

    /// <summary>The first day.</summary>
    public DateOnly From { get; }

    /// <summary>The last day, inclusive, or null while the fact still holds.</summary>
    public DateOnly? To { get; }

    /// <summary>True when the fact holds on <paramref name="day"/>.</summary>
    public bool Contains(DateOnly day) => From <= day && (To is not { } end || day <= end);

    /// <summary>True when the period shares at least one day with [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public bool Overlaps(DateOnly from, DateOnly to) => From <= to && (To is not { } end || end >= from);

    /// <inheritdoc/>
    public override string ToString() => To is { } end ? $"{From:yyyy-MM-dd}..{end:yyyy-MM-dd}" : $"{From:yyyy-MM-dd}..";
}
