using System.Diagnostics;
using System.Globalization;
using Detente.Core;
using Detente.Record.Admission;
using Detente.Record.Merkle;
using Detente.Record.Statements;
using Detente.Storage;
using Microsoft.Data.Sqlite;

namespace Detente.Benchmarks;

/// <summary>
/// Where <c>record verify --db</c> spends its time, one phase at a time on one core over a SQLite store (a profile, not a figure):
/// <c>Detente.Benchmarks verify-phases DB</c> prints microseconds per entry (or row) for each phase.
/// </summary>
internal static class VerifyPhases
{
    public static int Run(string path)
    {
        var origin = RecordStores.ExistingOrigin(path) ?? throw new ArgumentException($"no record in {path}");
        RecordState keys;
        using (var store = RecordStores.Open(path, origin))
        {
            keys = store.State;
        }

        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        connection.Open();
        var rows = new List<(long Index, byte[] Entry, byte[] Leaf, object Author, object Seq, object Kind)>();
        for (var pass = 0; pass < 2; pass++)
        {
            rows.Clear();
            Time("read entries rows", () =>
            {
                using var cmd = connection.CreateCommand();
                cmd.CommandText = "SELECT idx, entry, leaf_hash, author, seq, kind FROM entries ORDER BY idx";
                using var reader = cmd.ExecuteReader();
                while (reader.Read())
                {
                    rows.Add((reader.GetInt64(0), (byte[])reader[1], (byte[])reader[2], reader[3], reader[4], reader[5]));
                }

                return rows.Count;
            });
        }

        var n = rows.Count;
        Time("leaf hash", () => { var x = 0; foreach (var r in rows) { x ^= RecordHashing.LeafHash(r.Entry).GetHashCode(); } return n; });
        Time("canonical check", () => { foreach (var r in rows) { Detente.Record.Canonical.CanonicalJson.IsCanonical(r.Entry, out _); } return n; });
        var parsed = new StatementCheck[n];
        Time("parse", () => { for (var i = 0; i < n; i++) { parsed[i] = SignedStatement.Parse(rows[i].Entry); } return n; });
        Time("facts (body read)", () =>
        {
            for (var i = 0; i < n; i++)
            {
                var s = parsed[i].Statement!.Statement;
                _ = StatementBodies.MayStateFact(s.Kind) ? StatementBodies.Read(s).Claims?.ToFact(s, i) : null;
            }

            return n;
        });
        Time("columns compare", () =>
        {
            var x = 0;
            for (var i = 0; i < n; i++)
            {
                var s = parsed[i].Statement!.Statement;
                x += Convert.ToString(rows[i].Author, CultureInfo.InvariantCulture) == s.Author.Code ? 1 : 0;
                x += Convert.ToString(rows[i].Seq, CultureInfo.InvariantCulture) == s.Sequence.ToString(CultureInfo.InvariantCulture) ? 1 : 0;
                x += Convert.ToString(rows[i].Kind, CultureInfo.InvariantCulture) == s.Kind.WireName() ? 1 : 0;
            }

            return n;
        });
        Time("validate + apply", () =>
        {
            var state = RecordState.Empty;
            foreach (var k in keys.Keys.Keys)
            {
                state = state.WithPartyKey(k.Owner, k.Key);
            }

            var clock = DateTimeOffset.MaxValue.AddYears(-1);
            for (var i = 0; i < n; i++)
            {
                var p = parsed[i].Statement!;
                _ = StatementValidator.Validate(p, state, clock, null, state.Keys.Find(p.Statement.Key)?.Key);
                state = state.Apply(p);
            }

            return n;
        });
        Time("read facts rows", () =>
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT id, kind, author, parties, idx, at FROM facts ORDER BY idx, id";
            using var reader = cmd.ExecuteReader();
            var c = 0;
            while (reader.Read())
            {
                _ = (reader[0], reader[1], reader[2], reader[3], reader[4], reader[5]);
                c++;
            }

            return c;
        });
        Time("read nodes rows", () =>
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT level, idx, hash FROM nodes ORDER BY level, idx";
            using var reader = cmd.ExecuteReader();
            var c = 0;
            while (reader.Read())
            {
                _ = (reader[0], reader[1], reader[2]);
                c++;
            }

            return c;
        });
        var tree = new MerkleTree();
        Time("tree append", () => { foreach (var r in rows) { tree.AppendLeafHash(new MerkleHash(r.Leaf)); } return n; });
        return 0;
    }

    private static void Time(string phase, Func<int> run)
    {
        var gc = GC.CollectionCount(0);
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var clock = Stopwatch.StartNew();
        var count = run();
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{phase,-22} {count,9} in {seconds,7:0.000} s = {seconds * 1e6 / count,6:0.00} µs each, {(GC.GetTotalAllocatedBytes(false) - allocated) / (double)count,7:0} B each, gen0 {GC.CollectionCount(0) - gc}"));
    }
}
