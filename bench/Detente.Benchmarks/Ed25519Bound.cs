using System.Diagnostics;
using System.Globalization;
using Detente.Record.Keys;
using Detente.Record.Statements;
using Detente.Storage;

namespace Detente.Benchmarks;

/// <summary>
/// The Ed25519 bound for <c>record verify</c> on a given store, for whole-process comparisons (bench/verify-side-by-side.sh):
/// every statement of the store parsed and held in memory first (not timed), then every signature verified on all cores under
/// the store's keys, nothing else. Run as <c>Detente.Benchmarks ed25519-bound DB</c>; prints entries, seconds and entries/s.
/// </summary>
internal static class Ed25519Bound
{
    public static int Run(string connection)
    {
        var origin = RecordStores.ExistingOrigin(connection) ?? throw new ArgumentException($"no record in {connection}");
        using var store = RecordStores.Open(connection, origin);
        var keys = store.State.Keys.Keys.ToDictionary(k => k.Key.Reference, k => k.Key);
        var statements = new List<SignedStatement>();
        for (long start = 0; start < store.Size; start += 65_536)
        {
            foreach (var entry in store.Entries(start, 65_536))
            {
                statements.Add(SignedStatement.Parse(entry).Statement!);
            }
        }

        var clock = Stopwatch.StartNew();
        var ok = 0;
        Parallel.For(0, statements.Count, () => 0, (i, _, n) => n + (statements[i].VerifySignature(keys[statements[i].Statement.Key]) ? 1 : 0),
            n => Interlocked.Add(ref ok, n));
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ed25519-bound: {ok} of {statements.Count} signatures verified in {seconds:0.000} s on {Environment.ProcessorCount} cores = {statements.Count / seconds:0} entries/s"));
        return ok == statements.Count ? 0 : 1;
    }
}
