using System.CommandLine;
using Detente.Core;
using Detente.Cli.Rendering;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary><c>detente demo</c>: the main job on the embedded scenario — a readable overview of the world on 12 January 2022.</summary>
internal static class DemoCommand
{
    /// <summary>The day of the NATO–Russia Council meeting in the January 2022 talks.</summary>
    public static readonly DateOnly Day = new(2022, 1, 12);

    /// <summary>The baseline date of Art. 4 of the December 2021 Russian draft agreement with NATO.</summary>
    public static readonly DateOnly Baseline1997 = new(1997, 5, 27);

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
            var day = chosen ?? Day;
            using var record = Records.DemoRecord.Open(session);
            var scenario = session.Scenario;
            var console = session.Console;
            var world = scenario.At(day);
            var (first, last) = scenario.Span();
            console.MarkupLine($"[bold]Detente[/] — scenario [bold]{Text.Escape(scenario.Info.Id)}[/]: {scenario.DatedFactCount:N0} dated facts " +
                               $"from {first:yyyy-MM-dd} to {last:yyyy-MM-dd}, {scenario.Sources.Count:N0} sources, {scenario.Systems.Count} systems, {scenario.Sites.Count} sites.");
            WorldCommand.Render(session, world, 14);
            Enlargement(session, scenario, world);
            Disputed(session, scenario);
            BuildUp(session, scenario);
            MissileReach(session, world);
            DemoRulesSection.Render(session, day);
            DemoAlertsSection.Render(session, chosen ?? DemoAlertsSection.Day);
            DemoNegotiation.Show(session);
            DemoVerificationSection.Render(session, chosen);
            record.Render(console, scenario);
            return 0;
        }));
        return command;
    }

    private static void Enlargement(Session session, Scenario scenario, World world)
    {
        var console = session.Console;
        var then = scenario.At(Baseline1997);
        foreach (var alliance in scenario.Parties.Values.Where(p => p.Kind == PartyKind.Alliance).OrderBy(p => p.Id))
        {
            var before = then.MembersOf(alliance.Id);
            var now = world.MembersOf(alliance.Id);
            var joined = now.Except(before).ToList();
            if (before.Length == 0 && now.Length == 0)
            {
                continue;
            }

            console.MarkupLine($"[bold]{alliance.Id}[/]: {before.Length} members on {Baseline1997:yyyy-MM-dd}, {now.Length} on {world.At:yyyy-MM-dd}" +
                               (joined.Count > 0 ? $"; joined since: {string.Join(" ", joined)}" : ""));
            var stationed = world.Deployments.Where(d => joined.Contains(d.Host) && d.IsForeign).ToList();
            if (stationed.Count > 0)
            {
                var table = new TableView($"Foreign forces in states that joined {alliance.Id} after {Baseline1997:yyyy-MM-dd}",
                    new Column("Host", ColumnKind.Id), new Column("Owner", ColumnKind.Id), new Column("Where"), new Column("Quantity"),
                    new Column("Kind", ColumnKind.Id), new Column("Since", ColumnKind.Id), new Column("Confidence", ColumnKind.Id));
                foreach (var d in stationed.OrderBy(d => d.Host).ThenBy(d => d.Owner))
                {
                    var quantity = Text.QuantityCell(d.Quantity);
                    table.Add(d.Host.Code, d.Owner.Code, Text.WherePlain(d, scenario), quantity with { Text = $"{quantity.Text} {Text.Word(d.Unit)}" },
                        Text.Word(d.Permanence), $"{d.Period.From:yyyy-MM-dd}", Text.ConfidenceCell(d.Evidence));
                }

                session.Show(table, csv: false);
            }
        }
    }

    private static void Disputed(Session session, Scenario scenario)
    {
        var table = new TableView("Disputed figures (every claim kept)", new Column("Fact"), new Column("Figure"), new Column("Claims"));
        foreach (var s in scenario.Systems.Values.Where(s => s.RangeKm is { IsDisputed: true }).OrderBy(s => s.Id.Value))
        {
            table.Add($"range of {(s.Name)} (km)", Text.QuantityCell(s.RangeKm!), Claims(s.RangeKm!));
        }

        foreach (var a in scenario.Activities.Where(a => a.Troops is { IsDisputed: true }).OrderBy(a => a.Period.From))
        {
            table.Add($"troops in {(a.Name)}", Text.QuantityCell(a.Troops!), Claims(a.Troops!));
        }

        if (table.Rows.Count > 0)
        {
            session.Show(table, csv: false);
        }
    }

    /// <summary>What the offensive missile systems recorded at sites on the day can reach, per range claim.</summary>
    private static void MissileReach(Session session, World world)
    {
        var scenario = world.Scenario;
        var rows = new TableView($"Reach of offensive ground-launched missiles recorded at sites on {world.At:yyyy-MM-dd} (per range claim)",
            new Column("Site"), new Column("Owner", ColumnKind.Id), new Column("Missile"), new Column("Range (km)"), new Column("States reached", ColumnKind.Id),
            new Column("Alliance members reached", ColumnKind.Id));
        foreach (var d in world.Deployments.Where(d => d.Site is not null && d.System is not null).OrderBy(d => d.Site!.Value.Value))
        {
            var site = scenario.Sites[d.Site!.Value];
            var deployed = scenario.Systems[d.System!.Value];
            var missiles = deployed.Category == SystemCategory.Launcher
                ? deployed.Fires.Select(f => scenario.Systems[f.System])
                : [deployed];
            foreach (var missile in missiles.Where(m => m is { Role: SystemRole.Offensive, Launch: LaunchMode.Ground, RangeKm: not null }).DistinctBy(m => m.Id))
            {
                foreach (var c in Geo.RangeCase.Of(missile.RangeKm!))
                {
                    var reached = session.Atlas.Reach(site.Location, c.Kilometres).States.Where(s => s.State != site.Host).Select(s => s.State).ToList();
                    var members = scenario.Parties.Values.Where(p => p.Kind == PartyKind.Alliance && !world.AlliancesOf(d.Owner).Contains(p.Id))
                        .Select(a => $"{a.Id} {reached.Count(world.MembersOf(a.Id).Contains)}");
                    rows.Add(site.Name, d.Owner.Code, missile.Name,
                        $"{Claim.Format(c.Kilometres)} ({string.Join("; ", c.Claims.Select(k => k.By?.Code ?? "unattributed"))})",
                        string.Join(" ", reached), string.Join(", ", members));
                }
            }
        }

        if (rows.Rows.Count > 0)
        {
            session.Show(rows, csv: false);
        }
    }

    private static string Claims(Quantity q) => string.Join("; ", q.Claims.Select(c =>
        $"{c}{(c.Note is null ? "" : $" — {c.Note}")}{(c.Evidence is null ? "" : $" [{string.Join(", ", c.Evidence.Sources.Select(s => s.Source.Value))}]")}"));

    private static void BuildUp(Session session, Scenario scenario)
    {
        var from = new DateOnly(2021, 11, 1);
        var to = new DateOnly(2022, 2, 23);
        var estimates = scenario.Observations.Where(o => o.What == "troops" && o.Period.Overlaps(from, to)).OrderBy(o => o.Period.From).ToList();
        if (estimates.Count == 0)
        {
            return;
        }

        var table = new TableView($"Troop estimates {from:yyyy-MM-dd} – {to:yyyy-MM-dd} (observations, as each source counts them)",
            new Column("Date", ColumnKind.Id), new Column("Observer", ColumnKind.Id), new Column("Subject", ColumnKind.Id), new Column("Where"),
            new Column("Estimate"), new Column("Scope"), new Column("Sources", ColumnKind.Id));
        foreach (var o in estimates)
        {
            table.Add($"{o.Period.From:yyyy-MM-dd}", o.Observer.Code, o.Subject.Code, o.Where, Text.QuantityCell(o.Quantity), o.Scope, Text.SourcesCell(o.Evidence));
        }

        session.Show(table, csv: false);
    }
}
