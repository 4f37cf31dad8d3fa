using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Data;
using Detente.Geo;

namespace Detente.Node.Reports.Situation;

/// <summary>The JSON of the world's smaller answers (documented in docs/cli.md): lists, members, control of a point, a border zone.</summary>
public static class WorldJson
{
    /// <summary>The sites listed.</summary>
    public static JsonObject Sites(IEnumerable<Site> sites) => new() { ["sites"] = new JsonArray([.. sites.Select(s => (JsonNode)FactJson.Site(s))]) };

    /// <summary>The systems listed.</summary>
    public static JsonObject Systems(IEnumerable<WeaponSystem> systems) =>
        new() { ["systems"] = new JsonArray([.. systems.Select(s => (JsonNode)FactJson.System(s))]) };

    /// <summary>The parties listed; with a world, each party's alliances on its date.</summary>
    public static JsonObject Parties(IEnumerable<Party> parties, Core.World? world) => new()
    {
        ["at"] = world is null ? null : FactWriter.Day(world.At),
        ["parties"] = new JsonArray([.. parties.Select(p =>
        {
            var node = new JsonObject { ["code"] = p.Id.Code, ["name"] = p.Name, ["kind"] = Vocabulary.WordFor(p.Kind), ["within"] = p.Within?.Code };
            if (world is not null)
            {
                node["alliances"] = FactWriter.Codes(world.AlliancesOf(p.Id));
            }

            return (JsonNode)node;
        })]),
    };

    /// <summary>The deployments present on a day, with the filters as given (codes upper-cased, null when absent).</summary>
    public static JsonObject Deployments(DateOnly day, string? host, string? owner, IEnumerable<Deployment> deployments) => new()
    {
        ["at"] = FactWriter.Day(day),
        ["host"] = host?.ToUpperInvariant(),
        ["owner"] = owner?.ToUpperInvariant(),
        ["deployments"] = new JsonArray([.. deployments.Select(d => (JsonNode)FactJson.Deployment(d))]),
    };

    /// <summary>An alliance's members on a day.</summary>
    public static JsonObject Members(PartyId alliance, DateOnly day, IEnumerable<PartyId> members) =>
        new() { ["alliance"] = alliance.Code, ["at"] = FactWriter.Day(day), ["members"] = FactWriter.Codes(members) };

    /// <summary>Who a point belongs to on a day: recognised territory, controllers, and every mapped area holding it with its control.</summary>
    public static JsonObject PointControl(PointControl answer, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new JsonObject
        {
            ["point"] = FactWriter.Point(answer.Point),
            ["at"] = FactWriter.Day(day),
            ["territory"] = answer.Territory?.Code,
            ["controllers"] = FactWriter.Codes(answer.Controllers),
            ["disputed"] = answer.IsDisputed,
            ["areas"] = new JsonArray([.. answer.Areas.Select(a => (JsonNode)new JsonObject
            {
                ["area"] = a.Area.Id,
                ["name"] = a.Area.Name,
                ["within"] = a.Area.Within.Code,
                ["boundary_accuracy_km"] = a.Area.AccuracyKm,
                ["control"] = new JsonArray([.. a.Control.Select(c => (JsonNode)FactJson.Control(c))]),
            })]),
        };
    }

    /// <summary>A border zone: the two sides, its width, the shared border's length and every state within the width of it.</summary>
    public static JsonObject BorderZone(BorderZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return new JsonObject
        {
            ["side_a"] = FactWriter.Codes(zone.SideA),
            ["side_b"] = FactWriter.Codes(zone.SideB),
            ["width_km"] = zone.WidthKm,
            ["border_length_km"] = Math.Round(zone.BorderLengthKm, 1),
            ["covers"] = new JsonArray([.. zone.Covers.Select(c => (JsonNode)new JsonObject { ["state"] = c.State.Code, ["distance_km"] = Math.Round(c.Kilometres, 1) })]),
        };
    }
}
