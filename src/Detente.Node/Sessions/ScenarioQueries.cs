using Detente.Core;

namespace Detente.Node.Sessions;

/// <summary>
/// The lists the browsing verbs show, filtered and in a stable order (ids compared ordinally), so that every edge — the CLI,
/// the server — lists the same facts the same way. A null filter keeps everything.
/// </summary>
public static class ScenarioQueries
{
    /// <summary>The deployments present in <paramref name="world"/>, in a host state and of an owner, by host, owner and id.</summary>
    public static IReadOnlyList<Deployment> Deployments(World world, PartyId? host = null, PartyId? owner = null)
    {
        ArgumentNullException.ThrowIfNull(world);
        IEnumerable<Deployment> list = host is { } h ? world.DeploymentsIn(h) : world.Deployments;
        if (owner is { } o)
        {
            list = list.Where(d => d.Owner == o);
        }

        return [.. list.OrderBy(d => d.Host).ThenBy(d => d.Owner).ThenBy(d => d.Id.Value, StringComparer.Ordinal)];
    }

    /// <summary>The scenario's sites in a host state and of a kind, by id.</summary>
    public static IReadOnlyList<Site> Sites(Scenario scenario, PartyId? host = null, SiteKind? kind = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return [.. scenario.Sites.Values.Where(s => (host is null || s.Host == host) && (kind is null || s.Kind == kind))
            .OrderBy(s => s.Id.Value, StringComparer.Ordinal)];
    }

    /// <summary>The catalogue's systems of a category, launch mode and role, by id.</summary>
    public static IReadOnlyList<WeaponSystem> Systems(Scenario scenario, SystemCategory? category = null, LaunchMode? launch = null, SystemRole? role = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return [.. scenario.Systems.Values
            .Where(s => (category is null || s.Category == category) && (launch is null || s.Launch == launch) && (role is null || s.Role == role))
            .OrderBy(s => s.Id.Value, StringComparer.Ordinal)];
    }

    /// <summary>The scenario's parties of a kind, by code.</summary>
    public static IReadOnlyList<Party> Parties(Scenario scenario, PartyKind? kind = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return [.. scenario.Parties.Values.Where(p => kind is null || p.Kind == kind).OrderBy(p => p.Id.Code, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The observations that count as now on the world's date: made (or still running) within the <paramref name="days"/> days
    /// up to it and begun by then — the window the build-up alerts aggregate, so the world and the alerts speak of the same
    /// estimates. By start, then id.
    /// </summary>
    public static IReadOnlyList<Observation> RecentObservations(World world, int days)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        return [.. world.ObservationsBetween(world.At.AddDays(1 - days), world.At).Where(o => o.Period.From <= world.At)
            .OrderBy(o => o.Period.From).ThenBy(o => o.Id.Value, StringComparer.Ordinal)];
    }

    /// <summary>The memberships of an alliance in force in <paramref name="world"/>, by member.</summary>
    public static IReadOnlyList<Membership> Members(World world, PartyId alliance)
    {
        ArgumentNullException.ThrowIfNull(world);
        return [.. world.Memberships.Where(m => m.Alliance == alliance).OrderBy(m => m.Member)];
    }
}
