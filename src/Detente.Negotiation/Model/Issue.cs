using System.Collections.Immutable;
using Detente.Core;

namespace Detente.Negotiation;

/// <summary>
/// A named measure of the world that positions constrain, e.g. "Ukraine is a NATO member". A measured issue's
/// <see cref="Measure"/> is rule-language text (docs/rule-language.md, "Measures") compiled by <see cref="IssueMeasures"/>,
/// so its status quo at any date is computed from the world. An issue the world as recorded cannot measure says why in
/// <see cref="Unmeasured"/>, and its status quo is the sourced data in <see cref="StatusQuo"/>.
/// </summary>
/// <param name="Id">The issue's id.</param>
/// <param name="Title">A short name.</param>
/// <param name="Domain">The values it can take.</param>
/// <param name="Unit">The unit of a number (km, troops), or null.</param>
/// <param name="Measure">The rule-language expression, as text; null when the issue is unmeasured.</param>
/// <param name="Definition">The same in plain words.</param>
/// <param name="StatusQuo">For an unmeasured issue, the recorded value from each date on, ascending by date; else empty.</param>
/// <param name="Location">Where the issue is defined, for errors.</param>
public sealed record Issue(
    IssueId Id,
    string Title,
    IssueDomain Domain,
    string? Unit,
    string? Measure,
    string Definition,
    ImmutableArray<StatusQuoValue> StatusQuo,
    SourceLocation Location)
{
    /// <summary>Why the world as recorded cannot measure the issue, when it cannot; null for measured issues.</summary>
    public string? Unmeasured { get; init; }

    /// <summary>Maps a 0-based offset in <see cref="Measure"/> to its line and column in the issues file.</summary>
    internal Func<int, (int Line, int Column)>? MeasureLocator { get; init; }

    /// <summary>A value in words with its unit.</summary>
    public string Describe(int value) =>
        Unit is null || !Domain.Labels.IsDefaultOrEmpty ? Domain.Describe(value) : $"{Domain.Describe(value)} {Unit}";

    /// <summary>The recorded status quo on <paramref name="at"/>: the latest value dated on or before it, or null.</summary>
    public StatusQuoValue? StatusQuoAt(DateOnly at)
    {
        StatusQuoValue? found = null;
        foreach (var s in StatusQuo)
        {
            if (s.From <= at)
            {
                found = s;
            }
        }

        return found;
    }
}

/// <summary>A recorded status-quo value of an unmeasured issue from a date on: data, with sources.</summary>
/// <param name="From">The first day the value holds.</param>
/// <param name="Value">The value.</param>
/// <param name="Note">Why, in words.</param>
/// <param name="Sources">Where it comes from.</param>
public sealed record StatusQuoValue(DateOnly From, int Value, string Note, ImmutableArray<CitedSource> Sources);

/// <summary>
/// A relation between issues that holds in every package, e.g. "a ban on enlargement keeps Ukraine out of NATO". Links are
/// background facts, not anyone's position; the analysis never drops them.
/// </summary>
/// <param name="Id">The link's id.</param>
/// <param name="Title">What it says, in words.</param>
/// <param name="Condition">The relation.</param>
/// <param name="Location">Where it is defined.</param>
public sealed record IssueLink(string Id, string Title, Condition Condition, SourceLocation Location);
