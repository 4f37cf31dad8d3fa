using System.CommandLine;
using Detente.Node.Reports.Rules;
using Detente.Rules;

namespace Detente.Cli.Commands;

/// <summary><c>detente timeline --agreement ID --from DATE --to DATE --step month</c>: how an agreement's findings change over time.</summary>
internal static class TimelineCommand
{
    public static Command Create(CliOptions options)
    {
        var agreement = new Option<string>("--agreement") { Description = "The agreement's id.", Required = true };
        var from = new Option<string>("--from") { Description = "First date (required).", Required = true };
        var to = new Option<string>("--to") { Description = "Last date (required).", Required = true };
        var step = new Option<string>("--step") { Description = "day, week, month or year (default month).", DefaultValueFactory = _ => "month" };
        var party = new Option<string?>("--party") { Description = "Only findings for this bound party (with the not-checkable clauses that bind it)." };
        var changesOnly = new Option<bool>("--changes-only") { Description = "Only the first date and the dates on which a finding changed." };
        var command = new Command("timeline", "Evaluate an agreement at regular dates and show how its findings change.")
        {
            agreement, from, to, step, party, changesOnly, options.Json, options.Csv, RulesContext.ParamOption, RulesContext.AgreementsOption,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            options.CsvChosen(parse);
            var first = Parse.Date(parse.GetValue(from)!, "--from");
            var last = Parse.Date(parse.GetValue(to)!, "--to");
            var every = last < first ? throw new UsageException("--to: expected a date on or after --from") : parse.GetValue(step) switch
            {
                "day" => TimelineStep.Day,
                "week" => TimelineStep.Week,
                "month" => TimelineStep.Month,
                "year" => TimelineStep.Year,
                var x => throw new UsageException($"--step: unknown step '{x}'; expected one of day, week, month, year"),
            };
            var rules = RulesContext.From(session, parse);
            var doc = rules.Agreement(parse.GetValue(agreement)!);
            var report = TimelineReport.Build(rules.Engine, doc, session.Scenario, first, last, every, rules.Settings(parse)(doc),
                parse.GetValue(party) is { } p ? Parse.Party(p, "--party", session.Scenario).Code : null, parse.GetValue(changesOnly));
            return options.Answer(parse, session, report.ToJson, _ => report.Table());
        }));
        return command;
    }
}
