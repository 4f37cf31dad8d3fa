using Detente.Rules;
using Detente.Rules.Runtime;

namespace Detente.Node.Reports.Rules;

/// <summary>
/// The words views print about findings for people — legends under findings, the compliance matrix and obligations, totals and
/// standings — in one place for every view (CLI, server, dashboard).
/// </summary>
public static class FindingText
{
    /// <summary>The legend line for hypothetical findings, shown under a view that has any.</summary>
    public const string Would =
        "would …: the document is not in force on the date (a draft or proposal); its findings say what it would find if it applied (would violate, would comply)";

    /// <summary>The legend of the status words and marks in finding tables.</summary>
    public const string Table =
        "Status: complied, violated, disputed (the deciding sources disagree), undetermined (data missing), not-reported (an obligation past " +
        "due with nothing on record that bears on it: absence of evidence, not a breach), not-applicable (document not in force " +
        "or its condition does not hold), not-checkable (no machine can decide the clause; party * stands for every party it binds, listed in the explanation).";

    /// <summary>The legend printed under every compliance matrix.</summary>
    public const string Matrix =
        "Legend: each cell counts the party's findings under the document by status: viol = violated, disp = disputed (the deciding sources " +
        "disagree), n/rep = not reported (an obligation past due with nothing on record that bears on it: absence of evidence, not a breach), " +
        "undet = undetermined (data missing), ok = complied, n/a = not applicable (the document is not in force on the date, or a " +
        "clause's condition does not hold), n/chk = clauses binding the party that no machine can check (bound, but not checkable); " +
        "— = the document does not bind the party on the date; would: = counts of what a document not in force would find; " +
        "not yet issued = the date is before the document's own.";

    /// <summary>The legend of obligation statuses.</summary>
    public const string Obligations =
        "Status: owed, overdue, met, met-late, open (a quota still available), not-reported (past due, nothing on record meets it, " +
        "and a missing statement is not evidence: see docs/verification.md). HYPOTHETICAL: under a regime that was never agreed.";

    /// <summary>
    /// "12 findings: 1 violated, 2 disputed, …", every status with at least one finding, worst first; how many of them are
    /// hypothetical (of a document not in force: "would violate") is said beside each.
    /// </summary>
    public static string Totals(IReadOnlyCollection<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return $"{findings.Count} findings" + (findings.Count == 0 ? "" : ": " + string.Join(", ", ComplianceMatrix.StatusOrder
            .Where(s => findings.Any(f => f.Status == s))
            .Select(s => (s, n: findings.Count(f => f.Status == s), would: findings.Count(f => f.Status == s && f.Hypothetical)))
            .Select(x => $"{x.n} {Finding.Word(x.s)}" + (x.would > 0 ? $" ({x.would} would)" : ""))));
    }

    /// <summary>How a document stands on a date, for people: "in force", "not in force (would …)", "not yet issued", "outside its term".</summary>
    public static string Standing(DocumentStanding s) => s switch
    {
        DocumentStanding.InForce => "in force",
        DocumentStanding.Hypothetical => "not in force (would …)",
        DocumentStanding.NotYetIssued => "not yet issued",
        _ => "outside its term",
    };
}
