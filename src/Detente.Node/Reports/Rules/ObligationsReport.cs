using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Data;
using Detente.Node.Reports.Tables;
using Detente.Rules;
using Detente.Rules.Compilation;
using Detente.Verification.Inspections;
using Detente.Verification.Obligations;

namespace Detente.Node.Reports.Rules;

/// <summary>
/// What <c>detente obligations</c> shows: what each party owes at a date and by when — inspection answers and report responses,
/// consultation answers and meetings, open quotas, and the dated duties of the rules' findings (their due dates as data).
/// </summary>
/// <param name="Day">The date.</param>
/// <param name="Party">The party asked about; null for every party.</param>
/// <param name="Obligations">The obligations, by party and due date.</param>
public sealed record ObligationsReport(DateOnly Day, PartyId? Party, IReadOnlyList<Obligation> Obligations)
{
    /// <summary>The obligations of the ledger's steps and of the library's duty clauses (<see cref="DutyClauses"/>) on the world's date.</summary>
    public static ObligationsReport Build(VerificationLedger ledger, RuleEngine engine, AgreementLibrary library, World world, PartyId? party) =>
        new(world.At, party, ObligationList.At(ledger, world.At, party, DutyClauses.Findings(engine, library, world)));

    /// <summary>The JSON of <c>obligations --json</c>: the date, the party and each obligation.</summary>
    public JsonObject ToJson() => new()
    {
        ["at"] = FactWriter.Day(Day),
        ["party"] = Party?.Code,
        ["obligations"] = new JsonArray([.. Obligations.Select(o => (JsonNode)new JsonObject
        {
            ["party"] = o.Party.Code,
            ["kind"] = o.Kind,
            ["what"] = o.What,
            ["to"] = o.To?.Code,
            ["due"] = o.Due,
            ["status"] = ObligationList.Word(o.Status),
            ["met"] = o.Met,
            ["reference"] = o.Reference,
            ["hypothetical"] = o.Hypothetical,
            ["sources"] = new JsonArray([.. o.Sources.Select(s => (JsonNode)s)]),
        })]),
    };

    /// <summary>The obligations as a table, by party and due date; overdue and late ones red, hypothetical ones marked; totals first, the legend under it.</summary>
    public ReportTable Table()
    {
        var table = new ReportTable($"Obligations on {Day:yyyy-MM-dd}{(Party is null ? "" : $" of {Party}")}", Column.Id("Party"), Column.Id("Kind"),
            new Column("What"), Column.Id("To"), Column.Id("Due"), Column.Id("Status"), Column.Id("Met"), Column.Id("Reference"))
        {
            KeyColumns = 2,
            Empty = "no obligation",
        };
        foreach (var o in Obligations)
        {
            table.Add(o.Party.Code, o.Kind, new Cell((o.Hypothetical ? "HYPOTHETICAL " : "") + o.What, o.Hypothetical ? "yellow" : null), o.To?.Code ?? "",
                o.Due ?? "", new Cell(ObligationList.Word(o.Status), o.Status is ObligationStatus.Overdue or ObligationStatus.MetLate ? "red" : null), o.Met ?? "",
                o.Reference);
        }

        table.Totals.Add(Totals);
        table.Notes.Add(FindingText.Obligations);
        return table;
    }

    /// <summary>"12 obligations: 3 met, 2 overdue, …", the count of each status in word order.</summary>
    public string Totals => $"{Obligations.Count} obligations" + (Obligations.Count == 0 ? "" : ": " + string.Join(", ",
        Obligations.GroupBy(o => ObligationList.Word(o.Status)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}")));
}
