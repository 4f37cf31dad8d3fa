using System.Collections.Immutable;

namespace Detente.Core.Tests;

/// <summary>Small valid facts for tests; each call makes a fresh one with the given changes.</summary>
internal static class Some
{
    public static readonly SourceId Source = new("test-source");
    public static readonly Evidence Evidence = Core.Evidence.From(Source, Confidence.Verified);
    public static readonly PartyId Nato = new("NATO");
    public static readonly PartyId Usa = new("USA");
    public static readonly PartyId Pol = new("POL");
    public static readonly PartyId Rus = new("RUS");

    private static int _next;

    public static Deployment Deployment(PartyId? owner = null, PartyId? host = null, DateOnly? from = null, DateOnly? to = null, SiteId? site = null) =>
        new(new FactId($"d-{Interlocked.Increment(ref _next)}"), owner ?? Usa, host ?? Pol, site, null, null, null, Quantity.Of(100),
            ForceUnit.Troops, Permanence.Rotational, Mission.Combat, new Period(from ?? new DateOnly(2017, 1, 1), to), Provenance.Reported, Evidence);

    public static Membership Membership(PartyId member, DateOnly joined, DateOnly? lastDay = null) =>
        new(new FactId($"m-{Interlocked.Increment(ref _next)}"), Nato, member, new Period(joined, lastDay), Evidence);

    public static Scenario Scenario(ImmutableArray<Membership> memberships = default, ImmutableArray<Deployment> deployments = default) =>
        new(new ScenarioInfo("test", "Test", null), [new Source(Source, "T", "P", "2022", null, SourceKind.Official)],
            [new Party(Nato, "NATO", PartyKind.Alliance, null, Evidence), new Party(Usa, "United States", PartyKind.State),
             new Party(Pol, "Poland", PartyKind.State), new Party(Rus, "Russia", PartyKind.State)],
            [], [], memberships.IsDefault ? [] : memberships, [], deployments.IsDefault ? [] : deployments, [], [], [], []);
}
