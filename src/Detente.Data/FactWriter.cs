using System.Globalization;
using System.Text.Json.Nodes;
using Detente.Core;

namespace Detente.Data;

/// <summary>
/// Writes facts in the <c>detente-scenario/1</c> format (docs/data-format.md), the JSON object of each kind that
/// <see cref="ScenarioLoader"/> reads back: the one writer of the scenario format. Optional fields that are absent are left out.
/// </summary>
public static class FactWriter
{
    /// <summary>The JSON object of a fact of any scenario kind written here, with the name of the array it belongs in (<c>deployments</c>).</summary>
    public static (string Kind, JsonObject Json) Write(object fact) => fact switch
    {
        Deployment d => ("deployments", Deployment(d)),
        Activity a => ("activities", Activity(a)),
        Membership m => ("memberships", Membership(m)),
        Notification n => ("notifications", Notification(n)),
        Observation o => ("observations", Observation(o)),
        Control c => ("control", Control(c)),
        null => throw new ArgumentNullException(nameof(fact)),
        _ => throw new ArgumentException($"{fact.GetType().Name} is not a fact of the scenario format", nameof(fact)),
    };

    /// <summary>A calendar date as the format writes it, <c>2022-01-12</c>.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Party codes as a JSON array.</summary>
    public static JsonArray Codes(IEnumerable<PartyId> parties) => [.. parties.Select(p => (JsonNode)p.Code)];

    /// <summary>Coordinates, <c>{"lat": 44.08, "lon": 24.38}</c>.</summary>
    public static JsonObject Point(GeoPoint p) => new() { ["lat"] = p.Latitude, ["lon"] = p.Longitude };

    /// <summary>A deployment.</summary>
    public static JsonObject Deployment(Deployment d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var o = new JsonObject { ["id"] = d.Id.Value, ["owner"] = d.Owner.Code };
        if (d.Site is { } site)
        {
            o["site"] = site.Value;
        }
        else
        {
            o["host"] = d.Host.Code;
        }

        Optional(o, "area", d.Area);
        if (d.Location is { } location) o["location"] = Point(location);
        Optional(o, "system", d.System?.Value);
        o["quantity"] = Quantity(d.Quantity);
        o["unit"] = Vocabulary.WordFor(d.Unit);
        o["permanence"] = Vocabulary.WordFor(d.Permanence);
        o["mission"] = Vocabulary.WordFor(d.Mission);
        Period(o, d.Period, "from", "to");
        o["provenance"] = Vocabulary.WordFor(d.Provenance);
        Optional(o, "description", d.Description);
        Optional(o, "note", d.Note);
        return Evidence(o, d.Evidence);
    }

    /// <summary>An activity.</summary>
    public static JsonObject Activity(Activity a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var o = new JsonObject
        {
            ["id"] = a.Id.Value,
            ["name"] = a.Name,
            ["kind"] = Vocabulary.WordFor(a.Kind),
            ["participants"] = Codes(a.Participants),
            ["hosts"] = Codes(a.Hosts),
            ["start"] = Day(a.Period.From),
            ["end"] = Day(a.Period.To ?? a.Period.From),
        };
        Optional(o, "area", a.Area);
        if (a.Sites.Length > 0)
        {
            o["sites"] = new JsonArray([.. a.Sites.Select(s => (JsonNode)s.Value)]);
        }

        if (a.Troops is { } troops) o["troops"] = Quantity(troops);
        if (a.Equipment.Length > 0)
        {
            o["equipment"] = new JsonArray([.. a.Equipment.Select(e =>
            {
                var item = new JsonObject { ["unit"] = Vocabulary.WordFor(e.Unit), ["quantity"] = Quantity(e.Quantity) };
                Optional(item, "system", e.System?.Value);
                return (JsonNode)item;
            })]);
        }

        Optional(o, "note", a.Note);
        return Evidence(o, a.Evidence);
    }

    /// <summary>An alliance membership.</summary>
    public static JsonObject Membership(Membership m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var o = new JsonObject { ["id"] = m.Id.Value, ["alliance"] = m.Alliance.Code, ["member"] = m.Member.Code };
        Period(o, m.Period, "joined", "left");
        Optional(o, "note", m.Note);
        return Evidence(o, m.Evidence);
    }

    /// <summary>A notification.</summary>
    public static JsonObject Notification(Notification n)
    {
        ArgumentNullException.ThrowIfNull(n);
        var o = new JsonObject { ["id"] = n.Id.Value, ["notifier"] = n.Notifier.Code, ["kind"] = Vocabulary.WordFor(n.Kind) };
        Optional(o, "activity", n.Activity?.Value);
        Optional(o, "deployment", n.Deployment?.Value);
        o["given"] = Day(n.Given);
        if (n.Troops is { } troops) o["troops"] = Quantity(troops);
        Optional(o, "note", n.Note);
        return Evidence(o, n.Evidence);
    }

    /// <summary>An observation.</summary>
    public static JsonObject Observation(Observation x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var o = new JsonObject { ["id"] = x.Id.Value, ["observer"] = x.Observer.Code, ["subject"] = x.Subject.Code };
        if (x.Period.To is { } to && to != x.Period.From)
        {
            Period(o, x.Period, "from", "to");
        }
        else
        {
            o["date"] = Day(x.Period.From);
        }

        Optional(o, "where", x.Where);
        if (x.Hosts.Length > 0) o["hosts"] = Codes(x.Hosts);
        if (x.Location is { } location) o["location"] = Point(location);
        o["what"] = x.What;
        o["quantity"] = Quantity(x.Quantity);
        Optional(o, "scope", x.Scope);
        o["provenance"] = Vocabulary.WordFor(x.Provenance);
        Optional(o, "note", x.Note);
        return Evidence(o, x.Evidence);
    }

    /// <summary>Control of an area.</summary>
    public static JsonObject Control(Control c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var o = new JsonObject { ["id"] = c.Id.Value, ["area"] = c.Area.Value, ["controller"] = c.Controller.Code };
        Period(o, c.Period, "from", "to");
        Optional(o, "note", c.Note);
        return Evidence(o, c.Evidence);
    }

    /// <summary>A quantity: a number when exact and undisputed, a range <c>{"min", "max"}</c>, or <c>{"claims": [...]}</c>.</summary>
    public static JsonNode Quantity(Quantity q)
    {
        ArgumentNullException.ThrowIfNull(q);
        if (q.Claims is [{ By: null, Evidence: null, Note: null } only])
        {
            return only.IsExact ? JsonValue.Create(only.Min!.Value) : Range(new JsonObject(), only);
        }

        return new JsonObject
        {
            ["claims"] = new JsonArray([.. q.Claims.Select(c =>
            {
                var claim = c.IsExact ? new JsonObject { ["value"] = c.Min } : Range(new JsonObject(), c);
                if (c.By is { } by) claim["by"] = by.Code;
                if (c.Evidence is { } e) Evidence(claim, e);
                Optional(claim, "note", c.Note);
                return (JsonNode)claim;
            })]),
        };
    }

    /// <summary>Citations as the format writes them: a source id, or <c>{"ref", "locator"}</c> when a place in it is given.</summary>
    public static JsonArray Sources(Evidence e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return [.. e.Sources.Select(s => s.Locator is null ? (JsonNode)s.Source.Value : new JsonObject { ["ref"] = s.Source.Value, ["locator"] = s.Locator })];
    }

    /// <summary>Adds <c>sources</c>, <c>confidence</c> and, when graded, <c>credibility</c>.</summary>
    public static JsonObject Evidence(JsonObject o, Evidence e)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(e);
        o["sources"] = Sources(e);
        o["confidence"] = Vocabulary.WordFor(e.Confidence);
        if (e.Credibility is { } grade) o["credibility"] = grade;
        return o;
    }

    private static JsonObject Range(JsonObject o, Claim c)
    {
        if (c.Min is { } min) o["min"] = min;
        if (c.Max is { } max) o["max"] = max;
        return o;
    }

    private static void Period(JsonObject o, Period p, string from, string to)
    {
        o[from] = Day(p.From);
        if (p.To is { } last) o[to] = Day(last);
    }

    private static void Optional(JsonObject o, string name, string? value)
    {
        if (value is not null) o[name] = value;
    }
}
