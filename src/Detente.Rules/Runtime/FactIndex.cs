using Detente.Core;
using Detente.Rules.Ast;

namespace Detente.Rules.Runtime;

/// <summary>
/// The facts of one kind in the order the clauses range over them, found by the party each party-valued field names
/// (<c>owner</c>, <c>host</c>, <c>participants</c>, …) and, when asked for, by where they are (one-degree cells). A new
/// membership uses it to re-evaluate only the facts that name the state, or lie near it.
/// </summary>
internal sealed class FactIndex(bool located)
{
    private readonly Dictionary<(string Field, PartyId Party), List<(int Ordinal, object Fact)>> _byField = [];
    private readonly Dictionary<(int Lat, int Lon), List<(int Ordinal, object Fact)>> _byCell = [];
    private readonly Dictionary<string, int> _byId = new(StringComparer.Ordinal);

    /// <summary>How many facts were added; the next fact's ordinal.</summary>
    public int Count { get; private set; }

    /// <summary>Adds a fact after all the others; returns its ordinal.</summary>
    public int Add(object fact, Scenario scenario)
    {
        var ordinal = Count++;
        UniqueIds &= _byId.TryAdd(Subjects.IdOf(fact), ordinal);
        switch (fact)
        {
            case Deployment d:
                Put("owner", d.Owner);
                Put("host", d.Host);
                break;
            case Activity a:
                foreach (var p in a.Participants)
                {
                    Put("participants", p);
                }

                foreach (var h in a.Hosts)
                {
                    Put("hosts", h);
                }

                break;
            case Observation o:
                Put("observer", o.Observer);
                Put("subject", o.Subject);
                foreach (var h in o.Hosts)
                {
                    Put("hosts", h);
                }

                break;
            case Notification n:
                Put("notifier", n.Notifier);
                break;
            case Membership m:
                Put("alliance", m.Alliance);
                Put("member", m.Member);
                break;
            default:
                throw new ArgumentException($"rules do not index facts of kind {Subjects.KindOf(fact)}", nameof(fact));
        }

        if (located && Zone.LocationOf(fact, scenario) is { } point)
        {
            var cell = ((int)Math.Floor(point.Latitude), (int)Math.Floor(point.Longitude));
            if (!_byCell.TryGetValue(cell, out var list))
            {
                _byCell[cell] = list = [];
            }

            list.Add((ordinal, fact));
        }

        return ordinal;

        void Put(string field, PartyId party)
        {
            if (!_byField.TryGetValue((field, party), out var list))
            {
                _byField[(field, party)] = list = [];
            }

            // A party named twice in one field (a participant listed twice) is listed once.
            if (list.Count == 0 || list[^1].Ordinal != ordinal)
            {
                list.Add((ordinal, fact));
            }
        }
    }

    /// <summary>False once two facts with one id were added (data that a loader would reject, kept apart all the same).</summary>
    public bool UniqueIds { get; private set; } = true;

    /// <summary>The place in the domain of the first fact with this id; -1 when there is none.</summary>
    public int OrdinalOf(string id) => _byId.TryGetValue(id, out var ordinal) ? ordinal : -1;

    /// <summary>The facts whose <paramref name="field"/> names <paramref name="party"/>, in order; the index's own list, not to be changed.</summary>
    public List<(int Ordinal, object Fact)> Naming(string field, PartyId party) =>
        _byField.TryGetValue((field, party), out var list) ? list : [];

    /// <summary>The located facts inside a box of latitudes and longitudes (whole cells, so a few just outside it too), in order.</summary>
    public List<(int Ordinal, object Fact)> Within(double south, double north, double west, double east)
    {
        if (!located)
        {
            throw new InvalidOperationException("this index does not record locations");
        }

        int s = (int)Math.Floor(south), n = (int)Math.Floor(north), w = (int)Math.Floor(west), e = (int)Math.Floor(east);
        var found = new List<(int Ordinal, object Fact)>();
        foreach (var ((lat, lon), list) in _byCell)
        {
            if (lat >= s && lat <= n && lon >= w && lon <= e)
            {
                found.AddRange(list);
            }
        }

        found.Sort(static (x, y) => x.Ordinal.CompareTo(y.Ordinal));
        return found;
    }

    /// <summary>The party-valued fields of each kind of fact, as the rule language names them.</summary>
    public static IReadOnlySet<string> PartyFields(FactKind kind) => kind switch
    {
        FactKind.Deployment => DeploymentFields,
        FactKind.Activity => ActivityFields,
        FactKind.Observation => ObservationFields,
        FactKind.Notification => NotificationFields,
        FactKind.Membership => MembershipFields,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "rules do not range over this kind of fact"),
    };

    /// <summary>The field <see cref="Zone.HostsOf"/> reads: where a fact is, as recorded.</summary>
    public static string HostField(FactKind kind) => kind switch
    {
        FactKind.Deployment => "host",
        FactKind.Activity or FactKind.Observation => "hosts",
        FactKind.Notification => "notifier",
        FactKind.Membership => "member",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "rules do not range over this kind of fact"),
    };

    private static readonly HashSet<string> DeploymentFields = ["owner", "host"];
    private static readonly HashSet<string> ActivityFields = ["participants", "hosts"];
    private static readonly HashSet<string> ObservationFields = ["observer", "subject", "hosts"];
    private static readonly HashSet<string> NotificationFields = ["notifier"];
    private static readonly HashSet<string> MembershipFields = ["alliance", "member"];
}
