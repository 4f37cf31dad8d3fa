using System.CommandLine;
using Detente.Cli.Rendering;
using Detente.Node.Reports.Rules;
using Detente.Rules.Runtime;
using Detente.Verification.Alerts;

namespace Detente.Cli.Commands;

/// <summary><c>detente check</c>: the findings of one agreement, or the matrix of all agreements by party, at a date.</summary>
internal static class CheckCommand
{
    public static Command Create(CliOptions options)
    {
        var agreement = new Option<string?>("--agreement") { Description = "The agreement's id, e.g. ru-nato-2021-draft." };
        var all = new Option<bool>("--all") { Description = "Check every agreement and show a matrix of agreements by party." };
        var party = new Option<string?>("--party") { Description = "Only findings for this bound party." };
        var fail = new Option<bool>("--fail-on-violation") { Description = "Exit with code 1 when any finding is a violation." };
        var alerts = new Option<bool>("--alerts")
        {
            Description = $"With {BuildUpAlerts.Agreement} (or --all): add the findings of 'detente alerts' (observations against thresholds).",
        };
        var command = new Command("check", "Check agreements against the world at a date; every finding is explained.")
        {
            agreement, all, options.At, party, options.Json, options.Csv, GeoJson.Option, fail, alerts, RulesContext.ParamOption, RulesContext.AgreementsOption,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var day = options.Day(parse);
            var rules = RulesContext.From(session, parse);
            var settings = rules.Settings(parse);
            var only = parse.GetValue(party) is { } p ? Parse.Party(p, "--party", session.Scenario).Code : null;
            var world = session.Scenario.At(day);
            var doc = parse.GetValue(all) ? null : rules.Agreement(parse.GetValue(agreement) ?? throw new UsageException("check: give --agreement ID or --all"));
            var report = doc is null
                ? CheckReport.All(rules.Engine, rules.Library.All, world, settings, parse.GetValue(alerts) ? rules.AlertFindings(day) : [], only)
                : CheckReport.One(rules.Engine, doc, world, settings(doc), parse.GetValue(alerts) && doc.Id == BuildUpAlerts.Agreement ? rules.AlertFindings(day) : [], only);
            if (parse.GetValue(GeoJson.Option))
            {
                JsonShapes.Write(session.Output, report.GeoJson(world));
            }
            else
            {
                options.Answer(parse, session, report.ToJson, csv => report.Table(grouped: !csv));
            }

            // "Would violate" under a document not in force is not a violation.
            return parse.GetValue(fail) && report.Findings.Any(f => f.Status == FindingStatus.Violated && !f.Hypothetical) ? 1 : 0;
        }));
        return command;
    }
}
