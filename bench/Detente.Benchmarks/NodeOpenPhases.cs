using System.Diagnostics;
using System.Globalization;
using Detente.Core;
using Detente.Data;
using Detente.Node.Following;
using Detente.Node.Projection;
using Detente.Record.Admission;
using Detente.Rules;
using Detente.Storage;

namespace Detente.Benchmarks;

/// <summary>
/// <c>open-phases [DEPLOYMENTS]</c>: the phases of opening a node over the cached synthetic record (<see cref="NodeRecord"/>), one
/// after another, each timed alone (wall, this process's CPU, garbage collection): reading and parsing the statements, reading the
/// world from them, the observation batches' rows, the day's world, and every agreement's incremental checker. For finding where an
/// open's time goes.
/// </summary>
internal static class NodeOpenPhases
{
    public static int Run(int deployments)
    {
        var path = NodeRecord.Path(deployments, deployments / 10);
        var (geography, library) = NodeRecord.Rules();
        using var store = RecordStores.Open(path, RecordStores.ExistingOrigin(path)!);
        var size = store.Size;
        var total = Stopwatch.StartNew();

        // As RecordProjection.Load: a page of entries at a time, each statement parsed and its body kept as a recorded fact.
        var facts = Phase("read and parse statements", () =>
        {
            var all = new List<RecordedFact>();
            for (long start = 0; start < size; start += 4096)
            {
                foreach (var (index, s) in IntegratedStatements.Read(store, start, (int)Math.Min(4096, size - start)).Statements)
                {
                    all.Add(new RecordedFact(s.Kind, s.Author.Code, s.BodyUtf8.ToArray(), index));
                }
            }

            return all;
        });
        var scenario = Phase("scenario from statements", () => ScenarioLoader.FromStatements(facts, null));
        scenario = Phase("observation batches", () => RecordProjection.AddTo(store, scenario, facts));
        facts = null;
        var world = Phase("world at the day", () => scenario.At(NodeRecord.Day));
        var engine = new RuleEngine(geography);
        var checkers = Phase("incremental checkers", () => library.All.Select(a => engine.EvaluateIncrementally(a, world)).ToList());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"open-phases: {size} statements, {checkers.Sum(c => c.Findings.Count())} findings, {total.Elapsed.TotalSeconds:0.00} s in all, peak working set {NodeRecord.PeakGiB():0.00} GiB"));
        return 0;
    }

    private static T Phase<T>(string name, Func<T> run)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var pause = GC.GetTotalPauseDuration();
        var (g0, g1, g2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var clock = Stopwatch.StartNew();
        var result = run();
        var wall = clock.Elapsed.TotalSeconds;
        var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-26} {wall,6:0.00} s wall {used,6:0.00} s CPU, GC paused {(GC.GetTotalPauseDuration() - pause).TotalSeconds,5:0.00} s ({GC.CollectionCount(0) - g0}/{GC.CollectionCount(1) - g1}/{GC.CollectionCount(2) - g2} gen 0/1/2)"));
        return result;
    }
}
