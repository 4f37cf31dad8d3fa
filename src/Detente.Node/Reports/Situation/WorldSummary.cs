using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Data;

namespace Detente.Node.Reports.Situation;

/// <summary>An alliance and its members on the day.</summary>
public sealed record AllianceMembers(PartyId Alliance, ImmutableArray<PartyId> Members);

/// <summary>
/// The foreign forces one host state holds on the day: the owners, the number of deployments, and the troops they count (the sum
/// of the troop deployments' low and high figures; <see cref="TroopDeployments"/> is 0 when none counts troops).
/// </summary>
public sealed record ForeignForces(PartyId Host, IReadOnlyList<PartyId> Owners, int Deployments, int TroopDeployments, double TroopsLow, double TroopsHigh);

/// <summary>
/// What <c>world</c> shows of the world on a day: alliances and their members, foreign forces by host, control of mapped areas,
/// activities under way, and the observations of the window up to the day that counts as now (the window the alerts use).
/// </summary>
public sealed record WorldSummary(
    Core.World World, int WindowDays, IReadOnlyList<AllianceMembers> Alliances, IReadOnlyList<ForeignForces> ForeignByHost,
    IReadOnlyList<Control> Control, IReadOnlyList<Observation> Observations)
{
    /// <summary>Builds the summary of <paramref name="world"/> with observations of the <paramref name="windowDays"/> days up to its date.</summary>
    public static WorldSummary Build(Core.World world, int windowDays)
    {
        ArgumentNullException.ThrowIfNull(world);
        var alliances = world.Scenario.Parties.Values.Where(p => p.Kind == PartyKind.Alliance).OrderBy(p => p.Id)
            .Select(a => new AllianceMembers(a.Id, world.MembersOf(a.Id))).ToList();
        var foreign = world.Deployments.Where(d => d.IsForeign).GroupBy(d => d.Host).OrderBy(g => g.Key).Select(g =>
        {
            var troops = g.Where(d => d.Unit == ForceUnit.Troops).ToList();
            return new ForeignForces(g.Key, [.. g.Select(d => d.Owner).Distinct().Order()], g.Count(), troops.Count,
                troops.Sum(d => d.Quantity.Low), troops.Sum(d => d.Quantity.High));
        }).ToList();
        return new WorldSummary(world, windowDays, alliances, foreign, [.. world.Control.OrderBy(c => c.Area.Value).ThenBy(c => c.Controller)],
            Sessions.ScenarioQueries.RecentObservations(world, windowDays));
    }

    /// <summary>The summary's JSON (documented in docs/cli.md); control and activities in the world's own order.</summary>
    public JsonObject ToJson() => new()
    {
        ["scenario"] = World.Scenario.Info.Id,
        ["at"] = FactWriter.Day(World.At),
        ["alliances"] = new JsonArray([.. Alliances.Select(a => (JsonNode)new JsonObject { ["alliance"] = a.Alliance.Code, ["members"] = FactWriter.Codes(a.Members) })]),
        ["deployments"] = World.Deployments.Length,
        ["foreign_deployments_by_host"] = new JsonArray([.. ForeignByHost.Select(f => (JsonNode)new JsonObject
        {
            ["host"] = f.Host.Code, ["owners"] = FactWriter.Codes(f.Owners), ["deployments"] = f.Deployments, ["troops_low"] = f.TroopsLow,
            ["troops_high"] = f.TroopsHigh,
        })]),
        ["control"] = new JsonArray([.. World.Control.Select(c => (JsonNode)FactJson.Control(c))]),
        ["activities"] = new JsonArray([.. World.Activities.Select(a => (JsonNode)FactJson.Activity(a))]),
        ["observations_window"] = new JsonObject
        {
            ["from"] = FactWriter.Day(World.At.AddDays(1 - WindowDays)), ["to"] = FactWriter.Day(World.At), ["days"] = WindowDays,
        },
        ["observations"] = new JsonArray([.. Observations.Select(o => (JsonNode)FactJson.Observation(o))]),
    };
}
