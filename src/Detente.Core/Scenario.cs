using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Detente.Core;

/// <summary>What a scenario is called and says of itself.</summary>
/// <param name="Id">Its id, e.g. <c>europe-2022</c>.</param>
/// <param name="Title">Its title.</param>
/// <param name="Description">What it covers.</param>
public sealed record ScenarioInfo(string Id, string Title, string? Description);

/// <summary>
/// Every fact of a world across all dates: parties, sources, the catalogue, sites and the dated facts.
/// Immutable; <see cref="At"/> takes the snapshot at a date.
/// </summary>
public sealed class Scenario
{
    private readonly GrowingArray<Membership> _memberships;
    private readonly GrowingArray<Control> _control;
    private readonly GrowingArray<Deployment> _deployments;
    private readonly GrowingArray<Activity> _activities;
    private readonly GrowingArray<Notification> _notifications;
    private readonly GrowingArray<Observation> _observations;
    private readonly GrowingArray<Consent> _consents;

    /// <summary>Creates a scenario from already validated facts; ids must be unique per kind.</summary>
    public Scenario(
        ScenarioInfo info,
        IEnumerable<Source> sources,
        IEnumerable<Party> parties,
        IEnumerable<WeaponSystem> systems,
        IEnumerable<Site> sites,
        ImmutableArray<Membership> memberships,
        ImmutableArray<Control> control,
        ImmutableArray<Deployment> deployments,
        ImmutableArray<Activity> activities,
        ImmutableArray<Notification> notifications,
        ImmutableArray<Observation> observations,
        ImmutableArray<Consent> consents)
    {
        ArgumentNullException.ThrowIfNull(info);
        Info = info;
        Sources = sources.ToFrozenDictionary(s => s.Id);
        Parties = parties.ToFrozenDictionary(p => p.Id);
        Systems = systems.ToFrozenDictionary(s => s.Id);
        Sites = sites.ToFrozenDictionary(s => s.Id);
        _memberships = new(memberships);
        _control = new(control);
        _deployments = new(deployments);
        _activities = new(activities);
        _notifications = new(notifications);
        _observations = new(observations);
        _consents = new(consents);
        // The three indexes are independent; build them side by side.
        DeploymentGroups<PartyId>? byHost = null, byOwner = null;
        DeploymentGroups<SiteId>? bySite = null;
        Parallel.Invoke(
            () => byHost = DeploymentGroups<PartyId>.Of(deployments, d => d.Host),
            () => byOwner = DeploymentGroups<PartyId>.Of(deployments, d => d.Owner),
            () => bySite = DeploymentGroups<SiteId>.Of(deployments, d => d.Site!.Value, d => d.Site is not null));
        DeploymentsByHost = byHost!;
        DeploymentsByOwner = byOwner!;
        DeploymentsBySite = bySite!;
    }

    /// <summary>
    /// A scenario holding <paramref name="basis"/>'s facts followed by more dated facts, for a world that grows as statements
    /// arrive: the parties, sources, systems, sites and description are <paramref name="basis"/>'s, and the deployments' indexes are
    /// rebuilt only for the groups the new deployments join. <see cref="World.With"/> then takes the new facts into a world of
    /// <paramref name="basis"/> without filtering the old ones again.
    /// </summary>
    public Scenario(
        Scenario basis,
        IReadOnlyCollection<Membership> memberships,
        IReadOnlyCollection<Control> control,
        IReadOnlyCollection<Deployment> deployments,
        IReadOnlyCollection<Activity> activities,
        IReadOnlyCollection<Notification> notifications,
        IReadOnlyCollection<Observation> observations,
        IReadOnlyCollection<Consent> consents)
    {
        ArgumentNullException.ThrowIfNull(basis);
        Info = basis.Info;
        Sources = basis.Sources;
        Parties = basis.Parties;
        Systems = basis.Systems;
        Sites = basis.Sites;
        _memberships = basis._memberships.Add(memberships);
        _control = basis._control.Add(control);
        _deployments = basis._deployments.Add(deployments);
        _activities = basis._activities.Add(activities);
        _notifications = basis._notifications.Add(notifications);
        _observations = basis._observations.Add(observations);
        _consents = basis._consents.Add(consents);
        DeploymentsByHost = basis.DeploymentsByHost.With(deployments);
        DeploymentsByOwner = basis.DeploymentsByOwner.With(deployments);
        DeploymentsBySite = basis.DeploymentsBySite.With(deployments);
        GrownFrom = basis.Lineage;
    }

    /// <summary>Identifies this scenario to the scenarios grown from it (never the scenario itself, so a chain of growth holds no old arrays).</summary>
    internal object Lineage { get; } = new();

    /// <summary>The <see cref="Lineage"/> of the scenario this one was grown from; null for a scenario built whole.</summary>
    internal object? GrownFrom { get; }

    /// <summary>Name and description.</summary>
    public ScenarioInfo Info { get; }

    /// <summary>Sources by id.</summary>
    public FrozenDictionary<SourceId, Source> Sources { get; }

    /// <summary>Parties by id.</summary>
    public FrozenDictionary<PartyId, Party> Parties { get; }

    /// <summary>The system catalogue by id.</summary>
    public FrozenDictionary<SystemId, WeaponSystem> Systems { get; }

    /// <summary>Sites by id.</summary>
    public FrozenDictionary<SiteId, Site> Sites { get; }

    /// <summary>Alliance memberships, all dates.</summary>
    public ImmutableArray<Membership> Memberships => _memberships.All;

    /// <summary>Control of areas, all dates.</summary>
    public ImmutableArray<Control> Control => _control.All;

    /// <summary>Deployments, all dates.</summary>
    public ImmutableArray<Deployment> Deployments => _deployments.All;

    /// <summary>Activities, all dates.</summary>
    public ImmutableArray<Activity> Activities => _activities.All;

    /// <summary>Notifications, all dates.</summary>
    public ImmutableArray<Notification> Notifications => _notifications.All;

    /// <summary>Observations, all dates.</summary>
    public ImmutableArray<Observation> Observations => _observations.All;

    /// <summary>Claims about host states' consent to foreign forces, all dates (several for one host and party when disputed).</summary>
    public ImmutableArray<Consent> Consents => _consents.All;

    /// <summary>How many dated facts the scenario holds.</summary>
    public int DatedFactCount =>
        _memberships.Length + _control.Length + _deployments.Length + _activities.Length + _notifications.Length + _observations.Length + _consents.Length;

    /// <summary>The first and last day any dated fact mentions.</summary>
    public (DateOnly First, DateOnly Last) Span()
    {
        var first = DateOnly.MaxValue;
        var last = DateOnly.MinValue;
        void Take(Period p)
        {
            if (p.From < first) first = p.From;
            var end = p.To ?? p.From;
            if (end > last) last = end;
        }

        foreach (var m in Memberships) Take(m.Period);
        foreach (var c in Control) Take(c.Period);
        foreach (var d in Deployments) Take(d.Period);
        foreach (var a in Activities) Take(a.Period);
        foreach (var o in Observations) Take(o.Period);
        foreach (var c in Consents) Take(c.Period);
        foreach (var n in Notifications) Take(new Period(n.Given));
        return first <= last ? (first, last) : (default, default);
    }

    /// <summary>Deployments of all dates grouped by host state.</summary>
    internal DeploymentGroups<PartyId> DeploymentsByHost { get; }

    /// <summary>Deployments of all dates grouped by owner.</summary>
    internal DeploymentGroups<PartyId> DeploymentsByOwner { get; }

    /// <summary>Deployments of all dates grouped by site.</summary>
    internal DeploymentGroups<SiteId> DeploymentsBySite { get; }

    // The dated facts, grown without copying what a grown scenario's basis held (joined into one array when first read).
    internal GrowingArray<Membership> GrowingMemberships => _memberships;

    internal GrowingArray<Control> GrowingControl => _control;

    internal GrowingArray<Deployment> GrowingDeployments => _deployments;

    internal GrowingArray<Activity> GrowingActivities => _activities;

    internal GrowingArray<Notification> GrowingNotifications => _notifications;

    internal GrowingArray<Observation> GrowingObservations => _observations;

    internal GrowingArray<Consent> GrowingConsents => _consents;

    /// <summary>The snapshot of the world on <paramref name="day"/>.</summary>
    public World At(DateOnly day) => new(this, day);

    /// <summary>The display name of a party, or its code when unknown.</summary>
    public string NameOf(PartyId party) => Parties.TryGetValue(party, out var p) ? p.Name : party.Code;
}
