using System.Collections.Immutable;
using Detente.Core;
using Detente.Rules.Ast;
using Detente.Rules.Checking;
using Detente.Rules.Parsing;

namespace Detente.Rules.Compilation;

/// <summary>Checks a parsed document and compiles its parameters and clauses. Reports every error with file, line and column.</summary>
internal static class AgreementCompiler
{
    /// <summary>The parameter type names of the language and their types; documents and issue measures both use them.</summary>
    internal static readonly Dictionary<string, RuleType> ParamTypes = new(StringComparer.Ordinal)
    {
        ["number"] = RuleType.Number,
        ["km"] = RuleType.Km,
        ["days"] = RuleType.Days,
        ["date"] = RuleType.Date,
        ["states"] = RuleType.Parties,
        ["party"] = RuleType.Party,
        ["bool"] = RuleType.Truth,
    };

    public static Agreement Compile(DocumentSyntax doc, IReadOnlyCollection<string> regions, IReadOnlyCollection<string>? parties = null)
    {
        var errors = new List<RuleError>();
        var checker = new Checker(doc.File);
        var scope = CheckScope.Empty(regions, parties);
        var noSlots = new Dictionary<string, int>();

        T? Guard<T>(Func<T> f)
            where T : class
        {
            try
            {
                return f();
            }
            catch (RuleException e)
            {
                errors.AddRange(e.Errors);
                return null;
            }
        }

        Guard(() => checker.Check(doc.Parties, scope, RuleType.Parties));
        var parameters = ImmutableArray.CreateBuilder<ParamInfo>();
        foreach (var p in doc.Params)
        {
            if (!ParamTypes.TryGetValue(p.Type, out var type))
            {
                errors.Add(new RuleError(doc.File, p.Position, RuleMessages.UnknownValue("parameter type", p.Type, ParamTypes.Keys)));
                continue;
            }

            if (Guard(() => checker.Check(p.Default, scope, type)) is not null)
            {
                parameters.Add(new ParamInfo(p.Name, type, p.Type, p.Default, new ExprCompiler(checker.Types, noSlots).Compile(p.Default), p.Documentation));
                scope = scope with { Parameters = scope.Parameters.SetItem(p.Name, type) };
            }
        }

        var articles = ImmutableArray.CreateBuilder<CompiledArticle>();
        var ids = new HashSet<string>();
        foreach (var article in doc.Articles)
        {
            var clauses = ImmutableArray.CreateBuilder<CompiledClause>();
            foreach (var clause in article.Clauses)
            {
                var id = article.Clauses.Length == 1 && !article.Partial ? article.Number : $"{article.Number}.{clause.Number}";
                if (!ids.Add(id))
                {
                    errors.Add(new RuleError(doc.File, clause.Position, $"duplicate clause id '{doc.Id}/{id}'"));
                    continue;
                }

                var compiled = Guard(() => CompileClause(doc, article, clause, id, checker, scope));
                if (compiled is not null)
                {
                    clauses.Add(compiled);
                }
            }

            articles.Add(new CompiledArticle(article.Number, article.Paraphrase, article.SourceLocator, clauses.ToImmutable()));
        }

        foreach (var c in articles.SelectMany(a => a.Clauses).Where(c => c.Syntax.OnlyWhile is not null))
        {
            if (!ids.Contains(c.Syntax.OnlyWhile!))
            {
                errors.Add(new RuleError(doc.File, c.Syntax.Position, RuleMessages.Unknown("clause", c.Syntax.OnlyWhile!, ids)));
            }
        }

        if (errors.Count == 0 && !Agreement.TryOrder(articles.SelectMany(a => a.Clauses).ToList(), out _, out var cycle))
        {
            var first = articles.SelectMany(a => a.Clauses).First(c => c.Id == cycle[0]);
            errors.Add(new RuleError(doc.File, first.Syntax.Position, RuleMessages.ConditionCycle(cycle)));
        }

        if (errors.Count > 0)
        {
            throw new RuleException(errors);
        }

        return new Agreement(doc, new ExprCompiler(checker.Types, noSlots).Compile(doc.Parties), parameters.ToImmutable(), articles.ToImmutable());
    }

    private static CompiledClause CompileClause(DocumentSyntax doc, ArticleSyntax article, ClauseSyntax clause, string id, Checker checker, CheckScope scope)
    {
        var binds = clause.Binds ?? article.Binds;
        var noSlots = new Dictionary<string, int>();
        Compiled? bindsCompiled = null;
        if (binds is not null)
        {
            checker.Check(binds.Parties, scope, RuleType.Parties);
            bindsCompiled = new ExprCompiler(checker.Types, noSlots).Compile(binds.Parties);
        }

        if (clause.Kind == ClauseKind.Uncheckable)
        {
            return new CompiledClause(id, article.Number, clause, bindsCompiled, binds?.IncludingAlliances ?? false, null, null, [], null, null, null, null, []);
        }

        var inner = scope.With(clause.Variable, clause.Over);
        var slots = new Dictionary<string, int> { [clause.Variable] = 0 };
        var reads = ImmutableHashSet.CreateBuilder<FactKind>();
        reads.Add(clause.Over);
        if (clause.By is not null)
        {
            var t = checker.Check(clause.By, inner);
            if (t.Kind is not (TypeKind.Party or TypeKind.Parties))
            {
                throw new RuleException(new RuleError(doc.File, clause.By.Position, RuleMessages.TypeMismatch("'by'", "the party or parties responsible", t.ToString())));
            }
        }

        if (clause.Where is not null)
        {
            checker.Check(clause.Where, inner, RuleType.Truth);
        }

        foreach (var g in clause.GroupBy)
        {
            checker.Check(g, inner);
        }

        if (clause.SumOf is not null)
        {
            checker.Check(clause.SumOf, inner, RuleType.Number);
        }

        if (clause.Bound is not null)
        {
            checker.Check(clause.Bound, scope, RuleType.Number);
        }

        if (clause.Due is not null)
        {
            checker.Check(clause.Due, inner, RuleType.Date);
        }

        if (clause.ExistsWhere is not null)
        {
            if (clause.ExistsVariable == clause.Variable)
            {
                throw new RuleException(new RuleError(doc.File, clause.ExistsWhere.Position, $"the required fact needs a name other than '{clause.Variable}'"));
            }

            reads.Add(clause.ExistsOver!.Value);
            checker.Check(clause.ExistsWhere, inner.With(clause.ExistsVariable!, clause.ExistsOver!.Value), RuleType.Truth);
            slots[clause.ExistsVariable!] = 1;
        }

        foreach (var e in new[] { clause.Where, clause.By, clause.ExistsWhere }.Concat(clause.GroupBy))
        {
            if (e is not null && Mentions(e, "members"))
            {
                reads.Add(FactKind.Membership);
            }
        }

        var compiler = new ExprCompiler(checker.Types, slots);
        var joins = clause.ExistsOver == FactKind.Notification && clause.Over == FactKind.Activity && clause.ExistsWhere is not null
            && FactTests.Conjuncts(clause.ExistsWhere).Any(c => c is BinaryExpr { Op: BinaryOp.Equal, Left: FieldExpr { Target: NameExpr l, Field: "activity" }, Right: FieldExpr { Target: NameExpr r, Field: "id" } }
                && l.Name == clause.ExistsVariable && r.Name == clause.Variable);
        return new CompiledClause(
            id, article.Number, clause, bindsCompiled, binds?.IncludingAlliances ?? false,
            clause.By is null ? null : compiler.Compile(clause.By),
            clause.Where is null ? null : compiler.Compile(clause.Where),
            clause.GroupBy.Select(compiler.Compile).ToImmutableArray(),
            clause.SumOf is null ? null : compiler.Compile(clause.SumOf),
            clause.Bound is null ? null : compiler.Compile(clause.Bound),
            clause.Due is null ? null : compiler.Compile(clause.Due),
            clause.ExistsWhere is null ? null : compiler.Compile(clause.ExistsWhere),
            reads.ToImmutable())
        {
            JoinsOnActivity = joins,
            FactTests = clause.Where is null ? [] : FactTests.Of(clause.Where, clause.Variable, checker.Types).Select(compiler.Compile).ToImmutableArray(),
            PartyTests = clause.Where is null ? [] : FactTests.PartyTestsOf(clause.Where, clause.Variable, checker.Types)
                .Select(t => new PartyTest(t.Field, t.In, compiler.Compile(t.Set))).ToImmutableArray(),
        };
    }

    private static bool Mentions(Expr e, string function) => e switch
    {
        CallExpr c => c.Function == function || c.Arguments.Any(a => Mentions(a, function)),
        BinaryExpr b => Mentions(b.Left, function) || Mentions(b.Right, function),
        NotExpr n => Mentions(n.Operand, function),
        FieldExpr f => Mentions(f.Target, function),
        SetExpr s => s.Items.Any(i => Mentions(i, function)),
        _ => false,
    };
}
