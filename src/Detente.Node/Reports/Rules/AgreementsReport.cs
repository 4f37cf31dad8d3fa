using System.Text.Json.Nodes;
using Detente.Data;
using Detente.Node.Reports.Tables;
using Detente.Rules;

namespace Detente.Node.Reports.Rules;

/// <summary>What <c>detente agreements list</c> and <c>coverage</c> show: each encoded document, and how much of it a machine can check.</summary>
/// <param name="Documents">The outline of each document, in library order.</param>
public sealed record AgreementsReport(IReadOnlyList<AgreementOutline> Documents)
{
    /// <summary>The outlines of <paramref name="library"/>'s documents.</summary>
    public static AgreementsReport Build(Detente.Rules.Compilation.AgreementLibrary library)
    {
        ArgumentNullException.ThrowIfNull(library);
        return new([.. library.All.Select(AgreementOutline.Of)]);
    }

    /// <summary>The documents as a table: id, kind, date, proposer, counts of articles, clauses and checkable clauses, title; the count first.</summary>
    public ReportTable ListTable()
    {
        var table = new ReportTable(null, Column.Id("Id"), Column.Id("Kind"), Column.Id("Date"), Column.Id("Proposed by"), Column.Id("Articles"),
            Column.Id("Clauses"), Column.Id("Checkable"), new Column("Title"));
        foreach (var a in Documents)
        {
            table.Add(a.Id, a.Kind, $"{a.Date:yyyy-MM-dd}", a.ProposedBy ?? "—", $"{a.Articles.Count}", $"{a.Clauses.Count()}", $"{a.Clauses.Count(c => c.Checkable)}", a.Title);
        }

        table.Totals.Add($"{Documents.Count} documents");
        return table;
    }

    /// <summary>The coverage as a table: per document its counts, the share of checkable clauses and why each other clause cannot be checked.</summary>
    public ReportTable CoverageTable()
    {
        var table = new ReportTable(null, Column.Id("Agreement"), Column.Id("Articles"), Column.Id("Clauses"), Column.Id("Checkable"), Column.Id("Coverage"),
            new Column("Not checkable (why)"));
        foreach (var a in Documents)
        {
            var clauses = a.Clauses.ToList();
            var checkable = clauses.Count(c => c.Checkable);
            table.Add(a.Id, $"{a.Articles.Count}", $"{clauses.Count}", $"{checkable}", $"{100.0 * checkable / clauses.Count:0}%",
                string.Join("\n", clauses.Where(c => !c.Checkable).Select(c => $"{c.Id}: {c.Reason}")));
        }

        return table;
    }

    /// <summary>The JSON of <c>agreements list --json</c>: per document its id, title, kind, date, proposer and counts of articles, clauses and checkable clauses.</summary>
    public JsonArray ListJson() => new([.. Documents.Select(a => (JsonNode)new JsonObject
    {
        ["id"] = a.Id,
        ["title"] = a.Title,
        ["kind"] = a.Kind,
        ["date"] = FactWriter.Day(a.Date),
        ["proposedBy"] = a.ProposedBy,
        ["articles"] = a.Articles.Count,
        ["clauses"] = a.Clauses.Count(),
        ["checkable"] = a.Clauses.Count(c => c.Checkable),
    })]);

    /// <summary>The JSON of <c>agreements coverage --json</c>: per document its clauses, how many are checkable, and why each other one is not.</summary>
    public JsonArray CoverageJson() => new([.. Documents.Select(a => (JsonNode)new JsonObject
    {
        ["id"] = a.Id,
        ["clauses"] = a.Clauses.Count(),
        ["checkable"] = a.Clauses.Count(c => c.Checkable),
        ["notCheckable"] = new JsonArray([.. a.Clauses.Where(c => !c.Checkable)
            .Select(c => (JsonNode)new JsonObject { ["clause"] = c.Id.ToString(), ["reason"] = c.Reason })]),
    })]);
}
