using System.Diagnostics;
using Detente.Core;
using Detente.Record.Keys;
using Detente.Storage.Tests.Postgres;
using Xunit.Abstractions;

namespace Detente.Storage.Tests.Durability;

/// <summary>
/// Kills a writer process with SIGKILL at random points, hundreds of times, then checks that every statement it acknowledged is
/// in the store, that sequences have no gap, and that the log verifies from the raw entries.
/// </summary>
public abstract class DurabilityChecks(ITestOutputHelper output)
{
    protected const string Origin = "durability.detente.test";
    private static readonly PartyId Party = new("POL");

    protected abstract string NewConnection();

    /// <summary>Generous: only a hung writer takes this long to open the store or to acknowledge a few dozen statements.</summary>
    internal static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Kills a writer <paramref name="kills"/> times, each time after it has acknowledged a random number (0 to 24) of further
    /// statements and a random few milliseconds more, so where the kills land depends on the seed, not on the machine's speed.
    /// </summary>
    protected void KillRepeatedly(int kills)
    {
        var connection = NewConnection();
        using var key = Writer.Key(Party);
        using var logKey = SigningKey.Demo(Origin);
        using (var store = RecordStores.Open(connection, Origin))
        {
            store.Enrol(Party, key.NoteKey);
        }

        var random = new Random(20261122);
        var clock = Stopwatch.StartNew();
        var acknowledged = 0L;
        var killedBeforeAnyAppend = 0;
        for (var done = 0; done < kills; done++)
        {
            using var writer = Writer.Start(connection, Origin, Party, count: 0, seed: random.Next());
            Assert.True(writer.WaitReady(HangGuard), $"the writer did not start within {HangGuard.TotalMinutes} minutes: {writer.Errors}");

            // Kill anywhere from just after opening to a few dozen appends in: mid-append, mid-integration, mid-checkpoint.
            var further = random.Next(0, 25);
            Assert.True(writer.WaitAcknowledged(acknowledged + further, HangGuard),
                $"kill {done + 1}: the writer ended or hung before acknowledging {further} more statements: {writer.Errors}");
            Thread.Sleep(random.Next(0, 4));
            writer.Kill();
            killedBeforeAnyAppend += further == 0 ? 1 : 0;
            acknowledged = Math.Max(acknowledged, writer.Acknowledged);
        }

        output.WriteLine($"{kills} kills in {clock.Elapsed.TotalSeconds:0.0} s ({killedBeforeAnyAppend} right after opening); "
            + $"{acknowledged} statements acknowledged");
        Assert.True(acknowledged >= kills, $"only {acknowledged} statements acknowledged over {kills} kills: the kills tested little");

        using var check = RecordStores.Open(connection, Origin);
        var last = check.State.NextSequence(Party) - 1;
        Assert.True(last >= acknowledged, $"acknowledged up to seq {acknowledged} but the store holds up to {last}");
        while (check.PendingCount > 0)
        {
            check.Integrate(1024);
        }

        // Invariant: one author, so entry i is that author's statement i + 1: no gap, no duplicate, nothing lost.
        Assert.Equal(last, check.Size);
        for (long start = 0; start < check.Size; start += 1000)
        {
            var entries = check.Entries(start, 1000);
            for (var i = 0; i < entries.Count; i++)
            {
                var parsed = Record.Statements.SignedStatement.Parse(entries[i]);
                Assert.Equal(start + i + 1, parsed.Statement!.Statement.Sequence);
            }
        }

        check.Checkpoint(logKey);
        var report = check.Verify([logKey.NoteKey]);
        Assert.True(report.IsValid, report.ToString());
        Assert.Equal(last, report.EntriesChecked);
    }
}

public sealed class SqliteDurabilityTests(ITestOutputHelper output) : DurabilityChecks(output), IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"detente-durability-{Guid.NewGuid():N}.db");

    protected override string NewConnection() => _path;

    [Fact]
    public void Writer_Killed200Times_EveryAcknowledgedStatementKeptAndLogVerifies() =>
        KillRepeatedly(kills: 200);

    public void Dispose()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresDurabilityTests(PostgresServer server, ITestOutputHelper output) : DurabilityChecks(output)
{
    protected override string NewConnection() => server.NewSchema();

    // Fewer kills than SQLite: each writer start opens a PostgreSQL connection, so a kill costs more.
    [Fact]
    public void Writer_Killed60Times_EveryAcknowledgedStatementKeptAndLogVerifies() =>
        KillRepeatedly(kills: 60);
}

/// <summary>Several writer processes on one database at once: never a gap, a duplicate or a fork.</summary>
public abstract class MultiProcessChecks
{
    protected const string Origin = "processes.detente.test";

    protected abstract string NewConnection();

    protected void ProcessesAppendConcurrently(int processes, int each)
    {
        var connection = NewConnection();
        var parties = Enumerable.Range(0, processes).Select(i => new PartyId($"P{i}")).ToList();
        using var logKey = SigningKey.Demo(Origin);
        using (var store = RecordStores.Open(connection, Origin))
        {
            foreach (var p in parties)
            {
                using var key = Writer.Key(p);
                store.Enrol(p, key.NoteKey);
            }
        }

        var writers = parties.Select((p, i) => Writer.Start(connection, Origin, p, each, seed: i)).ToList();
        try
        {
            foreach (var w in writers)
            {
                Assert.Equal(0, w.WaitForExit(DurabilityChecks.HangGuard));
                Assert.Equal(each, w.Acknowledged);
            }
        }
        finally
        {
            writers.ForEach(w => w.Dispose());
        }

        using var check = RecordStores.Open(connection, Origin);
        while (check.PendingCount > 0)
        {
            check.Integrate(1024);
        }

        Assert.Equal(processes * each, check.Size);
        var seen = new Dictionary<PartyId, long>();
        foreach (var entry in check.Entries(0, processes * each))
        {
            var s = Record.Statements.SignedStatement.Parse(entry).Statement!.Statement;
            Assert.Equal(seen.GetValueOrDefault(s.Author) + 1, s.Sequence);
            seen[s.Author] = s.Sequence;
        }

        Assert.All(parties, p => Assert.Equal(each, seen[p]));
        check.Checkpoint(logKey);
        Assert.True(check.Verify([logKey.NoteKey]).IsValid);
    }
}

public sealed class SqliteMultiProcessTests : MultiProcessChecks, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"detente-processes-{Guid.NewGuid():N}.db");

    protected override string NewConnection() => _path;

    [Fact]
    public void FourProcessesOnOneFile_NoGapDuplicateOrFork() => ProcessesAppendConcurrently(4, 150);

    public void Dispose()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresMultiProcessTests(PostgresServer server) : MultiProcessChecks
{
    protected override string NewConnection() => server.NewSchema();

    [Fact]
    public void FourProcessesOnOneDatabase_NoGapDuplicateOrFork() => ProcessesAppendConcurrently(4, 150);
}
