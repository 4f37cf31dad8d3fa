using System.Collections.Immutable;
using Detente.Core;

namespace Detente.Rules.Ast;

/// <summary>What a clause requires.</summary>
internal enum ClauseKind
{
    /// <summary>No fact may match.</summary>
    Prohibition,

    /// <summary>An aggregate over matching facts stays within a bound.</summary>
    Limit,

    /// <summary>For every matching fact, another fact must exist by a deadline.</summary>
    Obligation,

    /// <summary>A right exercised at most a quota of times per period.</summary>
    Right,

    /// <summary>Encoded as text only: no machine can decide it.</summary>
    Uncheckable,
}

/// <summary>What the aggregate of a limit computes.</summary>
internal enum AggregateKind
{
    Count,
    Sum,
}

/// <summary>A parameter of a document: a vague term given a documented default that users can override.</summary>
internal sealed record ParamSyntax(LineColumn Position, string Name, string Type, Expr Default, string Documentation);

/// <summary>A cited source of the document: id, description, optional address.</summary>
internal sealed record SourceSyntax(string Id, string Description, string? Url);

/// <summary>Who is bound by an article or a clause.</summary>
internal sealed record BindsSyntax(Expr Parties, bool IncludingAlliances)
{
    public override string ToString() => $"binds {Parties}" + (IncludingAlliances ? " including alliances" : "");
}

/// <summary>One clause of an article.</summary>
internal sealed record ClauseSyntax(
    LineColumn Position,
    int Number,
    string Statement,
    ClauseKind Kind,
    BindsSyntax? Binds,
    FactKind Over,
    string Variable,
    Expr? By,
    Expr? Where,
    ImmutableArray<Expr> GroupBy,
    int? PerYears,
    AggregateKind Aggregate,
    Expr? SumOf,
    BinaryOp Comparison,
    Expr? Bound,
    DateOnly? Baseline,
    Expr? Due,
    FactKind? ExistsOver,
    string? ExistsVariable,
    Expr? ExistsWhere,
    string? OnlyWhile,
    string? Reason,
    string? SourceLocator)
{
    /// <summary>
    /// A limit that counts the facts in force at the same time (<c>simultaneous count &lt;= 3</c>): the group's figure is the
    /// largest number of its facts whose periods share a day, among those that started on or before the evaluation date.
    /// </summary>
    public bool Simultaneous { get; init; }
}

/// <summary>One article: its number, our paraphrase, who it binds, and its clauses.</summary>
internal sealed record ArticleSyntax(
    LineColumn Position,
    string Number,
    string Paraphrase,
    string? SourceLocator,
    BindsSyntax? Binds,
    ImmutableArray<ClauseSyntax> Clauses)
{
    /// <summary>True when some of the article's clauses failed to parse: the others keep the ids they would have had.</summary>
    public bool Partial { get; init; }
}

/// <summary>A whole <c>.accord</c> file.</summary>
internal sealed record DocumentSyntax(
    string File,
    string Id,
    string Title,
    string Kind,
    string? ProposedBy,
    DateOnly Date,
    Expr Parties,
    DateOnly? InForce,
    DateOnly? Until,
    string? InForceNote,
    ImmutableArray<SourceSyntax> Sources,
    ImmutableArray<ParamSyntax> Params,
    ImmutableArray<ArticleSyntax> Articles)
{
    /// <summary>Where the document's id is written, after 'agreement'.</summary>
    public LineColumn IdPosition { get; init; } = new(1, 11);
}
