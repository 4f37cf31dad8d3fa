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

/// <summary>What a finding is about: a fact (kind and id, with owner and host where they apply) or a party as a whole.</summary>
internal sealed record Subject(string Kind, string Id, string? Owner, string? Host)
{
    public static Subject Party(string code) => new("party", code, null, null);

    public override string ToString() => $"{Kind} {Id}";
}

/// <summary>A fact that decided a finding, with its sources and confidence.</summary>
internal sealed record EvidenceItem(string Fact, string Confidence, ImmutableArray<string> Sources);

/// <summary>The result of one clause for one bound party and subject at one date, with the facts that decided it.</summary>
internal sealed record Finding(
    string Clause,
    string Party,
    Subject Subject,
    FindingStatus Status,
    string Explanation,
    ImmutableArray<EvidenceItem> Evidence)
{
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
