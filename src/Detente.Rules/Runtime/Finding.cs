using System.Collections.Immutable;

namespace Detente.Rules.Runtime;

/// <summary>The status of one clause for one subject at one date.</summary>
internal enum FindingStatus
{
    Complied,
    Violated,
    Disputed,
    Undetermined,
    NotApplicable,
    NotCheckable,
}

/// <summary>Where a document stands on a date, which decides how its findings read.</summary>
internal enum DocumentStanding
{
    /// <summary>In force on the date: findings are plain.</summary>
    InForce,

    /// <summary>
    /// Issued but never in force (a draft, a proposal, or any document with <c>in-force none</c>): evaluated as if it applied,
    /// every finding marked hypothetical ("would violate", "would comply").
    /// </summary>
    Hypothetical,

    /// <summary>The date is before the document's own date: it does not exist yet and nothing is evaluated.</summary>
    NotYetIssued,

    /// <summary>A treaty or commitment outside its term (before entry into force or after it ceased): not applicable.</summary>
    OutOfTerm,
}

/// <summary>What a finding is about: a fact (kind and id, with owner and host where they apply) or a party as a whole.</summary>
internal sealed record Subject(string Kind, string Id, string? Owner, string? Host)
{
    public static Subject Party(string code) => new("party", code, null, null);

    public override string ToString() => $"{Kind} {Id}";
}

/// <summary>A fact that decided a finding, with its sources and confidence.</summary>
internal sealed record EvidenceItem(string Fact, string Confidence, ImmutableArray<string> Sources)
{
    /// <summary>Where the fact comes from (declared, reported, observed, inspected) when its kind says; null otherwise.</summary>
    public string? Provenance { get; init; }

    /// <summary>The fact's credibility on the Admiralty scale (1–6) when graded.</summary>
    public int? Credibility { get; init; }

    /// <summary>The Admiralty reliability (A–F) of each cited source that is graded, by source id.</summary>
    public ImmutableArray<(string Source, char Grade)> Reliability { get; init; } = [];

    /// <summary>
    /// The Admiralty code of the evidence as analysts write it: the least reliable graded source's letter and the credibility's
    /// digit ("B2"), '?' for a part not graded; null when neither is.
    /// </summary>
    public string? Grade => Reliability.IsEmpty && Credibility is null
        ? null
        : (Reliability.IsEmpty ? "?" : Reliability.Max(r => r.Grade).ToString()) + (Credibility?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?");
}

/// <summary>The result of one clause for one bound party and subject at one date, with the facts that decided it.</summary>
internal sealed record Finding(
    string Clause,
    string Party,
    Subject Subject,
    FindingStatus Status,
    string Explanation,
    ImmutableArray<EvidenceItem> Evidence)
{
    /// <summary>
    /// True when the document was not in force on the date (a draft, a proposal): the finding says what the clause would find
    /// if it applied, and is worded "would violate" / "would comply".
    /// </summary>
    public bool Hypothetical { get; init; }

    /// <summary>The status as people read it: "would violate", "would comply", ... for a hypothetical finding, else <see cref="Word(FindingStatus)"/>.</summary>
    public string StatusWord => Hypothetical ? WouldWord(Status) : Word(Status);

    /// <summary>The wording of a status under a document not in force.</summary>
    public static string WouldWord(FindingStatus s) => s switch
    {
        FindingStatus.Complied => "would comply",
        FindingStatus.Violated => "would violate",
        FindingStatus.Disputed => "would be disputed",
        FindingStatus.Undetermined => "would be undetermined",
        FindingStatus.NotApplicable => "would not apply",
        _ => "not-checkable",
    };

    public static string Word(FindingStatus s) => s switch
    {
        FindingStatus.Complied => "complied",
        FindingStatus.Violated => "violated",
        FindingStatus.Disputed => "disputed",
        FindingStatus.Undetermined => "undetermined",
        FindingStatus.NotApplicable => "not-applicable",
        _ => "not-checkable",
    };

    /// <summary>A key that identifies the finding across dates and worlds, for <c>whatif</c> and <c>timeline</c>.</summary>
    public string Key => $"{Clause}|{Party}|{Subject.Kind}|{Subject.Id}";
}
