using Detente.Core;
using Detente.Geo;

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
