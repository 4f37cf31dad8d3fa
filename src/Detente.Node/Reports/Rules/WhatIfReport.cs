using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Data;
using Detente.Node.Following;
using Detente.Node.Reports.Tables;
using Detente.Rules;
using Detente.Rules.Compilation;
using Detente.Rules.Runtime;

namespace Detente.Node.Reports.Rules;

/// <summary>What <c>detente whatif</c> shows: every finding whose status changes when hypothetical facts are laid over the world.</summary>
/// <param name="Day">The date.</param>
/// <param name="Apply">The overlay file the hypothetical facts came from, as given.</param>
/// <param name="Changes">The findings that change, paired by clause, party and subject (see <see cref="FindingChange.Paired"/>).</param>
public sealed record WhatIfReport(DateOnly Day, string Apply, IReadOnlyList<FindingChange> Changes)
{
    /// <summary>Evaluates <paramref name="documents"/> on <paramref name="day"/> in <paramref name="scenario"/> and in <paramref name="hypothetical"/>.</summary>
    public static WhatIfReport Build(RuleEngine engine, IReadOnlyList<Agreement> documents, Scenario scenario, Scenario hypothetical, DateOnly day,
        Func<Agreement, AgreementParameters?> parameters, string apply)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(documents);
        var before = documents.SelectMany(a => engine.Evaluate(a, scenario.At(day), parameters(a))).ToList();
        var after = documents.SelectMany(a => engine.Evaluate(a, hypothetical.At(day), parameters(a))).ToList();
        return new WhatIfReport(day, apply, FindingChange.Paired(before, after));
    }

    /// <summary>
    /// The changes as a table (clause, party, subject, status before and after, explanation), the count per clause first; for
    /// people (<paramref name="grouped"/>) rows equal but for the party are one row listing the parties.
    /// </summary>
    public ReportTable Table(bool grouped = true)
    {
        var table = new ReportTable($"Findings that change on {Day:yyyy-MM-dd} with {Apply}", Column.Id("Clause"), Column.Id("Party"), Column.Id("Subject"),
            Column.Id("Before"), Column.Id("After"), new Column("Explanation"))
        {
            KeyColumns = 3,
            Empty = "no finding changes",
        };
        foreach (var c in Changes)
        {
            table.Add(c.Finding.Clause.ToString(), c.Finding.PartyCode, c.Subject, c.BeforeWord, c.After is { } a ? new Cell(Finding.Word(a.Status), FindingTables.Colour(a.Status)) : c.AfterWord,
                c.Finding.Explanation);
        }

        table.Totals.Add($"{Changes.Count} findings change" + (Changes.Count == 0 ? "." : ": " + string.Join(", ", Changes
            .GroupBy(c => c.Finding.Clause).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")) + "."));
        table.Notes.Add("Rows equal but for the party are one row listing the parties (--csv and --json list each).");
        table.Notes.Add(FindingChange.Legend);
        FindingTables.WithWould(table, Changes.Select(c => c.Finding));
        return grouped ? table.GroupedBy(1, "parties") : table;
    }

    /// <summary>The JSON of <c>whatif --json</c>: per change its clause, party, subject, status before and after, and explanation.</summary>
    public JsonObject ToJson() => new()
    {
        ["at"] = FactWriter.Day(Day),
        ["apply"] = Apply,
        ["changes"] = new JsonArray([.. Changes.Select(c => (JsonNode)new JsonObject
        {
            ["clause"] = c.Finding.Clause.ToString(),
            ["party"] = c.Finding.PartyCode,
            ["subject"] = FindingJson.Subject(c.Finding.Subject),
            ["before"] = c.Before is null ? null : Finding.Word(c.Before.Status),
            ["after"] = c.After is null ? null : Finding.Word(c.After.Status),
            ["hypothetical"] = c.Finding.Hypothetical,
            ["explanation"] = c.Finding.Explanation,
        })]),
    };
}
