using System.Collections.Immutable;

namespace Detente.Core;

/// <summary>What kind of publication a source is.</summary>
public enum SourceKind
{
    /// <summary>A government, alliance or treaty text.</summary>
    Official,

    /// <summary>A news report.</summary>
    Press,

    /// <summary>A think-tank or academic analysis.</summary>
    Analysis,

    /// <summary>A published data set.</summary>
    Dataset,

    /// <summary>An encyclopaedia or other reference work.</summary>
    ReferenceWork,

    /// <summary>Data made up by Detente itself, e.g. for benchmarks; never a real-world claim.</summary>
    Synthetic,
}

/// <summary>A publication or document that facts cite.</summary>
/// <param name="Id">The id facts use to cite it.</param>
/// <param name="Title">Its title.</param>
/// <param name="Publisher">Who published it.</param>
/// <param name="Date">When, as precisely as known: "2021-12-17", "2019-02" or "2019".</param>
/// <param name="Url">Where it can be read, if anywhere.</param>
/// <param name="Kind">What kind of publication it is.</param>
public sealed record Source(SourceId Id, string Title, string Publisher, string Date, string? Url, SourceKind Kind);

/// <summary>A citation: a source and, optionally, where in it (page, paragraph, table).</summary>
public readonly record struct SourceRef(SourceId Source, string? Locator = null)
{
    /// <inheritdoc/>
    public override string ToString() => Locator is null ? Source.Value : $"{Source.Value} ({Locator})";
}

/// <summary>The sources of a fact and how far it can be relied on. Every fact carries one.</summary>
public sealed record Evidence
{
    /// <summary>Creates evidence; at least one source is required.</summary>
    public Evidence(ImmutableArray<SourceRef> sources, Confidence confidence)
    {
        if (sources.IsDefaultOrEmpty)
        {
            throw new ArgumentException("A fact needs at least one source.", nameof(sources));
        }

        Sources = sources;
        Confidence = confidence;
    }

    /// <summary>The citations, at least one.</summary>
    public ImmutableArray<SourceRef> Sources { get; }

    /// <summary>The recorded confidence.</summary>
    public Confidence Confidence { get; }

    /// <summary>
    /// The index in the record (the Merkle log) of the signed statement this fact was read from, when the world was built from
    /// the record; null when it was read from data files. <c>detente record prove --index N</c> proves the statement is in the log.
    /// </summary>
    public long? RecordIndex { get; init; }

    /// <summary>Evidence from a single source.</summary>
    public static Evidence From(SourceId source, Confidence confidence, string? locator = null) =>
        new([new SourceRef(source, locator)], confidence);
}
