using System.CommandLine;
using Detente.Node.Reports.Rules;

namespace Detente.Cli.Commands;

/// <summary><c>detente audit balance</c>: the even-handedness report — facts, sources and findings per party, so asymmetries show.</summary>
internal static class AuditCommand
{
    public static Command Create(CliOptions options)
    {
        var at = CliOptions.AtOption(required: true, "The date of the findings counted (facts are counted over every date)");
        var negotiation = NegotiationCli.DataOption();
        var balance = new Command("balance", "Per party: facts of each kind and provenance, sources by origin, findings by status, "
            + "and the negotiation data's sources by origin — so asymmetries in the data are visible.")
        {
            at, options.Json, options.Csv, RulesContext.ParamOption, RulesContext.AgreementsOption, negotiation,
        };
        balance.SetAction(parse => options.Run(parse, session =>
        {
            var day = Parse.Date(parse.GetValue(at)!, "--at");
            var rules = RulesContext.From(session, parse);
            var settings = rules.Settings(parse);
            var world = session.Scenario.At(day);
            var findings = rules.Library.All.SelectMany(a => rules.Engine.Evaluate(a, world, settings(a))).ToList();
            var report = AuditBalance.Build(session.Scenario, findings, day, NegotiationCli.Load(parse, negotiation));
            return options.Answer(parse, session, report.ToJson, _ => report.Table());
        }));
        return new Command("audit", "Audits of the data itself.") { balance };
    }
}
