using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using Detente.Core;

namespace Detente.Data;

/// <summary>What a record may refer to while a scenario loads: the parties, sources, systems, sites and areas defined so far.</summary>
internal sealed class ScenarioContext
{
    private Dictionary<string, PartyId> _parties = new(StringComparer.Ordinal);
    private Dictionary<string, PartyId>.AlternateLookup<ReadOnlySpan<char>> _partyLookup;
    private Dictionary<string, SourceId> _sources = new(StringComparer.Ordinal);
    private Dictionary<string, SourceId>.AlternateLookup<ReadOnlySpan<char>> _sourceLookup;
    private FrozenDictionary<SourceId, ImmutableArray<SourceRef>> _singleSources = FrozenDictionary<SourceId, ImmutableArray<SourceRef>>.Empty;
    private readonly ConcurrentDictionary<(SourceId, Confidence), Evidence> _sharedEvidence = new();
    private Dictionary<string, Site>.AlternateLookup<ReadOnlySpan<char>> _siteLookup;

    public ScenarioContext(IReadOnlySet<string>? areaIds)
    {
        AreaIds = areaIds;
        _partyLookup = _parties.GetAlternateLookup<ReadOnlySpan<char>>();
        _sourceLookup = _sources.GetAlternateLookup<ReadOnlySpan<char>>();
        _siteLookup = Sites.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The mapped areas control facts may name; null when no geography was given (then area ids are not checked).</summary>
    public IReadOnlySet<string>? AreaIds { get; }

    public Dictionary<string, Party> PartyById { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, WeaponSystem> Systems { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Site> Sites { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Activities { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Deployments { get; } = new(StringComparer.Ordinal);

    public IEnumerable<string> PartyCodes => _parties.Keys;

    public IEnumerable<string> SourceIds => _sources.Keys;

    public void AddSources(IEnumerable<Source> all)
    {
        _sources = all.ToDictionary(s => s.Id.Value, s => s.Id, StringComparer.Ordinal);
        _sourceLookup = _sources.GetAlternateLookup<ReadOnlySpan<char>>();
        _singleSources = _sources.Values.ToFrozenDictionary(id => id, id => ImmutableArray.Create(new SourceRef(id)));
    }

    /// <summary>The shared citation list for a fact citing one source with no locator (most facts), so it is not allocated per fact.</summary>
    public ImmutableArray<SourceRef> SingleSource(SourceId source) => _singleSources[source];

    /// <summary>Evidence equal to (sources, confidence), shared between facts when it cites one source without a locator.</summary>
    public Evidence Evidence(ImmutableArray<SourceRef> citations, Confidence confidence)
    {
        if (citations.Length != 1 || citations[0].Locator is not null)
        {
            return new Evidence(citations, confidence);
        }

        var key = (citations[0].Source, confidence);
        return _sharedEvidence.TryGetValue(key, out var evidence) ? evidence : _sharedEvidence.GetOrAdd(key, new Evidence(citations, confidence));
    }

    public bool TryGetSite(ReadOnlySpan<char> id, out Site site) => _siteLookup.TryGetValue(id, out site!);

    public void AddParties(IEnumerable<Party> all)
    {
        _parties = all.ToDictionary(p => p.Id.Code, p => p.Id, StringComparer.Ordinal);
        _partyLookup = _parties.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var p in all)
        {
            PartyById[p.Id.Code] = p;
        }
    }

    public bool TryGetParty(ReadOnlySpan<char> code, out PartyId party) => _partyLookup.TryGetValue(code, out party);

    public bool TryGetParty(string code, out PartyId party) => _parties.TryGetValue(code, out party);

    public bool TryGetSource(string id, out SourceId source) => _sources.TryGetValue(id, out source);

    public bool TryGetSource(ReadOnlySpan<char> id, out SourceId source) => _sourceLookup.TryGetValue(id, out source);

}
