namespace Detente.Core.Tests;

public sealed class WorldTests
{
    [Fact]
    public void MembersOf_UsesTheMembershipsOfThatDay()
    {
        var scenario = Some.Scenario(memberships:
        [
            Some.Membership(Some.Usa, new DateOnly(1949, 8, 24)),
            Some.Membership(Some.Pol, new DateOnly(1999, 3, 12)),
        ]);
        Assert.Equal([Some.Usa], scenario.At(new DateOnly(1997, 5, 27)).MembersOf(Some.Nato).ToArray());
        Assert.Equal([Some.Pol, Some.Usa], scenario.At(new DateOnly(1999, 3, 12)).MembersOf(Some.Nato).ToArray());
        Assert.True(scenario.At(new DateOnly(2000, 1, 1)).IsMember(Some.Pol, Some.Nato));
    }

    [Fact]
    public void DeploymentsIn_OnlyThoseOfTheHostPresentThatDay()
    {
        var early = Some.Deployment(from: new DateOnly(2017, 1, 1), to: new DateOnly(2018, 1, 1));
        var late = Some.Deployment(from: new DateOnly(2022, 2, 5));
        var elsewhere = Some.Deployment(host: Some.Rus, owner: Some.Rus, from: new DateOnly(2010, 1, 1));
        var scenario = Some.Scenario(deployments: [early, late, elsewhere]);

        var world = scenario.At(new DateOnly(2022, 3, 1));
        Assert.Equal([late], world.DeploymentsIn(Some.Pol).ToArray());
        Assert.Equal([late], world.DeploymentsOf(Some.Usa).ToArray());
        Assert.Equal([elsewhere], world.DeploymentsIn(Some.Rus).ToArray());
        Assert.Equal(2, world.Deployments.Length);
        Assert.Equal([early], scenario.At(new DateOnly(2017, 6, 1)).DeploymentsIn(Some.Pol).ToArray());
        Assert.Empty(world.DeploymentsIn(Some.Usa));
    }

    [Fact]
    public void DeploymentsAt_GroupsBySite()
    {
        var site = new SiteId("base-1");
        var there = Some.Deployment(site: site);
        var scenario = Some.Scenario(deployments: [there, Some.Deployment()]);
        Assert.Equal([there], scenario.At(new DateOnly(2020, 1, 1)).DeploymentsAt(site).ToArray());
    }

    [Fact]
    public void Deployment_OwnerNotHost_IsForeign()
    {
        Assert.True(Some.Deployment(owner: Some.Usa, host: Some.Pol).IsForeign);
        Assert.False(Some.Deployment(owner: Some.Rus, host: Some.Rus).IsForeign);
    }
}
