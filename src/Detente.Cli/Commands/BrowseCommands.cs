using System.CommandLine;
using Detente.Cli.Rendering;
using Detente.Data;
using Detente.Node.Reports;
using Detente.Node.Reports.Situation;
using Detente.Node.Sessions;

namespace Detente.Cli.Commands;

/// <summary><c>detente sites</c>, <c>systems</c> and <c>parties</c>: what the scenario knows, listed and filtered by field.</summary>
internal static class BrowseCommands
{
    public static Command Sites(CliOptions options)
    {
        var host = new Option<string?>("--host") { Description = "Only sites in this state (alpha-3)." };
        var kind = new Option<string?>("--kind") { Description = $"Only sites of this kind ({string.Join(", ", Vocabulary.SiteKind.Keys)})." };
        var command = new Command("sites", "List the scenario's sites: id, name, host, kind, coordinates, confidence and sources.")
        {
            host, kind, options.Json, options.Csv, GeoJson.Option,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var scenario = session.Scenario;
            var list = ScenarioQueries.Sites(scenario, parse.GetValue(host) is { } h ? Parse.Party(h, "--host", scenario) : null,
                parse.GetValue(kind) is { } k ? Values.Parse("--kind", k, Vocabulary.SiteKind) : null);
            if (parse.GetValue(GeoJson.Option))
            {
                GeoJson.Write(session.Output, list.Select(s => GeoJson.Point(s.Location, FactJson.Site(s))));
                return 0;
            }

            return options.Answer(parse, session, () => WorldJson.Sites(list), _ => WorldTables.Sites(list, scenario));
        }));
        return command;
    }

    public static Command Systems(CliOptions options)
    {
        var category = new Option<string?>("--category") { Description = $"Only this category ({string.Join(", ", Vocabulary.SystemCategory.Keys)})." };
        var launch = new Option<string?>("--launch") { Description = $"Only this launch mode ({string.Join(", ", Vocabulary.LaunchMode.Keys)})." };
        var role = new Option<string?>("--role") { Description = $"Only this role ({string.Join(", ", Vocabulary.Role.Keys)})." };
        var command = new Command("systems",
            "List the catalogue of systems: category, launch, guidance, role, nuclear capability, range (every claim) and what launchers fire.")
        {
            category, launch, role, options.Json, options.Csv,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var scenario = session.Scenario;
            var list = ScenarioQueries.Systems(scenario,
                parse.GetValue(category) is { } c ? Values.Parse("--category", c, Vocabulary.SystemCategory) : null,
                parse.GetValue(launch) is { } l ? Values.Parse("--launch", l, Vocabulary.LaunchMode) : null,
                parse.GetValue(role) is { } r ? Values.Parse("--role", r, Vocabulary.Role) : null);
            return options.Answer(parse, session, () => WorldJson.Systems(list), _ => WorldTables.Systems(list, scenario));
        }));
        return command;
    }

    public static Command Parties(CliOptions options)
    {
        var kind = new Option<string?>("--kind") { Description = $"Only parties of this kind ({string.Join(", ", Vocabulary.PartyKind.Keys)})." };
        var at = CliOptions.AtOption(required: false, "Also list each party's alliances on this date");
        var command = new Command("parties", "List the parties: code, name, kind, and with --at the alliances each belongs to on that date.")
        {
            kind, at, options.Json, options.Csv,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var scenario = session.Scenario;
            var list = ScenarioQueries.Parties(scenario, parse.GetValue(kind) is { } k ? Values.Parse("--kind", k, Vocabulary.PartyKind) : null);
            var world = parse.GetValue(at) is { } text ? scenario.At(Parse.Date(text, "--at")) : null;
            return options.Answer(parse, session, () => WorldJson.Parties(list, world), _ => WorldTables.Parties(list, scenario, world));
        }));
        return command;
    }
}
