using System.CommandLine;
using System.Globalization;
using Detente.Core;
using Detente.Cli.Rendering;
using Detente.Node.Reports.Situation;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary><c>detente world</c>: a summary of the world at a date, and <c>world members</c>, <c>world control</c>.</summary>
internal static class WorldCommand
{
    public static Command Create(CliOptions options)
    {
        var at = CliOptions.AtOption(required: true);
        var window = WindowOption();
        var tableOption = TableOption();
        var command = new Command("world", "Summarise the world at a date: alliances, foreign deployments, control, activities, observations.")
        {
            at, window, options.Json, options.Csv, tableOption,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
            var summary = WorldSummary.Build(session.Scenario.At(Parse.Date(parse.GetValue(at)!, "--at")), Window(parse, window));
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, summary.ToJson());
            }
            else if (csv)
            {
                session.Show(Choose(Tables(summary), parse.GetValue(tableOption)), csv: true);
            }
            else
            {
                Render(session, summary);
            }

            return 0;
        }));

        var alliance = new Argument<string>("alliance") { Description = "The alliance, e.g. NATO or CSTO." };
        var membersAt = CliOptions.AtOption(required: true);
        var members = new Command("members", "List the members of an alliance at a date (alpha-3, sorted).") { alliance, membersAt, options.Json, options.Csv };
        members.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
            var scenario = session.Scenario;
            var id = Parse.Party(parse.GetValue(alliance)!, "ALLIANCE", scenario);
            if (scenario.Parties[id].Kind != PartyKind.Alliance)
            {
                throw new UsageException($"ALLIANCE: '{id}' is a {Cells.Word(scenario.Parties[id].Kind)}, not an alliance");
            }

            var world = scenario.At(Parse.Date(parse.GetValue(membersAt)!, "--at"));
            return options.Answer(parse, session, csv, () => WorldJson.Members(id, world.At, world.MembersOf(id)), () =>
            {
                var table = new ReportTable(null, Column.Id("Member"), new("Name"), Column.Id("Since"), Column.Id("Confidence"), Column.Id("Sources"));
                table.Totals.Add($"{id} on {world.At:yyyy-MM-dd}: {world.MembersOf(id).Length} members");
                foreach (var m in Node.Sessions.ScenarioQueries.Members(world, id))
                {
                    table.Add(m.Member.Code, scenario.NameOf(m.Member), $"{m.Period.From:yyyy-MM-dd}", Cells.Confidence(m.Evidence), Cells.Sources(m.Evidence));
                }

                return table;
            });
        }));
        command.Subcommands.Add(members);
        command.Subcommands.Add(ControlCommand(options));
        return command;
    }

    private static Command ControlCommand(CliOptions options)
    {
        var point = new Option<string>("--point") { Description = "The point as LAT,LON in decimal degrees.", Required = true };
        var at = CliOptions.AtOption(required: true);
        var command = new Command("control", "Say who a point belongs to on a day: recognised territory and recorded control.") { point, at, options.Json };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var where = Parse.Point(parse.GetValue(point)!, "--point");
            var world = session.Scenario.At(Parse.Date(parse.GetValue(at)!, "--at"));
            var answer = Geo.PointControl.At(session.Atlas, world, where);
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, WorldJson.PointControl(answer, world.At));
                return 0;
            }

            var (console, scenario) = (session.Console, world.Scenario);
            console.MarkupLine($"{where} on {world.At:yyyy-MM-dd}: recognised territory of " +
                               (answer.Territory is { } t ? $"[bold]{t}[/] {Text.Escape(scenario.NameOf(t))}" : "no mapped state"));
            foreach (var (area, control) in answer.Areas)
            {
                console.MarkupLine($"In the mapped area [bold]{Text.Escape(area.Name)}[/] (boundary accurate to about {area.AccuracyKm:0} km):");
                if (control.IsEmpty)
                {
                    console.MarkupLine("  no control of this area is recorded for this day, so the recognised state is taken to control it");
                }

                foreach (var c in control)
                {
                    console.MarkupLine($"  controlled by [bold]{c.Controller}[/] {Text.Escape(scenario.NameOf(c.Controller))}, {Cells.Period(c.Period)} " +
                                       $"({Text.Confidence(c.Evidence)}; {Text.Sources(c.Evidence)})");
                }
            }

            return 0;
        }));
        return command;
    }

    /// <summary>--window-days: how many days up to the date count as now for observations (the same window as <c>alerts</c>).</summary>
    public static Option<int> WindowOption() => new("--window-days")
    {
        Description = "Observations made in the N days up to --at count as now (default 14, the window 'alerts' uses).",
        DefaultValueFactory = _ => 14,
    };

    public static int Window(ParseResult parse, Option<int> option)
    {
        var days = parse.GetValue(option);
        return days >= 1 ? days : throw new UsageException($"--window-days: expected a number of days of 1 or more, found {days}");
    }

    /// <summary>--table: which of a multi-table verb's tables <c>--csv</c> writes.</summary>
    public static Option<string?> TableOption() => new("--table")
    {
        Description = "With --csv: the table to write (alliances, forces, control, activities, observations; brief adds matrix, alerts, consultations).",
    };

    /// <summary>The table named by <c>--table</c>; an unknown or missing name is bad input listing the names.</summary>
    public static ReportTable Choose(IReadOnlyDictionary<string, ReportTable> tables, string? name)
    {
        if (name is not null && tables.TryGetValue(name, out var table))
        {
            return table;
        }

        var names = string.Join(", ", tables.Keys);
        throw new UsageException(name is null
            ? $"--csv: this verb shows several tables; choose one with --table NAME, one of {names}"
            : $"--table: unknown table '{name}'; expected one of {names}" + (Spelling.Nearest(name, tables.Keys) is { } near ? $"; did you mean '{near}'?" : ""));
    }

    /// <summary>The summary's JSON (for <c>brief</c>).</summary>
    internal static System.Text.Json.Nodes.JsonObject Summary(World world, int days) => WorldSummary.Build(world, days).ToJson();

    /// <summary>The world's tables by name, in the order they are shown (for <c>brief</c>).</summary>
    internal static Dictionary<string, ReportTable> Tables(World world, int days) => Tables(WorldSummary.Build(world, days));

    private static Dictionary<string, ReportTable> Tables(WorldSummary s)
    {
        var (world, scenario) = (s.World, s.World.Scenario);
        var alliances = new ReportTable("Alliances", Column.Id("Alliance"), Column.Id("Members"), Column.Id("Codes"));
        foreach (var a in s.Alliances)
        {
            alliances.Add(a.Alliance.Code, a.Members.Length.ToString(CultureInfo.InvariantCulture), string.Join(" ", a.Members));
        }

        var forces = new ReportTable("Forces stationed abroad, by host state", Column.Id("Host"), new("Name"), Column.Id("Owners"), Column.Id("Deployments"), Column.Id("Troops"));
        foreach (var f in s.ForeignByHost)
        {
            forces.Add(f.Host.Code, scenario.NameOf(f.Host), string.Join(" ", f.Owners), f.Deployments.ToString(CultureInfo.InvariantCulture),
                f.TroopDeployments == 0 ? "" : f.TroopsLow == f.TroopsHigh ? Claim.Format(f.TroopsLow)
                    : $"{Claim.Format(f.TroopsLow)}–{(double.IsPositiveInfinity(f.TroopsHigh) ? "?" : Claim.Format(f.TroopsHigh))}");
        }

        forces.Totals.Add($"{s.ForeignByHost.Sum(f => f.Deployments)} foreign deployments in {forces.Rows.Count} host states ({world.Deployments.Length} deployments in all)");
        var control = new ReportTable("Control of mapped areas (disputed control lists every claim; notes in --json)", Column.Id("Area"), Column.Id("Controller"), new("Name"),
            Column.Id("Period"), Column.Id("Confidence"), Column.Id("Sources")) { Empty = "no control of a mapped area is recorded for the day" };
        foreach (var c in s.Control)
        {
            control.Add(c.Area.Value, c.Controller.Code, scenario.NameOf(c.Controller), Cells.Period(c.Period), Cells.Confidence(c.Evidence), Cells.Sources(c.Evidence));
        }

        var activities = new ReportTable("Activities under way", Column.Id("Activity"), new("Name"), Column.Id("Participants"), Column.Id("Period"), new("Troops")) { Empty = "no activity under way" };
        foreach (var a in world.Activities)
        {
            activities.Add(a.Id.Value, a.Name, string.Join(" ", a.Participants), Cells.Period(a.Period), a.Troops is { } t ? Cells.Quantity(t) : "");
        }

        var observations = new ReportTable($"Observations of the {s.WindowDays} days up to {world.At:yyyy-MM-dd} (the window 'alerts' uses)", Column.Id("Id"), Column.Id("Date"),
            Column.Id("Observer"), Column.Id("Subject"), Column.Id("What"), new("Where"), new("Figure"), Column.Id("Confidence"), Column.Id("Sources"))
        {
            Empty = $"no observation made in the {s.WindowDays} days up to {world.At:yyyy-MM-dd}",
        };
        foreach (var o in s.Observations)
        {
            observations.Add(o.Id.Value, Cells.Days(o.Period), o.Observer.Code, o.Subject.Code, o.What, o.Where ?? string.Join(" ", o.Hosts),
                Cells.Quantity(o.Quantity), Cells.Confidence(o.Evidence), Cells.Sources(o.Evidence));
        }

        return new(StringComparer.Ordinal)
        {
            ["alliances"] = alliances, ["forces"] = forces, ["control"] = control, ["activities"] = activities, ["observations"] = observations,
        };
    }

    internal static void Render(Session session, WorldSummary summary)
    {
        var world = summary.World;
        session.Console.Write(new Rule($"[bold]{Text.Escape(world.Scenario.Info.Title)}[/] — the world on {world.At:yyyy-MM-dd}").LeftJustified());
        foreach (var table in Tables(summary).Values)
        {
            session.Show(table, csv: false);
        }
    }

}
