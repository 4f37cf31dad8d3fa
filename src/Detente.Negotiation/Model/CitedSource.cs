using Detente.Core;

namespace Detente.Negotiation;

/// <summary>
/// A source as the negotiation data cite it: the publication (Core's one <see cref="Core.Source"/>, with its kind and Admiralty
/// grade) and how far the cited content was checked in it. The data files keep their own shape; the reader maps them to this.
/// </summary>
/// <param name="Source">The publication: id, title, publisher, date (YYYY-MM-DD), url, kind, reliability and origin.</param>
/// <param name="Confidence">Whether the content was checked in this source, recalled, uncertain or disputed.</param>
public sealed record CitedSource(Source Source, Confidence Confidence);
