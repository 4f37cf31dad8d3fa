using System.CommandLine;
using Detente.Core;
using Detente.Rules.Compilation;
using Detente.Rules.Runtime;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary><c>detente explain CLAUSE --subject ID --at DATE</c>: why a clause gives the status it gives for one subject, step by step.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliOptions options)
    {
        var clauseArgument = new Argument<string>("clause") { Description = "The clause, e.g. ru-nato-2021-draft/4 or vienna-document-2011/38." };
        var subject = new Option<string?>("--subject") { Description = "The fact id the finding is about (deployment, activity, ...), or a party code." };
        var at = CliOptions.AtOption(required: false);
        var command = new Command("explain", "Explain step by step why a clause gives its finding for a subject at a date.")
        {
            clauseArgument, subject, at, RulesContext.ParamOption, RulesContext.AgreementsOption,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var day = parse.GetValue(at) is { } text ? Parse.Date(text, "--at") : DemoCommand.Day;
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
            var bound = clause.Binds is null ? env.Parties : ExprCompiler.AsSet(clause.Binds(env));
            Step($"Bound on {day:yyyy-MM-dd}: {Text.Escape(bound.ToString())}{(clause.IncludingAlliances ? ", including forces deployed in the framework of their alliances" : "")}.");
            foreach (var p in agreement.Params)
            {
                var value = env.Parameters[p.Name];
                Step($"Parameter [bold]{Text.Escape(p.Name)}[/] = {Text.Escape(Show(value))}{(overrides.ContainsKey(p.Name) ? " (set with --param)" : $" (default {Text.Escape(p.Default.ToString())})")}: {Text.Escape(p.Documentation)}");
            }

            var relevant = subjectId is null
                ? findings
                : findings.Where(f => f.Subject.Id.Split('+').Contains(subjectId) || f.Party == subjectId.ToUpperInvariant()).ToList();
            if (relevant.Count == 0)
            {
                Step($"No finding of this clause is about '{Text.Escape(subjectId ?? "")}' on {day:yyyy-MM-dd}: it does not match the clause's condition, or no bound party is responsible for it.");
            }

            var fact = subjectId is null ? null : FindFact(session.Scenario, subjectId);
            if (fact is not null && clause.Where is not null)
            {
                foreach (var line in rules.Evaluator.Trace(agreement, clause, world, fact, overrides))
                {
                    Step($"[grey]{Text.Escape(line)}[/]");
                }
            }

            foreach (var f in relevant)
            {
                Step($"Finding for {f.Party} about {Text.Escape(f.Subject.Kind)} {Text.Escape(f.Subject.Id)}: [{FindingsView.Colour(f.Status)}]{FindingsView.Status(f)}[/]. {Text.Escape(f.Explanation)}");
                foreach (var e in f.Evidence)
                {
                    console.MarkupLine($"   evidence [bold]{Text.Escape(e.Fact)}[/] ({Text.Escape(FindingsView.EvidenceStanding(e))}): {Text.Escape(string.Join("; ", e.Sources))}");
                }
            }

            return 0;
        }));
        return command;
    }

    private static string Show(object? value) => value switch
    {
        null => "none",
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        double x => Claim.Format(x),
        _ => value.ToString() ?? "",
    };

    internal static object? FindFact(Scenario scenario, string id) =>
        (object?)scenario.Deployments.FirstOrDefault(d => d.Id.Value == id)
        ?? (object?)scenario.Activities.FirstOrDefault(a => a.Id.Value == id)
        ?? (object?)scenario.Memberships.FirstOrDefault(m => m.Id.Value == id)
        ?? (object?)scenario.Notifications.FirstOrDefault(n => n.Id.Value == id)
        ?? scenario.Observations.FirstOrDefault(o => o.Id.Value == id);
}
