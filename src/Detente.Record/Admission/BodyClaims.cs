using Detente.Core;
using Detente.Record.Statements;

namespace Detente.Record.Admission;

/// <summary>A broken body rule: which rule and what in the statement broke it.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Message">What broke it, naming the body member.</param>
public sealed record RuleBreach(BodyRule Rule, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Rule.Name}: {Message}";
}

/// <summary>A name in a body that must resolve to something stated before.</summary>
/// <param name="Id">The id (or party code) named.</param>
/// <param name="Field">The body member that names it, e.g. <c>site</c> or <c>sources[1]</c>.</param>
/// <param name="Kinds">The statement kinds that may have stated it.</param>
/// <param name="Check">A further condition on what was stated (e.g. the host must be a state); returns the breach or null.</param>
public sealed record Reference(string Id, string Field, IReadOnlyList<StatementKind> Kinds, Func<StatedFact, RuleBreach?>? Check = null);

/// <summary>What a well-formed body asserts that the record's state decides: the id it introduces, what it names, a step's date, a batch.</summary>
public sealed class BodyClaims
{
    /// <summary>The fact or step id the statement introduces; null when it introduces none.</summary>
    public string? Id { get; init; }

    /// <summary>The parties the stated fact is about (see <see cref="StatedFact.Parties"/>).</summary>
    public string Parties { get; init; } = "";

    /// <summary>Everything the body names that must already be stated.</summary>
    public IReadOnlyList<Reference> References { get; init; } = [];

    /// <summary>A step's stated date or time as written; null for facts.</summary>
    public string? At { get; init; }

    /// <summary>An observation batch's digest; null for other kinds.</summary>
    public string? BatchDigest { get; init; }

    /// <summary>An observation batch's row count.</summary>
    public long BatchRows { get; init; }

    /// <summary>A key a key rotation introduces; null for other kinds.</summary>
    public Keys.VerifierKey? NewKey { get; init; }

    /// <summary>The row a fact gets in the store's cache of stated facts, once admitted at <paramref name="index"/>.</summary>
    public StatedFact? ToFact(Statement statement, long index)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return Id is null ? null : new StatedFact(Id, statement.Kind, statement.Author, Parties, index, At);
    }
}
