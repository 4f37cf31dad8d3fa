using Detente.Core;
using Detente.Geo;
using Detente.Node.Reports.Tables;

namespace Detente.Node.Reports.Demo;

/// <summary>An alliance then and now: its members on the baseline day and on the day, who joined since, and the foreign forces in those states.</summary>
public sealed record Enlargement(PartyId Alliance, int MembersThen, int MembersNow, IReadOnlyList<PartyId> Joined, IReadOnlyList<Deployment> Stationed);

/// <summary>A disputed figure of the scenario: a system's range or an activity's troops, every claim kept.</summary>
public sealed record DisputedFigure(string Fact, Quantity Figure);

/// <summary>
/// What an offensive ground-launched missile recorded at a site can reach by one range claim: the states reached (the host left
/// out) and, for each alliance the owner is not in, how many of its members are reached.
/// </summary>
public sealed record MissileReach(Site Site, PartyId Owner, WeaponSystem Missile, RangeCase Range, IReadOnlyList<PartyId> Reached,
    IReadOnlyList<(PartyId Alliance, int Members)> AllianceMembersReached);

/// <summary>
/// The world part of <c>detente demo</c>: enlargement since the 27 May 1997 baseline of the Russian draft, the disputed figures,
/// the troop estimates of the 2021–22 build-up, and the reach of the offensive missiles recorded at sites.
/// </summary>
public sealed record DemoWorld(
    Core.World World, IReadOnlyList<Enlargement> Enlargement, IReadOnlyList<DisputedFigure> Disputed, IReadOnlyList<Observation> BuildUp,
    IReadOnlyList<MissileReach> MissileReach)
{
    /// <summary>The baseline date of Art. 4 of the December 2021 Russian draft agreement with NATO.</summary>
    public static readonly DateOnly Baseline1997 = new(1997, 5, 27);

    /// <summary>The build-up window the troop estimates are listed for: November 2021 to the eve of the invasion.</summary>
    public static readonly (DateOnly From, DateOnly To) BuildUpWindow = (new DateOnly(2021, 11, 1), new DateOnly(2022, 2, 23));

    /// <summary>Builds the overview of <paramref name="world"/>, with reach computed over <paramref name="atlas"/>.</summary>
    public static DemoWorld Build(Core.World world, Atlas atlas)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(atlas);
        var scenario = world.Scenario;
        var then = scenario.At(Baseline1997);
        var enlargement = new List<Enlargement>();
        foreach (var alliance in scenario.Parties.Values.Where(p => p.Kind == PartyKind.Alliance).OrderBy(p => p.Id))
        {
            var before = then.MembersOf(alliance.Id);
            var now = world.MembersOf(alliance.Id);
            if (before.Length == 0 && now.Length == 0)
            {
                continue;
            }

            var joined = now.Except(before).ToList();
            enlargement.Add(new Enlargement(alliance.Id, before.Length, now.Length, joined,
                [.. world.Deployments.Where(d => joined.Contains(d.Host) && d.IsForeign).OrderBy(d => d.Host).ThenBy(d => d.Owner)]));
        }

        List<DisputedFigure> disputed =
        [
            .. scenario.Systems.Values.Where(s => s.RangeKm is { IsDisputed: true }).OrderBy(s => s.Id.Value)
                .Select(s => new DisputedFigure($"range of {s.Name} (km)", s.RangeKm!)),
            .. scenario.Activities.Where(a => a.Troops is { IsDisputed: true }).OrderBy(a => a.Period.From)
                .Select(a => new DisputedFigure($"troops in {a.Name}", a.Troops!)),
        ];
        var (from, to) = BuildUpWindow;
        var buildUp = scenario.Observations.Where(o => o.What == "troops" && o.Period.Overlaps(from, to)).OrderBy(o => o.Period.From).ToList();
        return new DemoWorld(world, enlargement, disputed, buildUp, Missiles(world, atlas));
    }

    /// <summary>
    /// The overview for people: each alliance's enlargement with the foreign forces in its new members, the disputed figures, the
    /// troop estimates and the missiles' reach; a table is shown only when it has rows.
    /// </summary>
    public ReportPage Page()
    {
        var page = new ReportPage();
        void Show(string name, ReportTable table) => page.Add(name, table, shown: table.Rows.Count > 0);
        foreach (var e in Enlargement)
        {
            page.Line($"{e.Alliance}: {e.MembersThen} members on {Baseline1997:yyyy-MM-dd}, {e.MembersNow} on {World.At:yyyy-MM-dd}" +
                      (e.Joined.Count > 0 ? $"; joined since: {string.Join(" ", e.Joined)}" : ""), "bold");
            var table = new ReportTable($"Foreign forces in states that joined {e.Alliance} after {Baseline1997:yyyy-MM-dd}", Column.Id("Host"), Column.Id("Owner"),
                new("Where"), new("Quantity"), Column.Id("Kind"), Column.Id("Since"), Column.Id("Confidence"));
            foreach (var d in e.Stationed)
            {
                table.Add(d.Host.Code, d.Owner.Code, Cells.Where(d, World.Scenario), Cells.Forces(d), Cells.Word(d.Permanence), $"{d.Period.From:yyyy-MM-dd}",
                    Cells.Confidence(d.Evidence));
            }

            Show($"enlargement-{e.Alliance.Code.ToLowerInvariant()}", table);
        }

        var disputed = new ReportTable("Disputed figures (every claim kept)", new Column("Fact"), new Column("Figure"), new Column("Claims"));
        foreach (var f in Disputed)
        {
            disputed.Add(f.Fact, Cells.Quantity(f.Figure), string.Join("; ", f.Figure.Claims.Select(c =>
                $"{c}{(c.Note is null ? "" : $" — {c.Note}")}{(c.Evidence is null ? "" : $" [{string.Join(", ", c.Evidence.Sources.Select(s => s.Source.Value))}]")}")));
        }

        Show("disputed", disputed);
        var (from, to) = BuildUpWindow;
        var buildUp = new ReportTable($"Troop estimates {from:yyyy-MM-dd} – {to:yyyy-MM-dd} (observations, as each source counts them)", Column.Id("Date"),
            Column.Id("Observer"), Column.Id("Subject"), new("Where"), new("Estimate"), new("Scope"), Column.Id("Sources"));
        foreach (var o in BuildUp)
        {
            buildUp.Add($"{o.Period.From:yyyy-MM-dd}", o.Observer.Code, o.Subject.Code, o.Where, Cells.Quantity(o.Quantity), o.Scope, Cells.Sources(o.Evidence));
        }

        Show("build-up", buildUp);
        var reach = new ReportTable($"Reach of offensive ground-launched missiles recorded at sites on {World.At:yyyy-MM-dd} (per range claim)", new("Site"),
            Column.Id("Owner"), new("Missile"), new("Range (km)"), Column.Id("States reached"), Column.Id("Alliance members reached"));
        foreach (var m in MissileReach)
        {
            reach.Add(m.Site.Name, m.Owner.Code, m.Missile.Name, $"{Claim.Format(m.Range.Kilometres)} ({string.Join("; ", m.Range.Claims.Select(k => k.By?.Code ?? "unattributed"))})",
                string.Join(" ", m.Reached), string.Join(", ", m.AllianceMembersReached.Select(a => $"{a.Alliance} {a.Members}")));
        }

        Show("missile-reach", reach);
        return page;
    }

    private static List<MissileReach> Missiles(Core.World world, Atlas atlas)
    {
        var scenario = world.Scenario;
        var rows = new List<MissileReach>();
        foreach (var d in world.Deployments.Where(d => d.Site is not null && d.System is not null).OrderBy(d => d.Site!.Value.Value))
        {
            var site = scenario.Sites[d.Site!.Value];
            var deployed = scenario.Systems[d.System!.Value];
            var missiles = deployed.Category == SystemCategory.Launcher ? deployed.Fires.Select(f => scenario.Systems[f.System]) : [deployed];
            foreach (var missile in missiles.Where(m => m is { Role: SystemRole.Offensive, Launch: LaunchMode.Ground, RangeKm: not null }).DistinctBy(m => m.Id))
            {
                foreach (var c in RangeCase.Of(missile.RangeKm!))
                {
                    var reached = atlas.Reach(site.Location, c.Kilometres).States.Where(s => s.State != site.Host).Select(s => s.State).ToList();
                    var members = scenario.Parties.Values.Where(p => p.Kind == PartyKind.Alliance && !world.AlliancesOf(d.Owner).Contains(p.Id))
                        .Select(a => (a.Id, reached.Count(world.MembersOf(a.Id).Contains))).ToList();
                    rows.Add(new MissileReach(site, d.Owner, missile, c, reached, members));
                }
            }
        }

        return rows;
    }
}
