using Detente.Core;
using Detente.Node.Sessions;

namespace Detente.Node.Tests;

/// <summary>The filtered, ordered lists the browsing verbs show, over the shipped scenario.</summary>
public sealed class ScenarioQueriesTests
{
    private static readonly Lazy<Scenario> Shipped = new(() => new ScenarioSession(null).FromFiles);

    private static Scenario Scenario => Shipped.Value;

    [Fact]
    public void Deployments_ByHostAndOwner_AreThoseOfTheWorldInHostOwnerIdOrder()
    {
        var world = Scenario.At(new DateOnly(2022, 2, 20));
        var all = ScenarioQueries.Deployments(world);
        Assert.Equal(world.Deployments.Length, all.Count);
        Assert.Equal(all.OrderBy(d => d.Host).ThenBy(d => d.Owner).ThenBy(d => d.Id.Value, StringComparer.Ordinal), all);

        var pol = new PartyId("POL");
        var usa = new PartyId("USA");
        var usaInPol = ScenarioQueries.Deployments(world, pol, usa);
        Assert.NotEmpty(usaInPol);
        Assert.All(usaInPol, d => Assert.True(d.Host == pol && d.Owner == usa));
        Assert.Equal(all.Count(d => d.Host == pol && d.Owner == usa), usaInPol.Count);
    }

    [Fact]
    public void SitesSystemsAndParties_FilterByEachFieldAndSortById()
    {
        var rou = ScenarioQueries.Sites(Scenario, new PartyId("ROU"));
        Assert.NotEmpty(rou);
        Assert.All(rou, s => Assert.Equal("ROU", s.Host.Code));
        Assert.Equal(Scenario.Sites.Count, ScenarioQueries.Sites(Scenario).Count);

        var ground = ScenarioQueries.Systems(Scenario, launch: LaunchMode.Ground);
        Assert.NotEmpty(ground);
        Assert.All(ground, s => Assert.Equal(LaunchMode.Ground, s.Launch));
        Assert.Equal(ground.OrderBy(s => s.Id.Value, StringComparer.Ordinal), ground);

        var alliances = ScenarioQueries.Parties(Scenario, PartyKind.Alliance);
        Assert.Contains(alliances, p => p.Id.Code == "NATO");
        Assert.All(alliances, p => Assert.Equal(PartyKind.Alliance, p.Kind));
    }

    [Fact]
    public void RecentObservations_AreThoseBegunWithinTheWindow_AndAWindowBelowOneDayIsRejected()
    {
        var world = Scenario.At(new DateOnly(2022, 2, 20));
        var week = ScenarioQueries.RecentObservations(world, 7);
        Assert.All(week, o => Assert.True(o.Period.From <= world.At && (o.Period.To ?? o.Period.From) >= world.At.AddDays(-6)));
        Assert.True(ScenarioQueries.RecentObservations(world, 60).Count >= week.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => ScenarioQueries.RecentObservations(world, 0));
    }

    [Fact]
    public void Members_AreTheAlliancesMembershipsInForceByMember()
    {
        var world = Scenario.At(new DateOnly(2022, 1, 12));
        var nato = new PartyId("NATO");

        var members = ScenarioQueries.Members(world, nato);

        Assert.Equal(world.MembersOf(nato).Order(), members.Select(m => m.Member));
        Assert.All(members, m => Assert.Equal(nato, m.Alliance));
        Assert.Empty(ScenarioQueries.Members(world, new PartyId("POL")));
    }
}
