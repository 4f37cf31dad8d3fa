using System.Collections.Concurrent;
using Detente.Core;

namespace Detente.Rules.Runtime;

/// <summary>
/// One boxed value per party id. Compiled expressions pass values as objects, and a fact's owner or host is read for every
/// fact a clause ranges over: boxing it each time would make millions of short-lived objects in a large world.
/// </summary>
internal static class Boxes
{
    private static readonly ConcurrentDictionary<PartyId, object> Parties = new();

    public static object Of(PartyId party) => Parties.TryGetValue(party, out var boxed) ? boxed : Parties.GetOrAdd(party, party);
}
