using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Detente.Core;

/// <summary>
/// Deployments of all dates grouped by a key (host, owner or site): the groups a scenario was built with, and for a scenario that
/// grew, the groups its new deployments joined, each a <see cref="GrowingArray{T}"/> (so one new deployment copies neither the
/// table of groups nor its group).
/// </summary>
/// <typeparam name="TKey">The key.</typeparam>
internal sealed class DeploymentGroups<TKey>
    where TKey : notnull
{
    private readonly Func<Deployment, TKey> _key;
    private readonly Func<Deployment, bool>? _where;
    private readonly FrozenDictionary<TKey, ImmutableArray<Deployment>> _built;
    private readonly ImmutableDictionary<TKey, GrowingArray<Deployment>> _grown;

    private DeploymentGroups(Func<Deployment, TKey> key, Func<Deployment, bool>? where, FrozenDictionary<TKey, ImmutableArray<Deployment>> built,
        ImmutableDictionary<TKey, GrowingArray<Deployment>> grown)
    {
        _key = key;
        _where = where;
        _built = built;
        _grown = grown;
    }

    /// <summary>Groups <paramref name="deployments"/> by <paramref name="key"/>, those <paramref name="where"/> holds for when given.</summary>
    public static DeploymentGroups<TKey> Of(IEnumerable<Deployment> deployments, Func<Deployment, TKey> key, Func<Deployment, bool>? where = null)
    {
        var lists = new Dictionary<TKey, ImmutableArray<Deployment>.Builder>();
        foreach (var d in deployments)
        {
            if (where is not null && !where(d))
            {
                continue;
            }

            var k = key(d);
            if (!lists.TryGetValue(k, out var list))
            {
                lists[k] = list = ImmutableArray.CreateBuilder<Deployment>();
            }

            list.Add(d);
        }

        return new DeploymentGroups<TKey>(key, where, lists.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.DrainToImmutable()),
            ImmutableDictionary<TKey, GrowingArray<Deployment>>.Empty);
    }

    /// <summary>The deployments of the group <paramref name="key"/>, in the order they were added; none when there is no such group.</summary>
    public ImmutableArray<Deployment> this[TKey key] =>
        _grown.TryGetValue(key, out var grown) ? grown.All : _built.TryGetValue(key, out var built) ? built : [];

    /// <summary>These groups with <paramref name="added"/> joining theirs (by the key and filter they were made with); these groups themselves when none joins one.</summary>
    public DeploymentGroups<TKey> With(IEnumerable<Deployment> added)
    {
        var grown = _grown;
        foreach (var d in added)
        {
            if (_where is not null && !_where(d))
            {
                continue;
            }

            var k = _key(d);
            var group = grown.TryGetValue(k, out var g) ? g : new GrowingArray<Deployment>(_built.GetValueOrDefault(k, []));
            grown = grown.SetItem(k, group.Add([d]));
        }

        return ReferenceEquals(grown, _grown) ? this : new DeploymentGroups<TKey>(_key, _where, _built, grown);
    }
}
