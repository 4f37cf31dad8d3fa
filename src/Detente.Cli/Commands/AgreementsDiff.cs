using System.CommandLine;
using Detente.Node.Reports.Rules;

namespace Detente.Cli.Commands;

/// <summary>
/// <c>detente agreements diff A B</c>: whether A is stronger, weaker, equivalent or incomparable to B, per aligned clause and
/// for the documents as a whole, with the constructs compared and a separating world wherever they differ.
/// </summary>
internal static class AgreementsDiff
{
    public static Command Create(CliOptions options)
    {
        var left = new Argument<string>("a") { Description = "The first agreement." };
        var right = new Argument<string>("b") { Description = "The second agreement." };
        var worlds = new Option<int>("--worlds")
        {
            Description = "Worlds the search evaluates per pair of clauses (twice as many for the documents). Default 500.",
            DefaultValueFactory = _ => 500,
        };
        var overlays = new Option<string?>("--overlays") { Description = "Write each separating world as a whatif overlay (JSON) into this directory." };
        var diff = new Command("diff", "Compare two agreements as constraints: stronger, weaker, equivalent or incomparable, with separating worlds.")
        {
            left, right, options.At, worlds, overlays, options.Json, options.Csv, RulesContext.AgreementsOption,
        };
        diff.SetAction(parse => options.Run(parse, session =>
        {
            var rules = RulesContext.From(session, parse);
            var a = rules.Agreement(parse.GetValue(left)!);
            var b = rules.Agreement(parse.GetValue(right)!);
            var day = options.Day(parse);
            var csv = options.CsvChosen(parse);
            var budget = parse.GetValue(worlds);
            if (budget < 1)
            {
                throw new UsageException($"--worlds: expected a positive number, found {budget}");
            }

            var report = AgreementDiffReport.Build(rules.Engine, a, b, session.Scenario, day, budget);
            try
            {
                report = parse.GetValue(overlays) is { } dir ? report.WriteOverlays(dir) : report;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--overlays: cannot write the overlays: {e.Message}");
            }

            if (csv || parse.GetValue(options.Json))
            {
                return options.Answer(parse, session, report.ToJson, _ => report.ClauseTable());
            }

            session.Write(report.Verdict());
            session.Show(report.ClauseTable(), csv: false);
            session.Write(report.Details());
            return 0;
        }));
        return diff;
    }
}
