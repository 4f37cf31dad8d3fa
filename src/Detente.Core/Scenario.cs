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
        Memberships = memberships;
        Control = control;
        Deployments = deployments;
        Activities = activities;
        Notifications = notifications;
        Observations = observations;
        Consents = consents.IsDefault ? [] : consents;
        // The three indexes are independent; build them side by side.
        FrozenDictionary<PartyId, ImmutableArray<Deployment>>? byHost = null, byOwner = null;
        FrozenDictionary<SiteId, ImmutableArray<Deployment>>? bySite = null;
        Parallel.Invoke(
            () => byHost = Group<PartyId>(deployments, d => d.Host),
            () => byOwner = Group<PartyId>(deployments, d => d.Owner),
            () => bySite = Group(deployments, d => d.Site));
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
        Memberships = basis.Memberships.AddRange(memberships);
        Control = basis.Control.AddRange(control);
        Deployments = basis.Deployments.AddRange(deployments);
        Activities = basis.Activities.AddRange(activities);
        Notifications = basis.Notifications.AddRange(notifications);
        Observations = basis.Observations.AddRange(observations);
        Consents = basis.Consents.AddRange(consents);
        DeploymentsByHost = Regroup(basis.DeploymentsByHost, deployments, d => d.Host);
        DeploymentsByOwner = Regroup(basis.DeploymentsByOwner, deployments, d => d.Owner);
        DeploymentsBySite = Regroup(basis.DeploymentsBySite, deployments.Where(d => d.Site is not null), d => d.Site!.Value);
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
    public ImmutableArray<Membership> Memberships { get; }

    /// <summary>Control of areas, all dates.</summary>
    public ImmutableArray<Control> Control { get; }

    /// <summary>Deployments, all dates.</summary>
    public ImmutableArray<Deployment> Deployments { get; }

    /// <summary>Activities, all dates.</summary>
    public ImmutableArray<Activity> Activities { get; }

    /// <summary>Notifications, all dates.</summary>
    public ImmutableArray<Notification> Notifications { get; }

    /// <summary>Observations, all dates.</summary>
    public ImmutableArray<Observation> Observations { get; }

    /// <summary>Claims about host states' consent to foreign forces, all dates (several for one host and party when disputed).</summary>
    public ImmutableArray<Consent> Consents { get; }

    /// <summary>How many dated facts the scenario holds.</summary>
    public int DatedFactCount =>
        Memberships.Length + Control.Length + Deployments.Length + Activities.Length + Notifications.Length + Observations.Length + Consents.Length;

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
    internal FrozenDictionary<PartyId, ImmutableArray<Deployment>> DeploymentsByHost { get; }

    /// <summary>Deployments of all dates grouped by owner.</summary>
    internal FrozenDictionary<PartyId, ImmutableArray<Deployment>> DeploymentsByOwner { get; }

    /// <summary>Deployments of all dates grouped by site.</summary>
    internal FrozenDictionary<SiteId, ImmutableArray<Deployment>> DeploymentsBySite { get; }

    /// <summary>The snapshot of the world on <paramref name="day"/>.</summary>
    public World At(DateOnly day) => new(this, day);

    /// <summary>The display name of a party, or its code when unknown.</summary>
    public string NameOf(PartyId party) => Parties.TryGetValue(party, out var p) ? p.Name : party.Code;

    private static FrozenDictionary<TKey, ImmutableArray<Deployment>> Regroup<TKey>(
        FrozenDictionary<TKey, ImmutableArray<Deployment>> groups, IEnumerable<Deployment> added, Func<Deployment, TKey> key)
        where TKey : notnull
    {
        Dictionary<TKey, ImmutableArray<Deployment>>? changed = null;
        foreach (var d in added)
        {
            changed ??= new Dictionary<TKey, ImmutableArray<Deployment>>(groups);
            var k = key(d);
            changed[k] = changed.TryGetValue(k, out var group) ? group.Add(d) : [d];
        }

        return changed is null ? groups : changed.ToFrozenDictionary();
    }

    // Two passes, no growing lists: the first numbers each deployment's group (one hash look-up per deployment) and counts the
    // groups, the second fills arrays of the exact size in the deployments' order. Groups come in the order of their first deployment.
    private static FrozenDictionary<TKey, ImmutableArray<Deployment>> Group<TKey>(ImmutableArray<Deployment> deployments, Func<Deployment, TKey?> key)
        where TKey : struct
    {
        var numbers = new Dictionary<TKey, int>();
        var keys = new List<TKey>();
        var counts = new List<int>();
        var groupOf = new int[deployments.Length];
        for (var i = 0; i < deployments.Length; i++)
        {
            if (key(deployments[i]) is not { } k)
            {
                groupOf[i] = -1;
                continue;
            }

            ref var number = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(numbers, k, out var exists);
            if (!exists)
            {
                number = keys.Count;
                keys.Add(k);
                counts.Add(0);
            }

            groupOf[i] = number;
            counts[number]++;
        }

        var arrays = new Deployment[keys.Count][];
        for (var g = 0; g < arrays.Length; g++)
        {
            arrays[g] = new Deployment[counts[g]];
            counts[g] = 0;
        }

        for (var i = 0; i < deployments.Length; i++)
        {
            if (groupOf[i] is var g and >= 0)
            {
                arrays[g][counts[g]++] = deployments[i];
            }
        }

        var groups = new Dictionary<TKey, ImmutableArray<Deployment>>(keys.Count);
        for (var g = 0; g < arrays.Length; g++)
        {
            groups.Add(keys[g], System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(arrays[g]));
        }

        return groups.ToFrozenDictionary();
    }
}
