using System.Collections.Immutable;
using Detente.Core;

namespace Detente.Negotiation.Analysis;

/// <summary>
/// One unit the analysis keeps or drops: a single position, or — with linkage on — a linked set of one party's positions
/// that stands or falls together.
/// </summary>
/// <param name="Id">The position's or the linkage's id.</param>
/// <param name="Party">Whose it is.</param>
/// <param name="Kind">A red line when any member is one.</param>
/// <param name="Weight">The sum of the members' demand weights.</param>
/// <param name="Title">The position's or linkage's title.</param>
/// <param name="Positions">The positions it holds.</param>
public sealed record Clause(string Id, PartyId Party, PositionKind Kind, int Weight, string Title, ImmutableArray<Position> Positions)
{
    /// <summary>The condition: every member position holds.</summary>
    public Condition Condition => Positions.Length == 1 ? Positions[0].Condition : new All([.. Positions.Select(p => p.Condition)]);

    /// <summary>"RUS red line 'title'".</summary>
    public string Label => $"{Party} {(Kind == PositionKind.RedLine ? "red line" : "demand")} '{Title}'";
}

/// <summary>What is analysed: the clauses of the chosen parties' positions in force on a day, over all issues.</summary>
public sealed class NegotiationProblem
{
    private NegotiationProblem(
        NegotiationData data, ImmutableArray<PartyId> parties, DateOnly? at, bool linkage, ImmutableArray<Clause> clauses)
    {
        Data = data;
        Parties = parties;
        At = at;
        Linkage = linkage;
        Clauses = clauses;
    }

    /// <summary>The data.</summary>
    public NegotiationData Data { get; }

    /// <summary>The parties whose positions are included.</summary>
    public ImmutableArray<PartyId> Parties { get; }

    /// <summary>The day whose positions are in force; null for the latest version of every position.</summary>
    public DateOnly? At { get; }

    /// <summary>Whether linked positions stand or fall together.</summary>
    public bool Linkage { get; }

    /// <summary>The clauses, red lines first per party.</summary>
    public ImmutableArray<Clause> Clauses { get; }

    /// <summary>Builds the problem for <paramref name="parties"/> (all parties with positions when empty).</summary>
    public static NegotiationProblem Create(NegotiationData data, IReadOnlyCollection<PartyId> parties, DateOnly? at, bool linkage)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(parties);
        var chosen = parties.Count == 0 ? data.Parties.ToImmutableArray() : [.. parties];
        var inForce = data.InForce(at, chosen);
        var clauses = ImmutableArray.CreateBuilder<Clause>();
        var covered = new HashSet<PositionId>();
        if (linkage)
        {
            // Only outermost linkages make clauses; a nested linkage is part of the one that names it.
            var nested = data.Linkages.SelectMany(l => l.Members).ToHashSet();
            foreach (var l in data.Linkages.Where(l => chosen.Contains(l.Party) && !nested.Contains(l.Id) && (at is null || l.Date <= at)))
            {
                var lines = data.Expand(l.Id).Select(id => data.PositionsById[id].Line).ToHashSet();
                var members = inForce.Where(p => lines.Contains(p.Line) && !covered.Contains(p.Id)).ToImmutableArray();
                if (members.Length < 2)
                {
                    continue;
                }

                covered.UnionWith(members.Select(m => m.Id));
                var kind = members.Any(m => m.Kind == PositionKind.RedLine) ? PositionKind.RedLine : PositionKind.Demand;
                clauses.Add(new Clause(l.Id.Value, l.Party, kind, members.Sum(m => m.Weight), l.Title, members));
            }
        }

        foreach (var p in inForce.Where(p => !covered.Contains(p.Id)))
        {
            clauses.Add(new Clause(p.Id.Value, p.Party, p.Kind, p.Weight, p.Title, [p]));
        }

        var ordered = clauses.OrderBy(c => chosen.IndexOf(c.Party)).ThenBy(c => c.Kind).ToImmutableArray();
        return new NegotiationProblem(data, chosen, at, linkage, ordered);
    }

    /// <summary>A problem over given clauses, for generated instances and tests.</summary>
    public static NegotiationProblem FromClauses(NegotiationData data, ImmutableArray<Clause> clauses) =>
        new(data, [.. clauses.Select(c => c.Party).Distinct()], null, false, clauses);
}
