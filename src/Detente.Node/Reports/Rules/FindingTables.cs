using Detente.Node.Reports.Tables;
using Detente.Rules;
using Detente.Rules.Compilation;
using Detente.Rules.Runtime;

namespace Detente.Node.Reports.Rules;

/// <summary>
/// How findings read in a table, for every view (CLI, server, dashboard): the table of findings, the compliance matrix, status
/// colours and the legend of hypothetical findings. Their JSON is <see cref="FindingJson"/>'s.
/// </summary>
public static class FindingTables
{
    /// <summary>A status's colour: green complied, red violated, yellow disputed, grey the rest (not applicable and not checkable dimmer).</summary>
    public static string Colour(FindingStatus status) => status switch
    {
        FindingStatus.Complied => "green",
        FindingStatus.Violated => "red",
        FindingStatus.Disputed => "yellow",
        FindingStatus.Undetermined or FindingStatus.NotReported => "grey",
        _ => "grey50",
    };

    /// <summary>A finding's status as a cell: its word, coloured.</summary>
    public static Cell Status(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new(finding.StatusWord, Colour(finding.Status));
    }

    /// <summary>
    /// Findings as a table (clause, party, subject, status, explanation); the party-level complied and not-applicable ones are not
    /// rows but notes under it ("ru-nato-2021-draft/4: complied for POL USA (nothing of theirs matches)"), and the totals count all.
    /// </summary>
    public static ReportTable Table(string title, IEnumerable<Finding> findings)
    {
        var table = new ReportTable(title, Column.Id("Clause"), Column.Id("Party"), Column.Id("Subject"), Column.Id("Status"), new Column("Explanation"))
        {
            KeyColumns = 3,
            Empty = "no findings",
        };
        var all = findings.ToList();
        static bool Quiet(Finding f) => f.Subject.Kind == "party" && f.Status is FindingStatus.Complied or FindingStatus.NotApplicable;
        foreach (var f in all.Where(f => !Quiet(f)))
        {
            table.Add(f.Clause.ToString(), f.PartyCode, $"{f.Subject.Kind} {f.Subject.Id}", Status(f), f.Explanation);
        }

        table.Totals.Add(FindingText.Totals(all));
        table.Notes.AddRange(all.Where(Quiet).GroupBy(f => (f.Clause, Word: f.StatusWord))
            .Select(g => $"{g.Key.Clause}: {g.Key.Word} for {string.Join(" ", g.Select(f => f.PartyCode))} (nothing of theirs matches)"));
        table.Notes.Add(FindingText.Table);
        return WithWould(table, all);
    }

    /// <summary>The compliance matrix: a row per bound party, a column per document, each cell the counts of each status; totals first and the legend under it.</summary>
    public static ReportTable Matrix(ComplianceMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var m = matrix;
        var table = new ReportTable($"Compliance on {m.Day:yyyy-MM-dd}: agreements by bound party",
            [Column.Id("Party"), .. m.Documents.Select(d => Column.Id(d.Id))]);
        foreach (var party in m.Parties)
        {
            table.Add([party, .. m.Documents.Select(d => MatrixCell(m, party, d))]);
        }

        table.Totals.Add($"{m.Parties.Count} parties, {m.Documents.Count} documents; " + FindingText.Totals([.. m.Findings.Where(f => f.Party is not null)]) +
                         $"; {m.NotCheckableTotal} bindings by clauses no machine can check");
        if (m.BoundOnlyByUncheckable() is { Count: > 0 } only)
        {
            table.Notes.Add("Bound only by clauses no machine can check (shown n/chk, not —): " +
                            string.Join("; ", only.Select(x => $"{x.Agreement}: {string.Join(" ", x.Parties)}")) + ".");
        }

        table.Notes.Add(FindingText.Matrix);
        return WithWould(table, m.Findings);
    }

    /// <summary>Adds the legend of hypothetical findings ("would …") under <paramref name="table"/> when any of <paramref name="findings"/> is one.</summary>
    public static ReportTable WithWould(ReportTable table, IEnumerable<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (findings.Any(f => f.Hypothetical))
        {
            table.Notes.Add(FindingText.Would);
        }

        return table;
    }

    /// <summary>A cell: the counts of each status, worst first, coloured by the worst ("would:" under a document not in force).</summary>
    private static Cell MatrixCell(ComplianceMatrix m, string party, Agreement d)
    {
        if (!m.Binds(party, d) || RuleEngine.Standing(d, m.Day) == DocumentStanding.NotYetIssued)
        {
            return new Cell(m.Binds(party, d) ? "not yet issued" : "—", "grey50");
        }

        var counts = ComplianceMatrix.StatusOrder.Select(s => (s, n: m.Count(party, d, s))).Where(x => x.n > 0).ToList();
        var would = m.Of(party, d).Any(f => f.Hypothetical) ? "would: " : "";
        string Words(string space) => would + string.Join(" ", counts.Select(x => $"{x.n}{space}{Short(x.s)}"));

        // A no-break space keeps a count with its word when the cell wraps; CSV gets a plain space.
        return new Cell(Words("\u00a0"), Colour(counts[0].s), Words(" "));
    }

    private static string Short(FindingStatus s) => s switch
    {
        FindingStatus.Violated => "viol",
        FindingStatus.Disputed => "disp",
        FindingStatus.NotReported => "n/rep",
        FindingStatus.Undetermined => "undet",
        FindingStatus.Complied => "ok",
        FindingStatus.NotApplicable => "n/a",
        _ => "n/chk",
    };
}
