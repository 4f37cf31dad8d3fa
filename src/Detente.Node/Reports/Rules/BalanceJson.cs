using System.Text.Json.Nodes;
using Detente.Data;
using Detente.Rules.Audit;

namespace Detente.Node.Reports.Rules;

/// <summary>The JSON of <c>detente audit balance --json</c> (documented in docs/cli.md).</summary>
public static class BalanceJson
{
    /// <summary>The report, with the date its findings were counted on.</summary>
    public static JsonObject Of(BalanceReport report, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new JsonObject
        {
            ["findings_at"] = FactWriter.Day(day),
            ["sources_by_origin"] = Counts(report.SourcesByOrigin),
            ["parties"] = new JsonArray([.. report.Parties.Select(p => (JsonNode)new JsonObject
            {
                ["party"] = p.Party.Code,
                ["facts"] = new JsonObject(p.Facts.Select(k => KeyValuePair.Create(k.Key, (JsonNode?)Counts(k.Value)))),
                ["sources_from"] = p.SourcesFrom,
                ["cited_sources_by_origin"] = Counts(p.CitedByOrigin),
                ["findings"] = Counts(p.Findings),
            })]),
        };
    }

    private static JsonObject Counts(IEnumerable<KeyValuePair<string, int>> counts) =>
        new(counts.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value)));
}
