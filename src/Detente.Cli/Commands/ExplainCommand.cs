using System.CommandLine;
using Detente.Node.Reports.Rules;

namespace Detente.Cli.Commands;

/// <summary><c>detente explain CLAUSE --subject ID --at DATE</c>: why a clause gives the status it gives for one subject, step by step.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliOptions options)
    {
        var clauseArgument = new Argument<string>("clause") { Description = "The clause, e.g. ru-nato-2021-draft/4 or vienna-document-2011/38." };
        var subject = new Option<string?>("--subject") { Description = "The fact id the finding is about (deployment, activity, ...), or a party code." };
        var command = new Command("explain", "Explain step by step why a clause gives its finding for a subject at a date.")
        {
            clauseArgument, subject, options.At, options.Csv, RulesContext.ParamOption, RulesContext.AgreementsOption,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var day = options.Day(parse);
            var rules = RulesContext.From(session, parse);
            var clauseId = parse.GetValue(clauseArgument)!;
            var slash = clauseId.IndexOf('/', StringComparison.Ordinal);
            var agreement = slash > 0 ? rules.Agreement(clauseId[..slash])
                : throw new UsageException($"explain: expected a clause like ru-nato-2021-draft/4, found '{clauseId}'");
            if (!rules.Engine.TryExplain(agreement, clauseId[(slash + 1)..], session.Scenario, session.Scenario.At(day), rules.Settings(parse)(agreement),
                    parse.GetValue(subject), out var explanation, out var problem))
            {
                throw new UsageException(problem);
            }

            var csv = parse.GetValue(options.Csv);
            session.Show(ExplainReport.Build(explanation, session.Scenario).Table(grouped: !csv), csv);
            return 0;
        }));
        return command;
    }
}
