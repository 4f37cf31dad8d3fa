using System.Collections.Immutable;
using Detente.Core;
using Detente.Verification.Observations;

namespace Detente.Verification.Alerts;

/// <summary>A figure a party gave for forces: a declared deployment, an activity's declared size, or a notified figure.</summary>
/// <param name="Kind">deployment, activity or notification.</param>
/// <param name="Fact">The fact's id.</param>
/// <param name="By">Who declared it.</param>
/// <param name="Troops">The highest figure declared (null when none was given).</param>
/// <param name="Sources">The sources of the declaration.</param>
/// <param name="RecordIndex">The log index of the statement, when the world came from the record.</param>
public sealed record Declaration(string Kind, string Fact, string By, double? Troops, ImmutableArray<string> Sources, long? RecordIndex);

/// <summary>
/// Observed forces matched to what the party declared or notified in the same place and window: declared deployments there,
/// activities it takes part in there (with their declared sizes), and notices of those activities. <see cref="Unmatched"/> is what
/// the declared deployments do not explain, by the median estimate.
/// </summary>
/// <param name="Observed">The observed forces.</param>
/// <param name="Deployments">Declared troop deployments of the party in the place, in force at the window's end.</param>
/// <param name="Activities">Activities the party takes part in that overlap the window and whose hosts include every state of the place (a figure for
/// a wider area is not about the activity).</param>
/// <param name="ActivityFigures">Figures the participants declared for those activities (claims by a participant, and notified figures).</param>
/// <param name="Notices">Notifications of those activities.</param>
public sealed record ForceMatch(
    ObservedForces Observed,
    ImmutableArray<Deployment> Deployments,
    ImmutableArray<Activity> Activities,
    ImmutableArray<Declaration> ActivityFigures,
    ImmutableArray<Notification> Notices)
{
    /// <summary>The troops declared as deployed (sum of central figures).</summary>
    public double DeclaredDeployed => Deployments.Sum(d => d.Quantity.Claims.Length == 1 ? d.Quantity.Claims[0].Central : (d.Quantity.Low + d.Quantity.High) / 2);

    /// <summary>Observed forces the declared deployments do not explain, by the median estimate (never below zero).</summary>
    public double Unmatched => Math.Max(0, Observed.Median - DeclaredDeployed);

    /// <summary>True when no declaration or activity explains any of the observed forces.</summary>
    public bool IsUnexplained => Deployments.IsEmpty && Activities.IsEmpty;
}

/// <summary>Matches observed forces to declared deployments, activities and notifications of a world.</summary>
public static class ForceMatching
{
    /// <summary>Matches one aggregate against <paramref name="world"/> (its place must be a state or area code to match anything).</summary>
    public static ForceMatch Match(ObservedForces observed, World world)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(world);
        var party = new PartyId(observed.Party);
        var places = observed.Place.Split('+').Select(p => new PartyId(p)).ToHashSet();
        var deployments = world.Deployments
            .Where(d => d.Owner == party && places.Contains(d.Host) && d.Unit == ForceUnit.Troops && d.Provenance == Provenance.Declared
                        && d.Period.Contains(observed.To))
            .OrderBy(d => d.Id.Value, StringComparer.Ordinal).ToImmutableArray();
        var activities = world.Scenario.Activities
            .Where(a => a.Participants.Contains(party) && places.All(a.Hosts.Contains) && a.Period.Overlaps(observed.From, observed.To))
            .OrderBy(a => a.Period.From).ThenBy(a => a.Id.Value, StringComparer.Ordinal).ToImmutableArray();
        var ids = activities.Select(a => a.Id).ToHashSet();
        var notices = world.Scenario.Notifications
            .Where(n => n.Activity is { } id && ids.Contains(id) && n.Given <= observed.To)
            .OrderBy(n => n.Given).ToImmutableArray();
        var figures = new List<Declaration>();
        foreach (var a in activities)
        {
            if (a.Troops is { } troops)
            {
                foreach (var claim in troops.Claims.Where(c => c.By is { } by && a.Participants.Contains(by)))
                {
                    var evidence = claim.Evidence ?? a.Evidence;
                    figures.Add(new Declaration("activity", a.Id.Value, claim.By!.Value.Code, claim.Max ?? claim.Min,
                        [.. evidence.Sources.Select(s => s.Source.Value)], a.Evidence.RecordIndex));
                }
            }

            foreach (var n in notices.Where(n => n.Activity == a.Id && n.Troops is not null))
            {
                figures.Add(new Declaration("notification", n.Id.Value, n.Notifier.Code, n.Troops!.High,
                    [.. n.Evidence.Sources.Select(s => s.Source.Value)], n.Evidence.RecordIndex));
            }
        }

        return new ForceMatch(observed, deployments, activities, [.. figures], notices);
    }
}
