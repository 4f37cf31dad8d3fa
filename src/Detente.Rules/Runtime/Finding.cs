using System.Collections.Immutable;
using Detente.Core;

namespace Detente.Rules.Runtime;

/// <summary>The status of one clause for one subject at one date. Its wire word is <see cref="Finding.Word(FindingStatus)"/>.</summary>
public enum FindingStatus
{
    /// <summary>The facts show the clause is kept (<c>complied</c>).</summary>
    Complied,

    /// <summary>The facts show the clause is broken (<c>violated</c>).</summary>
    Violated,

    /// <summary>The sources that decide it disagree (<c>disputed</c>).</summary>
    Disputed,

    /// <summary>Data needed to decide it is missing (<c>undetermined</c>).</summary>
    Undetermined,

    /// <summary>The document is not in force on the date, its condition does not hold, or a deadline is still ahead (<c>not-applicable</c>).</summary>
    NotApplicable,

    /// <summary>No machine can decide the clause on the data (<c>not-checkable</c>).</summary>
    NotCheckable,

    /// <summary>
    /// An obligation past its due day with no statement on record that bears on it (<c>not-reported</c>): absence of evidence, not
    /// evidence of absence. The duty is performed outside the record (a Vienna Document notice travels through the OSCE network) and
    /// the data holds what its sources report; a statement on record that does not meet the duty (late, of another kind) makes it
    /// <see cref="Violated"/>.
    /// </summary>
    NotReported,
}

/// <summary>Where a document stands on a date, which decides how its findings read.</summary>
public enum DocumentStanding
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

/// <summary>
/// What a finding is about: a fact (its kind's wire name and its id, with owner and host where they apply), a group of facts
/// (ids joined by '+'), a party as a whole (<c>party</c>), or a clause no machine can check (<c>clause</c>).
/// </summary>
/// <param name="Kind">The subject's kind: a fact kind's wire name, <c>party</c>, <c>clause</c>, or a kind a component names (e.g. <c>site</c>).</param>
/// <param name="Id">The subject's id.</param>
/// <param name="Owner">Whose forces or acts it is about, when it says.</param>
/// <param name="Host">Where (a state or states joined by ','), when it says.</param>
public sealed record Subject(string Kind, string Id, string? Owner, string? Host)
{
    /// <summary>The subject of a finding about a party as a whole.</summary>
    public static Subject Party(string code) => new("party", code, null, null);

    /// <inheritdoc/>
    public override string ToString() => $"{Kind} {Id}";
}

/// <summary>A fact that decided a finding, with its sources and confidence.</summary>
/// <param name="Fact">The fact as JSON and tables show it: its id for a fact of the world, a short description for other evidence.</param>
/// <param name="Confidence">The recorded confidence as data spells it (e.g. <c>verified</c>, <c>disputed</c>).</param>
/// <param name="Sources">The citations, as <c>source</c> or <c>source (locator)</c>.</param>
public sealed record EvidenceItem(string Fact, string Confidence, ImmutableArray<string> Sources)
{
    /// <summary>The id of the fact of the world it is, when it is one; null for other evidence (an inspection report item, a meeting).</summary>
    public FactId? FactId { get; init; }

    /// <summary>The kind of the fact of the world it is, when it is one.</summary>
    public FactKind? FactKind { get; init; }

    /// <summary>The index in the record of the statement the fact was read from; null when the world was read from data files.</summary>
    public long? RecordIndex { get; init; }

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
/// <param name="Clause">The clause.</param>
/// <param name="Party">The bound party the finding is about; null for a clause no machine can check, reported once for every party it binds.</param>
/// <param name="Subject">What the finding is about.</param>
/// <param name="Status">What the clause found.</param>
/// <param name="Explanation">Why, in plain language.</param>
/// <param name="Evidence">The facts that decided it.</param>
public sealed record Finding(
    ClauseId Clause,
    PartyId? Party,
    Subject Subject,
    FindingStatus Status,
    string Explanation,
    ImmutableArray<EvidenceItem> Evidence)
{
    /// <summary>How JSON and tables write the party of a finding that stands for every party its clause binds.</summary>
    public const string EveryParty = "*";

    /// <summary>
    /// True when the document was not in force on the date (a draft, a proposal): the finding says what the clause would find
    /// if it applied, and is worded "would violate" / "would comply".
    /// </summary>
    public bool Hypothetical { get; init; }

    /// <summary>
    /// For an obligation about a fact (e.g. a prior notification of an activity): the last day by which it must be met; null
    /// for findings of other kinds.
    /// </summary>
    public DateOnly? Due { get; init; }

    /// <summary>The party's code as JSON and tables write it: <see cref="EveryParty"/> when the finding stands for every bound party.</summary>
    public string PartyCode => Party?.Code ?? EveryParty;

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
        FindingStatus.NotReported => "would be not reported",
        _ => "not-checkable",
    };

    /// <summary>
    /// The wire word of a status, as JSON writes it: <c>complied</c>, <c>violated</c>, <c>disputed</c>, <c>undetermined</c>,
    /// <c>not-applicable</c>, <c>not-checkable</c>, <c>not-reported</c>.
    /// </summary>
    public static string Word(FindingStatus s) => s switch
    {
        FindingStatus.Complied => "complied",
        FindingStatus.Violated => "violated",
        FindingStatus.Disputed => "disputed",
        FindingStatus.Undetermined => "undetermined",
        FindingStatus.NotApplicable => "not-applicable",
        FindingStatus.NotReported => "not-reported",
        _ => "not-checkable",
    };

    /// <summary>A key that identifies the finding across dates and worlds, for <c>whatif</c> and <c>timeline</c>.</summary>
    public string Key => $"{Clause}|{PartyCode}|{Subject.Kind}|{Subject.Id}";
}
