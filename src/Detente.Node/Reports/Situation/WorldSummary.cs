using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Data;
using Detente.Node.Reports.Tables;

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

    /// <summary>The summary for people: a heading and the tables of <see cref="Tables"/>.</summary>
    public ReportPage Page()
    {
        var page = new ReportPage($"{World.Scenario.Info.Title} — the world on {World.At:yyyy-MM-dd}");
        foreach (var (name, table) in Tables())
        {
            page.Add(name, table);
        }

        return page;
    }

    /// <summary>The summary's tables by name, in the order they are shown: alliances, forces, control, activities, observations.</summary>
    public IReadOnlyDictionary<string, ReportTable> Tables()
    {
        var (world, scenario) = (World, World.Scenario);
        var alliances = new ReportTable("Alliances", Column.Id("Alliance"), Column.Id("Members"), Column.Id("Codes"));
        foreach (var a in Alliances)
        {
            alliances.Add(a.Alliance.Code, a.Members.Length.ToString(CultureInfo.InvariantCulture), string.Join(" ", a.Members));
        }

        var forces = new ReportTable("Forces stationed abroad, by host state", Column.Id("Host"), new("Name"), Column.Id("Owners"), Column.Id("Deployments"), Column.Id("Troops"));
        foreach (var f in ForeignByHost)
        {
            forces.Add(f.Host.Code, scenario.NameOf(f.Host), string.Join(" ", f.Owners), f.Deployments.ToString(CultureInfo.InvariantCulture),
                f.TroopDeployments == 0 ? "" : f.TroopsLow == f.TroopsHigh ? Claim.Format(f.TroopsLow)
                    : $"{Claim.Format(f.TroopsLow)}–{(double.IsPositiveInfinity(f.TroopsHigh) ? "?" : Claim.Format(f.TroopsHigh))}");
        }

        forces.Totals.Add($"{ForeignByHost.Sum(f => f.Deployments)} foreign deployments in {forces.Rows.Count} host states ({world.Deployments.Length} deployments in all)");
        var control = new ReportTable("Control of mapped areas (disputed control lists every claim; notes in --json)", Column.Id("Area"), Column.Id("Controller"), new("Name"),
            Column.Id("Period"), Column.Id("Confidence"), Column.Id("Sources")) { Empty = "no control of a mapped area is recorded for the day" };
        foreach (var c in Control)
        {
            control.Add(c.Area.Value, c.Controller.Code, scenario.NameOf(c.Controller), Cells.Period(c.Period), Cells.Confidence(c.Evidence), Cells.Sources(c.Evidence));
        }

        var activities = new ReportTable("Activities under way", Column.Id("Activity"), new("Name"), Column.Id("Participants"), Column.Id("Period"), new("Troops"))
        {
            Empty = "no activity under way",
        };
        foreach (var a in world.Activities)
        {
            activities.Add(a.Id.Value, a.Name, string.Join(" ", a.Participants), Cells.Period(a.Period), a.Troops is { } t ? Cells.Quantity(t) : "");
        }

        var observations = new ReportTable($"Observations of the {WindowDays} days up to {world.At:yyyy-MM-dd} (the window 'alerts' uses)", Column.Id("Id"), Column.Id("Date"),
            Column.Id("Observer"), Column.Id("Subject"), Column.Id("What"), new("Where"), new("Figure"), Column.Id("Confidence"), Column.Id("Sources"))
        {
            Empty = $"no observation made in the {WindowDays} days up to {world.At:yyyy-MM-dd}",
        };
        foreach (var o in Observations)
        {
            observations.Add(o.Id.Value, Cells.Days(o.Period), o.Observer.Code, o.Subject.Code, o.What, o.Where ?? string.Join(" ", o.Hosts),
                Cells.Quantity(o.Quantity), Cells.Confidence(o.Evidence), Cells.Sources(o.Evidence));
        }

        return new Dictionary<string, ReportTable>(StringComparer.Ordinal)
        {
            ["alliances"] = alliances, ["forces"] = forces, ["control"] = control, ["activities"] = activities, ["observations"] = observations,
        };
    }
}
