using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Detente.Core;
using Detente.Data;
using Detente.Node.Appending;
using Detente.Node.Following;
using Detente.Record.Admission;
using Detente.Record.Keys;
using Detente.Record.Statements;
using Detente.Rules;
using Detente.Rules.Compilation;
using Detente.Rules.Evaluation;
using Detente.Rules.Runtime;
using Detente.Storage;

namespace Detente.Benchmarks;

/// <summary>
/// The node over a record of the synthetic world (1,000,000 deployments, 100,000 activities, stated as 1.1 M signed statements in
/// a SQLite record): opening it (world projection and every agreement's incremental checker built; goal under 15 s and 4 GiB), and
/// one statement appended through the Appender and followed: the finding changes it causes, emitted after its batch is
/// integrated (goal under 10 ms at the 99th percentile).
/// </summary>
[MemoryDiagnoser]
public class NodeBenchmarks
{
    private static readonly DateOnly Day = new(2022, 1, 12);
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Deployments in the synthetic world (activities: a tenth of them): 1,000,000 unless <c>DETENTE_BENCH_DEPLOYMENTS</c> says
    /// otherwise (building the record signs and checks 1.1 M statements once; on a loaded machine a smaller record is measured first).
    /// </summary>
    private static int Deployments =>
        int.TryParse(Environment.GetEnvironmentVariable("DETENTE_BENCH_DEPLOYMENTS"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1_000_000;

    private IRecordStore store = null!;
    private RuleGeography geography = null!;
    private AgreementLibrary library = null!;
    private IReadOnlySet<string>? areas;
    private Appender appender = null!;
    private SigningKey usa = null!;
    private SigningKey? logKey;
    private System.Threading.Channels.ChannelReader<IntegratedBatch> integrated = null!;
    private LiveRecord live = null!;
    private IntegratedBatch next = null!;
    private int count;

    [GlobalSetup(Target = nameof(OpenNode))]
    public void Setup()
    {
        var data = BenchData.DataDirectory();
        geography = RuleGeography.Load(Path.Combine(data, "geo"));
        library = AgreementLibrary.Load(Path.Combine(data, "agreements"), geography.RegionNames);
        areas = null;
        var path = Record(Deployments, Deployments / 10);
        store = RecordStores.Open(path, RecordStores.ExistingOrigin(path)!);
    }

    /// <summary>The setup above, the node opened, and an appender whose integrated batches the node follows.</summary>
    [GlobalSetup(Target = nameof(FollowOneStatement))]
    public void SetupFollowing()
    {
        // Each run appends to a copy, so the cached record stays as it was built.
        var path = Record(Deployments, Deployments / 10);
        var copy = path + ".follow.db";
        File.Copy(path, copy, overwrite: true);
        var data = BenchData.DataDirectory();
        geography = RuleGeography.Load(Path.Combine(data, "geo"));
        library = AgreementLibrary.Load(Path.Combine(data, "agreements"), geography.RegionNames);
        store = RecordStores.Open(copy, RecordStores.ExistingOrigin(copy)!);
        logKey = SigningKey.Generate(store.Origin);
        appender = new Appender(store, logKey);
        integrated = appender.Follow();
        usa = SigningKey.Demo(ScenarioImport.DemoKeyName(new PartyId("USA")));
        live = LiveRecord.Open(store, areas, new RuleEngine(geography), library.All, Day);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        appender?.Dispose();
        store.Dispose();
        usa?.Dispose();
        logKey?.Dispose();
        using var self = Process.GetCurrentProcess();
        Console.WriteLine($"// peak working set: {self.PeakWorkingSet64 / (1024.0 * 1024 * 1024):F2} GiB");
    }

    /// <summary>Opens a node over the record: reads 1.1 M statements into the world and builds every agreement's checker.</summary>
    [Benchmark]
    public int OpenNode() => LiveRecord.Open(store, areas, new RuleEngine(geography), library.All, Day).Findings.Findings.Count;

    /// <summary>Before each iteration: one new US deployment in Poland appended through the Appender (integrated, checkpointed).</summary>
    [IterationSetup(Target = nameof(FollowOneStatement))]
    public void AppendOne()
    {
        var body = string.Create(CultureInfo.InvariantCulture,
            $$"""{"id":"bench-follow-{{count++}}","owner":"USA","host":"POL","quantity":100,"unit":"troops","permanence":"permanent","mission":"combat","from":"2022-01-01","provenance":"declared","sources":["{{SyntheticScenario.SourceId}}"],"confidence":"uncertain"}""");
        var statement = SignedStatement.Sign(
            new Statement(StatementKind.DeploymentDeclaration, new PartyId("USA"), usa.NoteKey.Reference, store.State.NextSequence(new PartyId("USA")), Now, body), usa);
        var enrol = store.State.Keys.Find(usa.NoteKey.Reference) is null ? new[] { (new PartyId("USA"), usa.NoteKey) } : [];
        var result = appender.Append(new AppendRequest([[.. statement.Entry]]) { Enrol = enrol });
        if (result.Outcome != AppendOutcome.Accepted)
        {
            throw new InvalidOperationException($"the appender answered {result.Outcome}: "
                                                + string.Join("; ", result.Statements.Select(r => r.Reason ?? r.Check.Message)));
        }

        while (!integrated.TryRead(out next!))
        {
            Thread.Sleep(1);
        }
    }

    /// <summary>The node takes the integrated batch of one statement: world projection, checkers, finding changes with their cause.</summary>
    [Benchmark]
    public int FollowOneStatement() => live.Take(next).Changes.Count;

    /// <summary>The synthetic world stated as a demo record, built once per size and reused (a marker file says it is complete).</summary>
    internal static string Record(int deployments, int activities)
    {
        var path = Path.Combine(Path.GetTempPath(), $"detente-bench-record-{deployments}-{activities}.db");
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
}
