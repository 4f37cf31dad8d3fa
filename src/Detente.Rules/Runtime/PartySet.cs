using Detente.Core;

namespace Detente.Rules.Runtime;

/// <summary>
/// An immutable set of parties with a stable, sorted printout. Small sets (most sets rules build per fact, such as an
/// activity's hosts) are a sorted array searched linearly; large ones add a hash set.
/// </summary>
internal sealed class PartySet
{
    private const int Small = 8;

    public static readonly PartySet Empty = new([]);

    /// <summary>A value of a party-set expression as a set: a set, a single party, or (for an unknown value) the empty set.</summary>
    public static PartySet From(object? value) => value switch
    {
        PartySet s => s,
        PartyId p => new PartySet(p),
        _ => Empty,
    };

    private readonly PartyId[] items;
    private readonly HashSet<PartyId>? hashed;

    public PartySet(IEnumerable<PartyId> parties)
    {
        var distinct = parties.Distinct().ToArray();
        Array.Sort(distinct);
        items = distinct;
        hashed = items.Length > Small ? [.. items] : null;
    }

    public PartySet(PartyId single)
    {
        items = [single];
    }

    public int Count => items.Length;

    public IReadOnlyList<PartyId> Sorted => items;

    public IEnumerable<PartyId> Set => items;

    public bool Contains(PartyId p)
    {
        if (hashed is not null)
        {
            return hashed.Contains(p);
        }

        foreach (var item in items)
        {
            if (item == p)
            {
                return true;
            }
        }

        return false;
    }

    public PartySet Union(PartySet other) => new(items.Concat(other.items));

    public PartySet Except(PartySet other) => new(items.Where(p => !other.Contains(p)));

    public PartySet Intersect(PartySet other) => new(items.Where(other.Contains));

    public override string ToString() => "{" + string.Join(", ", items) + "}";
}
