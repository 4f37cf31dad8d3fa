using Detente.Core;

namespace Detente.Rules.Runtime;

/// <summary>An area computed from geography: recognised territory, controlled area, or a border zone.</summary>
internal abstract class Zone
{
    /// <summary>Where a fact is: its site's coordinates or its own, or null when only the host state is known.</summary>
    public static GeoPoint? LocationOf(object fact, Scenario scenario) => fact switch
    {
        Deployment d when d.Site is { } s && scenario.Sites.TryGetValue(s, out var site) => site.Location,
        Deployment d => d.Location,
        Activity a when a.Sites.Length > 0 && scenario.Sites.TryGetValue(a.Sites[0], out var site) => site.Location,
        Observation o => o.Location,
        _ => null,
    };

    /// <summary>The states a fact is in, as recorded (host, hosts or member).</summary>
    public static IEnumerable<PartyId> HostsOf(object fact) => fact switch
    {
        Deployment d => [d.Host],
        Activity a => a.Hosts,
        Observation o => o.Hosts,
        Membership m => [m.Member],
        Notification n => [n.Notifier],
        _ => [],
    };

    public abstract Truth Contains(object fact, Env env);
}

/// <summary>The internationally recognised territory of a set of states.</summary>
internal sealed class TerritoryZone(PartySet states) : Zone
{
    public PartySet States { get; } = states;

    public override Truth Contains(object fact, Env env)
    {
        // Recognised territory: the host state recorded with the fact is the state whose land it is on.
        var any = false;
        foreach (var h in HostsOf(fact))
        {
            any |= States.Contains(h);
        }

        return Truths.Of(any);
    }

    public override string ToString() => $"territory{States}";
}

/// <summary>The areas a set of states controls on the evaluation date: its territory less areas others control, plus areas it controls.</summary>
internal sealed class ControlledZone(PartySet states) : Zone
{
    public PartySet States { get; } = states;

    public override Truth Contains(object fact, Env env)
    {
        var location = LocationOf(fact, env.Scenario);
        if (location is { } p && env.Geography.Atlas is { } atlas)
        {
            foreach (var area in atlas.AreasAt(p))
            {
                var control = env.World.ControlOf(new AreaId(area.Id));
                if (control.Length > 0)
                {
                    var inSet = control.Count(c => States.Contains(c.Controller));
                    env.Consult(control.Select(c => c.Id.Value));
                    if (inSet == control.Length)
                    {
                        return Truth.True;
                    }

                    if (inSet == 0)
                    {
                        return Truth.False;
                    }

                    env.Note($"control of {area.Id} is disputed: {string.Join(", ", control.Select(c => $"{c.Controller} ({c.Id})"))}");
                    return Truth.Disputed;
                }
            }

            return atlas.TerritoryAt(p) is { } state ? Truths.Of(States.Contains(state)) : Truth.Unknown;
        }

        var hosts = HostsOf(fact).ToList();
        if (hosts.All(h => !States.Contains(h)) && hosts.Count > 0)
        {
            // Not in the set's territory; it could still be in an area the set controls, which needs coordinates.
            return ControlsAbroad(env) ? Unknown(fact, env) : Truth.False;
        }

        return Truth.True;
    }

    private bool ControlsAbroad(Env env) => env.World.Control.Any(c => States.Contains(c.Controller));

    private static Truth Unknown(object fact, Env env)
    {
        env.Note($"the location of {Subjects.IdOf(fact)} is not recorded beyond its host state, so whether it lies in a controlled area is unknown");
        return Truth.Unknown;
    }

    public override string ToString() => $"controlled{States}";
}

/// <summary>The zone of a given width on each side of the border between two sets of states.</summary>
internal sealed class BorderZoneValue(PartySet a, PartySet b, double km) : Zone
{
    /// <summary>The states on one side of the border.</summary>
    public PartySet A => a;

    /// <summary>The states on the other side.</summary>
    public PartySet B => b;

    /// <summary>The zone's width on each side, in km.</summary>
    public double Km => km;

    public override Truth Contains(object fact, Env env)
    {
        var location = LocationOf(fact, env.Scenario);
        if (location is not { } p)
        {
            env.Note($"the location of {Subjects.IdOf(fact)} is not recorded beyond its host state ({string.Join(", ", HostsOf(fact))}), so whether it lies within {Core.Claim.Format(km)} km of the border is unknown");
            return Truth.Unknown;
        }

        return Truths.Of(env.Geography.BorderZone(a, b, km).Contains(p));
    }

    public override string ToString() => $"border-zone({a}, {b}, {Core.Claim.Format(km)} km)";
}
