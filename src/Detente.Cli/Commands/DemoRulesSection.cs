using Detente.Rules;
using Detente.Rules.Runtime;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary>The agreements part of <c>detente demo</c>: the compliance matrix on the demo day and the findings that tell most.</summary>
internal static class DemoRulesSection
{
    public static void Render(Session session, DateOnly day)
    {
        var rules = RulesContext.Open(session, null);
        var matrix = ComplianceMatrix.Build(rules.Engine, rules.Library.All, session.Scenario.At(day), _ => null, [], null);
        session.Console.MarkupLine($"\n[bold]Agreements as code[/]: {rules.Library.All.Count} documents, {matrix.Findings.Count} findings on {day:yyyy-MM-dd} " +
                                   "(drafts and proposals are evaluated as if they applied on the day).");
        session.Show(Node.Reports.Rules.FindingTables.Matrix(matrix), csv: false);

        // The most telling findings: for each clause, its disputed findings first, then its violations — one of each per clause.
        var telling = matrix.Findings.Where(f => f.Status is FindingStatus.Disputed or FindingStatus.Violated && f.Subject.Kind != "party")
            .GroupBy(f => (f.Clause, f.Status)).Select(g => g.First()).OrderBy(f => f.Status == FindingStatus.Disputed ? 0 : 1).ThenBy(f => f.Clause).Take(14);
        session.Show(Node.Reports.Rules.FindingTables.Table("Telling findings (one per clause and status; 'detente explain CLAUSE --subject ID' for the steps)", telling), csv: false);
    }
}
