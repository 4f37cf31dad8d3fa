using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Data;

namespace Detente.Cli;

/// <summary>The stable JSON shapes of <c>--json</c> output (documented in docs/cli.md).</summary>
internal static class JsonShapes
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(TextWriter output, JsonNode node) => output.WriteLine(node.ToJsonString(Options));

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

    public static JsonObject Quantity(Quantity q)
    {
        var node = new JsonObject
        {
            ["low"] = Number(q.Low),
            ["high"] = Number(q.High),
            ["disputed"] = q.IsDisputed,
        };
        if (q.Exact is { } exact)
        {
            node["value"] = exact;
        }

        if (q.Claims.Length > 1 || q.Claims[0].By is not null || q.Claims[0].Evidence is not null)
        {
            node["claims"] = new JsonArray([.. q.Claims.Select(Claim)]);
        }

        return node;
    }

    public static JsonObject Claim(Claim c)
    {
        var node = new JsonObject { ["min"] = c.Min, ["max"] = c.Max };
        if (c.By is { } by) node["by"] = by.Code;
        if (c.Note is not null) node["note"] = c.Note;
        if (c.Evidence is not null)
        {
            node["confidence"] = Vocabulary.WordFor(c.Evidence.Confidence);
            node["sources"] = Sources(c.Evidence);
        }

        return node;
    }

    public static JsonArray Sources(Evidence e) =>
        [.. e.Sources.Select(s => (JsonNode)new JsonObject { ["ref"] = s.Source.Value, ["locator"] = s.Locator })];

    public static void AddEvidence(JsonObject node, Evidence e)
    {
        node["confidence"] = Vocabulary.WordFor(e.Confidence);
        node["sources"] = Sources(e);
        if (e.RecordIndex is { } index)
        {
            // Present only when the world was built from a record: the log index 'detente record prove --index' takes.
            node["record_index"] = index;
        }
    }

    public static JsonObject Point(GeoPoint p) => FactWriter.Point(p);

    public static JsonObject Deployment(Deployment d)
    {
        var node = new JsonObject
        {
            ["id"] = d.Id.Value,
            ["owner"] = d.Owner.Code,
            ["host"] = d.Host.Code,
            ["site"] = d.Site?.Value,
            ["area"] = d.Area,
            ["location"] = d.Location is { } p ? Point(p) : null,
            ["system"] = d.System?.Value,
            ["quantity"] = Quantity(d.Quantity),
            ["unit"] = Vocabulary.WordFor(d.Unit),
            ["permanence"] = Vocabulary.WordFor(d.Permanence),
            ["mission"] = Vocabulary.WordFor(d.Mission),
            ["from"] = Day(d.Period.From),
            ["to"] = d.Period.To is { } to ? Day(to) : null,
            ["provenance"] = Vocabulary.WordFor(d.Provenance),
            ["description"] = d.Description,
            ["note"] = d.Note,
        };
        AddEvidence(node, d.Evidence);
        return node;
    }

    public static JsonObject Activity(Activity a)
    {
        var node = new JsonObject
        {
            ["id"] = a.Id.Value,
            ["name"] = a.Name,
            ["kind"] = Vocabulary.WordFor(a.Kind),
            ["participants"] = Codes(a.Participants),
            ["hosts"] = Codes(a.Hosts),
            ["start"] = Day(a.Period.From),
            ["end"] = a.Period.To is { } to ? Day(to) : null,
            ["troops"] = a.Troops is { } t ? Quantity(t) : null,
        };
        AddEvidence(node, a.Evidence);
        return node;
    }

    public static JsonObject Observation(Observation o)
    {
        var node = new JsonObject
        {
            ["id"] = o.Id.Value,
            ["observer"] = o.Observer.Code,
            ["subject"] = o.Subject.Code,
            ["from"] = Day(o.Period.From),
            ["to"] = o.Period.To is { } to ? Day(to) : null,
            ["where"] = o.Where,
            ["what"] = o.What,
            ["quantity"] = Quantity(o.Quantity),
            ["scope"] = o.Scope,
            ["note"] = o.Note,
        };
        AddEvidence(node, o.Evidence);
        return node;
    }

    public static JsonObject Control(Control c)
    {
        var node = new JsonObject
        {
            ["id"] = c.Id.Value,
            ["area"] = c.Area.Value,
            ["controller"] = c.Controller.Code,
            ["from"] = Day(c.Period.From),
            ["to"] = c.Period.To is { } to ? Day(to) : null,
            ["note"] = c.Note,
        };
        AddEvidence(node, c.Evidence);
        return node;
    }

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
