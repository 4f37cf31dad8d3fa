using System.CommandLine;
using Detente.Node.Following;
using Detente.Node.Reports.Rules;

namespace Detente.Cli.Commands;

/// <summary><c>detente whatif --at DATE --apply FILE</c>: lay hypothetical facts over the scenario and list every finding whose status changes.</summary>
internal static class WhatIfCommand
{
    public static Command Create(CliOptions options)
    {
        var apply = new Option<string>("--apply") { Description = "A JSON file of hypothetical facts in the scenario format.", Required = true };
        var agreement = new Option<string?>("--agreement") { Description = "Only this agreement (default: all)." };
        var command = new Command("whatif", "List every finding whose status changes when hypothetical facts are added to the scenario.")
        {
            options.At, apply, agreement, options.Json, options.Csv, RulesContext.ParamOption, RulesContext.AgreementsOption,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            options.CsvChosen(parse);
            var day = options.Day(parse);
            var rules = RulesContext.From(session, parse);
            var path = parse.GetValue(apply)!;
            var hypothetical = Overlay.Load(session.Scenario, path, session.Manifest.GeoDirectory);
            var docs = parse.GetValue(agreement) is { } id ? [rules.Agreement(id)] : rules.Library.All;
            var report = WhatIfReport.Build(rules.Engine, docs, session.Scenario, hypothetical, day, rules.Settings(parse), path);
            return options.Answer(parse, session, report.ToJson, csv => report.Table(grouped: !csv));
        }));
        return command;
    }
}
