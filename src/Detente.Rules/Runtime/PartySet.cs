using System.Collections.Frozen;
using Detente.Core;

namespace Detente.Rules.Runtime;

/// <summary>An immutable set of parties with a stable, sorted printout.</summary>
internal sealed class PartySet
{
    public static readonly PartySet Empty = new([]);

    public PartySet(IEnumerable<PartyId> parties)
    {
        Set = parties.ToFrozenSet();
    }

    public FrozenSet<PartyId> Set { get; }

    public int Count => Set.Count;

    public bool Contains(PartyId p) => Set.Contains(p);

    public PartySet Union(PartySet other) => new(Set.Concat(other.Set));

    public PartySet Except(PartySet other) => new(Set.Where(p => !other.Contains(p)));

    public PartySet Intersect(PartySet other) => new(Set.Where(other.Contains));

    public IEnumerable<PartyId> Sorted => Set.Order();

    public override string ToString() => "{" + string.Join(", ", Sorted) + "}";
}
