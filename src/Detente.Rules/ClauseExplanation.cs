using Detente.Core;
using Detente.Rules.Ast;
using Detente.Rules.Compilation;
using Detente.Rules.Evaluation;
using Detente.Rules.Parsing;
using Detente.Rules.Runtime;

namespace Detente.Rules;

/// <summary>A document parameter a clause reads, with its value on the date and where the value comes from.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Type">Its type as rule text writes it (<c>km</c>, <c>days</c>, <c>number</c>, ...).</param>
/// <param name="Value">Its value on the date: a number, a truth, a date, a party or a set of parties as the rule language computes them.</param>
/// <param name="Default">Its default, as rule text.</param>
/// <param name="Set">True when the value was set by the caller rather than taken from the default.</param>
/// <param name="Documentation">What it means, from the document.</param>
public sealed record ParameterUse(string Name, string Type, object? Value, string Default, bool Set, string Documentation);

/// <summary>
/// Why a clause gives the findings it gives on a date, as data: the clause and its article, who it binds, the parameters it reads,
/// the subject asked about (a fact or a party), the trace of its condition on that fact, the fields it reads and the findings
/// about the subject. Built by <see cref="RuleEngine.TryExplain"/>.
/// </summary>
public sealed record ClauseExplanation
{
    /// <summary>The document.</summary>
    public required Agreement Agreement { get; init; }

    /// <summary>The date.</summary>
    public required DateOnly Day { get; init; }

    /// <summary>The clause's article.</summary>
    public required ArticleOutline Article { get; init; }

    /// <summary>The clause.</summary>
    public required ClauseOutline Clause { get; init; }

    /// <summary>The parties the clause binds on the date, as rule text writes a set.</summary>
    public required string Bound { get; init; }

    /// <summary>True when the clause binds the parties' forces deployed in the framework of their alliances too.</summary>
    public required bool IncludingAlliances { get; init; }

    /// <summary>The document's parameters the clause reads (directly or through another parameter's default), in document order.</summary>
    public required IReadOnlyList<ParameterUse> Parameters { get; init; }

    /// <summary>How many parameters the document has.</summary>
    public required int DocumentParameters { get; init; }

    /// <summary>The kind of fact the clause ranges over.</summary>
    public required FactKind Over { get; init; }

    /// <summary>The subject asked about (a fact id or a party code); null when none was given.</summary>
    public required string? Subject { get; init; }

    /// <summary>The kind of the fact named by <see cref="Subject"/>, when it names one.</summary>
    public required FactKind? SubjectKind { get; init; }

    /// <summary>The fact named by <see cref="Subject"/> when it is of the kind the clause ranges over; else null.</summary>
    public required object? SubjectFact { get; init; }

    /// <summary>Each step of the clause's condition evaluated on <see cref="SubjectFact"/>; empty without one, or without a condition.</summary>
    public required IReadOnlyList<string> Trace { get; init; }

    /// <summary>The fields of facts the clause reads (<c>quantity</c>, <c>troops</c>, <c>range</c>, ...).</summary>
    public required IReadOnlySet<string> FieldsRead { get; init; }

    /// <summary>The clause's findings about the subject (all of them without one), in the evaluator's order.</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }

    internal static ClauseExplanation Build(RuleEngine engine, Evaluator evaluator, Agreement agreement, CompiledClause clause, Scenario scenario,
        World world, AgreementParameters? parameters, string? subject)
    {
        var overrides = parameters?.Values;
        var findings = evaluator.Evaluate(agreement, world, overrides, onlyClause: clause.Id);
        var article = agreement.Articles.First(a => a.Clauses.Contains(clause));
        var env = agreement.Environment(world, engine.Geography, overrides);
        var used = UsedParameters(agreement, clause, article);
        var fact = subject is null ? null : FindFact(scenario, subject);
        var kind = fact is null ? (FactKind?)null : KindOf(fact);
        var evaluated = kind == clause.Syntax.Over ? fact : null;
        return new ClauseExplanation
        {
            Agreement = agreement,
            Day = world.At,
            Article = AgreementOutline.Of(agreement).Articles.First(a => a.Number == article.Number),
            Clause = AgreementOutline.Clause(agreement, clause),
            Bound = clause.BoundIn(env).ToString(),
            IncludingAlliances = clause.IncludingAlliances,
            Parameters = [.. agreement.Params.Where(p => used.Contains(p.Name)).Select(p => new ParameterUse(p.Name, p.TypeName,
                env.Parameters[p.Name], p.Default.ToString()!, overrides?.ContainsKey(p.Name) == true, p.Documentation))],
            DocumentParameters = agreement.Params.Length,
            Over = clause.Syntax.Over,
            Subject = subject,
            SubjectKind = kind,
            SubjectFact = evaluated,
            Trace = evaluated is not null && clause.Where is not null ? evaluator.Trace(agreement, clause, world, evaluated, overrides) : [],
            FieldsRead = FieldsReadBy(clause),
            Findings = subject is null
                ? findings
                : [.. findings.Where(f => f.Subject.Id.Split('+').Contains(subject) || f.PartyCode == subject.ToUpperInvariant())],
        };
    }

    /// <summary>
    /// The document's parameters the clause reads: named in who it binds (its own or its article's), its responsible party,
    /// condition, grouping, sum, bound and deadline, the fact it looks for, and in the defaults of those parameters.
    /// </summary>
    internal static HashSet<string> UsedParameters(Agreement agreement, CompiledClause clause, CompiledArticle article)
    {
        var s = clause.Syntax;
        var binds = s.Binds ?? agreement.Syntax.Articles.First(a => a.Number == article.Number).Binds;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var parameters = agreement.Params.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var pending = new Stack<Expr?>([binds?.Parties, s.By, s.Where, s.SumOf, s.Bound, s.Due, s.ExistsWhere, .. s.GroupBy]);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            if (e is null)
            {
                continue;
            }

            if (e is NameExpr n && parameters.TryGetValue(n.Name, out var p) && names.Add(n.Name))
            {
                pending.Push(p.Default);
            }

            foreach (var child in RuleLimits.Children(e))
            {
                pending.Push(child);
            }
        }

        return names;
    }

    /// <summary>The fields of facts a clause reads; <c>reaches</c> reads <c>range</c> and <c>share(...)</c> reads <c>troops</c>.</summary>
    internal static HashSet<string> FieldsReadBy(CompiledClause clause)
    {
        var s = clause.Syntax;
        var fields = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Expr?>([s.By, s.Where, s.SumOf, s.Bound, s.Due, s.ExistsWhere, .. s.GroupBy]);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            switch (e)
            {
                case null:
                    continue;
                case FieldExpr f:
                    fields.Add(f.Field);
                    break;
                case BinaryExpr { Op: BinaryOp.Reaches }:
                    fields.Add("range");
                    break;
                case CallExpr { Function: "share" }:
                    fields.Add("troops");
                    break;
            }

            foreach (var child in RuleLimits.Children(e))
            {
                pending.Push(child);
            }
        }

        return fields;
    }

    /// <summary>The fact of <paramref name="scenario"/> with id <paramref name="id"/>: a deployment, activity, membership, notification or observation.</summary>
    internal static object? FindFact(Scenario scenario, string id) =>
        (object?)scenario.Deployments.FirstOrDefault(d => d.Id.Value == id)
        ?? (object?)scenario.Activities.FirstOrDefault(a => a.Id.Value == id)
        ?? (object?)scenario.Memberships.FirstOrDefault(m => m.Id.Value == id)
        ?? (object?)scenario.Notifications.FirstOrDefault(n => n.Id.Value == id)
        ?? scenario.Observations.FirstOrDefault(o => o.Id.Value == id);

    private static FactKind KindOf(object fact) => fact switch
    {
        Deployment => FactKind.Deployment,
        Activity => FactKind.Activity,
        Membership => FactKind.Membership,
        Notification => FactKind.Notification,
        Observation => FactKind.Observation,
        _ => throw new ArgumentException($"not a fact a clause ranges over: {fact.GetType().Name}", nameof(fact)),
    };
}
