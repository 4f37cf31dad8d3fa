using System.Text.Json.Nodes;
using Detente.Data;
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
