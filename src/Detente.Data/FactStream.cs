using Detente.Core;
using Detente.Data.Json;

namespace Detente.Data;

/// <summary>
/// Reads dated facts stated in the record after a scenario was built, one at a time, with the same validating readers as
/// <see cref="ScenarioLoader.FromStatements"/>: each fact is checked against the scenario's parties, sources, systems, sites,
/// activities and deployments and against the facts read before it, and its id must be new for its kind. For a follower of
/// the record that takes new statements as they are integrated, without reading the whole record again.
/// </summary>
public sealed class FactStream
{
    private readonly ScenarioContext _context;
    private readonly Dictionary<FactKind, HashSet<string>> _ids = [];
    private readonly Dictionary<string, (PartyId Owner, PartyId Host)> _deployments = new(StringComparer.Ordinal);

    /// <summary>Starts after <paramref name="scenario"/>; <paramref name="areaIds"/> as for <see cref="ScenarioLoader.FromStatements"/>.</summary>
    public FactStream(Scenario scenario, IReadOnlySet<string>? areaIds = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _context = new ScenarioContext(areaIds);
        _context.AddSources(scenario.Sources.Values);
        _context.AddParties(scenario.Parties.Values);
        foreach (var s in scenario.Systems.Values) _context.Systems[s.Id.Value] = s;
        foreach (var s in scenario.Sites.Values) _context.Sites[s.Id.Value] = s;
        Ids(FactKind.Membership).UnionWith(scenario.Memberships.Select(m => m.Id.Value));
        Ids(FactKind.Control).UnionWith(scenario.Control.Select(c => c.Id.Value));
        Ids(FactKind.Activity).UnionWith(scenario.Activities.Select(a => a.Id.Value));
        Ids(FactKind.Notification).UnionWith(scenario.Notifications.Select(n => n.Id.Value));
        Ids(FactKind.Observation).UnionWith(scenario.Observations.Select(o => o.Id.Value));
        Ids(FactKind.Consent).UnionWith(scenario.Consents.Select(c => c.Id.Value));
        var deploymentIds = Ids(FactKind.Deployment);
        deploymentIds.EnsureCapacity(scenario.Deployments.Length);
        foreach (var d in scenario.Deployments)
        {
            deploymentIds.Add(d.Id.Value);
            _context.Deployments.Add(d.Id.Value);
            _deployments[d.Id.Value] = (d.Owner, d.Host);
        }

        foreach (var a in scenario.Activities)
        {
            _context.Activities.Add(a.Id.Value);
        }
    }

    /// <summary>
    /// True for the kinds this reads one at a time: memberships, control, deployments, activities, notifications, observations and
    /// consents. Sources, parties, systems, sites and the scenario's own description change what other facts may name: a world
    /// that gains one is read again in full.
    /// </summary>
    public static bool IsDated(StatementKind kind) => kind.Carries() is not null;

    /// <summary>
    /// Reads one dated fact (see <see cref="IsDated"/>); its evidence carries the statement's log index. A bad fact, or one whose id its
    /// kind already holds, fails with a <see cref="InputException"/> located at <c>record entry N:line:column</c> and changes nothing.
    /// </summary>
    public object Read(RecordedFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        if (fact.Kind.Carries() is not { } kind)
        {
            throw new ArgumentException($"a {fact.Kind.WireName()} statement carries no dated fact", nameof(fact));
        }

        var file = ScenarioLoader.Input(fact);
        var r = new JsonReader(file);
        r.ExpectStartObject(fact.Kind.WireName(), "a fact object");
        object read = kind switch
        {
            FactKind.Membership => FactObjects.Membership(ref r, _context),
            FactKind.Control => FactObjects.Control(ref r, _context),
            FactKind.Deployment => FactObjects.Deployment(ref r, _context),
            FactKind.Activity => FactObjects.Activity(ref r, _context),
            FactKind.Notification => FactObjects.Notification(ref r, _context),
            FactKind.Observation => FactObjects.Observation(ref r, _context),
            FactKind.Consent => FactObjects.Consent(ref r, _context),
            _ => throw new ArgumentOutOfRangeException(nameof(fact), kind, "not a kind of fact"),
        };
        r.ExpectEnd();

        var id = IdOf(read);
        if (Ids(kind).Contains(id))
        {
            throw new InputException(file.Locate(0), "id", $"duplicate id '{id}': the record already holds a {FactKinds.Name(kind)} with this id");
        }

        if (read is Consent consent)
        {
            for (var k = 0; k < consent.Deployments.Length; k++)
            {
                var (owner, host) = _deployments[consent.Deployments[k].Value];
                if (ScenarioLoader.ForcesOutsideConsent(consent, k, owner, host) is { } problem)
                {
                    throw new InputException(file.Locate(0), $"deployments[{k}]", problem);
                }
            }
        }

        // Only a fact that was read whole is taken in: what later facts may name grows with it.
        Ids(kind).Add(id);
        switch (read)
        {
            case Deployment d:
                _context.Deployments.Add(id);
                _deployments[id] = (d.Owner, d.Host);
                break;
            case Activity:
                _context.Activities.Add(id);
                break;
        }

        return read switch
        {
            Membership m => m with { Evidence = m.Evidence with { RecordIndex = fact.Index } },
            Control c => c with { Evidence = c.Evidence with { RecordIndex = fact.Index } },
            Deployment d => d with { Evidence = d.Evidence with { RecordIndex = fact.Index } },
            Activity a => a with { Evidence = a.Evidence with { RecordIndex = fact.Index } },
            Notification n => n with { Evidence = n.Evidence with { RecordIndex = fact.Index } },
            Observation o => o with { Evidence = o.Evidence with { RecordIndex = fact.Index } },
            Consent c => c with { Evidence = c.Evidence with { RecordIndex = fact.Index } },
            _ => read,
        };
    }

    /// <summary>Takes in an observation that did not come from a fact statement (a row of an observation batch), so its id is held.</summary>
    public void Held(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        Ids(FactKind.Observation).Add(observation.Id.Value);
    }

    private HashSet<string> Ids(FactKind kind)
    {
        if (!_ids.TryGetValue(kind, out var set))
        {
            _ids[kind] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        return set;
    }

    private static string IdOf(object fact) => fact switch
    {
        Membership m => m.Id.Value,
        Control c => c.Id.Value,
        Deployment d => d.Id.Value,
        Activity a => a.Id.Value,
        Notification n => n.Id.Value,
        Observation o => o.Id.Value,
        Consent c => c.Id.Value,
        _ => throw new ArgumentException("not a dated fact", nameof(fact)),
    };
}
