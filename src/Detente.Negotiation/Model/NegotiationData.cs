using System.Collections.Frozen;
using System.Collections.Immutable;
using Detente.Core;
using Detente.Negotiation.Reading;

namespace Detente.Negotiation;

/// <summary>
/// Issues, positions with their histories, linkages and proposals, loaded whole or not at all. Immutable.
/// </summary>
public sealed class NegotiationData
{
    internal NegotiationData(
        IReadOnlyDictionary<string, CitedSource> sources,
        ImmutableArray<Issue> issues,
        ImmutableArray<IssueLink> links,
        ImmutableArray<Position> positions,
        ImmutableArray<Linkage> linkages,
        ImmutableArray<Proposal> proposals)
    {
        Sources = sources.ToFrozenDictionary(StringComparer.Ordinal);
        Issues = issues;
        Links = links;
        Positions = positions;
        Linkages = linkages;
        Proposals = proposals;
        IssuesById = issues.ToFrozenDictionary(i => i.Id);
        PositionsById = positions.ToFrozenDictionary(p => p.Id);
        LinkagesById = linkages.ToFrozenDictionary(l => l.Id);
    }

    /// <summary>The sources by id.</summary>
    public IReadOnlyDictionary<string, CitedSource> Sources { get; }

    /// <summary>The issues, in file order.</summary>
    public ImmutableArray<Issue> Issues { get; }

    /// <summary>The parameters issue measures use, in file order.</summary>
    public ImmutableArray<IssueParameter> Parameters { get; private init; } = [];

    /// <summary>Relations between issues that hold in every package.</summary>
    public ImmutableArray<IssueLink> Links { get; }

    /// <summary>Every position, every version, in file order.</summary>
    public ImmutableArray<Position> Positions { get; }

    /// <summary>The linkages.</summary>
    public ImmutableArray<Linkage> Linkages { get; }

    /// <summary>The proposals shipped with the data.</summary>
    public ImmutableArray<Proposal> Proposals { get; }

    /// <summary>Issues by id.</summary>
    public IReadOnlyDictionary<IssueId, Issue> IssuesById { get; }

    /// <summary>Positions by id.</summary>
    public IReadOnlyDictionary<PositionId, Position> PositionsById { get; }

    /// <summary>Linkages by id.</summary>
    public IReadOnlyDictionary<PositionId, Linkage> LinkagesById { get; }

    /// <summary>The parties that hold positions, ordered.</summary>
    public IEnumerable<PartyId> Parties => Positions.Select(p => p.Party).Distinct().Order();

    /// <summary>
    /// Loads <c>sources.json</c>, <c>issues.json</c>, <c>positions.json</c> and <c>proposals/*.json</c> from
    /// <paramref name="directory"/>, checks linkages for unknown members and cycles and, unless told not to, checks that no
    /// party's own red lines contradict each other on any date. Throws <see cref="InputException"/> on bad input.
    /// </summary>
    public static NegotiationData Load(string directory, bool checkConsistency = true)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var reader = new NegotiationReader();
        reader.ReadSources(NegotiationReader.ParseFile(Path.Combine(directory, "sources.json"), Display(directory, "sources.json")));
        var (issues, links) = reader.ReadIssues(
            NegotiationReader.ParseFile(Path.Combine(directory, "issues.json"), Display(directory, "issues.json")));
        var (positions, linkages) = reader.ReadPositions(
            NegotiationReader.ParseFile(Path.Combine(directory, "positions.json"), Display(directory, "positions.json")));
        var proposals = ImmutableArray.CreateBuilder<Proposal>();
        var proposalDir = Path.Combine(directory, "proposals");
        if (Directory.Exists(proposalDir))
        {
            foreach (var file in Directory.GetFiles(proposalDir, "*.json").Order(StringComparer.Ordinal))
            {
                var display = Display(directory, Path.Combine("proposals", Path.GetFileName(file)));
                proposals.Add(reader.ReadProposal(NegotiationReader.ParseFile(file, display)));
            }
        }

        var data = new NegotiationData(reader.Sources, issues, links, positions, linkages, proposals.ToImmutable())
        {
            Parameters = reader.Parameters,
        };
        data.CheckLinkages();
        if (checkConsistency)
        {
            Analysis.Consistency.Check(data);
        }

        return data;
    }

    /// <summary>Reads one proposal file against these issues.</summary>
    public Proposal ReadProposal(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var reader = new NegotiationReader();
        foreach (var issue in Issues)
        {
            reader.AddIssue(issue);
        }

        reader.ReadSourceMap(Sources);
        return reader.ReadProposal(NegotiationReader.ParseFile(path, path));
    }

    /// <summary>
    /// The positions in force on <paramref name="at"/> (all latest versions when null) of the given parties (all when
    /// empty): per history line, the latest version dated on or before the day.
    /// </summary>
    public ImmutableArray<Position> InForce(DateOnly? at, IReadOnlyCollection<PartyId>? parties = null) =>
    [
        .. Positions
            .Where(p => (at is null || p.Date <= at) && (parties is null || parties.Count == 0 || parties.Contains(p.Party)))
            .GroupBy(p => (p.Party, p.Line))
            .Select(g => g.MaxBy(p => p.Date)!)
            .OrderBy(p => p.Party).ThenBy(p => Positions.IndexOf(p)),
    ];

    /// <summary>The versions of a history line, oldest first; <paramref name="id"/> may name the line or any version in it.</summary>
    public ImmutableArray<Position> History(string id)
    {
        var line = PositionsById.TryGetValue(new PositionId(id), out var p) ? p.Line : id;
        return [.. Positions.Where(q => q.Line == line).OrderBy(q => q.Date)];
    }

    /// <summary>The positions a linkage covers, through nested linkages.</summary>
    public IEnumerable<PositionId> Expand(PositionId linkage)
    {
        foreach (var m in LinkagesById[linkage].Members)
        {
            if (LinkagesById.ContainsKey(m))
            {
                foreach (var inner in Expand(m))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return m;
            }
        }
    }

    private void CheckLinkages()
    {
        foreach (var l in Linkages)
        {
            foreach (var m in l.Members)
            {
                if (PositionsById.TryGetValue(m, out var p))
                {
                    if (p.Party != l.Party)
                    {
                        throw new InputException(l.Location, null,
                            $"linkage '{l.Id}' of {l.Party} names '{m}', a position of {p.Party}; a party links only its own positions");
                    }
                }
                else if (!LinkagesById.ContainsKey(m))
                {
                    throw new InputException(l.Location, null,
                        $"linkage '{l.Id}' names '{m}', which is neither a position nor a linkage");
                }
            }
        }

        // Depth-first search with colours: a grey node met again closes a cycle.
        var colour = new Dictionary<PositionId, int>();
        foreach (var l in Linkages)
        {
            Visit(l.Id, []);
        }

        void Visit(PositionId id, List<PositionId> path)
        {
            if (!LinkagesById.TryGetValue(id, out var linkage) || colour.GetValueOrDefault(id) == 2)
            {
                return;
            }

            path.Add(id);
            if (colour.GetValueOrDefault(id) == 1)
            {
                var start = path.IndexOf(id);
                throw new InputException(linkage.Location, null, $"cyclic linkage: {string.Join(" → ", path.Skip(start))}");
            }

            colour[id] = 1;
            foreach (var m in linkage.Members)
            {
                Visit(m, path);
            }

            colour[id] = 2;
            path.RemoveAt(path.Count - 1);
        }
    }

    private static string Display(string directory, string file) => Path.Combine(directory, file);
}
