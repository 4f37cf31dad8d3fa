using Detente.Core;

namespace Detente.Rules.Runtime;

/// <summary>
/// What an evaluation reads: the world on the date, geography, the bound parties, parameter values and the facts in scope,
/// and what it writes down for explanations (notes on disputes and missing data, the facts consulted, an optional trace).
/// </summary>
internal sealed class Env(World world, RuleGeography geography, IReadOnlyDictionary<string, object> parameters)
{
    public World World { get; } = world;

    public Scenario Scenario => World.Scenario;

    public RuleGeography Geography { get; } = geography;

    public IReadOnlyDictionary<string, object> Parameters { get; } = parameters;

    /// <summary>The parties the clause in hand binds; setting other parties forgets which alliances count for the old ones.</summary>
    public PartySet Bound
    {
        get => _bound;
        set
        {
            if (!ReferenceEquals(value, _bound))
            {
                _bound = value;
                AllianceOfBound.Clear();
            }
        }
    }

    private PartySet _bound = PartySet.Empty;

    public PartySet Parties { get; set; } = PartySet.Empty;

    /// <summary>The bound party a clause is being evaluated for, when the clause evaluates per party.</summary>
    public PartyId? Party { get; set; }

    /// <summary>Scratch list for the parties responsible for the fact in hand; reused fact after fact.</summary>
    public List<PartyId> Responsible { get; } = new(2);

    /// <summary>Per alliance: whether one of the bound parties is a member (for 'including alliances').</summary>
    public Dictionary<PartyId, bool> AllianceOfBound { get; } = [];

    public object?[] Slots { get; } = new object?[4];

    public List<string> Notes { get; } = [];

    public HashSet<string> Consulted { get; } = [];

    /// <summary>When not null, every condition evaluated is written here with its result (for <c>explain</c>).</summary>
    public List<string>? Trace { get; set; }

    public void Note(string note)
    {
        if (!Notes.Contains(note))
        {
            Notes.Add(note);
        }
    }

    public void Consult(IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            Consulted.Add(id);
        }
    }

    public void Reset()
    {
        if (Notes.Count > 0)
        {
            Notes.Clear();
        }

        if (Consulted.Count > 0)
        {
            Consulted.Clear();
        }
    }
}
