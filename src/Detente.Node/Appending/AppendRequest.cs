using Detente.Core;
using Detente.Record.Keys;
using Detente.Record.Merkle;
using Detente.Record.Statements;
using Detente.Storage;

namespace Detente.Node.Appending;

/// <summary>
/// One writer's submission to the <see cref="Appender"/>: signed statement entries, in order, with the keys to enrol and the
/// observation batch rows to store in the same transaction.
/// </summary>
public sealed record AppendRequest
{
    /// <summary>A submission of <paramref name="entries"/>.</summary>
    public AppendRequest(IReadOnlyList<byte[]> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries;
    }

    /// <summary>One signed statement.</summary>
    public static AppendRequest Of(SignedStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return new AppendRequest([[.. statement.Entry]]);
    }

    /// <summary>The signed statement entries, in the order they are to be appended.</summary>
    public IReadOnlyList<byte[]> Entries { get; }

    /// <summary>
    /// Keys to enrol with the statements (a party's first key): in their transaction, and only if every statement is accepted.
    /// </summary>
    public IReadOnlyList<(PartyId Party, VerifierKey Key)> Enrol { get; init; } = [];

    /// <summary>The rows of the observation batches the entries state, stored in their transaction, only if every statement is accepted.</summary>
    public IReadOnlyList<BatchRows> Rows { get; init; } = [];

    /// <summary>True when the request is written in a transaction of its own, all or nothing (it enrols keys or stores rows).</summary>
    internal bool AllOrNothing => Enrol.Count > 0 || Rows.Count > 0;
}

/// <summary>How the appender answered a submission.</summary>
public enum AppendOutcome
{
    /// <summary>Every statement was accepted, integrated (and checkpointed when the appender holds the log key).</summary>
    Accepted,

    /// <summary>At least one statement was rejected; <see cref="AppendResult.Statements"/> says which and by which rule.</summary>
    Rejected,

    /// <summary>The queue was full: nothing was written; retry later.</summary>
    Busy,
}

/// <summary>What became of one statement.</summary>
/// <param name="Check">The validator's and the body rules' verdict.</param>
/// <param name="Index">The log index, when the statement was written.</param>
/// <param name="LeafHash">The Merkle leaf hash, when the statement was written.</param>
public sealed record StatementResult(StatementCheck Check, long? Index, MerkleHash? LeafHash)
{
    /// <summary>True when the statement is in the log.</summary>
    public bool Written => Index is not null;

    /// <summary>The name of the body rule that rejected the statement (e.g. <c>own-declaration</c>); null when accepted or rejected by the validator.</summary>
    public string? Rule => Check.Rule?.Name;

    /// <summary>Why the statement is not in the log: the rejection, or that another statement of an all-or-nothing submission was rejected.</summary>
    public string? Reason { get; init; }
}

/// <summary>The appender's answer to one submission.</summary>
/// <param name="Outcome">Accepted, rejected or busy.</param>
/// <param name="Statements">One result per entry of the submission (empty when busy).</param>
/// <param name="Message">For a busy or rejected submission, a sentence for a person.</param>
public sealed record AppendResult(AppendOutcome Outcome, IReadOnlyList<StatementResult> Statements, string? Message)
{
    /// <summary>True when every statement is in the log.</summary>
    public bool IsAccepted => Outcome == AppendOutcome.Accepted;

    /// <summary>The first rejected statement's result; null when none was.</summary>
    public StatementResult? FirstRejected => Statements.FirstOrDefault(s => !s.Check.IsAccepted);
}

/// <summary>How the appender batches and bounds its work.</summary>
public sealed record AppenderOptions
{
    /// <summary>Submissions waiting at most; one more is answered <see cref="AppendOutcome.Busy"/> at once. Default 4,096.</summary>
    public int QueueCapacity { get; init; } = 4096;

    /// <summary>Statements per append transaction: concurrent submissions are committed together up to this many. Default 1,024.</summary>
    public int MaxBatchEntries { get; init; } = 1024;

    /// <summary>Entries per integration transaction. Default 4,096.</summary>
    public int IntegrateBatch { get; init; } = 4096;

    /// <summary>Time limit of one witness's answer. Default 30 seconds.</summary>
    public TimeSpan WitnessTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The validator's clock. Default: the system's UTC time.</summary>
    public Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;

    /// <summary>The defaults.</summary>
    public static AppenderOptions Default { get; } = new();
}
