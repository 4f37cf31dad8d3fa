using System.Diagnostics;
using System.Globalization;
using Detente.Data;
using Detente.Node.Appending;
using Detente.Node.Following;
using Detente.Record.Admission;
using Detente.Rules;
using Detente.Rules.Compilation;
using Detente.Rules.Runtime;
using Detente.Rules.Evaluation;
using Detente.Storage;

namespace Detente.Benchmarks;

/// <summary>
/// The record of issue 13's node figures: the synthetic world (1,000,000 deployments, 100,000 activities) stated as 1.1 M signed
/// statements in a SQLite demo record, built once per size under the temporary directory and reused; and the node opened over it.
/// Used by <see cref="NodeOpenBenchmarks"/>, <see cref="NodeFollowBenchmarks"/> and the whole-process timing <c>open-node</c>
/// (bench/node-open.sh).
/// </summary>
internal static class NodeRecord
{
    /// <summary>The day the node's findings are evaluated at.</summary>
    public static readonly DateOnly Day = new(2022, 1, 12);

    /// <summary>The signing time of the record's statements.</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Deployments in the synthetic world (activities: a tenth of them): 1,000,000 unless <c>DETENTE_BENCH_DEPLOYMENTS</c> says
    /// otherwise (building the record signs and checks 1.1 M statements once; on a loaded machine a smaller record is measured first).
    /// </summary>
    public static int Deployments =>
        int.TryParse(Environment.GetEnvironmentVariable("DETENTE_BENCH_DEPLOYMENTS"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1_000_000;

    /// <summary>The agreements and geography of <c>data/</c>.</summary>
    public static (RuleGeography Geography, AgreementLibrary Library) Rules()
    {
        var data = BenchData.DataDirectory();
        var geography = RuleGeography.Load(System.IO.Path.Combine(data, "geo"));
        return (geography, AgreementLibrary.Load(System.IO.Path.Combine(data, "agreements"), geography.RegionNames));
    }

    /// <summary>Opens a node over the store: every statement read into the world, every agreement's incremental checker built.</summary>
    public static LiveRecord Open(IRecordStore store, RuleGeography geography, AgreementLibrary library) =>
        LiveRecord.Open(store, null, new RuleEngine(geography), library.All, Day);

    /// <summary>The peak working set of this process, in GiB.</summary>
    public static double PeakGiB()
    {
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64 / (1024.0 * 1024 * 1024);
    }

    /// <summary>The synthetic world stated as a demo record, built once per size and reused (a marker file says it is complete).</summary>
    public static string Path(int deployments, int activities)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"detente-bench-record-{deployments}-{activities}.db");
        var marker = path + ".complete";
        if (File.Exists(marker))
        {
            return path;
        }

        foreach (var stale in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
        {
            File.Delete(stale);
        }

        var manifest = ScenarioManifest.Read(BenchData.Synthetic(deployments, activities));
        using var prepared = ScenarioImport.Prepare(ScenarioLoader.Facts(manifest), Now);
        using (var created = RecordStores.Open(path, DemoKeys.DemoOrigin("bench")))
        {
            foreach (var (party, key) in prepared.Keys)
            {
                created.Enrol(party, key.NoteKey);
            }

            var rejected = created.AppendBatches(prepared.Entries.Chunk(4096), Now).FirstOrDefault(c => !c.IsAccepted);
            if (rejected is not null)
            {
                throw new InvalidOperationException($"the synthetic world was rejected: {rejected.Message}");
            }

            while (created.PendingCount > 0)
            {
                created.Integrate(8192);
            }
        }

        File.WriteAllText(marker, "complete");
        return path;
    }

    /// <summary>
    /// <c>open-node [DEPLOYMENTS]</c>: a whole process that builds the record if it is missing (not timed), then opens the node over it
    /// once, printing the seconds the open took, the findings and the peak working set (bench/node-open.sh runs it under
    /// <c>/usr/bin/time</c> for the process's wall time and peak resident memory).
    /// </summary>
    public static int RunOpen(int deployments)
    {
        var path = Path(deployments, deployments / 10);
        var clock = Stopwatch.StartNew();
        var (geography, library) = Rules();
        using var store = RecordStores.Open(path, RecordStores.ExistingOrigin(path)!);
        var live = Open(store, geography, library);
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"open-node: {store.Size} statements, {live.Findings.Findings.Count} findings on {Day:yyyy-MM-dd}, opened in {seconds:0.00} s, peak working set {PeakGiB():0.00} GiB"));
        return 0;
    }
}
