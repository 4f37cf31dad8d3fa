using System.CommandLine;
using System.Text.RegularExpressions;
using Detente.Core;
using Detente.Rules.Ast;
using Detente.Rules.Compilation;
using Detente.Rules.Evaluation;
using Detente.Rules.Parsing;
using Detente.Rules.Runtime;
using Detente.Data;
using Detente.Cli.Rendering;

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
            clauseArgument, subject, at, options.Csv, RulesContext.ParamOption, RulesContext.AgreementsOption,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var csv = parse.GetValue(options.Csv);
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
            var article = agreement.Articles.First(a => a.Clauses.Contains(clause));
            var env = rules.Evaluator.Environment(agreement, world, overrides);
            var steps = new List<Cell[]>();
            void Step(string s, string? style = null) => steps.Add(["", "", "", new Cell(s, style)]);
            Step($"Document {agreement.Id} — {agreement.Title} ({agreement.Kind}, {agreement.Syntax.Date:yyyy-MM-dd}).");
            Step($"Article {article.Number}: {article.Paraphrase}");
            Step($"Clause {agreement.Id + "/" + clause.Id} ({clause.Kind.ToString().ToLowerInvariant()}): {clause.Statement}");
            var bound = clause.Binds is null ? env.Parties : ExprCompiler.AsSet(clause.Binds(env));
            Step($"Bound on {day:yyyy-MM-dd}: {bound.ToString()}{(clause.IncludingAlliances ? ", including forces deployed in the framework of their alliances" : "")}.");
            var used = UsedParameters(agreement, clause, article);
            foreach (var p in agreement.Params.Where(p => used.Contains(p.Name)))
            {
                var value = env.Parameters[p.Name];
                var origin = overrides.ContainsKey(p.Name) ? $"set with --param; the default is {p.Default}" : $"the default, {p.Default}";
                Step($"Parameter {p.Name} ({p.TypeName}) = {Show(value, p.TypeName)} ({origin}): {p.Documentation}");
            }

            if (used.Count == 0 && agreement.Params.Length > 0)
            {
                Step($"The clause uses none of the document's {agreement.Params.Length} parameters.");
            }

            var fact = subjectId is null ? null : FindFact(session.Scenario, subjectId);
            if (fact is not null && KindOf(fact) != clause.Syntax.Over)
            {
                Step($"{subjectId!} is {Describe(KindOf(fact))}; the clause ranges over {Describe(clause.Syntax.Over)}, so its condition is not evaluated on it.");
                fact = null;
            }

            var relevant = subjectId is null
                ? findings
                : findings.Where(f => f.Subject.Id.Split('+').Contains(subjectId) || f.PartyCode == subjectId.ToUpperInvariant()).ToList();
            if (relevant.Count == 0)
            {
                Step($"No finding of this clause is about '{subjectId ?? ""}' on {day:yyyy-MM-dd}: it does not match the clause's condition, or no bound party is responsible for it.");
            }

            if (fact is not null && clause.Where is not null)
            {
                foreach (var line in rules.Evaluator.Trace(agreement, clause, world, fact, overrides))
                {
                    Step(line, "grey");
                }
            }

            if (fact is not null)
            {
                foreach (var (what, claims, unit) in ClaimsRead(session.Scenario, clause, fact))
                {
                    Step(string.Join("\n", [$"Claims for {what}, as the data gives them:",
                        .. claims.Select(c => ClaimLine(c.Claim, unit, c.Evidence, session.Scenario))]));
                }
            }

            foreach (var f in relevant)
            {
                // The party and status are their own columns, so findings alike but for the party group into one row.
                var status = FindingsView.Status(f);
                var about = f.Subject.Kind == "party" && f.Subject.Id == f.PartyCode ? "Finding" : $"Finding about {f.Subject.Kind} {f.Subject.Id}";
                steps.Add(["", f.PartyCode, new Cell(status.Replace(' ', '\u00a0'), FindingsView.Colour(f.Status), status),
                    string.Join("\n", [$"{about}: {f.Explanation}",
                        .. f.Evidence.Select(e => $"evidence {e.Fact} ({FindingsView.EvidenceStanding(e)}): {string.Join("; ", e.Sources)}")])]);
            }

            session.Show(csv ? Table(steps) : Grouped(steps), csv);

            return 0;
        }));
        return command;
    }

    /// <summary>The steps as a table, numbered in order (numbering after grouping, so a grouped table counts its own rows).</summary>
    internal static TableView Table(IEnumerable<Cell[]> steps, bool number = true)
    {
        var table = new TableView(null, new Column("Step", ColumnKind.Id), new Column("Party", ColumnKind.Id), new Column("Status", ColumnKind.Id),
            new Column("Explanation"))
        {
            KeyColumns = 1,
        };
        var n = 0;
        foreach (var row in steps)
        {
            table.Add([number ? (++n).ToString(System.Globalization.CultureInfo.InvariantCulture) : "", .. row.Skip(1)]);
        }

        return table;
    }

    /// <summary>
    /// The steps for people: findings that differ only in their party (its code in the explanation included) become one row
    /// listing the parties, whose explanation says "each party" where the code stood.
    /// </summary>
    internal static TableView Grouped(IReadOnlyList<Cell[]> steps)
    {
        const char Mark = '\u0001';
        var templated = steps.Select(r => r[1].Text.Length == 0 ? r
            : [r[0], r[1], r[2], new Cell(Regex.Replace(r[3].Text, $@"\b{Regex.Escape(r[1].Text)}\b", Mark.ToString()), r[3].Style)]);
        var grouped = Table(templated, number: false).GroupedBy(1, "parties");
        return Table(grouped.Rows.Select(r =>
        {
            var party = r[1].Text.Contains(' ', StringComparison.Ordinal) ? "each party" : r[1].Text;
            return (Cell[])[r[0], r[1], r[2], new Cell(r[3].Text.Replace(Mark.ToString(), party, StringComparison.Ordinal), r[3].Style)];
        }));
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
