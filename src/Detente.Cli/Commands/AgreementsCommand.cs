using System.CommandLine;
using Detente.Node.Reports.Rules;

namespace Detente.Cli.Commands;

/// <summary><c>detente agreements list | show ID | coverage | diff A B</c>: the encoded documents, what they say and how much a machine can check.</summary>
internal static class AgreementsCommand
{
    public static Command Create(CliOptions options)
    {
        var list = new Command("list", "List the encoded agreements.") { options.Json, options.Csv, RulesContext.AgreementsOption };
        list.SetAction(parse => options.Run(parse, session =>
        {
            var report = AgreementsReport.Build(RulesContext.From(session, parse).Library);
            return options.Answer(parse, session, report.ListJson, _ => report.ListTable());
        }));

        var idArgument = new Argument<string>("id") { Description = "The agreement's id." };
        var showTable = new Option<string?>("--table") { Description = "With --csv: the table to write (parameters, clauses)." };
        var show = new Command("show", "Show an agreement: header, parameters, articles and clauses.") { idArgument, options.Csv, showTable, RulesContext.AgreementsOption };
        show.SetAction(parse => options.Run(parse, session =>
        {
            var page = AgreementPage.Of(RulesContext.From(session, parse).Agreement(parse.GetValue(idArgument)!));
            if (parse.GetValue(options.Csv))
            {
                session.Show(WorldCommand.Choose(page.Tables(), parse.GetValue(showTable)), csv: true);
                return 0;
            }

            session.Write(page.Header());
            if (page.Agreement.Parameters.Count > 0)
            {
                session.Show(page.Parameters(), csv: false);
            }

            session.Write(page.Articles());
            return 0;
        }));

        var coverage = new Command("coverage", "How much of each agreement a machine can check, and why the rest cannot be.") { options.Json, options.Csv, RulesContext.AgreementsOption };
        coverage.SetAction(parse => options.Run(parse, session =>
        {
            var report = AgreementsReport.Build(RulesContext.From(session, parse).Library);
            return options.Answer(parse, session, report.CoverageJson, _ => report.CoverageTable());
        }));

        return new Command("agreements", "List, show, compare and measure the coverage of the encoded agreements.") { list, show, coverage, AgreementsDiff.Create(options) };
    }
}
