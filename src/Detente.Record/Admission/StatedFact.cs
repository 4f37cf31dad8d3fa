using Detente.Core;
using Detente.Record.Statements;

namespace Detente.Record.Admission;

/// <summary>
/// What the record already states under an id, as the body rules need it: a cache of the stating entry's body, re-derivable from it.
/// </summary>
/// <param name="Id">The fact or step id (a party's code for a party).</param>
/// <param name="Kind">The kind of the statement that stated it.</param>
/// <param name="Author">The statement's author.</param>
/// <param name="Parties">
/// The parties the fact is about, space-separated: the owner of a deployment, the receiving party of an inspection request, the
/// parties asked by a consultation request, the host of a site; for a party, its kind word (e.g. <c>state</c>).
/// </param>
/// <param name="Index">The log index of the stating entry.</param>
/// <param name="At">A step's stated date or time, as written; null for facts.</param>
public sealed record StatedFact(string Id, StatementKind Kind, PartyId Author, string Parties, long Index, string? At)
{
    /// <summary>True when <paramref name="party"/> is one of <see cref="Parties"/>.</summary>
    public bool Names(PartyId party) => Parties.Split(' ').Contains(party.Code);
}

/// <summary>An observation batch's stored rows, as the body rules need them.</summary>
/// <param name="Rows">How many rows are stored under the digest.</param>
/// <param name="Observers">Every distinct <c>observer</c> the rows name (empty string for a row naming none).</param>
public sealed record StoredBatch(long Rows, IReadOnlySet<string> Observers);

/// <summary>The record's state as the body rules read it: what is stated under an id, and which batch rows are stored.</summary>
public interface IStatedFacts
{
    /// <summary>The fact or step stated under <paramref name="id"/> before the statement being checked; null when none.</summary>
    StatedFact? Find(string id);

    /// <summary>The rows stored under <paramref name="sha256"/>; null when none.</summary>
    StoredBatch? Batch(string sha256);
}

/// <summary>
/// The record's state for the body rules held in memory: for checking a whole import against an empty record before anything is
/// written, or for a node that keeps its state in memory. Facts are added as statements are admitted.
/// </summary>
public sealed class StatedFacts : IStatedFacts
{
    private readonly Dictionary<string, StatedFact> _facts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredBatch> _batches = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public StatedFact? Find(string id) => _facts.GetValueOrDefault(id);

    /// <inheritdoc/>
    public StoredBatch? Batch(string sha256) => _batches.GetValueOrDefault(sha256);

    /// <summary>Records a fact an admitted statement stated.</summary>
    public void Add(StatedFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        _facts[fact.Id] = fact;
    }

    /// <summary>Records batch rows stored.</summary>
    public void AddBatch(string sha256, StoredBatch batch) => _batches[sha256] = batch;

    /// <summary>
    /// Applies every body rule to <paramref name="statement"/> against the facts so far and, when it passes, records what it states at
    /// log index <paramref name="index"/>; returns the broken rule, or null.
    /// </summary>
    public RuleBreach? Admit(Statements.Statement statement, long index, bool demoRecord)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var (claims, breach) = StatementBodies.Read(statement);
        breach ??= StatementAdmission.Check(statement, claims!, this, demoRecord);
        if (breach is null && claims!.ToFact(statement, index) is { } fact)
        {
            Add(fact);
        }

        return breach;
    }
}
