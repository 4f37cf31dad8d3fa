using Detente.Node.Appending;
using Detente.Record.Statements;
using Detente.Record.Tiles;

namespace Detente.Node.Following;

/// <summary>One statement of the integrated log, as followers see it.</summary>
/// <param name="Index">Its log index.</param>
/// <param name="Statement">The statement (envelope and body).</param>
public sealed record IntegratedStatement(long Index, Statement Statement)
{
    /// <summary>The statement as the cause of a change: index, author, kind.</summary>
    public StatementCause Cause => new(Index, Statement.Author, Statement.Kind);
}

/// <summary>
/// An integrated batch's statements, parsed once for every follower, in log order from <see cref="FirstIndex"/>. They come from
/// the <see cref="Appender"/>'s <see cref="IntegratedBatch"/> (in process) or from the store (<see cref="Read"/>, for a process
/// following a record another one writes). Only entries the tree holds are ever read (<see cref="IEntrySource"/> ends at the
/// integrated size), so no follower sees a statement before it is integrated.
/// </summary>
/// <param name="FirstIndex">The log index of the first statement.</param>
/// <param name="Statements">The statements, in log order.</param>
public sealed record IntegratedStatements(long FirstIndex, IReadOnlyList<IntegratedStatement> Statements)
{
    /// <summary>The index after the last statement: a follower that took this batch is at this position.</summary>
    public long End => FirstIndex + Statements.Count;

    /// <summary>The statements of a batch the appender integrated.</summary>
    public static IntegratedStatements From(IntegratedBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Parse(batch.FirstIndex, batch.Entries);
    }

    /// <summary>
    /// Reads up to <paramref name="max"/> integrated statements from <paramref name="from"/> (fewer at the end of the tree). An entry
    /// that does not parse as a statement is a <see cref="NodeException"/> naming its index.
    /// </summary>
    public static IntegratedStatements Read(IEntrySource log, long from, int max = 4096)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var size = log.Size;
        return from >= size ? new IntegratedStatements(from, []) : Parse(from, log.Entries(from, (int)Math.Min(max, size - from)));
    }

    private static IntegratedStatements Parse(long from, IReadOnlyList<byte[]> entries)
    {
        var statements = new List<IntegratedStatement>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var parsed = SignedStatement.Parse(entries[i]);
            if (!parsed.IsAccepted)
            {
                throw new NodeException($"record entry {from + i}: {parsed.Message}; run 'detente record verify'");
            }

            statements.Add(new IntegratedStatement(from + i, parsed.Statement.Statement));
        }

        return new IntegratedStatements(from, statements);
    }
}
