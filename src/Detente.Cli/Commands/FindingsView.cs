using System.Text.Json.Nodes;
using Detente.Cli.Rendering;
using Detente.Core;
using Detente.Node.Reports.Rules;
using Detente.Rules;
using Detente.Rules.Compilation;
using Detente.Rules.Runtime;

namespace Detente.Cli.Commands;

/// <summary>How findings are shown to people: tables, the compliance matrix, colours and legends (their JSON is <see cref="FindingJson"/>).</summary>
internal static class FindingsView
{
    public static JsonObject Json(Finding f) => FindingJson.Of(f);

    public static string Colour(FindingStatus s) => s switch
    {
        FindingStatus.Complied => "green",
        FindingStatus.Violated => "red",
        FindingStatus.Disputed => "yellow",
        FindingStatus.Undetermined or FindingStatus.NotReported => "grey",
        _ => "grey50",
    };

    /// <summary>The findings that have a place, as GeoJSON points with the finding in the properties; the others are counted.</summary>
    public static void GeoJson(TextWriter output, IReadOnlyList<Finding> findings, World world)
    {
        var placed = findings.Select(f => (Finding: f, Place: FindingJson.Place(f, world))).Where(x => x.Place is not null).ToList();
        Rendering.GeoJson.Write(output, placed.Select(x => Rendering.GeoJson.Point(x.Place!.Value, FindingJson.Of(x.Finding))), new JsonObject
        {
            ["at"] = JsonShapes.Day(world.At),
            ["findings"] = findings.Count,
            ["placed"] = placed.Count,
            ["note"] = "Findings about parties, clauses and facts without a site or coordinates have no place and are not features.",
        });
    }

    /// <summary>The findings of one agreement (or several) as a table; party-level complied and not-applicable rows are counted under it.</summary>
    public static ReportTable Table(string title, IEnumerable<Finding> findings)
    {
        var table = new ReportTable(title, new Column("Clause", ColumnKind.Id), new Column("Party", ColumnKind.Id), new Column("Subject", ColumnKind.Id),
            new Column("Status", ColumnKind.Id), new Column("Explanation"))
        {
            KeyColumns = 3,
            Empty = "no findings",
        };
        var all = findings.ToList();
        static bool Quiet(Finding f) => f.Subject.Kind == "party" && f.Status is FindingStatus.Complied or FindingStatus.NotApplicable;
        var quiet = all.Where(Quiet).ToList();
        foreach (var f in all.Where(f => !Quiet(f)))
        {
            table.Add(f.Clause.ToString(), f.PartyCode, $"{f.Subject.Kind} {f.Subject.Id}", new Cell(f.StatusWord, Colour(f.Status)), f.Explanation);
        }

        table.Totals.Add(FindingText.Totals(all));
        table.Notes.AddRange(quiet.GroupBy(f => (f.Clause, Word: f.StatusWord))
            .Select(g => $"{g.Key.Clause}: {g.Key.Word} for {string.Join(" ", g.Select(f => f.PartyCode))} (nothing of theirs matches)"));
        table.Notes.Add(FindingText.Table);
        return WithWould(table, all);
    }

    /// <summary>The matrix for people (and CSV): a row per party, a column per document, totals first and a legend under it.</summary>
    public static ReportTable Matrix(ComplianceMatrix m)
    {
        var table = new ReportTable($"Compliance on {m.Day:yyyy-MM-dd}: agreements by bound party",
            [new Column("Party", ColumnKind.Id), .. m.Documents.Select(d => new Column(d.Id, ColumnKind.Id))]);
        foreach (var party in m.Parties)
        {
            table.Add([party, .. m.Documents.Select(d => Cell(m, party, d))]);
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

    public static ReportTable WithWould(ReportTable table, IEnumerable<Finding> findings)
    {
        if (findings.Any(f => f.Hypothetical))
        {
            table.Notes.Add(FindingText.Would);
        }

        return table;
    }

    /// <summary>A cell: the counts of each status, worst first, coloured by the worst ("would:" under a document not in force).</summary>
    private static Cell Cell(ComplianceMatrix m, string party, Agreement d)
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
