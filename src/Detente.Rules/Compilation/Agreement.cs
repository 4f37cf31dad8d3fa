using System.Collections.Immutable;
using Detente.Rules.Ast;
using Detente.Rules.Checking;

namespace Detente.Rules.Compilation;

/// <summary>A parameter of a document with its type, default and documentation.</summary>
internal sealed record ParamInfo(string Name, RuleType Type, string TypeName, Expr Default, Compiled DefaultValue, string Documentation);

/// <summary>A clause ready to evaluate.</summary>
internal sealed record CompiledClause(
    string Id,
    string Article,
    ClauseSyntax Syntax,
    Compiled? Binds,
    bool IncludingAlliances,
    Compiled? By,
    Compiled? Where,
    ImmutableArray<Compiled> GroupBy,
    Compiled? SumOf,
    Compiled? Bound,
    Compiled? Due,
    Compiled? ExistsWhere,
    ImmutableHashSet<FactKind> Reads)
{
    /// <summary>
    /// True when an obligation's required fact must name the triggering activity (<c>n.activity = a.id</c> among the
    /// conjuncts of its condition), so the search can use an index of notifications by activity instead of a scan.
    /// </summary>
    public bool JoinsOnActivity { get; init; }

    public ClauseKind Kind => Syntax.Kind;

    public string Statement => Syntax.Statement;

    /// <summary>True when a machine can decide the clause on the data.</summary>
    public bool Checkable => Kind != ClauseKind.Uncheckable;
}

/// <summary>An article: paraphrase, source locator and its compiled clauses.</summary>
internal sealed record CompiledArticle(string Number, string Paraphrase, string? Locator, ImmutableArray<CompiledClause> Clauses);

/// <summary>A compiled document: header, parameters and articles. Immutable and safe to evaluate from several threads.</summary>
internal sealed record Agreement(
    DocumentSyntax Syntax,
    Compiled Parties,
    ImmutableArray<ParamInfo> Params,
    ImmutableArray<CompiledArticle> Articles)
{
    public string Id => Syntax.Id;

    public string Title => Syntax.Title;

    public string Kind => Syntax.Kind;

    public IEnumerable<CompiledClause> Clauses => Articles.SelectMany(a => a.Clauses);

    public CompiledClause? Clause(string id) => Clauses.FirstOrDefault(c => c.Id == id || $"{Id}/{c.Id}" == id);
}
