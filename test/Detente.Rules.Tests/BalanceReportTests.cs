using Detente.Core;
using Detente.Rules.Audit;
using Detente.Rules.Runtime;

namespace Detente.Rules.Tests;

/// <summary>The even-handedness report counts facts by party, kind and provenance, sources by origin and findings by status.</summary>
public sealed class BalanceReportTests
{
    private static Finding Finding(string party, FindingStatus status, bool hypothetical = false) =>
        new(ClauseId.Parse("t/1"), party == "*" ? null : new PartyId(party), Subject.Party(party), status, "", []) { Hypothetical = hypothetical };

    [Fact]
    public void Of_TestWorld_CountsFactsByPartyKindAndProvenance()
    {
        var report = BalanceReport.Of(Some.Scenario(), []);
        var rus = report.Parties.Single(p => p.Party.Code == "RUS");
        Assert.Equal(2, rus.Facts["deployment"]["declared"]);
        Assert.Equal(2, rus.Facts["consent-as-party"]["reported"]);
        var usa = report.Parties.Single(p => p.Party.Code == "USA");
        Assert.Equal(1, usa.Facts["deployment"]["declared"]);
        Assert.Equal(1, usa.Facts["membership"]["all"]);
        Assert.Equal(2, report.Parties.Single(p => p.Party.Code == "LTU").Facts["consent-as-host"]["reported"]);
        Assert.False(report.Parties.Single(p => p.Party.Code == "LTU").Facts.ContainsKey("deployment"));
        Assert.Equal(1, report.SourcesByOrigin[BalanceReport.Unstated]);
        Assert.Equal(1, usa.CitedByOrigin[BalanceReport.Unstated]);
    }

    [Fact]
    public void Of_Findings_AreCountedByTheWordsPeopleRead_AndTheUncheckableRowIsNoParty()
    {
        var report = BalanceReport.Of(Some.Scenario(),
        [
            Finding("USA", FindingStatus.Violated), Finding("USA", FindingStatus.Violated, hypothetical: true),
            Finding("RUS", FindingStatus.Complied, hypothetical: true), Finding("*", FindingStatus.NotCheckable),
        ]);
        var usa = report.Parties.Single(p => p.Party.Code == "USA").Findings;
        Assert.Equal(1, usa["violated"]);
        Assert.Equal(1, usa["would violate"]);
        Assert.Equal(1, report.Parties.Single(p => p.Party.Code == "RUS").Findings["would comply"]);
        Assert.DoesNotContain(report.Parties, p => p.Party.Code == "*");
    }

    [Fact]
    public void Of_SourceOrigins_AreCountedPerPartyAndOverall()
    {
        var s = Some.Scenario();
        var graded = new Scenario(s.Info, s.Sources.Values.Select(x => x with { Origin = "RUS" }), s.Parties.Values, s.Systems.Values, s.Sites.Values,
            s.Memberships, s.Control, s.Deployments, s.Activities, s.Notifications, s.Observations, s.Consents);
        var report = BalanceReport.Of(graded, []);
        Assert.Equal(1, report.SourcesByOrigin["RUS"]);
        Assert.Equal(1, report.Parties.Single(p => p.Party.Code == "RUS").SourcesFrom);
        Assert.Equal(0, report.Parties.Single(p => p.Party.Code == "USA").SourcesFrom);
        Assert.Equal(1, report.Parties.Single(p => p.Party.Code == "USA").CitedByOrigin["RUS"]);
    }
}
