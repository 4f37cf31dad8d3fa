using System.CommandLine;
using Detente.Negotiation;
using Detente.Negotiation.Analysis;
using Detente.Negotiation.Export;
using Detente.Cli.Rendering;
using Detente.Node.Reports.Negotiation;

namespace Detente.Cli.Commands;

/// <summary>
/// <c>detente analyze</c>: can the chosen parties' positions meet, and where? Feasibility with a witness package, minimal
/// conflicts, maximal and best packages, and the distance of the status quo from each party's positions.
/// </summary>
internal static class AnalyzeCommand
{
    public static Command Create(CliOptions options)
    {
        var data = NegotiationCli.DataOption();
        var parties = new Option<string?>("--parties") { Description = "The parties whose positions meet, e.g. RUS,USA,NATO (default: all)." };
        var at = new Option<string?>("--at") { Description = "Use the positions in force on this date, and measure the status quo in the world of that date (optional; without it: the latest version of each position, and the status quo of the latest position's date, which the output names)." };
        var linkage = new Option<string>("--linkage") { Description = "on: linked positions stand or fall together; off: each alone.", DefaultValueFactory = _ => "on" };
        linkage.AcceptOnlyFromAmong("on", "off");
        var limit = new Option<int>("--limit") { Description = "Stop after this many conflicts.", DefaultValueFactory = _ => 20 };
        var budget = new Option<double>("--budget")
        {
            Description = "The solver's work limit for the whole analysis, in CP-SAT deterministic time (a count of the solver's work, "
                + "not seconds); the same limit gives the same answer on any machine.",
            DefaultValueFactory = _ => 10,
        };
        var table = Pages.TableOption("conflicts, package, distances");
        var smtlib = new Option<bool>("--smtlib") { Description = "Write the issues and positions as SMT-LIB 2 instead of analysing them." };
        var command = new Command("analyze", "Can these positions meet, and where? Conflicts, packages and distances, with CP-SAT.")
        {
            data, parties, at, linkage, limit, budget, smtlib, options.Json, options.Csv, table,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var negotiation = NegotiationCli.Load(parse, data);
            var chosen = NegotiationCli.Parties(parse.GetValue(parties), negotiation);
            DateOnly? day = parse.GetValue(at) is { } text ? Parse.Date(text, "--at") : null;
            var problem = NegotiationProblem.Create(negotiation, [.. chosen], day, parse.GetValue(linkage) == "on");
            if (parse.GetValue(smtlib))
            {
                session.Output.Write(SmtLib.Export(negotiation, problem.Clauses));
                return 0;
            }

            var seconds = parse.GetValue(budget);
            if (!(seconds > 0) || double.IsInfinity(seconds))
            {
                throw new UsageException("--budget: expected a deterministic time greater than 0");
            }

            if (parse.GetValue(limit) < 1)
            {
                throw new UsageException("--limit: expected at least 1");
            }

            var statusQuoDay = NegotiationReport.StatusQuoDayOf(problem);
            var values = NegotiationCli.StatusQuoValues(session, negotiation, statusQuoDay);
            var report = NegotiationReport.Run(problem, values, statusQuoDay, parse.GetValue(limit), new SolverLimit(seconds));
            return options.Answer(parse, session, () => NegotiationJson.Analysis(report), _ => NegotiationTables.Analysis(report), table);
        }));
        return command;
    }
}
