using Detente.Core;

namespace Detente.Node.Projection;

/// <summary>
/// A scenario with more facts: the facts it already holds are kept as they are (no file or statement is read again) and the new ones
/// are appended in order. Used by the world projection for newly integrated statements and by overlays for hypothetical facts.
/// </summary>
public static class ScenarioGrowth
{
    /// <summary>
    /// <paramref name="scenario"/> with <paramref name="facts"/> added: sources, parties, systems, sites, memberships, control, deployments,
    /// activities, notifications, observations and consents, already validated (by <c>FactStream</c> or an overlay reader).
    /// </summary>
    public static Scenario With(Scenario scenario, IEnumerable<object> facts, ScenarioInfo? info = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(facts);
        var list = facts as IReadOnlyCollection<object> ?? facts.ToList();
        if (list.Count == 0 && info is null)
        {
            return scenario;
        }

        if (info is null && !list.Any(f => f is Source or Party or WeaponSystem or Site))
        {
            // Dated facts only: the scenario grows without rebuilding what it holds (and worlds of it can grow too: World.With).
            return new Scenario(scenario, [.. list.OfType<Membership>()], [.. list.OfType<Control>()], [.. list.OfType<Deployment>()],
                [.. list.OfType<Activity>()], [.. list.OfType<Notification>()], [.. list.OfType<Observation>()], [.. list.OfType<Consent>()]);
        }

        IEnumerable<T> Plus<T>(IEnumerable<T> held) => held.Concat(list.OfType<T>());
        return new Scenario(
            info ?? scenario.Info,
            Plus(scenario.Sources.Values),
            Plus(scenario.Parties.Values),
            Plus(scenario.Systems.Values),
            Plus(scenario.Sites.Values),
            scenario.Memberships.AddRange(list.OfType<Membership>()),
            scenario.Control.AddRange(list.OfType<Control>()),
            scenario.Deployments.AddRange(list.OfType<Deployment>()),
            scenario.Activities.AddRange(list.OfType<Activity>()),
            scenario.Notifications.AddRange(list.OfType<Notification>()),
            scenario.Observations.AddRange(list.OfType<Observation>()),
            scenario.Consents.AddRange(list.OfType<Consent>()));
    }
}
