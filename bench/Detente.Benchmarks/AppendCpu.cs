using System.Diagnostics;
using System.Globalization;
using Detente.Core;
using Detente.Node.Appending;
using Detente.Record.Keys;
using Detente.Record.Statements;
using Detente.Storage;

namespace Detente.Benchmarks;

/// <summary>
/// <c>append-cpu BACKEND [ROUNDS]</c>: the work of appending, side by side in one process, for a loaded machine where wall times
/// say little. Each round signs 8,192 observations (as <see cref="AppenderBenchmarks"/> does) and times, alternately on fresh
/// stores, the Ed25519 bound (the signatures alone on every core), the appender (concurrent submissions and one bulk submission), and
/// the store's pipelined append with and without the body rules (<see cref="StoreBenchmarks"/>' AppendSignedDurably). For each it
/// prints wall and CPU (user + system) microseconds per statement, and the median over the rounds of the bound's share. On a loaded
/// machine the CPU shares are the steadier figure: they say how much work appending adds to the signatures, not how it overlaps.
/// </summary>
internal static class AppendCpu
{
    private const int Appends = 8192;
    private const int Parties = 16;
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 13, 0, 0, TimeSpan.Zero);

    public static int Run(string backend, int rounds)
    {
        var parties = Enumerable.Range(0, Parties).Select(i => new PartyId($"P{i:D2}")).ToList();
        var keys = parties.Select(p => SigningKey.Demo($"bench.detente.test/{p}")).ToList();
        using var logKey = SigningKey.Demo("bench.detente.test/demo");
        var cleanup = new List<string>();
        var entries = Enumerable.Range(0, Appends).AsParallel().AsOrdered().Select(i =>
        {
            var p = i % Parties;
            var statement = new Statement(StatementKind.Observation, parties[p], keys[p].NoteKey.Reference, 1 + (i / Parties), Now,
                $$"""{"id":"obs-{{i}}","observer":"{{parties[p]}}","subject":"RUS","from":"2022-01-12","where":"Yelnya","what":"troops","quantity":{{i % 9000}},"sources":["bench"],"confidence":"uncertain"}""");
            return SignedStatement.Sign(statement, keys[p]).Entry.ToArray();
        }).ToArray();
        var signatures = entries.Select(e =>
        {
            var s = SignedStatement.Parse(e).Statement!;
            return (Message: s.Statement.SigningBytes(), Signature: s.Signature.ToArray(), Key: keys[parties.IndexOf(s.Statement.Author)].NoteKey);
        }).ToArray();

        (IRecordStore Store, byte[][] Seed) Fresh(bool rules)
        {
            var (store, seed) = BenchStores.Open(backend, logKey.Name, parties, keys, Now, cleanup);
            ((DbRecordStore)store).BodyRulesEnabled = rules;
            return (store, seed);
        }

        var names = new[] { "bound", "appender-concurrent", "appender-bulk", "store-with-rules", "store-without-rules" };
        var wall = names.ToDictionary(n => n, _ => new List<double>());
        var cpu = names.ToDictionary(n => n, _ => new List<double>());
        Console.WriteLine($"append-cpu {backend}, {rounds} rounds of {Appends} statements; load before: {Load()}");
        for (var round = 0; round < rounds; round++)
        {
            foreach (var name in names)
            {
                IRecordStore? store = null;
                Appender? appender = null;
                Action work;
                switch (name)
                {
                    case "bound":
                        work = () => Parallel.For(0, signatures.Length, i => signatures[i].Key.Verify(signatures[i].Message, signatures[i].Signature));
                        break;
                    case "appender-concurrent" or "appender-bulk":
                    {
                        (store, var seed) = Fresh(true);
                        appender = new Appender(store, logKey, new AppenderOptions { QueueCapacity = Appends, Clock = () => Now });
                        Check(appender.Append(new AppendRequest(seed)).IsAccepted);
                        var a = appender;
                        work = name == "appender-bulk"
                            ? () => Check(a.Append(new AppendRequest(entries)).IsAccepted)
                            : () => Check(Task.WhenAll(entries.Select(e => a.SubmitAsync(new AppendRequest([e])))).GetAwaiter().GetResult().All(r => r.IsAccepted));
                        break;
                    }

                    default:
                    {
                        (store, var seed) = Fresh(name == "store-with-rules");
                        Check(store.AppendBatch(seed, Now).All(c => c.IsAccepted));
                        var s = store;
                        work = () => Check(s.AppendBatches(entries.Chunk(512), Now).All(c => c.IsAccepted));
                        break;
                    }
                }

                GC.Collect();
                GC.WaitForPendingFinalizers();
                using var self = Process.GetCurrentProcess();
                var cpu0 = self.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                work();
                var elapsed = clock.Elapsed;
                self.Refresh();
                var used = self.TotalProcessorTime - cpu0;
                wall[name].Add(elapsed.TotalMicroseconds / Appends);
                cpu[name].Add(used.TotalMicroseconds / Appends);
                appender?.Dispose();
                store?.Dispose();
            }

            var line = string.Join(", ", names.Select(n => string.Create(CultureInfo.InvariantCulture, $"{n} {wall[n][^1]:0.0} us wall / {cpu[n][^1]:0.0} us cpu")));
            Console.WriteLine($"round {round + 1}: {line}");
        }

        foreach (var path in cleanup)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }

        Console.WriteLine($"load after: {Load()}");
        Console.WriteLine("median per statement, and the bound's share (bound / it; for the rules: without / with):");
        foreach (var name in names)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name,-20} wall {Median(wall[name]),7:0.0} us ({Median(Share(wall["bound"], wall[name])),4:P0})   cpu {Median(cpu[name]),7:0.0} us ({Median(Share(cpu["bound"], cpu[name])),4:P0})"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  body rules: with / without = wall {Median(Share(wall["store-with-rules"], wall["store-without-rules"])):0.000}, cpu {Median(Share(cpu["store-with-rules"], cpu["store-without-rules"])):0.000} (median of the rounds' ratios)"));
        keys.ForEach(k => k.Dispose());
        return 0;
    }

    private static void Check(bool accepted)
    {
        if (!accepted)
        {
            throw new InvalidOperationException("a statement was rejected");
        }
    }

    private static IEnumerable<double> Share(List<double> a, List<double> b) => a.Zip(b, (x, y) => x / y);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
}
