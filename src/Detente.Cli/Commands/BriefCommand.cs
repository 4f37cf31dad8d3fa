using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Cli.Rendering;
using Detente.Cli.Verification;
using Detente.Node.Reports.Rules;
using Detente.Rules;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary>
/// <c>detente brief --at DATE</c>: one page for a date — the world, the compliance matrix with the alerts' findings, the alerts,
/// the observations that count as now and the consultations of that date.
/// </summary>
internal static class BriefCommand
{
    public static Command Create(CliOptions options)
    {
        var at = CliOptions.AtOption(required: true, "The date of the brief");
        var window = WorldCommand.WindowOption();
        var noAlerts = new Option<bool>("--no-alerts") { Description = "Leave the alerts' findings out of the matrix (they are in by default)." };
        var tableOption = WorldCommand.TableOption();
        var command = new Command("brief", "One page for a date: the world, the compliance matrix with alerts, the observations and the consultations.")
        {
            at, window, noAlerts, options.Json, options.Csv, tableOption, VerificationContext.RegimesOption, VerificationContext.EventsOption,
            RulesContext.ParamOption, RulesContext.AgreementsOption,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
            var day = Parse.Date(parse.GetValue(at)!, "--at");
            var days = WorldCommand.Window(parse, window);
            var world = session.Scenario.At(day);
            var rules = RulesContext.Open(session, parse.GetValue(RulesContext.AgreementsOption));
            var alerts = AlertsCommand.Build(rules, day, new Detente.Verification.Alerts.AlertOptions(WindowDays: days));
            var withAlerts = !parse.GetValue(noAlerts);
            var matrix = ComplianceMatrix.Build(rules.Engine, rules.Library.All, world, rules.Settings(parse),
                withAlerts ? Detente.Verification.Alerts.AlertEngine.Findings(alerts.Alerts) : [], null);
            var context = VerificationContext.Open(session, parse);
            var consultations = context.Ledger.Consultations.Where(c => c.Request.At.Day <= day).ToList();

            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, new JsonObject
                {
                    ["at"] = JsonShapes.Day(day),
                    ["world"] = WorldCommand.Summary(world, days),
                    ["matrix_includes_alerts"] = withAlerts,
                    ["matrix"] = CheckReport.MatrixJson(matrix),
                    ["alerts"] = alerts.AlertsJson(),
                    ["consultations"] = new JsonArray([.. consultations.Select(c => (JsonNode)ConsultationsCommand.Json(c, day))]),
                });
                return 0;
            }

            var tables = WorldCommand.Tables(world, days);
            var matrixTable = FindingTables.Matrix(matrix);
            if (withAlerts)
            {
                matrixTable.Notes.Insert(0, $"The matrix includes the findings of the {alerts.Alerts.Count} alert(s) below (vienna-document-2011; --no-alerts leaves them out).");
            }

            tables["matrix"] = matrixTable;
            tables["alerts"] = alerts.Table();
            tables["consultations"] = ConsultationsCommand.Table(context, consultations, day);
            if (csv)
            {
                session.Show(WorldCommand.Choose(tables, parse.GetValue(tableOption)), csv: true);
                return 0;
            }

            var scenario = session.Scenario;
            session.Console.Write(new Rule($"[bold]Brief for {day:yyyy-MM-dd}[/] — {Text.Escape(scenario.Info.Title)}").LeftJustified());
            session.Console.MarkupLine(Text.Escape(
                $"{world.Deployments.Length} deployments, {world.Activities.Length} activities under way, " +
                $"{Node.Sessions.ScenarioQueries.RecentObservations(world, days).Count} observations in the {days} days up to the date, {alerts.Alerts.Count} alert(s), " +
                $"{consultations.Count} consultation request(s); {FindingText.Totals(matrix.Findings.Where(f => f.Party is not null).ToList())}."));
            foreach (var name in new[] { "alliances", "forces", "control", "activities", "matrix", "alerts", "observations", "consultations" })
            {
                session.Show(tables[name], csv: false);
            }

            return 0;
        }));
        return command;
    }
}
