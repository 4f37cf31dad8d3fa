using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Data;
using Detente.Node.Reports.Tables;
using Detente.Rules;
using Detente.Rules.Compilation;
using Detente.Rules.Runtime;

namespace Detente.Node.Reports.Rules;

/// <summary>
/// What <c>detente check</c> shows: the findings of one agreement on a date, or of every agreement with the compliance matrix of
/// agreements by bound party; optionally with extra findings (the alerts') and for one bound party.
/// </summary>
public sealed class CheckReport
{
    private CheckReport(DateOnly day, IReadOnlyList<Agreement> documents, IReadOnlyList<Finding> findings, ComplianceMatrix? matrix)
    {
        Day = day;
        Documents = documents;
        Findings = findings;
        Matrix = matrix;
    }

    /// <summary>The date.</summary>
    public DateOnly Day { get; }

    /// <summary>The documents checked: one, or every document of the library.</summary>
    public IReadOnlyList<Agreement> Documents { get; }

    /// <summary>Every finding shown.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>The matrix of agreements by bound party, for a check of every agreement; null for one.</summary>
    public ComplianceMatrix? Matrix { get; }

    /// <summary>
    /// The findings of <paramref name="agreement"/> on the world's date with <paramref name="extra"/> ones; with
    /// <paramref name="party"/>, that party's and those of the clauses no machine can check that bind it.
    /// </summary>
    public static CheckReport One(RuleEngine engine, Agreement agreement, World world, AgreementParameters? parameters, IEnumerable<Finding> extra,
        string? party)
    {
        ArgumentNullException.ThrowIfNull(engine);
        IReadOnlyList<Finding> findings = [.. engine.Evaluate(agreement, world, parameters), .. extra];
        if (party is not null)
        {
            findings = engine.OfParty(agreement, world, parameters, findings, party);
        }

        return new CheckReport(world.At, [agreement], findings, null);
    }

    /// <summary>Every document of <paramref name="documents"/> on the world's date, as a matrix (see <see cref="ComplianceMatrix.Build"/>).</summary>
    public static CheckReport All(RuleEngine engine, IReadOnlyList<Agreement> documents, World world, Func<Agreement, AgreementParameters?> parameters,
        IEnumerable<Finding> extra, string? party)
    {
        var matrix = ComplianceMatrix.Build(engine, documents, world, parameters, extra, party);
        return new CheckReport(world.At, documents, matrix.Findings, matrix);
    }

    /// <summary>
    /// The JSON of <c>check --json</c>: for one agreement its id, the date, its standing and the findings; for every agreement the
    /// date, each standing by id, the findings and the matrix.
    /// </summary>
    public JsonObject ToJson()
    {
        var findings = new JsonArray([.. Findings.Select(f => (JsonNode)FindingJson.Of(f))]);
        if (Matrix is null)
        {
            return new JsonObject
            {
                ["agreement"] = Documents[0].Id,
                ["at"] = FactWriter.Day(Day),
                ["standing"] = FindingJson.Standing(RuleEngine.Standing(Documents[0], Day)),
                ["findings"] = findings,
            };
        }

        return new JsonObject
        {
            ["at"] = FactWriter.Day(Day),
            ["standing"] = new JsonObject(Documents.Select(a => KeyValuePair.Create(a.Id, (JsonNode?)FindingJson.Standing(RuleEngine.Standing(a, Day))))),
            ["findings"] = findings,
            ["matrix"] = MatrixJson(Matrix),
        };
    }

    /// <summary>
    /// The report's table: the compliance matrix for every agreement, else the findings of the one agreement; for people
    /// (<paramref name="grouped"/>) findings equal but for the party are one row listing the parties.
    /// </summary>
    public ReportTable Table(bool grouped = true)
    {
        if (Matrix is { } matrix)
        {
            return FindingTables.Matrix(matrix);
        }

        var table = FindingTables.Table($"{Documents[0].Id} on {Day:yyyy-MM-dd}", Findings);
        return grouped ? table.GroupedBy(1, "parties") : table;
    }

    /// <summary>The findings that have a place in <paramref name="world"/>, as GeoJSON points with the finding in the properties; the others are counted.</summary>
    public JsonObject GeoJson(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        var placed = Findings.Select(f => (Finding: f, Place: FindingJson.Place(f, world))).Where(x => x.Place is not null).ToList();
        return GeoJsonFeatures.Collection(placed.Select(x => GeoJsonFeatures.Point(x.Place!.Value, FindingJson.Of(x.Finding))), new JsonObject
        {
            ["at"] = FactWriter.Day(world.At),
            ["findings"] = Findings.Count,
            ["placed"] = placed.Count,
            ["note"] = "Findings about parties, clauses and facts without a site or coordinates have no place and are not features.",
        });
    }

    /// <summary>The counts of each cell of a matrix: one entry per party and document that binds it, a member per status (<c>not_applicable</c>, ...).</summary>
    public static JsonArray MatrixJson(ComplianceMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var array = new JsonArray();
        foreach (var party in matrix.Parties)
        {
            foreach (var doc in matrix.Documents.Where(d => matrix.Binds(party, d)))
            {
                var cell = new JsonObject { ["party"] = party, ["agreement"] = doc.Id };
                foreach (var s in ComplianceMatrix.StatusOrder)
                {
                    cell[Finding.Word(s).Replace('-', '_')] = matrix.Count(party, doc, s);
                }

                array.Add(cell);
            }
        }

        return array;
    }
}
