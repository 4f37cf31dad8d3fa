using System.Globalization;
using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Data;
using Detente.Node.Following;
using Detente.Node.Reports.Tables;
using Detente.Rules;
using Detente.Rules.Compilation;
using Detente.Rules.Runtime;

namespace Detente.Node.Reports.Rules;

/// <summary>One date of a timeline: the agreement's findings and what changed since the previous date.</summary>
/// <param name="Day">The date.</param>
/// <param name="Standing">Where the document stands on the date.</param>
/// <param name="Findings">Its findings on the date.</param>
/// <param name="Changes">The findings that changed since the previous date (none on the first).</param>
public sealed record TimelineDate(DateOnly Day, DocumentStanding Standing, IReadOnlyList<Finding> Findings, IReadOnlyList<FindingChange> Changes);

/// <summary>What <c>detente timeline</c> shows: an agreement evaluated at regular dates, and how its findings change.</summary>
/// <param name="Agreement">The agreement.</param>
/// <param name="First">The first date.</param>
/// <param name="Last">The last date asked for.</param>
/// <param name="Party">The bound party the findings are kept for; null for every party.</param>
/// <param name="Dates">The dates shown (with changes only: the first and those on which a finding changed).</param>
/// <param name="Note">Why every count is zero, when it is; else null.</param>
public sealed record TimelineReport(Agreement Agreement, DateOnly First, DateOnly Last, string? Party, IReadOnlyList<TimelineDate> Dates, string? Note)
{
    /// <summary>Evaluates the agreement from <paramref name="first"/> to <paramref name="last"/>, <paramref name="step"/> apart.</summary>
    public static TimelineReport Build(RuleEngine engine, Agreement agreement, Scenario scenario, DateOnly first, DateOnly last, TimelineStep step,
        AgreementParameters? parameters, string? party, bool changesOnly)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var dates = new List<TimelineDate>();
        IReadOnlyList<Finding>? previous = null;
        foreach (var point in engine.Timeline(agreement, scenario, first, last, step, parameters, party))
        {
            dates.Add(new TimelineDate(point.Day, point.Standing, point.Findings, previous is null ? [] : FindingChange.Between(previous, point.Findings)));
            previous = point.Findings;
        }

        var shown = changesOnly ? [.. dates.Where((d, i) => i == 0 || d.Changes.Count > 0)] : dates;
        return new TimelineReport(agreement, first, last, party, shown, Why(agreement.Id, party, dates));
    }

    /// <summary>Why every count is zero, when it is: the party is bound only by clauses no machine can check, or not bound at all.</summary>
    private static string? Why(string doc, string? party, List<TimelineDate> dates)
    {
        var who = party ?? "any party";
        if (dates.All(d => d.Findings.Count == 0))
        {
            return $"No findings on these dates: {doc} binds {who} by no clause on any of them (or the party is not among its parties).";
        }

        if (dates.All(d => d.Findings.All(f => f.Status == FindingStatus.NotCheckable)))
        {
            var clauses = dates.SelectMany(d => d.Findings).Select(f => f.Clause).Distinct().Order();
            return $"Nothing checkable: {doc} binds {who} on these dates only by clauses no machine can check ({string.Join(", ", clauses)}); " +
                   "the other counts are zero for that reason, not because of the world.";
        }

        return null;
    }

    /// <summary>"13 dates; findings changed on 2 of them (5 changes)", over the dates shown.</summary>
    public string Totals =>
        $"{Dates.Count} dates; findings changed on {Dates.Skip(1).Count(d => d.Changes.Count > 0)} of them ({Dates.Sum(d => d.Changes.Count)} changes)";

    /// <summary>
    /// A date's changes, one per line; with <paramref name="most"/>, the first that many and how many more ("… 8 more (--json or --csv
    /// lists all)").
    /// </summary>
    public static string ChangeLines(TimelineDate date, int? most = null)
    {
        ArgumentNullException.ThrowIfNull(date);
        var lines = date.Changes.Select(c => c.ToString()).ToList();
        return most is { } n && lines.Count > n
            ? string.Join("\n", lines.Take(n)) + $"\n… {lines.Count - n} more (--json or --csv lists all)"
            : string.Join("\n", lines);
    }

    /// <summary>
    /// The timeline as a table: per date its standing, the count of each status and the changes since the previous date (the
    /// first 12 shown and how many more; CSV takes them all), the totals first and the note and legends under it.
    /// </summary>
    public ReportTable Table()
    {
        var table = new ReportTable($"{Agreement.Id} from {First:yyyy-MM-dd} to {Last:yyyy-MM-dd}",
            [Column.Id("Date"), new Column("Standing"), .. ComplianceMatrix.StatusOrder.Select(x => Column.Id(Header(x))),
                Column.Id("Changes since the previous date")]) { Empty = "no dates" };
        foreach (var d in Dates)
        {
            table.Add([FactWriter.Day(d.Day), FindingText.Standing(d.Standing),
                .. ComplianceMatrix.StatusOrder.Select(x => (Cell)d.Findings.Count(f => f.Status == x).ToString(CultureInfo.InvariantCulture)),
                new Cell(ChangeLines(d, 12), Whole: ChangeLines(d))]);
        }

        table.Totals.Add(Totals);
        table.Notes.AddRange([.. Note is { } note ? [note] : Array.Empty<string>(), FindingChange.Legend]);
        return FindingTables.WithWould(table, Dates.SelectMany(d => d.Findings));
    }

    private static string Header(FindingStatus s) => s switch
    {
        FindingStatus.NotApplicable => "Not applicable",
        FindingStatus.NotCheckable => "Not checkable",
        FindingStatus.NotReported => "Not reported",
        _ => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(Finding.Word(s)),
    };

    /// <summary>The JSON of <c>timeline --json</c>: the agreement, party, note, and per date its standing, counts by status and changes.</summary>
    public JsonObject ToJson() => new()
    {
        ["agreement"] = Agreement.Id,
        ["party"] = Party,
        ["note"] = Note,
        ["points"] = new JsonArray([.. Dates.Select(d => (JsonNode)new JsonObject
        {
            ["at"] = FactWriter.Day(d.Day),
            ["standing"] = FindingJson.Standing(d.Standing),
            ["counts"] = FindingJson.Counts(d.Findings),
            ["changes"] = new JsonArray([.. d.Changes.Select(c => (JsonNode)c.Json())]),
        })]),
    };
}
