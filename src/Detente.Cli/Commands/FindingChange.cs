using System.Text.Json.Nodes;
using Detente.Rules.Runtime;

namespace Detente.Cli.Commands;

/// <summary>
/// A finding that differs between two evaluations (two dates, or the world with and without hypothetical facts): its status
/// changed, or it exists in only one of them. <see cref="Before"/> or <see cref="After"/> is null where there is no finding.
/// </summary>
internal sealed record FindingChange(Finding? Before, Finding? After, bool PartyBoundBefore, bool PartyBoundAfter)
{
    public Finding Finding => (After ?? Before)!;

    /// <summary>
    /// Every finding whose status differs, or that appears or disappears, in key order (clause, party, subject). Unlike the
    /// status-only pairing of <c>whatif</c>, a new fact found complied where before the party as a whole was complied is a change:
    /// every change in the counts is listed.
    /// </summary>
    public static List<FindingChange> Between(IReadOnlyList<Finding> before, IReadOnlyList<Finding> after)
    {
        var old = before.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var now = after.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var boundBefore = before.Select(f => (f.Clause, f.Party)).ToHashSet();
        var boundAfter = after.Select(f => (f.Clause, f.Party)).ToHashSet();
        var changes = new List<FindingChange>();
        foreach (var key in old.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            old.TryGetValue(key, out var b);
            now.TryGetValue(key, out var a);
            if (b?.Status != a?.Status)
            {
                var f = (a ?? b)!;
                changes.Add(new FindingChange(b, a, boundBefore.Contains((f.Clause, f.Party)), boundAfter.Contains((f.Clause, f.Party))));
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
        f is not null ? FindingsView.Status(f) : partyBound ? "no finding" : "not bound";

    public string BeforeWord => Side(Before, PartyBoundBefore);

    public string AfterWord => Side(After, PartyBoundAfter);

    /// <summary>One line: "ru-nato-2021-draft/4 USA deployment usa-bgr-2021: no finding → violated".</summary>
    public override string ToString() => $"{Finding.Clause} {Finding.PartyCode} {Subject}: {BeforeWord} → {AfterWord}";

    public JsonObject Json() => new()
    {
        ["clause"] = Finding.Clause.ToString(),
        ["party"] = Finding.PartyCode,
        ["subject"] = Finding.Subject.Id,
        ["subject_kind"] = Finding.Subject.Kind,
        ["before"] = Before is null ? null : FindingsView.Status(Before.Status),
        ["after"] = After is null ? null : FindingsView.Status(After.Status),
        ["hypothetical"] = Finding.Hypothetical,
        ["change"] = Before is null ? (PartyBoundBefore ? "new-finding" : "newly-bound") : After is null ? (PartyBoundAfter ? "finding-gone" : "no-longer-bound") : "status",
    };

    /// <summary>The legend of change words, printed under tables that list changes.</summary>
    public const string Legend =
        "Changes: 'no finding' = the party is bound by the clause but no finding concerns this subject on that side (the fact is not in the " +
        "world or not in the clause's scope); 'not bound' = the clause does not bind the party on that side; 'as a whole' = a finding about " +
        "the party itself, when none of its facts matches the clause.";
}
