using System.Collections.Immutable;
using Detente.Core;

namespace Detente.Rules.Tests;

/// <summary>A small world to evaluate rules in: a few deployments and NATO memberships, on 2022-01-12.</summary>
internal static class Some
{
    public static readonly DateOnly Day = new(2022, 1, 12);

    private static readonly SourceId Source = new("test-source");

    public static Evidence Evidence(Confidence c = Confidence.Verified) => Core.Evidence.From(Source, c);

    public static Deployment Deployment(string id, string owner, string host, Quantity quantity, DateOnly? from = null) =>
        new(new FactId(id), new PartyId(owner), new PartyId(host), null, null, null, null, quantity, ForceUnit.Troops,
            Permanence.Permanent, Mission.Combat, new Period(from ?? new DateOnly(2021, 10, 1)), Provenance.Declared, Evidence());

    public static Membership Member(string state, DateOnly from) =>
        new(new FactId($"nato-{state.ToLowerInvariant()}"), new PartyId("NATO"), new PartyId(state), new Period(from), Evidence());

    /// <summary>An exercise of one participant on its own territory.</summary>
    public static Activity Activity(string id, string participant, DateOnly start, DateOnly end, Quantity troops) =>
        new(new FactId(id), id, ActivityKind.Exercise, [new PartyId(participant)], [new PartyId(participant)], new Period(start, end), null, [],
            troops, [], Evidence());

    public static Scenario Scenario(IEnumerable<Activity>? activities = null) => new Scenario(
        new ScenarioInfo("test", "test", null),
        new[] { new Source(Source, "Test", "Detente", "2026", null, SourceKind.Synthetic) },
        new[] { "USA", "POL", "RUS", "DEU", "LTU" }.Select(c => new Party(new PartyId(c), c, PartyKind.State))
            .Append(new Party(new PartyId("NATO"), "NATO", PartyKind.Alliance)),
        Array.Empty<WeaponSystem>(),
        Array.Empty<Site>(),
        [Member("USA", new DateOnly(1949, 4, 4)), Member("DEU", new DateOnly(1955, 5, 6)), Member("POL", new DateOnly(1999, 3, 12))],
        [],
        [
            Deployment("usa-pol", "USA", "POL", Quantity.Of(176)),
            Deployment("range-claims", "RUS", "LTU", Quantity.FromClaims([new Claim(6400, 6400, new PartyId("RUS")), new Claim(12800, 12800)])),
            Deployment("open-range", "RUS", "DEU", Quantity.Between(3000, 5000)),
        ],
        activities?.ToImmutableArray() ?? [],
        [Notification("a1-figure", "RUS", NotificationKind.Other, "a1", new DateOnly(2021, 12, 20))],
        [],
        [
            // POL consents to the US deployment; on LTU's consent to the Russian one the claims disagree; DEU's is not recorded.
            Consent("pol-usa", "POL", "USA", ConsentStance.Given, new DateOnly(2017, 1, 1), "usa-pol"),
            Consent("ltu-rus-given", "LTU", "RUS", ConsentStance.Given, new DateOnly(2020, 1, 1), by: "RUS"),
            Consent("ltu-rus-refused", "LTU", "RUS", ConsentStance.Refused, new DateOnly(2020, 1, 1), by: "LTU"),
        ]);

    /// <summary>A notice of an activity by a party, given on a day.</summary>
    public static Notification Notification(string id, string notifier, NotificationKind kind, string activity, DateOnly given) =>
        new(new FactId(id), new PartyId(notifier), kind, new FactId(activity), null, given, null, Evidence());

    public static Consent Consent(string id, string host, string party, ConsentStance stance, DateOnly from, string? deployment = null, string? by = null) =>
        new(new FactId(id), new PartyId(host), new PartyId(party), stance, new Period(from), Provenance.Reported, Evidence(),
            by is null ? null : new PartyId(by), deployment is null ? [] : [new FactId(deployment)]);
}
