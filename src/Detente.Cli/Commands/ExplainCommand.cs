using System.CommandLine;
using Detente.Core;
using Detente.Rules.Ast;
using Detente.Rules.Compilation;
using Detente.Rules.Evaluation;
using Detente.Rules.Parsing;
using Detente.Rules.Runtime;
using Detente.Data;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary><c>detente explain CLAUSE --subject ID --at DATE</c>: why a clause gives the status it gives for one subject, step by step.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliOptions options)
    {
        var clauseArgument = new Argument<string>("clause") { Description = "The clause, e.g. ru-nato-2021-draft/4 or vienna-document-2011/38." };
        var subject = new Option<string?>("--subject") { Description = "The fact id the finding is about (deployment, activity, ...), or a party code." };
        var at = CliOptions.AtOption(required: true);
        var command = new Command("explain", "Explain step by step why a clause gives its finding for a subject at a date.")
        {
            clauseArgument, subject, at, RulesContext.ParamOption, RulesContext.AgreementsOption,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var day = Parse.Date(parse.GetValue(at)!, "--at");
            var rules = RulesContext.Open(session, parse.GetValue(RulesContext.AgreementsOption));
            var clauseId = parse.GetValue(clauseArgument)!;
            var slash = clauseId.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0)
            {
                throw new UsageException($"explain: expected a clause like ru-nato-2021-draft/4, found '{clauseId}'");
            }

            var agreement = rules.Agreement(clauseId[..slash]);
            var clause = agreement.Clause(clauseId[(slash + 1)..])
                ?? throw new UsageException(Rules.Parsing.RuleMessages.Unknown($"clause of {agreement.Id}", clauseId[(slash + 1)..], agreement.Clauses.Select(c => c.Id)));
            var overrides = rules.Overrides(agreement, parse.GetValue(RulesContext.ParamOption) ?? []);
            var world = session.Scenario.At(day);
            var findings = rules.Evaluator.Evaluate(agreement, world, overrides, onlyClause: clause.Id);
            var subjectId = parse.GetValue(subject);
            var console = session.Console;
            var article = agreement.Articles.First(a => a.Clauses.Contains(clause));
            var env = rules.Evaluator.Environment(agreement, world, overrides);
            var step = 1;
            void Step(string s) => console.MarkupLine($"[bold]{step++}.[/] {s}");
            Step($"Document {Text.Escape(agreement.Id)} — {Text.Escape(agreement.Title)} ({agreement.Kind}, {agreement.Syntax.Date:yyyy-MM-dd}).");
            Step($"Article {Text.Escape(article.Number)}: {Text.Escape(article.Paraphrase)}");
            Step($"Clause {Text.Escape(agreement.Id + "/" + clause.Id)} ({Text.Escape(clause.Kind.ToString().ToLowerInvariant())}): {Text.Escape(clause.Statement)}");
            var bound = clause.BoundIn(env);
            Step($"Bound on {day:yyyy-MM-dd}: {Text.Escape(bound.ToString())}{(clause.IncludingAlliances ? ", including forces deployed in the framework of their alliances" : "")}.");
            var used = UsedParameters(agreement, clause, article);
            foreach (var p in agreement.Params.Where(p => used.Contains(p.Name)))
            {
                var value = env.Parameters[p.Name];
                var origin = overrides.ContainsKey(p.Name) ? $"set with --param; the default is {p.Default}" : $"the default, {p.Default}";
                Step($"Parameter [bold]{Text.Escape(p.Name)}[/] ({Text.Escape(p.TypeName)}) = {Text.Escape(Show(value, p.TypeName))} ({Text.Escape(origin)}): {Text.Escape(p.Documentation)}");
            }

            if (used.Count == 0 && agreement.Params.Length > 0)
            {
                Step($"The clause uses none of the document's {agreement.Params.Length} parameters.");
            }

            var fact = subjectId is null ? null : FindFact(session.Scenario, subjectId);
            if (fact is not null && KindOf(fact) != clause.Syntax.Over)
            {
                Step($"{Text.Escape(subjectId!)} is {Text.Escape(Describe(KindOf(fact)))}; the clause ranges over {Text.Escape(Describe(clause.Syntax.Over))}, so its condition is not evaluated on it.");
                fact = null;
            }

            var relevant = subjectId is null
                ? findings
                : findings.Where(f => f.Subject.Id.Split('+').Contains(subjectId) || f.PartyCode == subjectId.ToUpperInvariant()).ToList();
            if (relevant.Count == 0)
            {
                Step($"No finding of this clause is about '{Text.Escape(subjectId ?? "")}' on {day:yyyy-MM-dd}: it does not match the clause's condition, or no bound party is responsible for it.");
            }

            if (fact is not null && clause.Where is not null)
            {
                foreach (var line in rules.Evaluator.Trace(agreement, clause, world, fact, overrides))
                {
                    Step($"[grey]{Text.Escape(line)}[/]");
                }
            }

            if (fact is not null)
            {
                foreach (var (what, claims, unit) in ClaimsRead(session.Scenario, clause, fact))
                {
                    Step($"Claims for {Text.Escape(what)}, as the data gives them:");
                    foreach (var c in claims)
                    {
                        console.MarkupLine("   " + Text.Escape(ClaimLine(c.Claim, unit, c.Evidence, session.Scenario)));
                    }
                }
            }

            foreach (var f in relevant)
            {
                Step($"Finding for {f.PartyCode} about {Text.Escape(f.Subject.Kind)} {Text.Escape(f.Subject.Id)}: [{FindingsView.Colour(f.Status)}]{FindingsView.Status(f)}[/]. {Text.Escape(f.Explanation)}");
                foreach (var e in f.Evidence)
                {
                    console.MarkupLine($"   evidence [bold]{Text.Escape(e.Fact)}[/] ({Text.Escape(FindingsView.EvidenceStanding(e))}): {Text.Escape(string.Join("; ", e.Sources))}");
                }
            }

            return 0;
        }));
        return command;
    }

    private static string Show(object? value, string type) => value switch
    {
        null => "none",
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        double x => Claim.Format(x) + Unit(type),
        int x => Claim.Format(x) + Unit(type),
        long x => Claim.Format(x) + Unit(type),
        _ => value.ToString() ?? "",
    };

    private static string Unit(string type) => type switch
    {
        "km" => " km",
        "days" => " days",
        _ => "",
    };

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

    private static HashSet<string> FieldsRead(CompiledClause clause)
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

    /// <summary>The figures of the subject the clause reads (its quantity or troops, its system's range), each with every claim.</summary>
    private static IEnumerable<(string What, IReadOnlyList<(Claim Claim, Evidence Evidence)> Claims, string Unit)> ClaimsRead(
        Scenario scenario, CompiledClause clause, object fact)
    {
        var fields = FieldsRead(clause);
        static List<(Claim, Evidence)> Of(Quantity q, Evidence fallback) => [.. q.Claims.Select(c => (c, c.Evidence ?? fallback))];
        switch (fact)
        {
            case Deployment d:
                if (fields.Contains("quantity"))
                {
                    yield return ($"the quantity of {d.Id.Value}", Of(d.Quantity, d.Evidence), " " + Vocabulary.WordFor(d.Unit));
                }

                if (fields.Contains("range") && d.System is { } sid && scenario.Systems.TryGetValue(sid, out var system))
                {
                    if (system.RangeKm is { } range)
                    {
                        yield return ($"the range of {sid.Value}", Of(range, system.Evidence), " km");
                    }

                    foreach (var fire in system.Fires)
                    {
                        if (scenario.Systems.TryGetValue(fire.System, out var fired) && fired.RangeKm is { } firedRange)
                        {
                            yield return ($"the range of {fired.Id.Value}, which {sid.Value} fires ({Vocabulary.WordFor(fire.Evidence.Confidence)}: "
                                          + $"{string.Join(", ", fire.Evidence.Sources.Select(r => r.Source.Value))})", Of(firedRange, fired.Evidence), " km");
                        }
                    }
                }

                break;
            case Activity a when fields.Contains("troops") && a.Troops is { } troops:
                yield return ($"the troops of {a.Id.Value}", Of(troops, a.Evidence), " troops");
                break;
            case Notification n when fields.Contains("troops") && n.Troops is { } troops:
                yield return ($"the troops notified in {n.Id.Value}", Of(troops, n.Evidence), " troops");
                break;
            case Observation o when fields.Contains("quantity"):
                yield return ($"the quantity of {o.Id.Value}", Of(o.Quantity, o.Evidence), " " + o.What);
                break;
        }
    }

    /// <summary>"- at least 501 km — by no party named; disputed; note: unconfirmed reports …; sources: interia-iskander (Interia)".</summary>
    internal static string ClaimLine(Claim c, string unit, Evidence evidence, Scenario scenario)
    {
        var value = (c.Min, c.Max) switch
        {
            ({ } lo, { } hi) when lo == hi => $"{Claim.Format(lo)}{unit}",
            ({ } lo, { } hi) => $"between {Claim.Format(lo)} and {Claim.Format(hi)}{unit}",
            ({ } lo, null) => $"at least {Claim.Format(lo)}{unit}",
            (null, { } hi) => $"up to {Claim.Format(hi)}{unit}",
            _ => "no figure",
        };
        var sources = string.Join(", ", evidence.Sources.Select(r =>
            scenario.Sources.TryGetValue(r.Source, out var source) ? $"{r} ({source.Publisher})" : r.ToString()));
        return $"- {value} — by {(c.By is { } by ? by.Code : "no party named")}; {Vocabulary.WordFor(evidence.Confidence)}"
               + (c.Note is { } note ? $"; note: {note}" : "") + $"; sources: {sources}";
    }

    private static FactKind KindOf(object fact) => fact switch
    {
        Deployment => FactKind.Deployment,
        Activity => FactKind.Activity,
        Membership => FactKind.Membership,
        Notification => FactKind.Notification,
        _ => FactKind.Observation,
    };

    private static string Describe(FactKind kind) => kind switch
    {
        FactKind.Activity => "an activity",
        FactKind.Membership => "a membership",
        FactKind.Notification => "a notification",
        FactKind.Observation => "an observation",
        _ => "a deployment",
    };

    internal static object? FindFact(Scenario scenario, string id) =>
        (object?)scenario.Deployments.FirstOrDefault(d => d.Id.Value == id)
        ?? (object?)scenario.Activities.FirstOrDefault(a => a.Id.Value == id)
        ?? (object?)scenario.Memberships.FirstOrDefault(m => m.Id.Value == id)
        ?? (object?)scenario.Notifications.FirstOrDefault(n => n.Id.Value == id)
        ?? scenario.Observations.FirstOrDefault(o => o.Id.Value == id);
}
