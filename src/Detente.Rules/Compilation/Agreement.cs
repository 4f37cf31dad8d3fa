using System.Collections.Immutable;
using Detente.Core;
using Detente.Rules.Ast;
using Detente.Rules.Checking;
using Detente.Rules.Runtime;

namespace Detente.Rules.Compilation;

/// <summary>A parameter of a document with its type, default and documentation.</summary>
internal sealed record ParamInfo(string Name, RuleType Type, string TypeName, Expr Default, Compiled DefaultValue, string Documentation);

/// <summary>A parameter as its document declares it.</summary>
/// <param name="Name">Its name, e.g. <c>zone-width-km</c>.</param>
/// <param name="Type">Its type as rule text writes it, e.g. <c>number</c>.</param>
/// <param name="Default">Its default, as rule text (it may depend on the date).</param>
/// <param name="Documentation">What it means, from the document.</param>
public sealed record ParameterDeclaration(string Name, string Type, string Default, string Documentation);

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

    /// <summary>
    /// The conjuncts of the condition that read only the fact in hand (<see cref="Compilation.FactTests"/>): a fact for which
    /// one is false matches the clause under no sets of states and no other facts.
    /// </summary>
    public ImmutableArray<Compiled> FactTests { get; init; } = [];

    /// <summary>
    /// The conjuncts <c>v.f in S</c> and <c>v.f not in S</c> of the condition whose set reads neither the fact nor the responsible
    /// party (<see cref="Compilation.FactTests.PartyTestsOf"/>): evaluating the set once decides the conjunct for every fact
    /// that names a given party in <c>f</c>.
    /// </summary>
    public ImmutableArray<PartyTest> PartyTests { get; init; } = [];

    public ClauseKind Kind => Syntax.Kind;

    public string Statement => Syntax.Statement;

    /// <summary>True when a machine can decide the clause on the data.</summary>
    public bool Checkable => Kind != ClauseKind.Uncheckable;

    /// <summary>The parties the clause binds in <paramref name="env"/>: its own 'binds', else the document's parties.</summary>
    public PartySet BoundIn(Env env) => Binds is null ? env.Parties : PartySet.From(Binds(env));
}

/// <summary>A conjunct <c>v.Field in Set</c> (<paramref name="In"/>) or <c>v.Field not in Set</c> of a clause's condition.</summary>
internal sealed record PartyTest(string Field, bool In, Compiled Set);

/// <summary>An article: paraphrase, source locator and its compiled clauses.</summary>
internal sealed record CompiledArticle(string Number, string Paraphrase, string? Locator, ImmutableArray<CompiledClause> Clauses);

/// <summary>
/// A compiled document of the rule language (a draft, proposal, treaty or political commitment): header, parameters and
/// articles. Immutable and safe to evaluate from several threads. Obtain one from <see cref="RuleEngine.TryCompile"/> or an
/// <see cref="AgreementLibrary"/>; evaluate it with <see cref="RuleEngine.Evaluate(Agreement, World, AgreementParameters?)"/>.
/// </summary>
public sealed class Agreement : IDocumentSignature
{
    internal Agreement(DocumentSyntax syntax, Compiled parties, ImmutableArray<ParamInfo> @params, ImmutableArray<CompiledArticle> articles)
    {
        Syntax = syntax;
        Parties = parties;
        Params = @params;
        Articles = articles;
    }

    internal DocumentSyntax Syntax { get; }

    internal Compiled Parties { get; }

    internal ImmutableArray<ParamInfo> Params { get; }

    internal ImmutableArray<CompiledArticle> Articles { get; }

    /// <summary>The document's id as a typed value (its slug, e.g. <c>ru-nato-2021-draft</c>).</summary>
    public AgreementId AgreementId => new(Syntax.Id);

    /// <summary>The date the document carries.</summary>
    public DateOnly Date => Syntax.Date;

    /// <summary>The names of the document's parameters, in the order it declares them (set with <see cref="RuleEngine.TryParseParameters"/>).</summary>
    public IReadOnlyList<string> ParameterNames => [.. Params.Select(p => p.Name)];

    /// <summary>The document's parameters as it declares them: name, type, default and documentation.</summary>
    public IReadOnlyList<ParameterDeclaration> Parameters => [.. Params.Select(p => new ParameterDeclaration(p.Name, p.TypeName, p.Default.ToString()!, p.Documentation))];

    /// <summary>The ids of every clause, in document order.</summary>
    public IReadOnlyList<ClauseId> ClauseIds => [.. Clauses.Select(c => new ClauseId(AgreementId, c.Id))];

    IEnumerable<string> IDocumentSignature.ParameterNames => ParameterNames;

    RuleType? IDocumentSignature.ParameterType(string name) => Params.FirstOrDefault(p => p.Name == name)?.Type;

    /// <summary>
    /// The environment the document's clauses are evaluated in over <paramref name="world"/>: its parties and its parameters'
    /// values (their defaults, or <paramref name="overrides"/>).
    /// </summary>
    internal Env Environment(World world, RuleGeography geography, IReadOnlyDictionary<string, Compiled>? overrides)
    {
        var parameters = new Dictionary<string, object>(StringComparer.Ordinal);
        var env = new Env(world, geography, parameters);
        env.Parties = PartySet.From(Parties(env));
        foreach (var p in Params)
        {
            var value = overrides is not null && overrides.TryGetValue(p.Name, out var o) ? o(env) : p.DefaultValue(env);
            parameters[p.Name] = value!;
        }

        return env;
    }

    /// <summary>The document's id, its slug.</summary>
    public string Id => Syntax.Id;

    /// <summary>The document's title.</summary>
    public string Title => Syntax.Title;

    /// <summary>What it is: <c>draft</c>, <c>proposal</c>, <c>treaty</c> or <c>political-commitment</c>.</summary>
    public string Kind => Syntax.Kind;

    internal IEnumerable<CompiledClause> Clauses => Articles.SelectMany(a => a.Clauses);

    /// <summary>
    /// The clauses in the order they are settled: every clause after the clause its 'only while' names, wherever that one
    /// stands in the document; otherwise in document order. The compiler rejects conditions that form a cycle.
    /// </summary>
    internal IReadOnlyList<CompiledClause> EvaluationOrder => _evaluationOrder ??= Order(Clauses.ToList());

    private IReadOnlyList<CompiledClause>? _evaluationOrder;

    /// <summary>Orders clauses so that a condition comes before the clauses conditioned on it; document order when they form a cycle.</summary>
    internal static IReadOnlyList<CompiledClause> Order(List<CompiledClause> clauses) =>
        TryOrder(clauses, out var ordered, out _) ? ordered : clauses;

    /// <summary>Orders clauses by their conditions; false with the clauses of a cycle when the conditions form one.</summary>
    internal static bool TryOrder(List<CompiledClause> clauses, out List<CompiledClause> ordered, out List<string> cycle)
    {
        var byId = clauses.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<CompiledClause>(clauses.Count);
        cycle = [];
        foreach (var start in clauses)
        {
            // Follow the chain of conditions from this clause; place them from the innermost outwards.
            var chain = new List<CompiledClause>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var c = start; c is not null && !done.Contains(c.Id); c = c.Syntax.OnlyWhile is { } on ? byId.GetValueOrDefault(on) : null)
            {
                if (!seen.Add(c.Id))
                {
                    cycle = chain.SkipWhile(x => x.Id != c.Id).Select(x => x.Id).Append(c.Id).ToList();
                    ordered = clauses;
                    return false;
                }

                chain.Add(c);
            }

            for (var i = chain.Count - 1; i >= 0; i--)
            {
                done.Add(chain[i].Id);
                result.Add(chain[i]);
            }
        }

        ordered = result;
        return true;
    }

    internal CompiledClause? Clause(string id) => Clauses.FirstOrDefault(c => c.Id == id || $"{Id}/{c.Id}" == id);
}
