using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Data;

namespace Detente.Node.Reports;

/// <summary>
/// The stable JSON of the dated facts as reports show them (documented in docs/cli.md): figures with every claim, evidence as
/// confidence, sources and, for a world built from a record, the log index. The CLI's <c>--json</c> and the server return it.
/// </summary>
public static class FactJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The text of a report's JSON: indented, with non-ASCII text written as is.</summary>
    public static string Text(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.ToJsonString(Indented);
    }

    /// <summary>A figure: its low and high bounds (null when unbounded), the exact value when there is one, every claim when it says more.</summary>
    public static JsonObject Quantity(Quantity q)
    {
        ArgumentNullException.ThrowIfNull(q);
        var node = new JsonObject { ["low"] = Number(q.Low), ["high"] = Number(q.High), ["disputed"] = q.IsDisputed };
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

    /// <summary>One claim of a figure: its range, who makes it, a note, and its evidence when it has its own.</summary>
    public static JsonObject Claim(Claim c)
    {
        ArgumentNullException.ThrowIfNull(c);
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

    /// <summary>Every source of the evidence: its id and locator.</summary>
    public static JsonArray Sources(Evidence e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return [.. e.Sources.Select(s => (JsonNode)new JsonObject { ["ref"] = s.Source.Value, ["locator"] = s.Locator })];
    }

    /// <summary>Adds a fact's confidence, sources and (for a world built from a record) its log index to <paramref name="node"/>.</summary>
    public static JsonObject AddEvidence(JsonObject node, Evidence e)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(e);
        node["confidence"] = Vocabulary.WordFor(e.Confidence);
        node["sources"] = Sources(e);
        if (e.RecordIndex is { } index)
        {
            // Present only when the world was built from a record: the log index 'detente record prove --index' takes.
            node["record_index"] = index;
        }

        return node;
    }

    /// <summary>A deployment with its evidence.</summary>
    public static JsonObject Deployment(Deployment d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return AddEvidence(new JsonObject
        {
            ["id"] = d.Id.Value,
            ["owner"] = d.Owner.Code,
            ["host"] = d.Host.Code,
            ["site"] = d.Site?.Value,
            ["area"] = d.Area,
            ["location"] = d.Location is { } p ? FactWriter.Point(p) : null,
            ["system"] = d.System?.Value,
            ["quantity"] = Quantity(d.Quantity),
            ["unit"] = Vocabulary.WordFor(d.Unit),
            ["permanence"] = Vocabulary.WordFor(d.Permanence),
            ["mission"] = Vocabulary.WordFor(d.Mission),
            ["from"] = FactWriter.Day(d.Period.From),
            ["to"] = d.Period.To is { } to ? FactWriter.Day(to) : null,
            ["provenance"] = Vocabulary.WordFor(d.Provenance),
            ["description"] = d.Description,
            ["note"] = d.Note,
        }, d.Evidence);
    }

    /// <summary>An activity with its evidence.</summary>
    public static JsonObject Activity(Activity a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return AddEvidence(new JsonObject
        {
            ["id"] = a.Id.Value,
            ["name"] = a.Name,
            ["kind"] = Vocabulary.WordFor(a.Kind),
            ["participants"] = FactWriter.Codes(a.Participants),
            ["hosts"] = FactWriter.Codes(a.Hosts),
            ["start"] = FactWriter.Day(a.Period.From),
            ["end"] = a.Period.To is { } to ? FactWriter.Day(to) : null,
            ["troops"] = a.Troops is { } t ? Quantity(t) : null,
        }, a.Evidence);
    }

    /// <summary>An observation with its evidence.</summary>
    public static JsonObject Observation(Observation o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return AddEvidence(new JsonObject
        {
            ["id"] = o.Id.Value,
            ["observer"] = o.Observer.Code,
            ["subject"] = o.Subject.Code,
            ["from"] = FactWriter.Day(o.Period.From),
            ["to"] = o.Period.To is { } to ? FactWriter.Day(to) : null,
            ["where"] = o.Where,
            ["what"] = o.What,
            ["quantity"] = Quantity(o.Quantity),
            ["scope"] = o.Scope,
            ["note"] = o.Note,
        }, o.Evidence);
    }

    /// <summary>A control of an area with its evidence.</summary>
    public static JsonObject Control(Control c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return AddEvidence(new JsonObject
        {
            ["id"] = c.Id.Value,
            ["area"] = c.Area.Value,
            ["controller"] = c.Controller.Code,
            ["from"] = FactWriter.Day(c.Period.From),
            ["to"] = c.Period.To is { } to ? FactWriter.Day(to) : null,
            ["note"] = c.Note,
        }, c.Evidence);
    }

    /// <summary>A site with its evidence.</summary>
    public static JsonObject Site(Site s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return AddEvidence(new JsonObject
        {
            ["id"] = s.Id.Value, ["name"] = s.Name, ["host"] = s.Host.Code, ["kind"] = Vocabulary.WordFor(s.Kind),
            ["location"] = FactWriter.Point(s.Location), ["accuracy_km"] = s.AccuracyKm, ["note"] = s.Note,
        }, s.Evidence);
    }

    /// <summary>A catalogue system with its evidence: every range claim, and what a launcher fires.</summary>
    public static JsonObject System(WeaponSystem s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return AddEvidence(new JsonObject
        {
            ["id"] = s.Id.Value, ["name"] = s.Name, ["owner"] = s.Owner?.Code, ["category"] = Vocabulary.WordFor(s.Category),
            ["launch"] = Vocabulary.WordFor(s.Launch), ["guidance"] = Vocabulary.WordFor(s.Guidance), ["role"] = Vocabulary.WordFor(s.Role),
            ["nuclear"] = Vocabulary.WordFor(s.Nuclear), ["range_km"] = s.RangeKm is { } q ? Quantity(q) : null,
            ["fires"] = new JsonArray([.. s.Fires.Select(f => (JsonNode)f.System.Value)]), ["note"] = s.Note,
        }, s.Evidence);
    }

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
