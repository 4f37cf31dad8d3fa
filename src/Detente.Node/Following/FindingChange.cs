using System.Text.Json.Nodes;
using Detente.Rules.Runtime;

namespace Detente.Node.Following;

/// <summary>
/// A finding that differs between two evaluations (two dates, the world with and without hypothetical facts, or the world before
/// and after a statement was integrated): its status changed, or it exists in only one of them. <see cref="Before"/> or
/// <see cref="After"/> is null where there is no finding.
/// </summary>
/// <param name="Before">The finding before; null when there was none.</param>
/// <param name="After">The finding after; null when there is none.</param>
/// <param name="PartyBoundBefore">Whether the clause bound the finding's party before.</param>
/// <param name="PartyBoundAfter">Whether the clause binds the finding's party after.</param>
public sealed record FindingChange(Finding? Before, Finding? After, bool PartyBoundBefore, bool PartyBoundAfter)
{
    /// <summary>The finding after, or the one before when it disappeared.</summary>
    public Finding Finding => (After ?? Before)!;

    /// <summary>The integrated statement that caused the change, for a change the live compliance follower saw; null otherwise.</summary>
    public StatementCause? Cause { get; init; }

    /// <summary>What happened to the finding: it appeared, its status changed, or it disappeared.</summary>
    public FindingChangeKind Kind => Before is null ? FindingChangeKind.Appeared : After is null ? FindingChangeKind.Disappeared : FindingChangeKind.StatusChanged;

    /// <summary>
    /// Every finding whose status differs, or that appears or disappears, in key order (clause, party, subject). Unlike the
    /// status-only pairing of <c>whatif</c>, a new fact found complied where before the party as a whole was complied is a change:
    /// every change in the counts is listed.
    /// </summary>
    public static List<FindingChange> Between(IReadOnlyList<Finding> before, IReadOnlyList<Finding> after)
    {
        var old = before.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var now = after.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var boundBefore = before.Select(f => (f.Clause, f.PartyCode)).ToHashSet();
        var boundAfter = after.Select(f => (f.Clause, f.PartyCode)).ToHashSet();
        var changes = new List<FindingChange>();
        foreach (var key in old.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            old.TryGetValue(key, out var b);
            now.TryGetValue(key, out var a);
            if (b?.Status != a?.Status)
            {
                var f = (a ?? b)!;
                changes.Add(new FindingChange(b, a, boundBefore.Contains((f.Clause, f.PartyCode)), boundAfter.Contains((f.Clause, f.PartyCode))));
            }
        }

        return changes;
    }

    /// <summary>
    /// Pairs findings by clause, party and subject, as <c>whatif</c> shows them: those whose status differs, appears or disappears.
    /// A party-level finding ("no fact of P matches") that gives way to findings about facts of the same clause and party is not
    /// listed on its own: the new findings show it as their status before (and the other way round).
    /// </summary>
    public static List<FindingChange> Paired(IReadOnlyList<Finding> before, IReadOnlyList<Finding> after)
    {
        var old = before.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var now = after.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var partyBefore = before.Where(f => f.Subject.Kind == "party").GroupBy(f => (f.Clause, f.PartyCode)).ToDictionary(g => g.Key, g => g.First());
        var partyAfter = after.Where(f => f.Subject.Kind == "party").GroupBy(f => (f.Clause, f.PartyCode)).ToDictionary(g => g.Key, g => g.First());
        var boundBefore = before.Select(f => (f.Clause, f.PartyCode)).ToHashSet();
        var boundAfter = after.Select(f => (f.Clause, f.PartyCode)).ToHashSet();
        var changes = new List<FindingChange>();
        foreach (var key in old.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            old.TryGetValue(key, out var b);
            now.TryGetValue(key, out var a);
            if (b is { Subject.Kind: "party" } && a is null && boundAfter.Contains((b.Clause, b.PartyCode)))
            {
                continue;
            }

            if (a is { Subject.Kind: "party" } && b is null && boundBefore.Contains((a.Clause, a.PartyCode)))
            {
                continue;
            }

            b ??= a is not null && partyBefore.TryGetValue((a.Clause, a.PartyCode), out var pb) ? pb : null;
            a ??= b is not null && partyAfter.TryGetValue((b.Clause, b.PartyCode), out var pa) ? pa : null;
            if (b?.Status != a?.Status)
            {
                var f = (a ?? b)!;
                changes.Add(new FindingChange(b, a, boundBefore.Contains((f.Clause, f.PartyCode)), boundAfter.Contains((f.Clause, f.PartyCode))));
            }
        }

        return changes;
    }

    /// <summary>The subject as a reader names it beside the party: "deployment usa-bgr-2021", or "as a whole" for a party-level finding.</summary>
    public string Subject => SubjectOf(Finding);

    /// <summary>"deployment usa-bgr-2021", or "as a whole" for a finding about the party itself.</summary>
    public static string SubjectOf(Finding f) => f.Subject.Kind == "party" ? "as a whole" : $"{f.Subject.Kind} {f.Subject.Id}";

    /// <summary>"not bound", "no finding" or the status, for one side of the change.</summary>
    public static string Side(Finding? f, bool partyBound) =>
        f is not null ? f.StatusWord : partyBound ? "no finding" : "not bound";

    /// <summary>The side before in words: the status, "no finding" or "not bound".</summary>
    public string BeforeWord => Side(Before, PartyBoundBefore);

    /// <summary>The side after in words: the status, "no finding" or "not bound".</summary>
    public string AfterWord => Side(After, PartyBoundAfter);

    /// <summary>
    /// One line: "ru-nato-2021-draft/4 USA deployment usa-bgr-2021: no finding → violated", followed by the cause when there is one
    /// ("(entry 578, POL deployment-declaration)").
    /// </summary>
    public override string ToString() =>
        $"{Finding.Clause} {Finding.PartyCode} {Subject}: {BeforeWord} → {AfterWord}" + (Cause is { } c ? $" ({c})" : "");

    /// <summary>The change as JSON: clause, party, subject, statuses before and after, the kind of change and, when known, its cause.</summary>
    public JsonObject Json() => new()
    {
        ["clause"] = Finding.Clause.ToString(),
        ["party"] = Finding.PartyCode,
        ["subject"] = Finding.Subject.Id,
        ["subject_kind"] = Finding.Subject.Kind,
        ["before"] = Before is null ? null : Finding.Word(Before.Status),
        ["after"] = After is null ? null : Finding.Word(After.Status),
        ["hypothetical"] = Finding.Hypothetical,
        ["change"] = Before is null ? (PartyBoundBefore ? "new-finding" : "newly-bound") : After is null ? (PartyBoundAfter ? "finding-gone" : "no-longer-bound") : "status",
        ["cause"] = Cause?.Json(),
    };

    /// <summary>The legend of change words, printed under tables that list changes.</summary>
    public const string Legend =
        "Changes: 'no finding' = the party is bound by the clause but no finding concerns this subject on that side (the fact is not in the " +
        "world or not in the clause's scope); 'not bound' = the clause does not bind the party on that side; 'as a whole' = a finding about " +
        "the party itself, when none of its facts matches the clause.";
}

/// <summary>What happened to a finding.</summary>
public enum FindingChangeKind
{
    /// <summary>There was no finding with its clause, party and subject before.</summary>
    Appeared,

    /// <summary>The finding's status changed.</summary>
    StatusChanged,

    /// <summary>The finding is gone.</summary>
    Disappeared,
}
