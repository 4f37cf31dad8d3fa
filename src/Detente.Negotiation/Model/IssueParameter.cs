using System.Collections.Immutable;
using Detente.Core;

namespace Detente.Negotiation;

/// <summary>
/// A named, documented value that issue measures use in place of a vague term or threshold (e.g. "substantial combat
/// forces"), with its source: thresholds live in data, never in code.
/// </summary>
/// <param name="Name">The name measures use.</param>
/// <param name="Type">A rule-language parameter type: number, km, days, date, states, party or bool.</param>
/// <param name="Value">The value as a rule-language expression; it may depend on the date (<c>at</c>).</param>
/// <param name="Documentation">What it stands for, where it comes from and why this value.</param>
/// <param name="Sources">Where the term and the value come from.</param>
/// <param name="Location">Where it is defined.</param>
public sealed record IssueParameter(
    string Name,
    string Type,
    string Value,
    string Documentation,
    ImmutableArray<CitedSource> Sources,
    SourceLocation Location)
{
    /// <summary>Where the type is written, for errors.</summary>
    internal SourceLocation TypeLocation { get; init; }

    /// <summary>Maps a 0-based offset in <see cref="Value"/> to its line and column in the issues file.</summary>
    internal Func<int, (int Line, int Column)>? ValueLocator { get; init; }
}
