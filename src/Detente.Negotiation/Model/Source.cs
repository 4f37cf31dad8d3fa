using Detente.Core;

namespace Detente.Negotiation;

/// <summary>Where a position, a status-quo value or a proposal comes from, with how far it can be relied on.</summary>
/// <param name="Title">The document's or article's title.</param>
/// <param name="Publisher">Who published it.</param>
/// <param name="Date">When it was published.</param>
/// <param name="Url">Where it can be read, if online.</param>
/// <param name="Confidence">Whether the content was checked in this source, recalled, uncertain or disputed.</param>
public sealed record Source(string Title, string Publisher, DateOnly Date, string? Url, Confidence Confidence)
{
    /// <summary>What kind of publication it is (official, press, analysis, dataset, reference work), as the scenario's sources say.</summary>
    public SourceKind Kind { get; init; }

    /// <summary>
    /// The source's reliability on the Admiralty scale, 'A' (completely reliable) to 'F' (cannot be judged), graded by whoever
    /// compiled the data (see <see cref="Core.Source.Reliability"/>).
    /// </summary>
    public char Reliability { get; init; } = 'F';

    /// <summary>Where it comes from: a party's code, <c>international</c> or <c>independent</c> (see <see cref="Core.Source.Origin"/>).</summary>
    public string Origin { get; init; } = "independent";
}
