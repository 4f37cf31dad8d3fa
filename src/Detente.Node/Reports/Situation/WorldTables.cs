using System.Globalization;
using Detente.Core;
using Detente.Geo;
using Detente.Node.Reports.Tables;
using Detente.Node.Sessions;

namespace Detente.Node.Reports.Situation;

/// <summary>The tables of the world's smaller answers, as <see cref="WorldJson"/> writes their JSON: lists, members, control of a point, a border zone.</summary>
public static class WorldTables
{
    /// <summary>The sites listed, of the scenario's.</summary>
    public static ReportTable Sites(IReadOnlyList<Site> sites, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(scenario);
        var table = new ReportTable("Sites", Column.Id("Id"), new("Name"), Column.Id("Host"), Column.Id("Kind"), Column.Id("Lat"), Column.Id("Lon"),
            Column.Id("Accuracy (km)"), Column.Id("Confidence"), Column.Id("Sources")) { Empty = "no site matches" };
        foreach (var s in sites)
        {
            table.Add(s.Id.Value, s.Name, s.Host.Code, Cells.Word(s.Kind), Number(s.Location.Latitude), Number(s.Location.Longitude), Number(s.AccuracyKm),
                Cells.Confidence(s.Evidence), Cells.Sources(s.Evidence));
        }

        table.Totals.Add($"{sites.Count} of {scenario.Sites.Count} sites");
        return table;
    }

    /// <summary>The systems listed, of the scenario's catalogue: every range claim in the range's cell.</summary>
    public static ReportTable Systems(IReadOnlyList<WeaponSystem> systems, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(systems);
        ArgumentNullException.ThrowIfNull(scenario);
        var table = new ReportTable("Systems", Column.Id("Id"), new("Name"), Column.Id("Owner"), Column.Id("Category"), Column.Id("Launch"),
            Column.Id("Guidance"), Column.Id("Role"), Column.Id("Nuclear"), new("Range (km)"), Column.Id("Fires"), Column.Id("Sources"))
        {
            KeyColumns = 2,
            Empty = "no system matches",
        };
        foreach (var s in systems)
        {
            table.Add(s.Id.Value, s.Name, s.Owner?.Code ?? "", Cells.Word(s.Category), Cells.Word(s.Launch), Cells.Word(s.Guidance), Cells.Word(s.Role),
                Cells.Word(s.Nuclear), s.RangeKm is { } q ? Cells.Quantity(q) : "", string.Join(" ", s.Fires.Select(f => f.System.Value)), Cells.Sources(s.Evidence));
        }

        table.Totals.Add($"{systems.Count} of {scenario.Systems.Count} systems");
        table.Notes.Add("A disputed range lists every claim with who makes it ('detente reach --site S --system X' answers once per claim).");
        return table;
    }

    /// <summary>The parties listed, of the scenario's; with a world, a column of each party's alliances on its date.</summary>
    public static ReportTable Parties(IReadOnlyList<Party> parties, Scenario scenario, Core.World? world)
    {
        ArgumentNullException.ThrowIfNull(parties);
        ArgumentNullException.ThrowIfNull(scenario);
        Column[] columns = [Column.Id("Code"), new("Name"), Column.Id("Kind"), Column.Id("Within")];
        var table = new ReportTable("Parties", world is null ? columns : [.. columns, Column.Id($"Alliances on {world.At:yyyy-MM-dd}")]) { Empty = "no party matches" };
        foreach (var p in parties)
        {
            Cell[] cells = [p.Id.Code, p.Name, Cells.Word(p.Kind), p.Within?.Code ?? ""];
            table.Add(world is null ? cells : [.. cells, string.Join(" ", world.AlliancesOf(p.Id))]);
        }

        table.Totals.Add($"{parties.Count} of {scenario.Parties.Count} parties: " +
                         string.Join(", ", parties.GroupBy(p => p.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Cells.Word(g.Key)}")));
        return table;
    }

    /// <summary>The deployments listed, present on <paramref name="world"/>'s date.</summary>
    public static ReportTable Deployments(IReadOnlyList<Deployment> deployments, Core.World world)
    {
        ArgumentNullException.ThrowIfNull(deployments);
        ArgumentNullException.ThrowIfNull(world);
        var table = new ReportTable(null, Column.Id("Id"), Column.Id("Owner"), Column.Id("Host"), new("Where"), Column.Id("System"), new("Quantity"),
            Column.Id("Kind"), Column.Id("Period"), Column.Id("Confidence"), Column.Id("Sources")) { Empty = "no deployment matches" };
        foreach (var d in deployments)
        {
            table.Add(d.Id.Value, d.Owner.Code, d.Host.Code, Cells.Where(d, world.Scenario), d.System?.Value ?? "", Cells.Forces(d),
                $"{Cells.Word(d.Permanence)}, {Cells.Word(d.Mission)}", Cells.Period(d.Period), Cells.Confidence(d.Evidence), Cells.Sources(d.Evidence));
        }

        table.Totals.Add($"{deployments.Count} deployments on {world.At:yyyy-MM-dd}");
        return table;
    }

    /// <summary>An alliance's members on <paramref name="world"/>'s date, each with when it joined and the evidence.</summary>
    public static ReportTable Members(PartyId alliance, Core.World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        var table = new ReportTable(null, Column.Id("Member"), new("Name"), Column.Id("Since"), Column.Id("Confidence"), Column.Id("Sources"));
        table.Totals.Add($"{alliance} on {world.At:yyyy-MM-dd}: {world.MembersOf(alliance).Length} members");
        foreach (var m in ScenarioQueries.Members(world, alliance))
        {
            table.Add(m.Member.Code, world.Scenario.NameOf(m.Member), $"{m.Period.From:yyyy-MM-dd}", Cells.Confidence(m.Evidence), Cells.Sources(m.Evidence));
        }

        return table;
    }

    /// <summary>Who a point belongs to on <paramref name="world"/>'s date, in lines: the recognised territory, then each mapped area holding it and its control.</summary>
    public static ReportPage PointControl(PointControl answer, Core.World world)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(world);
        var scenario = world.Scenario;
        var page = new ReportPage().Line($"{answer.Point} on {world.At:yyyy-MM-dd}: recognised territory of " +
                                         (answer.Territory is { } t ? $"{t} {scenario.NameOf(t)}" : "no mapped state"));
        foreach (var (area, control) in answer.Areas)
        {
            page.Line($"In the mapped area {area.Name} (boundary accurate to about {area.AccuracyKm:0} km):");
            if (control.IsEmpty)
            {
                page.Line("  no control of this area is recorded for this day, so the recognised state is taken to control it");
            }

            foreach (var c in control)
            {
                page.Line($"  controlled by {c.Controller} {scenario.NameOf(c.Controller)}, {Cells.Period(c.Period)} " +
                          $"({Cells.Confidence(c.Evidence).Text}; {Cells.Sources(c.Evidence).Text})");
            }
        }

        return page;
    }

    /// <summary>The states within a border zone, nearest to the border first as the zone lists them.</summary>
    public static ReportTable BorderZone(BorderZone zone, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(scenario);
        var km = zone.WidthKm.ToString("0.#", CultureInfo.InvariantCulture);
        var table = new ReportTable($"Border zone of {km} km between {string.Join(",", zone.SideA)} and {string.Join(",", zone.SideB)}",
            Column.Id("State"), new("Name"), Column.Id("Distance from the border (km)")) { Empty = "the two sides share no land border, so the zone is empty" };
        foreach (var c in zone.Covers)
        {
            table.Add(c.State.Code, scenario.NameOf(c.State), c.Kilometres.ToString("0.0", CultureInfo.InvariantCulture));
        }

        table.Totals.Add($"shared border {zone.BorderLengthKm.ToString("N0", CultureInfo.InvariantCulture)} km; {zone.Covers.Length} states within {km} km of it");
        table.Notes.Add("Distances are geodesic (WGS84) from the border the two sides' shapes share to the nearest point of each state's recognised territory.");
        return table;
    }

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
