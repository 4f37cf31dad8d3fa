using System.CommandLine;
using Detente.Cli.Rendering;
using Detente.Negotiation;
using Detente.Negotiation.Analysis;
using Detente.Node.Reports.Demo;
using Detente.Node.Reports.Negotiation;
using Detente.Node.Reports.Situation;
using Detente.Rules;

namespace Detente.Cli.Commands;

/// <summary><c>detente demo</c>: the main job on the embedded scenario — a readable overview of the world on 12 January 2022.</summary>
internal static class DemoCommand
{
    public static Command Create(CliOptions options)
    {
        var at = new Option<string?>("--at")
        {
            Description = "The day of the overview, e.g. 2022-02-20 (default 2022-01-12, the NATO–Russia Council meeting; demo is the one verb " +
                          "with a default date). With --at, the world, the agreements, the alerts and the consultations are those of that day.",
        };
        var command = new Command("demo", "Show an overview of the embedded europe-2022 scenario on a day (default 2022-01-12).") { at };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var chosen = parse.GetValue(at) is { } text ? Parse.Date(text, "--at") : (DateOnly?)null;
            var day = chosen ?? DemoSections.Day;

            // The world is read from a record: the one given, else the scenario imported into a temporary one.
            var keyring = Records.RecordOptions.KeyringPath((string?)null);
            using var record = Node.Sessions.DemoRecord.Open(session.Manifest, session.Record, keyring);
            session.Record = record.Connection;
            var (scenario, console) = (session.Scenario, session.Console);
            var world = scenario.At(day);
            var rules = RulesContext.Open(session, null);
            var matrix = ComplianceMatrix.Build(rules.Engine, rules.Library.All, world, _ => null, [], null);
            var negotiation = NegotiationData.Load(Path.Combine(Paths.DataDirectory(), "negotiation"));
            var statusQuo = NegotiationCli.StatusQuoValues(session, negotiation, DemoSections.Negotiation.Day);
            Pages.Draw(console, DemoSections.Opening(scenario));
            Pages.Draw(console, WorldSummary.Build(world, 14).Page());
            Pages.Draw(console, DemoWorld.Build(world, session.Atlas).Page());
            Pages.Draw(console, DemoSections.Rules(matrix, rules.Library.All.Count, day));
            Pages.Draw(console, DemoSections.Alerts(rules.Alerts(chosen ?? DemoSections.AlertsDay)));
            Pages.Draw(console, NegotiationTables.Overview(NegotiationOverview.Of(negotiation, statusQuo, DemoSections.Negotiation)));
            var history = Verification.VerificationContext.Open(session, null, [], record: null);
            Pages.Draw(console, DemoSections.Verification(history, chosen ?? DemoSections.ConsultationsDay));
            Pages.Draw(console, DemoSections.Record(record.Summarize(scenario)));
            return 0;
        }));
        return command;
    }
}
