using System.Globalization;
using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Node.Reports.Tables;
using Detente.Rules;
using Detente.Rules.Runtime;
using Detente.Verification.Alerts;
using Detente.Verification.Observations;

namespace Detente.Node.Reports.Rules;

/// <summary>One alert as a table row for people: what was observed and declared against which threshold, and the finding it becomes.</summary>
/// <param name="Alert">The alert.</param>
/// <param name="Kind">Its kind, with its trend when it has one: "unnotified (rising)".</param>
/// <param name="Where">Where, as its scope names it.</param>
/// <param name="Observed">"38,000–41,000 troops, 3 observer(s)".</param>
/// <param name="Declared">"RUS: ≤ 9,000 (fact)", or "—" when nothing was declared.</param>
/// <param name="Threshold">"9,000 (notification-troops)".</param>
/// <param name="Finding">The finding the alert becomes.</param>
/// <param name="Note">The alert's explanation, printed under the table.</param>
public sealed record AlertRow(Alert Alert, string Kind, string Where, string Observed, string Declared, string Threshold, Finding Finding, string Note);

/// <summary>What <c>detente alerts</c> shows: the build-up alerts on a date, thresholds from the Vienna Document's parameters.</summary>
/// <param name="Day">The date.</param>
/// <param name="Alerts">The alerts.</param>
public sealed record AlertsReport(DateOnly Day, IReadOnlyList<Alert> Alerts)
{
    /// <summary>The alerts of <paramref name="scenario"/> on <paramref name="day"/> (see <see cref="BuildUpAlerts.At"/>).</summary>
    public static AlertsReport Build(RuleEngine engine, Detente.Rules.Compilation.Agreement thresholds, Scenario scenario, Geo.Atlas? atlas, DateOnly day,
        AlertOptions? options = null) =>
        new(day, BuildUpAlerts.At(engine, thresholds, scenario, atlas, day, options));

    /// <summary>The alerts as rows for people, in order.</summary>
    public IReadOnlyList<AlertRow> Rows => [.. Alerts.Select(a =>
    {
        var o = a.Match.Observed;
        return new AlertRow(a, a.KindName + (a.Trend is { } t ? $" ({t})" : ""), a.Scope.Describe(a.Where),
            $"{(o.Min == o.Max ? ObservationTable.Format(o.Max) : $"{ObservationTable.Format(o.Min)}–{ObservationTable.Format(o.Max)}")} {o.What}, " +
            $"{o.Estimates.Length} observer(s)",
            a.Declared is { } d ? $"{d.By}: {(d.Troops is { } n ? "≤ " + ObservationTable.Format(n) : "no figure")} ({d.Fact})" : "—",
            $"{ObservationTable.Format(a.Threshold.Value)} ({a.Threshold.Parameter})", a.ToFinding(),
            $"{a.Threshold.Clause} {a.Party} in {a.Scope.Describe(a.Where)} ({a.BasisName}): {a.Explanation}");
    })];

    /// <summary>The alerts as a table, the count of each kind first and each alert's explanation under it.</summary>
    public ReportTable Table()
    {
        var table = new ReportTable($"Alerts on {Day:yyyy-MM-dd} (thresholds from {BuildUpAlerts.Agreement})", Column.Id("Kind"), Column.Id("Party"),
            Column.Id("Where"), new Column("Observed"), new Column("Declared"), new Column("Threshold"), Column.Id("Finding"), Column.Id("Sources"))
        {
            KeyColumns = 3,
            Empty = $"no alerts on {Day:yyyy-MM-dd}",
        };
        var rows = Rows;
        foreach (var r in rows)
        {
            table.Add(r.Kind, r.Alert.Party, r.Where, r.Observed, r.Declared, r.Threshold,
                new Cell($"{r.Finding.Clause} {r.Finding.StatusWord}", FindingTables.Colour(r.Finding.Status)), Cells.Sources(r.Alert.Sources.ToList()));
        }

        table.Totals.Add(Totals);
        table.Notes.AddRange(rows.Select(r => r.Note));
        return table;
    }

    /// <summary>"3 alert(s): 2 unnotified, 1 contradicted", the count of each kind in order of first appearance.</summary>
    public string Totals => $"{Alerts.Count} alert(s)" + (Alerts.Count == 0 ? "" : ": " + string.Join(", ", Alerts.GroupBy(a => a.KindName).Select(g => $"{g.Count()} {g.Key}")));

    /// <summary>The JSON of <c>detente alerts --json</c> (documented in docs/verification.md).</summary>
    public JsonObject ToJson() => new() { ["at"] = Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["alerts"] = AlertsJson() };

    /// <summary>The alerts as a JSON array, one object per alert: kind, party, where, basis, what was observed and declared, threshold, clause, sources.</summary>
    public JsonArray AlertsJson()
    {
        var list = new JsonArray();
        foreach (var a in Alerts)
        {
            var o = a.Match.Observed;
            var finding = a.ToFinding();
            var observed = new JsonObject
            {
                ["what"] = o.What,
                ["from"] = o.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["to"] = o.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["min"] = o.Min,
                ["median"] = o.Median,
                ["max"] = o.Max,
                ["low"] = o.Low,
                ["high"] = Number(o.High),
                ["declared_deployed"] = a.Match.DeclaredDeployed,
                ["unmatched"] = a.Match.Unmatched,
                ["activities"] = new JsonArray([.. a.Match.Activities.Select(x => (JsonNode)x.Id.Value)]),
                ["estimates"] = new JsonArray([.. o.Estimates.Select(e => (JsonNode)new JsonObject
                {
                    ["observer"] = e.Observer,
                    ["date"] = e.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["count"] = e.Count,
                    ["low"] = e.Low,
                    ["high"] = Number(e.High),
                })]),
                ["evidence"] = new JsonArray([.. a.Evidence.Select(e => (JsonNode)new JsonObject { ["fact"] = e.Fact, ["record_index"] = e.RecordIndex })]),
            };
            if (a.Trend is { } trend)
            {
                observed["trend"] = trend;
                observed["series"] = new JsonArray([.. a.Series.Select(p => (JsonNode)new JsonObject
                {
                    ["week"] = p.Week, ["observers"] = p.Observers, ["min"] = p.Min, ["median"] = p.Median, ["max"] = p.Max,
                })]);
            }

            list.Add(new JsonObject
            {
                ["kind"] = a.KindName,
                ["party"] = a.Party,
                ["where"] = a.Where,
                ["scope"] = a.Scope.Kind,
                ["part"] = a.Scope.Part,
                ["basis"] = a.BasisName,
                ["observed"] = observed,
                ["declared"] = a.Declared is { } d
                    ? new JsonObject
                    {
                        ["kind"] = d.Kind, ["fact"] = d.Fact, ["by"] = d.By, ["troops"] = d.Troops, ["record_index"] = d.RecordIndex,
                        ["sources"] = new JsonArray([.. d.Sources.Select(s => (JsonNode)s)]),
                    }
                    : null,
                ["threshold"] = new JsonObject { ["value"] = a.Threshold.Value, ["parameter"] = a.Threshold.Parameter, ["note"] = a.Threshold.Note },
                ["clause"] = new JsonObject { ["id"] = finding.Clause.ToString(), ["status"] = Finding.Word(finding.Status), ["explanation"] = finding.Explanation },
                ["sources"] = new JsonArray([.. a.Sources.Select(s => (JsonNode)s)]),
            });
        }

        return list;
    }

    private static JsonNode? Number(double value) => double.IsFinite(value) ? value : null;
}
