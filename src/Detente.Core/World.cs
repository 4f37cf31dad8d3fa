using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Detente.Core;

/// <summary>
/// The world on one day: the memberships, control, deployments, activities, notifications and observations that hold then,
/// with indexes for the questions rules ask. Immutable and safe to share between threads.
/// </summary>
public sealed class World
{
    private readonly Dictionary<PartyId, ImmutableArray<PartyId>> _membersByAlliance;
    private readonly Dictionary<PartyId, ImmutableArray<PartyId>> _alliancesByMember;
    private readonly Dictionary<AreaId, ImmutableArray<Control>> _controlByArea;

    // The facts of the day (see the properties), grown without copying a basis world's (World.With).
    private readonly GrowingArray<Membership> _memberships;
    private readonly GrowingArray<Control> _control;
    private readonly GrowingArray<Deployment> _deployments;
    private readonly GrowingArray<Activity> _activities;
    private readonly GrowingArray<Notification> _notifications;
    private readonly GrowingArray<Observation> _observations;
    private readonly GrowingArray<Consent> _consents;

    // Invariant: these caches only ever hold the date-filtered group of the scenario's index for their key, so filling them
    // on first use does not change what the world answers; the world stays immutable to its callers.
    private readonly ConcurrentDictionary<PartyId, ImmutableArray<Deployment>> _deploymentsByHost = new();
    private readonly ConcurrentDictionary<PartyId, ImmutableArray<Deployment>> _deploymentsByOwner = new();
    private readonly ConcurrentDictionary<SiteId, ImmutableArray<Deployment>> _deploymentsBySite = new();

    internal World(Scenario scenario, DateOnly at)
    {
        Scenario = scenario;
        At = at;

        var memberships = scenario.Memberships.Where(m => m.Period.Contains(at)).ToImmutableArray();
        _membersByAlliance = memberships.GroupBy(m => m.Alliance)
            .ToDictionary(g => g.Key, g => g.Select(m => m.Member).Distinct().Order().ToImmutableArray());
        _alliancesByMember = memberships.GroupBy(m => m.Member)
            .ToDictionary(g => g.Key, g => g.Select(m => m.Alliance).Distinct().Order().ToImmutableArray());
        _memberships = new(memberships);

        var control = scenario.Control.Where(c => c.Period.Contains(at)).ToImmutableArray();
        _controlByArea = control.GroupBy(c => c.Area).ToDictionary(g => g.Key, g => g.ToImmutableArray());
        _control = new(control);

        _deployments = new(Active(scenario.Deployments, at));
        _activities = new(scenario.Activities.Where(a => a.Period.Contains(at)).ToImmutableArray());
        _notifications = new(scenario.Notifications.Where(n => n.Given <= at).ToImmutableArray());
        _observations = new(scenario.Observations.Where(o => o.Period.Contains(at)).ToImmutableArray());
        _consents = new(scenario.Consents.Where(c => c.Period.Contains(at)).ToImmutableArray());
    }

    // A world of a grown scenario on the same day: the basis's facts were filtered by date already; only the new ones are, and they
    // are appended to the basis's without copying them (GrowingArray).
    private World(World basis, Scenario grown)
    {
        Scenario = grown;
        At = basis.At;
        var at = basis.At;
        var before = basis.Scenario;
        _memberships = basis._memberships.Add(New(grown.GrowingMemberships, before.GrowingMemberships, m => m.Period.Contains(at)));
        var sameMembers = ReferenceEquals(_memberships, basis._memberships);
        _membersByAlliance = sameMembers
            ? basis._membersByAlliance
            : Memberships.GroupBy(m => m.Alliance).ToDictionary(g => g.Key, g => g.Select(m => m.Member).Distinct().Order().ToImmutableArray());
        _alliancesByMember = sameMembers
            ? basis._alliancesByMember
            : Memberships.GroupBy(m => m.Member).ToDictionary(g => g.Key, g => g.Select(m => m.Alliance).Distinct().Order().ToImmutableArray());
        _control = basis._control.Add(New(grown.GrowingControl, before.GrowingControl, c => c.Period.Contains(at)));
        _controlByArea = ReferenceEquals(_control, basis._control)
            ? basis._controlByArea
            : Control.GroupBy(c => c.Area).ToDictionary(g => g.Key, g => g.ToImmutableArray());
        _deployments = basis._deployments.Add(New(grown.GrowingDeployments, before.GrowingDeployments, d => d.Period.Contains(at)));
        _activities = basis._activities.Add(New(grown.GrowingActivities, before.GrowingActivities, a => a.Period.Contains(at)));
        _notifications = basis._notifications.Add(New(grown.GrowingNotifications, before.GrowingNotifications, n => n.Given <= at));
        _observations = basis._observations.Add(New(grown.GrowingObservations, before.GrowingObservations, o => o.Period.Contains(at)));
        _consents = basis._consents.Add(New(grown.GrowingConsents, before.GrowingConsents, c => c.Period.Contains(at)));
    }

    // The facts of the grown scenario after the basis's, that hold on the day.
    private static ReadOnlySpan<T> New<T>(GrowingArray<T> grown, GrowingArray<T> basis, Func<T, bool> holds)
    {
        if (grown.Length == basis.Length)
        {
            return [];
        }

        var added = new List<T>(grown.Length - basis.Length);
        grown.CopyFrom(basis.Length, added);
        added.RemoveAll(f => !holds(f));
        return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(added);
    }

    /// <summary>
    /// The world of <paramref name="grown"/> on this world's day. When <paramref name="grown"/> was grown from this world's scenario
    /// (<see cref="Core.Scenario(Core.Scenario, IReadOnlyCollection{Membership}, IReadOnlyCollection{Control}, IReadOnlyCollection{Deployment}, IReadOnlyCollection{Activity}, IReadOnlyCollection{Notification}, IReadOnlyCollection{Observation}, IReadOnlyCollection{Consent})"/>),
    /// only its new facts are filtered by date; otherwise this is <c>grown.At(At)</c>.
    /// </summary>
    public World With(Scenario grown)
    {
        ArgumentNullException.ThrowIfNull(grown);
        return ReferenceEquals(grown, Scenario) ? this
            : grown.GrownFrom is { } from && ReferenceEquals(from, Scenario.Lineage) ? new World(this, grown)
            : grown.At(At);
    }

    /// <summary>The scenario this is a view of.</summary>
    public Scenario Scenario { get; }

    /// <summary>The day.</summary>
    public DateOnly At { get; }

    /// <summary>Memberships in force on the day.</summary>
    public ImmutableArray<Membership> Memberships => _memberships.All;

    /// <summary>Control facts in force on the day (several for one area when disputed).</summary>
    public ImmutableArray<Control> Control => _control.All;

    /// <summary>Deployments present on the day.</summary>
    public ImmutableArray<Deployment> Deployments => _deployments.All;

    /// <summary>Activities under way on the day.</summary>
    public ImmutableArray<Activity> Activities => _activities.All;

    /// <summary>Notifications given on or before the day.</summary>
    public ImmutableArray<Notification> Notifications => _notifications.All;

    /// <summary>Observations that apply to the day.</summary>
    public ImmutableArray<Observation> Observations => _observations.All;

    /// <summary>Claims about host states' consent to foreign forces that hold on the day.</summary>
    public ImmutableArray<Consent> Consents => _consents.All;

    /// <summary>The consent claims of the day about <paramref name="host"/>'s consent to <paramref name="party"/>'s forces.</summary>
    public IEnumerable<Consent> ConsentsFor(PartyId host, PartyId party) => Consents.Where(c => c.Host == host && c.Party == party);

    /// <summary>The consent claims of the day that concern one deployment (<see cref="Consent.Covers"/>).</summary>
    public IEnumerable<Consent> ConsentsFor(Deployment deployment) => Consents.Where(c => c.Covers(deployment));

    /// <summary>The members of an alliance on the day, sorted by code.</summary>
    public ImmutableArray<PartyId> MembersOf(PartyId alliance) =>
        _membersByAlliance.TryGetValue(alliance, out var members) ? members : [];

    /// <summary>The alliances a state belongs to on the day.</summary>
    public ImmutableArray<PartyId> AlliancesOf(PartyId state) =>
        _alliancesByMember.TryGetValue(state, out var alliances) ? alliances : [];

    /// <summary>True when <paramref name="state"/> is a member of <paramref name="alliance"/> on the day.</summary>
    public bool IsMember(PartyId state, PartyId alliance) => AlliancesOf(state).Contains(alliance);

    /// <summary>Deployments hosted by a state.</summary>
    public ImmutableArray<Deployment> DeploymentsIn(PartyId host) =>
        _deploymentsByHost.GetOrAdd(host, static (k, w) => w.Active(w.Scenario.DeploymentsByHost, k), this);

    /// <summary>Deployments owned by a party.</summary>
    public ImmutableArray<Deployment> DeploymentsOf(PartyId owner) =>
        _deploymentsByOwner.GetOrAdd(owner, static (k, w) => w.Active(w.Scenario.DeploymentsByOwner, k), this);

    /// <summary>Deployments at a site.</summary>
    public ImmutableArray<Deployment> DeploymentsAt(SiteId site) =>
        _deploymentsBySite.GetOrAdd(site, static (k, w) => w.Active(w.Scenario.DeploymentsBySite, k), this);

    /// <summary>Who controls a mapped area on the day: one fact, several when disputed, none when unrecorded.</summary>
    public ImmutableArray<Control> ControlOf(AreaId area) =>
        _controlByArea.TryGetValue(area, out var list) ? list : [];

    /// <summary>Activities that share at least one day with [<paramref name="from"/>, <paramref name="to"/>], whatever the world's day.</summary>
    public IEnumerable<Activity> ActivitiesBetween(DateOnly from, DateOnly to) =>
        Scenario.Activities.Where(a => a.Period.Overlaps(from, to));

    /// <summary>Observations that share at least one day with [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public IEnumerable<Observation> ObservationsBetween(DateOnly from, DateOnly to) =>
        Scenario.Observations.Where(o => o.Period.Overlaps(from, to));

    private ImmutableArray<Deployment> Active<TKey>(DeploymentGroups<TKey> groups, TKey key)
        where TKey : notnull =>
        Active(groups[key], At);

    private static ImmutableArray<Deployment> Active(ImmutableArray<Deployment> all, DateOnly at)
    {
        var builder = ImmutableArray.CreateBuilder<Deployment>(all.Length);
        foreach (var d in all.AsSpan())
        {
            if (d.Period.Contains(at))
            {
                builder.Add(d);
            }
        }

        return builder.DrainToImmutable();
    }
}
