using System.Collections.Frozen;
using Detente.Core;

namespace Detente.Scenarios;

/// <summary>What a record may refer to while a scenario loads: the parties, sources, systems, sites and areas defined so far.</summary>
internal sealed class ScenarioContext
{
    private Dictionary<string, PartyId> parties = new(StringComparer.Ordinal);
    private Dictionary<string, PartyId>.AlternateLookup<ReadOnlySpan<char>> partyLookup;
    private Dictionary<string, SourceId> sources = new(StringComparer.Ordinal);

    public ScenarioContext(IReadOnlySet<string>? areaIds)
    {
        AreaIds = areaIds;
        partyLookup = parties.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The mapped areas control facts may name; null when no geography was given (then area ids are not checked).</summary>
    public IReadOnlySet<string>? AreaIds { get; }

    public Dictionary<string, Party> PartyById { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, WeaponSystem> Systems { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Site> Sites { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Activities { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Deployments { get; } = new(StringComparer.Ordinal);

    public IEnumerable<string> PartyCodes => parties.Keys;

    public IEnumerable<string> SourceIds => sources.Keys;

    public void AddSources(IEnumerable<Source> all) => sources = all.ToDictionary(s => s.Id.Value, s => s.Id, StringComparer.Ordinal);

    public void AddParties(IEnumerable<Party> all)
    {
        parties = all.ToDictionary(p => p.Id.Code, p => p.Id, StringComparer.Ordinal);
        partyLookup = parties.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var p in all)
        {
            PartyById[p.Id.Code] = p;
        }
    }

    public bool TryGetParty(ReadOnlySpan<char> code, out PartyId party) => partyLookup.TryGetValue(code, out party);

    public bool TryGetParty(string code, out PartyId party) => parties.TryGetValue(code, out party);

    public bool TryGetSource(string id, out SourceId source) => sources.TryGetValue(id, out source);

}
