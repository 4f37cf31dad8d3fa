using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Data;

namespace Detente.Cli;

/// <summary>Writes <c>--json</c> output; the shapes themselves are the reports' (src/Detente.Node/Reports, documented in docs/cli.md).</summary>
internal static class JsonShapes
{
    public static void Write(TextWriter output, JsonNode node) => output.WriteLine(Node.Reports.FactJson.Text(node));

    /// <summary>
    /// Writes a verb's JSON; when the world came from a record with unintegrated entries or from a demo record, an object gains a
    /// <c>record</c> member saying so (origin, integrated, pending, demo).
    /// </summary>
    public static void Write(Session session, JsonNode node)
    {
        if (node is JsonObject o && session.RecordStatus?.Json() is { } record && !o.ContainsKey("record"))
        {
            o["record"] = record;
        }

        Write(session.Output, node);
    }

    public static string Day(DateOnly day) => FactWriter.Day(day);

    public static JsonArray Codes(IEnumerable<PartyId> parties) => FactWriter.Codes(parties);
}
