using System.Globalization;
using System.Text.Json.Nodes;
using Detente.Geo;
using Detente.Rules;
using Detente.Rules.Compilation;
using Detente.Rules.Runtime;
using Detente.Storage;

namespace Detente.Node.Following;

/// <summary>
/// Following a record for a person or a client (<c>detente watch</c>, the server's live events): opening the live findings over a
/// store with the agreements of a directory, and the lines that say what is being watched and what changed.
/// </summary>
public static class Watching
{
    /// <summary>
    /// Opens the live findings of <paramref name="store"/>: its world projected with the areas of <paramref name="geoDirectory"/>, every
    /// agreement of <paramref name="agreementsDirectory"/> evaluated on <paramref name="at"/>. A bad agreement is a <see cref="NodeException"/>.
    /// </summary>
    public static LiveRecord Open(IRecordStore store, string geoDirectory, string agreementsDirectory, DateOnly at)
    {
        ArgumentNullException.ThrowIfNull(store);
        var world = Projection.WorldProjection.Open(store, Geography.AreaIds(geoDirectory));
        var engine = new RuleEngine(RuleGeography.Load(geoDirectory), world.Scenario.Parties.Keys.Select(p => p.Code).ToHashSet());
        return engine.TryLoad(agreementsDirectory, out var library, out var errors)
            ? LiveRecord.Open(world, store, engine, library.All, at)
            : throw new NodeException(string.Join(Environment.NewLine, errors));
    }

    /// <summary>What is watched: the record's origin, the statements integrated, and the current findings counted by status (most first).</summary>
    public static JsonObject Started(string origin, LiveRecord live)
    {
        ArgumentNullException.ThrowIfNull(live);
        var byStatus = new JsonObject();
        foreach (var (status, count) in Counts(live))
        {
            byStatus[status] = count;
        }

        return new JsonObject
        {
            ["event"] = "watching", ["origin"] = origin, ["integrated"] = live.Position, ["at"] = Day(live), ["findings"] = live.Findings.Findings.Count,
            ["by_status"] = byStatus,
        };
    }

    /// <summary>The line <see cref="Started(string, LiveRecord)"/> says, for people.</summary>
    public static string StartedText(string origin, LiveRecord live)
    {
        ArgumentNullException.ThrowIfNull(live);
        return $"watching {origin}: {live.Position:N0} statements integrated; {live.Findings.Findings.Count:N0} findings on {Day(live)} ("
               + string.Join(", ", Counts(live).Select(c => $"{c.Count:N0} {c.Status}")) + "); Ctrl-C to stop";
    }

    /// <summary>One change as a JSON line: the change's own fields under <c>"event": "change"</c>.</summary>
    public static JsonObject ChangeLine(FindingChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var line = new JsonObject { ["event"] = "change" };
        foreach (var (name, value) in change.Json())
        {
            line[name] = value?.DeepClone();
        }

        return line;
    }

    private static string Day(LiveRecord live) => live.Findings.At.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static List<(string Status, int Count)> Counts(LiveRecord live) =>
        [.. live.Findings.Findings.GroupBy(f => f.StatusWord).Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal)];
}
