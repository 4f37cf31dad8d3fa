using System.CommandLine;
using Detente.Core;
using Detente.Cli.Rendering;
using Detente.Node.Reports.Demo;
using Detente.Node.Reports.Situation;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary><c>detente demo</c>: the main job on the embedded scenario — a readable overview of the world on 12 January 2022.</summary>
internal static class DemoCommand
{
    /// <summary>The day of the NATO–Russia Council meeting in the January 2022 talks.</summary>
    public static readonly DateOnly Day = new(2022, 1, 12);

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
            var (first, last) = scenario.Span();
            session.Console.MarkupLine($"[bold]Detente[/] — scenario [bold]{Text.Escape(scenario.Info.Id)}[/]: {scenario.DatedFactCount:N0} dated facts " +
                                       $"from {first:yyyy-MM-dd} to {last:yyyy-MM-dd}, {scenario.Sources.Count:N0} sources, {scenario.Systems.Count} systems, " +
                                       $"{scenario.Sites.Count} sites.");
            var world = scenario.At(day);
            WorldCommand.Render(session, WorldSummary.Build(world, 14));
            Render(session, DemoWorld.Build(world, session.Atlas));
            DemoRulesSection.Render(session, day);
            DemoAlertsSection.Render(session, chosen ?? DemoAlertsSection.Day);
            DemoNegotiation.Show(session);
            DemoVerificationSection.Render(session, chosen);
            record.Render(session.Console, scenario);
            return 0;
        }));
        return command;
    }

    private static void Render(Session session, DemoWorld demo)
    {
        var (world, baseline) = (demo.World, DemoWorld.Baseline1997);
        foreach (var e in demo.Enlargement)
        {
            session.Console.MarkupLine($"[bold]{e.Alliance}[/]: {e.MembersThen} members on {baseline:yyyy-MM-dd}, {e.MembersNow} on {world.At:yyyy-MM-dd}" +
                                       (e.Joined.Count > 0 ? $"; joined since: {string.Join(" ", e.Joined)}" : ""));
            var table = new ReportTable($"Foreign forces in states that joined {e.Alliance} after {baseline:yyyy-MM-dd}", Column.Id("Host"), Column.Id("Owner"),
                new("Where"), new("Quantity"), Column.Id("Kind"), Column.Id("Since"), Column.Id("Confidence"));
            foreach (var d in e.Stationed)
            {
                table.Add(d.Host.Code, d.Owner.Code, Cells.Where(d, world.Scenario), Cells.Forces(d), Cells.Word(d.Permanence), $"{d.Period.From:yyyy-MM-dd}",
                    Cells.Confidence(d.Evidence));
            }

            Show(session, table);
        }

        var disputed = new ReportTable("Disputed figures (every claim kept)", new Column("Fact"), new Column("Figure"), new Column("Claims"));
        foreach (var f in demo.Disputed)
        {
            disputed.Add(f.Fact, Cells.Quantity(f.Figure), string.Join("; ", f.Figure.Claims.Select(c =>
                $"{c}{(c.Note is null ? "" : $" — {c.Note}")}{(c.Evidence is null ? "" : $" [{string.Join(", ", c.Evidence.Sources.Select(s => s.Source.Value))}]")}")));
        }

        Show(session, disputed);
        var (from, to) = DemoWorld.BuildUpWindow;
        var buildUp = new ReportTable($"Troop estimates {from:yyyy-MM-dd} – {to:yyyy-MM-dd} (observations, as each source counts them)", Column.Id("Date"),
            Column.Id("Observer"), Column.Id("Subject"), new("Where"), new("Estimate"), new("Scope"), Column.Id("Sources"));
        foreach (var o in demo.BuildUp)
        {
            buildUp.Add($"{o.Period.From:yyyy-MM-dd}", o.Observer.Code, o.Subject.Code, o.Where, Cells.Quantity(o.Quantity), o.Scope, Cells.Sources(o.Evidence));
        }

        Show(session, buildUp);
        var reach = new ReportTable($"Reach of offensive ground-launched missiles recorded at sites on {world.At:yyyy-MM-dd} (per range claim)", new("Site"),
            Column.Id("Owner"), new("Missile"), new("Range (km)"), Column.Id("States reached"), Column.Id("Alliance members reached"));
        foreach (var m in demo.MissileReach)
        {
            reach.Add(m.Site.Name, m.Owner.Code, m.Missile.Name, $"{Claim.Format(m.Range.Kilometres)} ({string.Join("; ", m.Range.Claims.Select(k => k.By?.Code ?? "unattributed"))})",
                string.Join(" ", m.Reached), string.Join(", ", m.AllianceMembersReached.Select(a => $"{a.Alliance} {a.Members}")));
        }

        Show(session, reach);
    }

    /// <summary>The demo shows a table only when it has rows.</summary>
    private static void Show(Session session, ReportTable table)
    {
        if (table.Rows.Count > 0)
        {
            session.Show(table, csv: false);
        }
    }
}
