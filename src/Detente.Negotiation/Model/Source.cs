using Detente.Core;

namespace Detente.Negotiation;

/// <summary>Where a position, a status-quo value or a proposal comes from, with how far it can be relied on.</summary>
/// <param name="Title">The document's or article's title.</param>
/// <param name="Publisher">Who published it.</param>
/// <param name="Date">When it was published.</param>
/// <param name="Url">Where it can be read, if online.</param>
/// <param name="Confidence">Whether the content was checked in this source, recalled, uncertain or disputed.</param>
public sealed record Source(string Title, string Publisher, DateOnly Date, string? Url, Confidence Confidence);
