using System.Globalization;
using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Rules;
using Detente.Rules.Runtime;
using Detente.Verification.Alerts;

namespace Detente.Node.Reports.Rules;

/// <summary>What <c>detente alerts</c> shows: the build-up alerts on a date, thresholds from the Vienna Document's parameters.</summary>
/// <param name="Day">The date.</param>
/// <param name="Alerts">The alerts.</param>
public sealed record AlertsReport(DateOnly Day, IReadOnlyList<Alert> Alerts)
{
    /// <summary>The alerts of <paramref name="scenario"/> on <paramref name="day"/> (see <see cref="BuildUpAlerts.At"/>).</summary>
    public static AlertsReport Build(RuleEngine engine, Detente.Rules.Compilation.Agreement thresholds, Scenario scenario, Geo.Atlas? atlas, DateOnly day,
        AlertOptions? options = null) =>
        new(day, BuildUpAlerts.At(engine, thresholds, scenario, atlas, day, options));

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
