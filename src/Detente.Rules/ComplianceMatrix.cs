using Detente.Core;
using Detente.Rules.Compilation;
using Detente.Rules.Runtime;

namespace Detente.Rules;

/// <summary>
/// Agreements by bound party on a date: each party's findings under each document counted by status, with the clauses that bind
/// it but that no machine can check counted as such (the evaluator reports those once, for party <c>*</c>).
/// </summary>
public sealed class ComplianceMatrix
{
    private readonly Dictionary<(string Party, string Agreement), int> _notCheckable;

    private ComplianceMatrix(DateOnly day, IReadOnlyList<Agreement> documents, List<Finding> findings, Dictionary<(string Party, string Agreement), int> notCheckable)
    {
        Day = day;
        Documents = documents;
        Findings = findings;
        _notCheckable = notCheckable;
        Parties = [.. findings.Where(f => f.Party is not null).Select(f => f.PartyCode).Concat(notCheckable.Keys.Select(k => k.Party))
            .Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>The statuses, worst first: the order of counts in cells, totals and JSON.</summary>
    public static IReadOnlyList<FindingStatus> StatusOrder { get; } =
    [
        FindingStatus.Violated, FindingStatus.Disputed, FindingStatus.NotReported, FindingStatus.Undetermined, FindingStatus.Complied,
        FindingStatus.NotApplicable, FindingStatus.NotCheckable,
    ];

    /// <summary>The date of the matrix.</summary>
    public DateOnly Day { get; }

    /// <summary>The documents, one column each, in library order.</summary>
    public IReadOnlyList<Agreement> Documents { get; }

    /// <summary>Every finding of every document (with the extra ones given), the not-checkable ones for party <c>*</c>.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>The bound parties, one row each, in code order.</summary>
    public IReadOnlyList<string> Parties { get; }

    /// <summary>How many clauses no machine can check bind some party, over every cell.</summary>
    public int NotCheckableTotal => _notCheckable.Values.Sum();

    /// <summary>
    /// Evaluates <paramref name="documents"/> on the world's date, each with the settings <paramref name="parameters"/> gives it,
    /// adds <paramref name="extra"/> findings (e.g. the alerts'), and keeps only party <paramref name="only"/>'s when given.
    /// </summary>
    public static ComplianceMatrix Build(RuleEngine engine, IReadOnlyList<Agreement> documents, World world,
        Func<Agreement, AgreementParameters?> parameters, IEnumerable<Finding> extra, string? only)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(parameters);
        var findings = new List<Finding>();
        var notCheckable = new Dictionary<(string, string), int>();
        foreach (var doc in documents)
        {
            var settings = parameters(doc);
            findings.AddRange(engine.Evaluate(doc, world, settings));
            foreach (var (_, bound) in engine.UncheckableBound(doc, world, settings))
            {
                foreach (var party in bound.Where(p => only is null || p == only))
                {
                    notCheckable[(party, doc.Id)] = notCheckable.GetValueOrDefault((party, doc.Id)) + 1;
                }
            }
        }

        findings.AddRange(extra);
        if (only is not null)
        {
            findings = [.. findings.Where(f => f.PartyCode == only)];
        }

        return new ComplianceMatrix(world.At, documents, findings, notCheckable);
    }

    /// <summary>The findings of <paramref name="party"/> under <paramref name="document"/>.</summary>
    public IReadOnlyList<Finding> Of(string party, Agreement document) =>
        [.. Findings.Where(f => f.PartyCode == party && f.Clause.Agreement.Value == document.Id)];

    /// <summary>How many clauses of <paramref name="document"/> that no machine can check bind <paramref name="party"/>.</summary>
    public int NotCheckable(string party, Agreement document) => _notCheckable.GetValueOrDefault((party, document.Id));

    /// <summary>The count of one status in a cell; for <see cref="FindingStatus.NotCheckable"/>, the binding clauses no machine can check.</summary>
    public int Count(string party, Agreement document, FindingStatus status) =>
        status == FindingStatus.NotCheckable ? NotCheckable(party, document) : Of(party, document).Count(f => f.Status == status);

    /// <summary>Whether the document binds the party on the date: it has findings for it, or clauses that no machine can check bind it.</summary>
    public bool Binds(string party, Agreement document) => Of(party, document).Count > 0 || NotCheckable(party, document) > 0;

    /// <summary>For each document, the parties bound only by clauses no machine can check (no other finding), in row order.</summary>
    public IReadOnlyList<(string Agreement, IReadOnlyList<string> Parties)> BoundOnlyByUncheckable() =>
        [.. Documents
            .Select(d => (d.Id, Parties: (IReadOnlyList<string>)[.. Parties.Where(p => Of(p, d).Count == 0 && _notCheckable.ContainsKey((p, d.Id)))]))
            .Where(x => x.Parties.Count > 0)];
}
