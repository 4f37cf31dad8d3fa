using System.CommandLine;
using Detente.Cli.Rendering;
using Detente.Cli.Verification;
using Detente.Node.Reports.Rules;
using Detente.Node.Reports.Situation;
using Detente.Node.Reports.Verification;
using Detente.Rules;
using Detente.Verification.Alerts;

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
            var day = Parse.Date(parse.GetValue(at)!, "--at");
            var days = WorldCommand.Window(parse, window);
            var world = session.Scenario.At(day);
            var rules = RulesContext.Open(session, parse.GetValue(RulesContext.AgreementsOption));
            var alerts = rules.Alerts(day, new AlertOptions(WindowDays: days));
            var withAlerts = !parse.GetValue(noAlerts);
            var matrix = ComplianceMatrix.Build(rules.Engine, rules.Library.All, world, rules.Settings(parse),
                withAlerts ? AlertEngine.Findings(alerts.Alerts) : [], null);
            var consultations = ConsultationsReport.Build(VerificationContext.Open(session, parse), day);
            var brief = new BriefReport(WorldSummary.Build(world, days), matrix, withAlerts, alerts, consultations);
            return options.Answer(parse, session, brief.ToJson, _ => brief.Page(FindingTables.Matrix(matrix), alerts.Table()), tableOption);
        }));
        return command;
    }
}
