using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Geo;
using Detente.Node.Reports;
using Detente.Node.Reports.Demo;
using Detente.Node.Reports.Situation;
using Detente.Node.Sessions;

namespace Detente.Node.Tests.Reports;

/// <summary>The world reports the CLI and the server show, over the shipped scenario: what they count, and their JSON.</summary>
public sealed class WorldReportsTests
{
    private static readonly Lazy<ScenarioSession> Shipped = new(() => new ScenarioSession(null));

    private static Scenario Scenario => Shipped.Value.FromFiles;

    private static Atlas Atlas => Shipped.Value.Atlas;

    [Fact]
    public void WorldSummary_ForeignForcesByHost_CountEveryForeignDeploymentAndSumOnlyTroops()
    {
        var world = Scenario.At(new DateOnly(2022, 2, 20));
        var summary = WorldSummary.Build(world, 14);

        Assert.Equal(world.Deployments.Count(d => d.IsForeign), summary.ForeignByHost.Sum(f => f.Deployments));
        Assert.Equal(summary.ForeignByHost.Select(f => f.Host).Order(), summary.ForeignByHost.Select(f => f.Host));
        foreach (var f in summary.ForeignByHost)
        {
            var troops = world.Deployments.Where(d => d.IsForeign && d.Host == f.Host && d.Unit == ForceUnit.Troops).ToList();
            Assert.Equal(troops.Count, f.TroopDeployments);
            Assert.Equal(troops.Sum(d => d.Quantity.Low), f.TroopsLow);
            Assert.DoesNotContain(f.Host, f.Owners);
        }

        Assert.Contains(summary.ForeignByHost, f => f.TroopDeployments == 0 || f.TroopDeployments < f.Deployments);
    }

    [Fact]
    public void WorldSummary_Json_NamesTheObservationWindowAndListsOnlyItsObservations()
    {
        var world = Scenario.At(new DateOnly(2022, 2, 20));
        var json = WorldSummary.Build(world, 3).ToJson();

        Assert.Equal("2022-02-18", (string?)json["observations_window"]!["from"]);
        Assert.Equal(3, (int?)json["observations_window"]!["days"]);
        var ids = json["observations"]!.AsArray().Select(o => (string?)o!["id"]).ToList();
        Assert.Equal(ScenarioQueries.RecentObservations(world, 3).Select(o => o.Id.Value), ids);
        Assert.True(ScenarioQueries.RecentObservations(world, 30).Count > ids.Count, "a wider window holds more observations");
        Assert.Equal(world.Control.Length, json["control"]!.AsArray().Count);
    }

    [Fact]
    public void ReachReport_FromSiteWithADisputedRange_AnswersOncePerClaimAndListsWhatIsDeployed()
    {
        var site = Scenario.Sites[new SiteId("chernyakhovsk")];
        var system = Scenario.Systems[new SystemId("9m728")];
        Assert.True(system.RangeKm!.IsDisputed);

        var report = ReachReport.FromSite(Atlas, site, system, Scenario.At(new DateOnly(2022, 1, 12)));

        Assert.Equal(RangeCase.Of(system.RangeKm).Count, report.Answers.Count);
        Assert.True(report.Answers.Count > 1);
        Assert.NotEmpty(report.Deployed!);
        var json = report.ToJson(speedKmh: null);
        Assert.True((bool)json["range_disputed"]!);
        Assert.False(json.ContainsKey("reached"), "with several answers the single 'reached' list would take a side");
        Assert.Equal(report.Answers.Count, json["answers"]!.AsArray().Count);
    }

    [Fact]
    public void ReachReport_FromPoint_ReachedHasFlightTimesOnlyWithASpeed()
    {
        var report = ReachReport.FromPoint(Atlas, new GeoPoint(54.6, 21.2), 500);
        var state = report.Answers.Single().Reach.States[0];

        var without = report.ToJson(null)["reached"]!.AsArray()[0]!;
        var with = report.ToJson(1000)["reached"]!.AsArray()[0]!;

        Assert.Null(without["flight_time_h"]);
        Assert.Equal(Math.Round(state.Kilometres / 1000, 3), (double)with["flight_time_h"]!, 3);
        Assert.False(report.ToJson(null).ContainsKey("site"));
    }

    [Fact]
    public void ReachReport_FromSiteWithASystemWithoutRange_IsRefused()
    {
        var noRange = Scenario.Systems.Values.First(s => s.RangeKm is null);

        Assert.Throws<ArgumentException>(() => ReachReport.FromSite(Atlas, Scenario.Sites.Values.First(), noRange, null));
    }

    [Fact]
    public void GeoJsonRing_IsClosedAndRunsCounterClockwise()
    {
        var ring = GeoJsonFeatures.Ring(new GeoPoint(50, 20), 300, [], vertices: 8)["geometry"]!["coordinates"]!.AsArray()[0]!.AsArray();

        Assert.Equal(9, ring.Count);
        Assert.Equal(ring[0]!.ToJsonString(), ring[8]!.ToJsonString());

        // The shoelace sum over (lon, lat) is positive for a counter-clockwise ring.
        var points = ring.Select(p => ((double)p![0]!, (double)p[1]!)).ToList();
        var area = points.Zip(points.Skip(1), (a, b) => (a.Item1 * b.Item2) - (b.Item1 * a.Item2)).Sum();
        Assert.True(area > 0);
    }

    [Fact]
    public void FactJson_DisputedFigure_KeepsEveryClaimAndAnExactOneHasItsValue()
    {
        var disputed = Scenario.Systems.Values.First(s => s.RangeKm is { IsDisputed: true }).RangeKm!;
        var json = FactJson.Quantity(disputed);
        Assert.True((bool)json["disputed"]!);
        Assert.Equal(disputed.Claims.Length, json["claims"]!.AsArray().Count);

        var exact = FactJson.Quantity(Quantity.Of(5));
        Assert.Equal(5, (double?)exact["value"]);
        Assert.False(exact.ContainsKey("claims"), "one unattributed claim without evidence says nothing the bounds do not");
    }

    [Fact]
    public void FactJson_FactFromFiles_HasNoRecordIndex()
    {
        var d = Scenario.At(new DateOnly(2022, 2, 20)).Deployments[0];

        var json = FactJson.Deployment(d);

        Assert.False(json.ContainsKey("record_index"));
        Assert.Equal(d.Evidence.Sources.Length, json["sources"]!.AsArray().Count);
    }

    [Fact]
    public void DemoWorld_Enlargement_CountsNatoThenAndNowAndOnlyForeignForcesInStatesThatJoined()
    {
        var demo = DemoWorld.Build(Scenario.At(new DateOnly(2022, 1, 12)), Atlas);

        var nato = demo.Enlargement.Single(e => e.Alliance == new PartyId("NATO"));
        Assert.Equal(16, nato.MembersThen);
        Assert.Equal(30, nato.MembersNow);
        Assert.Contains(new PartyId("POL"), nato.Joined);
        Assert.NotEmpty(nato.Stationed);
        Assert.All(nato.Stationed, d => Assert.True(d.IsForeign && nato.Joined.Contains(d.Host)));
    }

    [Fact]
    public void DemoWorld_MissileReach_LeavesOutTheHostAndCountsOnlyAlliancesTheOwnerIsNotIn()
    {
        var world = Scenario.At(new DateOnly(2022, 1, 12));
        var demo = DemoWorld.Build(world, Atlas);

        Assert.NotEmpty(demo.MissileReach);
        Assert.All(demo.MissileReach, m =>
        {
            Assert.DoesNotContain(m.Site.Host, m.Reached);
            Assert.All(m.AllianceMembersReached, a => Assert.DoesNotContain(a.Alliance, world.AlliancesOf(m.Owner)));
        });
        Assert.All(demo.BuildUp, o => Assert.Equal("troops", o.What));
    }
}
