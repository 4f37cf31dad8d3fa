using System.Text.Json.Nodes;
using Detente.Data;
using Detente.Node.Reports.Rules;
using Detente.Node.Reports.Tables;
using Detente.Node.Reports.Verification;
using Detente.Rules;

namespace Detente.Node.Reports.Situation;

/// <summary>
/// What <c>brief</c> shows for a date on one page: the world, the compliance matrix (with the alerts' findings unless left out),
/// the alerts, the observations that count as now and the consultations requested by the date.
/// </summary>
/// <param name="World">The world's summary on the date.</param>
/// <param name="Matrix">The compliance matrix on the date.</param>
/// <param name="MatrixIncludesAlerts">True when the matrix holds the alerts' findings.</param>
/// <param name="Alerts">The alerts on the date.</param>
/// <param name="Consultations">The consultations requested by the date.</param>
public sealed record BriefReport(WorldSummary World, ComplianceMatrix Matrix, bool MatrixIncludesAlerts, AlertsReport Alerts, ConsultationsReport Consultations)
{
    /// <summary>The brief's JSON (documented in docs/cli.md).</summary>
    public JsonObject ToJson() => new()
    {
        ["at"] = FactWriter.Day(World.World.At),
        ["world"] = World.ToJson(),
        ["matrix_includes_alerts"] = MatrixIncludesAlerts,
        ["matrix"] = CheckReport.MatrixJson(Matrix),
        ["alerts"] = Alerts.AlertsJson(),
        ["consultations"] = new JsonArray([.. Consultations.Rows.Select(r => (JsonNode)r.ToJson())]),
    };

    /// <summary>
    /// The brief for people: a heading, a line of totals, then the world's tables, the matrix, the alerts, the observations and the
    /// consultations. The matrix and alerts tables are given by the caller (they are drawn as <c>check</c> and <c>alerts</c> draw them).
    /// </summary>
    public ReportPage Page(ReportTable matrix, ReportTable alerts)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(alerts);
        var (world, days) = (World.World, World.WindowDays);
        if (MatrixIncludesAlerts)
        {
            matrix.Notes.Insert(0, $"The matrix includes the findings of the {Alerts.Alerts.Count} alert(s) below (vienna-document-2011; --no-alerts leaves them out).");
        }

        var page = new ReportPage($"Brief for {world.At:yyyy-MM-dd} — {world.Scenario.Info.Title}").Line(
            $"{world.Deployments.Length} deployments, {world.Activities.Length} activities under way, " +
            $"{World.Observations.Count} observations in the {days} days up to the date, {Alerts.Alerts.Count} alert(s), " +
            $"{Consultations.Rows.Count} consultation request(s); {FindingText.Totals(Matrix.Findings.Where(f => f.Party is not null).ToList())}.");
        var tables = World.Tables();
        foreach (var name in new[] { "alliances", "forces", "control", "activities" })
        {
            page.Add(name, tables[name]);
        }

        return page.Add("matrix", matrix).Add("alerts", alerts).Add("observations", tables["observations"]).Add("consultations", Consultations.Table());
    }
}
