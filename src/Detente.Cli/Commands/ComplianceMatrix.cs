using System.Text.Json.Nodes;
using Detente.Cli.Rendering;
using Detente.Core;
using Detente.Rules.Compilation;
using Detente.Rules.Evaluation;
using Detente.Rules.Runtime;

namespace Detente.Cli.Commands;

/// <summary>
/// Agreements by bound party on a date: each party's findings under each document counted by status, with the clauses that bind
/// it but that no machine can check counted as such (the evaluator reports those once, for party <c>*</c>).
/// </summary>
internal sealed class ComplianceMatrix
{
    private ComplianceMatrix(DateOnly day, IReadOnlyList<Agreement> documents, List<Finding> findings,
        Dictionary<(string Party, string Agreement), int> notCheckable)
    {
        Day = day;
        Documents = documents;
        Findings = findings;
        NotCheckable = notCheckable;
        Parties = findings.Where(f => f.Party is not null).Select(f => f.PartyCode).Concat(notCheckable.Keys.Select(k => k.Party))
            .Distinct().Order(StringComparer.Ordinal).ToList();
    }

    public DateOnly Day { get; }

    public IReadOnlyList<Agreement> Documents { get; }

    /// <summary>Every finding of every document (with the alerts' when asked), the not-checkable ones for party <c>*</c>.</summary>
    public List<Finding> Findings { get; }

    /// <summary>How many not-checkable clauses of a document bind a party.</summary>
    public Dictionary<(string Party, string Agreement), int> NotCheckable { get; }

    public List<string> Parties { get; }

    /// <summary>Evaluates every document of the library on the world's date (and adds <paramref name="extra"/> findings).</summary>
    public static ComplianceMatrix Evaluate(RulesContext rules, World world, IEnumerable<string> parameters, IEnumerable<Finding> extra, string? only)
    {
        var docs = rules.Library.All;
        var findings = new List<Finding>();
        var notCheckable = new Dictionary<(string, string), int>();
        var list = parameters.ToList();
        foreach (var doc in docs)
        {
            findings.AddRange(rules.Evaluate(doc, world, list));
            foreach (var (_, bound) in rules.UncheckableBound(doc, world, list))
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
            findings = findings.Where(f => f.PartyCode == only).ToList();
        }

        return new ComplianceMatrix(world.At, docs, findings, notCheckable);
    }

    private List<Finding> Of(string party, Agreement doc) =>
        Findings.Where(f => f.PartyCode == party && f.Clause.Agreement.Value == doc.Id).ToList();

    /// <summary>The matrix for people (and CSV): a row per party, a column per document, a legend under it and totals first.</summary>
    public TableView Table()
    {
        var columns = new List<Column> { new("Party", ColumnKind.Id) };
        columns.AddRange(Documents.Select(d => new Column(d.Id, ColumnKind.Id)));
        var table = new TableView($"Compliance on {Day:yyyy-MM-dd}: agreements by bound party", [.. columns]);
        foreach (var party in Parties)
        {
            var row = new List<Cell> { party };
            row.AddRange(Documents.Select(d => FindingsView.MatrixCell(Of(party, d), NotCheckable.GetValueOrDefault((party, d.Id)), Evaluator.Standing(d, Day))));
            table.Add([.. row]);
        }

        var counted = Findings.Where(f => f.Party is not null).ToList();
        table.Totals.Add($"{Parties.Count} parties, {Documents.Count} documents; " + FindingsView.Totals(counted) +
                         $"; {NotCheckable.Values.Sum()} bindings by clauses no machine can check");
        var onlyUncheckable = Documents
            .Select(d => (d.Id, Parties: Parties.Where(p => Of(p, d).Count == 0 && NotCheckable.ContainsKey((p, d.Id))).ToList()))
            .Where(x => x.Parties.Count > 0)
            .Select(x => $"{x.Id}: {string.Join(" ", x.Parties)}")
            .ToList();
        if (onlyUncheckable.Count > 0)
        {
            table.Notes.Add("Bound only by clauses no machine can check (shown n/chk, not —): " + string.Join("; ", onlyUncheckable) + ".");
        }

        table.Notes.Add(FindingsView.MatrixLegend);
        if (Findings.Any(f => f.Hypothetical))
        {
            table.Notes.Add(FindingsView.WouldLegend);
        }
        return table;
    }

    /// <summary>The counts of each cell, for <c>--json</c>: one entry per party and document that binds it.</summary>
    public JsonArray Json()
    {
        var array = new JsonArray();
        foreach (var party in Parties)
        {
            foreach (var doc in Documents)
            {
                var of = Of(party, doc);
                var nc = NotCheckable.GetValueOrDefault((party, doc.Id));
                if (of.Count == 0 && nc == 0)
                {
                    continue;
                }

                var cell = new JsonObject { ["party"] = party, ["agreement"] = doc.Id };
                foreach (var s in FindingsView.Order)
                {
                    cell[FindingsView.Status(s).Replace('-', '_')] = s == FindingStatus.NotCheckable ? nc : of.Count(f => f.Status == s);
                }

                array.Add(cell);
            }
        }

        return array;
    }
}
