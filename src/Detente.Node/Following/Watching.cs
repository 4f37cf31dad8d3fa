using System.Globalization;
using System.Text.Json.Nodes;
using Detente.Geo;
using Detente.Node.Appending;
using Detente.Record.Admission;
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
        var rules = Sessions.AgreementRules.Open(geoDirectory, world.Scenario, agreementsDirectory);
        return LiveRecord.Open(world, store, rules.Engine, rules.Library.All, at);
    }

    /// <summary>
    /// Follows the record at <paramref name="connection"/> until <paramref name="stop"/>: writes the line that says what is watched, then
    /// one line per finding that appears, changes or disappears (JSON lines with <paramref name="json"/>), flushed after each batch, and
    /// reads the store's integrated size every <paramref name="interval"/> while nothing is new. No record there is a
    /// <see cref="NodeException"/> naming <c>--db</c>; a demo record is said on <paramref name="warnings"/>.
    /// </summary>
    public static void Follow(string connection, string geoDirectory, string agreementsDirectory, DateOnly at, bool json, TextWriter output,
        TextWriter warnings, TimeSpan interval, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(warnings);
        var origin = RecordStores.ExistingOrigin(connection)
            ?? throw new NodeException($"--db: no record in {RecordNode.Display(connection)}; create one with 'detente record import'");
        using var store = RecordStores.Open(connection, origin);
        var live = Open(store, geoDirectory, agreementsDirectory, at);
        if (DemoKeys.IsDemoOrigin(origin))
        {
            warnings.WriteLine($"warning: {DemoKeys.Warning}");
        }

        output.WriteLine(json ? Started(origin, live).ToJsonString() : StartedText(origin, live));
        output.Flush();
        while (!stop.IsCancellationRequested)
        {
            var followed = live.Poll();
            foreach (var change in followed.Changes)
            {
                output.WriteLine(json ? ChangeLine(change).ToJsonString() : change.ToString());
            }

            output.Flush();
            if (followed.Batch.Statements.Count == 0)
            {
                stop.WaitHandle.WaitOne(interval);
            }
        }
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
