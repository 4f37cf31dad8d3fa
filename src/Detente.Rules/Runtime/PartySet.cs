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

    private readonly PartyId[] _items;
    private readonly HashSet<PartyId>? _hashed;

    public PartySet(IEnumerable<PartyId> parties)
    {
        var distinct = parties.Distinct().ToArray();
        Array.Sort(distinct);
        _items = distinct;
        _hashed = _items.Length > Small ? [.. _items] : null;
    }

    public PartySet(PartyId single)
    {
        _items = [single];
    }

    public int Count => _items.Length;

    public IReadOnlyList<PartyId> Sorted => _items;

    public IEnumerable<PartyId> Set => _items;

    public bool Contains(PartyId p)
    {
        if (_hashed is not null)
        {
            return _hashed.Contains(p);
        }

        foreach (var item in _items)
        {
            if (item == p)
            {
                return true;
            }
        }

        return false;
    }

    public PartySet Union(PartySet other) => new(_items.Concat(other._items));

    public PartySet Except(PartySet other) => new(_items.Where(p => !other.Contains(p)));

    public PartySet Intersect(PartySet other) => new(_items.Where(other.Contains));

    public override string ToString() => "{" + string.Join(", ", _items) + "}";
}
