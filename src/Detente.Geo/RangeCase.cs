using Detente.Core;

namespace Detente.Geo;

/// <summary>
/// One range to compute reach for, with the claims that give it (none for a range given by hand) and how the figure was read
/// from them ("value", "upper bound (up to)", "upper bound of the range", "lower bound (at least)", or "given").
/// </summary>
public sealed record RangeCase(double Kilometres, IReadOnlyList<Claim> Claims, string Basis)
{
    /// <summary>A range given by hand (e.g. <c>reach --range</c>), backed by no claim.</summary>
    public static RangeCase Given(double kilometres) => new(kilometres, [], "given");

    /// <summary>
    /// One range per claim of <paramref name="range"/>, shortest first: an exact value; the upper bound of a range or an "up
    /// to" claim (what the system could reach); the lower bound of an "at least" claim (the least it reaches). Claims giving
    /// the same figure share one case; a claim of no positive figure gives none.
    /// </summary>
    public static IReadOnlyList<RangeCase> Of(Quantity range)
    {
        ArgumentNullException.ThrowIfNull(range);
        return range.Claims
            .Select(c => c switch
            {
                { IsExact: true } => (Km: c.Min!.Value, Claim: c, Basis: "value"),
                { Max: { } max } => (Km: max, Claim: c, Basis: c.Min is null ? "upper bound (up to)" : "upper bound of the range"),
                _ => (Km: c.Min ?? 0, Claim: c, Basis: "lower bound (at least)"),
            })
            .Where(c => c.Km > 0)
            .GroupBy(c => c.Km)
            .Select(g => new RangeCase(g.Key, [.. g.Select(c => c.Claim)], string.Join("; ", g.Select(c => c.Basis).Distinct())))
            .OrderBy(c => c.Kilometres)
            .ToList();
    }

    /// <summary>
    /// The deployments at <paramref name="site"/> in <paramref name="world"/> of <paramref name="system"/> or of a launcher that
    /// the catalogue says fires it (a launcher that fires the system counts as the system being there).
    /// </summary>
    public static IReadOnlyList<Deployment> DeployedAt(World world, SiteId site, SystemId system)
    {
        ArgumentNullException.ThrowIfNull(world);
        var systems = world.Scenario.Systems;
        return
        [
            .. world.DeploymentsAt(site).Where(d => d.System is { } deployed
                && (deployed == system || (systems.TryGetValue(deployed, out var launcher) && launcher.Fires.Any(f => f.System == system)))),
        ];
    }
}
