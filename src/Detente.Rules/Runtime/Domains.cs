using Detente.Core;

namespace Detente.Rules.Runtime;

/// <summary>The facts a clause or a quantifier over a kind ranges over in a world.</summary>
internal static class Domains
{
    /// <summary>
    /// The facts of <paramref name="kind"/> in <paramref name="world"/>: deployments and memberships in force on its date, every
    /// activity and notification (clauses compare their dates themselves), and observations made by its date.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The rule language has no facts of <paramref name="kind"/> to range over.</exception>
    public static IEnumerable<object> Of(FactKind kind, World world) => kind switch
    {
        FactKind.Deployment => world.Deployments,
        FactKind.Activity => world.Scenario.Activities,
        FactKind.Membership => world.Memberships,
        FactKind.Notification => world.Notifications,
        FactKind.Observation => world.Scenario.Observations.Where(o => o.Period.From <= world.At),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "rules do not range over this kind of fact"),
    };
}
