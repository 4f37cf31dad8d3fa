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
public sealed record Source(SourceId Id, string Title, string Publisher, string Date, string? Url, SourceKind Kind)
{
    /// <summary>
    /// The source's reliability on the Admiralty (NATO AJP-2.1) scale, graded by whoever compiled the data: 'A' completely
    /// reliable, 'B' usually, 'C' fairly, 'D' not usually, 'E' unreliable, 'F' cannot be judged; null when not graded.
    /// </summary>
    public char? Reliability { get; init; }

    /// <summary>
    /// Where the source comes from, for the even-handedness report: a party's code (a government, its ministries, its state
    /// media), <c>international</c> (an organisation of several parties, e.g. the OSCE or the UN) or <c>independent</c>; null when not said.
    /// </summary>
    public string? Origin { get; init; }

    /// <summary>The words of the reliability grades, 'A' to 'F'.</summary>
    public static string ReliabilityWord(char grade) => grade switch
    {
        'A' => "completely reliable",
        'B' => "usually reliable",
        'C' => "fairly reliable",
        'D' => "not usually reliable",
        'E' => "unreliable",
        'F' => "reliability cannot be judged",
        _ => throw new ArgumentOutOfRangeException(nameof(grade)),
    };
}

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
    /// The claim's credibility on the Admiralty (NATO AJP-2.1) scale: 1 confirmed by other sources, 2 probably true, 3 possibly
    /// true, 4 doubtful, 5 improbable, 6 truth cannot be judged; null when not graded.
    /// </summary>
    public int? Credibility { get; init; }

    /// <summary>The words of the credibility grades, 1 to 6.</summary>
    public static string CredibilityWord(int grade) => grade switch
    {
        1 => "confirmed by other sources",
        2 => "probably true",
        3 => "possibly true",
        4 => "doubtful",
        5 => "improbable",
        6 => "truth cannot be judged",
        _ => throw new ArgumentOutOfRangeException(nameof(grade)),
    };

    /// <summary>
    /// The index in the record (the Merkle log) of the signed statement this fact was read from, when the world was built from
    /// the record; null when it was read from data files. <c>detente record prove --index N</c> proves the statement is in the log.
    /// </summary>
    public long? RecordIndex { get; init; }

    /// <summary>Evidence from a single source.</summary>
    public static Evidence From(SourceId source, Confidence confidence, string? locator = null) =>
        new([new SourceRef(source, locator)], confidence);
}
