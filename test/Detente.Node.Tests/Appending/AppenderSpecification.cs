using System.Text;
using Detente.Core;
using Detente.Node.Appending;
using Detente.Node.Witnessing;
using Detente.Record.Admission;
using Detente.Record.Keys;
using Detente.Record.Merkle;
using Detente.Record.Notes;
using Detente.Record.Statements;
using Detente.Record.Witness;
using Detente.Storage;

namespace Detente.Node.Tests.Appending;

/// <summary>
/// What the <see cref="Appender"/> does on every store: each backend runs these through a subclass (SQLite, PostgreSQL).
/// No test depends on timing: group commit and back-pressure are made deterministic by holding the worker in a follower's handler.
/// </summary>
public abstract class AppenderSpecification : IDisposable
{
    protected const string Origin = "log.detente.test/appender";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 13, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(2);

    private readonly SigningKey _logKey = SigningKey.Generate(Origin);
    private readonly Dictionary<PartyId, SigningKey> _keys = [];
    private readonly Dictionary<PartyId, long> _next = [];
    private readonly List<IDisposable> _open = [];

    /// <summary>Opens the backend's store for <see cref="Origin"/> (the same database each time within one test).</summary>
    protected abstract IRecordStore OpenStore();

    public virtual void Dispose()
    {
        for (var i = _open.Count - 1; i >= 0; i--)
        {
            _open[i].Dispose();
        }

        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }

        _logKey.Dispose();
        GC.SuppressFinalize(this);
    }

    private IRecordStore Store()
    {
        var store = OpenStore();
        _open.Add(store);
        return store;
    }

    private Appender Open(IRecordStore store, AppenderOptions? options = null, IReadOnlyList<WitnessPeer>? witnesses = null)
    {
        var appender = new Appender(store, _logKey, (options ?? new AppenderOptions()) with { Clock = () => Now }, witnesses);
        _open.Add(appender);
        return appender;
    }

    private SigningKey Key(PartyId party)
    {
        if (!_keys.TryGetValue(party, out var key))
        {
            key = SigningKey.Generate($"{party.Code.ToLowerInvariant()}.detente.test/1");
            _keys[party] = key;
        }

        return key;
    }

    /// <summary>A signed entry by <paramref name="party"/> at its next sequence (counted here, so a test can sign ahead).</summary>
    private byte[] Entry(PartyId party, StatementKind kind, string body)
    {
        var sequence = _next[party] = _next.GetValueOrDefault(party, 0) + 1;
        var key = Key(party);
        return [.. SignedStatement.Sign(new Statement(kind, party, key.NoteKey.Reference, sequence, Now, body), key).Entry];
    }

    private byte[] Position(PartyId party, string issue = "x") => Entry(party, StatementKind.Position, $$"""{"issue":"{{issue}}","stance":"demand"}""");

    private AppendRequest Enrolling(PartyId party, params byte[][] entries) => new(entries) { Enrol = [(party, Key(party).NoteKey)] };

    private void EnrolAll(IRecordStore store, params PartyId[] parties)
    {
        foreach (var party in parties)
        {
            store.Enrol(party, Key(party).NoteKey);
        }
    }

    /// <summary>Every count a write changes: what "nothing was written" compares.</summary>
    private static string Counts(IRecordStore store) =>
        $"size {store.Size}, pending {store.PendingCount}, keys {store.State.Keys.Keys.Count()}, checkpoint {store.LatestCheckpoint()?.Text.Length}";

    private static readonly PartyId Pol = new("POL");
    private static readonly PartyId Rus = new("RUS");
    private static readonly PartyId Usa = new("USA");

    [Fact]
    public void Append_OneStatement_AcceptedWithIndexAndLeafHash_IntegratedAndCheckpointed()
    {
        var store = Store();
        var appender = Open(store);
        var entry = Position(Pol);
        var result = appender.Append(Enrolling(Pol, entry));
        Assert.True(result.IsAccepted, result.Message);
        var written = Assert.Single(result.Statements);
        Assert.Equal(0, written.Index);
        Assert.Equal(RecordHashing.LeafHash(entry), written.LeafHash);
        Assert.Equal(1, store.Size);
        Assert.Equal(0, store.PendingCount);
        Assert.Equal(entry, store.Entry(0));
        var checkpoint = Checkpoint.Parse(store.LatestCheckpoint()!.Text);
        Assert.Equal(1, checkpoint.Size);
        Assert.Equal(1, appender.Size);
    }

    // Bad inputs tried: a position by RUS that names USA as its party (own-declaration), a source id stated twice (unique-id),
    // a replayed sequence, a signature with one flipped byte, bytes that are no statement, a statement by a key the record does not know.
    [Fact]
    public void Append_Rejected_SaysWhichRule_AndWritesNothing()
    {
        var store = Store();
        var appender = Open(store);
        Assert.True(appender.Append(Enrolling(Rus, Position(Rus))).IsAccepted);
        var librarian = StatementBodies.Librarian;
        const string source = """{"date":"2022-01-12","id":"src","kind":"press","publisher":"Wire","title":"A report"}""";
        Assert.True(appender.Append(Enrolling(librarian, Entry(librarian, StatementKind.Source, source))).IsAccepted);
        var before = Counts(store);

        var forged = appender.Append(new AppendRequest([Entry(Rus, StatementKind.Position, """{"issue":"x","party":"USA","stance":"demand"}""")]));
        Assert.Equal(AppendOutcome.Rejected, forged.Outcome);
        Assert.Equal(BodyRules.OwnDeclaration.Name, forged.Statements[0].Rule);
        Assert.Null(forged.Statements[0].Index);
        Assert.Contains("nothing was written", forged.Message, StringComparison.Ordinal);
        _next[Rus]--;

        var twice = appender.Append(new AppendRequest([Entry(librarian, StatementKind.Source, source)]));
        Assert.Equal(BodyRules.UniqueId.Name, twice.Statements[0].Rule);
        _next[librarian]--;

        _next[Rus] = 0;
        var replayed = appender.Append(new AppendRequest([Position(Rus)]));
        Assert.Equal(AppendOutcome.Rejected, replayed.Outcome);
        Assert.Null(replayed.Statements[0].Rule);

        var flipped = Position(Rus);
        flipped[^5] ^= 1;
        Assert.Equal(AppendOutcome.Rejected, appender.Append(new AppendRequest([flipped])).Outcome);
        _next[Rus]--;

        Assert.Equal(AppendOutcome.Rejected, appender.Append(new AppendRequest([Encoding.UTF8.GetBytes("not a statement\n")])).Outcome);
        Assert.Equal(AppendOutcome.Rejected, appender.Append(new AppendRequest([Position(Usa)])).Outcome);
        Assert.Throws<ArgumentException>(() => appender.Append(new AppendRequest([])));

        Assert.Equal(before, Counts(store));
    }

    // Bad input tried: a submission enrolling a new key whose second statement is rejected (a forged party member).
    [Fact]
    public void Append_AllOrNothingSubmission_OneRejected_NoStatementAndNoKeyWritten()
    {
        var store = Store();
        var appender = Open(store);
        var before = Counts(store);
        var result = appender.Append(Enrolling(Pol, Position(Pol, "a"), Entry(Pol, StatementKind.Position, """{"issue":"b","party":"USA"}""")));
        Assert.Equal(AppendOutcome.Rejected, result.Outcome);
        Assert.True(result.Statements[0].Check.IsAccepted);
        Assert.False(result.Statements[0].Written);
        Assert.Contains("another statement", result.Statements[0].Reason, StringComparison.Ordinal);
        Assert.Equal(BodyRules.OwnDeclaration.Name, result.Statements[1].Rule);
        Assert.Equal(before, Counts(store));
        Assert.Null(store.State.Keys.Find(Key(Pol).NoteKey.Reference));
    }

    // Bad input tried: an observation batch by POL whose rows are observations in the USA's name.
    [Fact]
    public void Append_ObservationBatch_RowsStoredInItsTransaction_OthersRowsRejectedWithNothingStored()
    {
        var store = Store();
        var appender = Open(store);
        var (own, ownEntry) = Batch(Pol, Pol);
        var result = appender.Append(new AppendRequest([ownEntry]) { Rows = [own], Enrol = [(Pol, Key(Pol).NoteKey)] });
        Assert.True(result.IsAccepted, result.Message);
        Assert.Equal(own.Data.ToArray(), ((IBatchRowStore)store).ReadBatchRows(own.Sha256));

        var before = Counts(store);
        var (forged, forgedEntry) = Batch(Pol, Usa);
        var rejected = appender.Append(new AppendRequest([forgedEntry]) { Rows = [forged] });
        Assert.Equal(AppendOutcome.Rejected, rejected.Outcome);
        Assert.Equal(BodyRules.OwnObservation.Name, rejected.Statements[0].Rule);
        Assert.Null(((IBatchRowStore)store).ReadBatchRows(forged.Sha256));
        Assert.Equal(before, Counts(store));
    }

    private (BatchRows Rows, byte[] Entry) Batch(PartyId author, PartyId observer)
    {
        var text = new StringBuilder();
        for (var r = 0; r < 3; r++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $$"""{"area":"BLR","confidence":"verified","count":{{1000 + r}},"high":{{1000 + r}},"low":{{1000 + r}},"observer":"{{observer.Code}}","party":"RUS","source":"s","time":"2022-02-0{{r + 1}}","what":"troops"}""");
            text.Append('\n');
        }

        var data = Encoding.UTF8.GetBytes(text.ToString());
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(data));
        var body = $$"""{"file":"b.csv","first_row":2,"rows":3,"sha256":"{{sha}}"}""";
        return (new BatchRows(sha, 3, data), Entry(author, StatementKind.ObservationBatch, body));
    }

    [Fact]
    public async Task Append_ConcurrentSubmissions_CommittedTogether_InOneIntegrationOrder()
    {
        var store = Store();
        var writers = Enumerable.Range(0, 6).Select(i => new PartyId($"P{(char)('A' + i)}")).ToArray();
        EnrolAll(store, writers);
        var appender = Open(store);
        var batches = new List<IntegratedBatch>();
        using var first = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        appender.Integrated += (_, batch) =>
        {
            lock (batches)
            {
                batches.Add(batch);
            }

            if (batches.Count == 1)
            {
                first.Set();
                Assert.True(release.Wait(Hang));
            }
        };

        // The first submission holds the worker in the handler; everything submitted meanwhile is committed in the next batch.
        var held = appender.SubmitAsync(new AppendRequest([Position(writers[0], "held")]));
        Assert.True(first.Wait(Hang));
        var perWriter = writers.ToDictionary(w => w, w => Enumerable.Range(0, 5).Select(i => Position(w, $"i{i}")).ToList());
        var tasks = new List<Task<AppendResult>>();
        Parallel.ForEach(writers, w =>
        {
            // Each writer's statements in its own order (sequences); the writers race each other.
            foreach (var entry in perWriter[w])
            {
                var task = appender.SubmitAsync(new AppendRequest([entry]));
                lock (tasks)
                {
                    tasks.Add(task);
                }
            }
        });
        release.Set();
        await held.WaitAsync(Hang);
        var results = await Task.WhenAll(tasks).WaitAsync(Hang);

        Assert.All(results, r => Assert.True(r.IsAccepted, r.Message));
        Assert.Equal(2, batches.Count);
        Assert.Equal(1 + writers.Length * 5, store.Size);
        Assert.Equal(writers.Length * 5, batches[1].Count);
        Assert.Equal(batches[0].Size, batches[1].FirstIndex);

        // One order: each result's index holds its entry, indices are distinct, and each writer's statements keep their order.
        var indices = results.Select(r => r.Statements[0].Index!.Value).ToList();
        Assert.Equal(indices.Count, indices.Distinct().Count());
        var log = store.Entries(0, (int)store.Size).Select(Convert.ToBase64String).ToList();
        foreach (var r in results)
        {
            Assert.Equal(r.Statements[0].LeafHash, RecordHashing.LeafHash(store.Entry(r.Statements[0].Index!.Value)));
        }

        foreach (var w in writers)
        {
            var mine = perWriter[w].Select(e => log.IndexOf(Convert.ToBase64String(e))).ToList();
            Assert.DoesNotContain(-1, mine);
            Assert.Equal(mine.Order(), mine);
        }

        for (var i = 0; i < batches[1].Count; i++)
        {
            Assert.Equal(store.Entry(batches[1].FirstIndex + i), batches[1].Entries[i]);
        }

        Assert.Equal(store.Size, Checkpoint.Parse(batches[1].Checkpoint!.Text).Size);
    }

    // Submissions tried: 40 plain ones from four writers, one by a party with no enrolled key (rejected), and one that enrols a key
    // (all or nothing, written alone), all queued while the worker is held, with batches of at most four statements.
    [Fact]
    public async Task Append_ManyQueuedSubmissions_PipelinedInSmallBatches_EachAnsweredWithItsIndex_BatchesWithoutGaps()
    {
        var store = Store();
        var writers = Enumerable.Range(0, 4).Select(i => new PartyId($"Q{(char)('A' + i)}")).ToArray();
        EnrolAll(store, writers);
        var appender = Open(store, new AppenderOptions { MaxBatchEntries = 4 });
        var batches = new List<IntegratedBatch>();
        using var first = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        appender.Integrated += (_, batch) =>
        {
            batches.Add(batch);
            if (batches.Count == 1)
            {
                first.Set();
                Assert.True(release.Wait(Hang));
            }
        };

        var held = appender.SubmitAsync(new AppendRequest([Position(writers[0], "held")]));
        Assert.True(first.Wait(Hang));
        var submitted = new List<(byte[] Entry, Task<AppendResult> Task)>();
        for (var i = 0; i < 40; i++)
        {
            var entry = Position(writers[i % writers.Length], $"q{i}");
            submitted.Add((entry, appender.SubmitAsync(new AppendRequest([entry]))));
        }

        var stranger = appender.SubmitAsync(new AppendRequest([Position(new PartyId("ZZZ"), "stranger")]));
        var enrolling = appender.SubmitAsync(Enrolling(Pol, Position(Pol, "enrol")));
        for (var i = 40; i < 48; i++)
        {
            var entry = Position(writers[i % writers.Length], $"q{i}");
            submitted.Add((entry, appender.SubmitAsync(new AppendRequest([entry]))));
        }

        release.Set();
        await held.WaitAsync(Hang);
        var results = await Task.WhenAll(submitted.Select(s => s.Task)).WaitAsync(Hang);
        var strangerResult = await stranger.WaitAsync(Hang);
        var enrolled = await enrolling.WaitAsync(Hang);

        Assert.All(results, r => Assert.True(r.IsAccepted, r.Message));
        Assert.Equal(AppendOutcome.Rejected, strangerResult.Outcome);
        Assert.Null(strangerResult.Statements[0].Index);
        Assert.True(enrolled.IsAccepted, enrolled.Message);
        Assert.Equal(1 + 48 + 1, store.Size);
        for (var i = 0; i < submitted.Count; i++)
        {
            var index = results[i].Statements[0].Index!.Value;
            Assert.Equal(submitted[i].Entry, store.Entry(index));
            Assert.Equal(RecordHashing.LeafHash(submitted[i].Entry), results[i].Statements[0].LeafHash);
        }

        // Every batch follows the one before, none holds more than a batch, and the enrolling submission was written alone.
        Assert.True(batches.Count >= 1 + 48 / 4, $"{batches.Count} batches");
        for (var i = 1; i < batches.Count; i++)
        {
            Assert.Equal(batches[i - 1].Size, batches[i].FirstIndex);
            Assert.InRange(batches[i].Count, 1, 4);
        }

        var enrolledIndex = enrolled.Statements[0].Index!.Value;
        Assert.Equal(1, Assert.Single(batches, b => b.FirstIndex <= enrolledIndex && enrolledIndex < b.Size).Count);
        Assert.Equal(store.Size, Checkpoint.Parse(store.LatestCheckpoint()!.Text).Size);
    }

    [Fact]
    public async Task Submit_QueueFull_AnsweredBusyAtOnce_NothingWritten_ThenAcceptsAgain()
    {
        var store = Store();
        EnrolAll(store, Pol, Rus, Usa);
        var appender = Open(store, new AppenderOptions { QueueCapacity = 2 });
        using var first = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        appender.Integrated += (_, _) =>
        {
            if (!first.IsSet)
            {
                first.Set();
                Assert.True(release.Wait(Hang));
            }
        };

        var held = appender.SubmitAsync(new AppendRequest([Position(Pol)]));
        Assert.True(first.Wait(Hang));
        var queued = new[] { appender.SubmitAsync(new AppendRequest([Position(Rus)])), appender.SubmitAsync(new AppendRequest([Position(Rus)])) };
        var refused = appender.SubmitAsync(new AppendRequest([Position(Usa)]));

        // Answered before the worker is released: a full queue never waits.
        Assert.True(refused.IsCompleted);
        var busy = await refused;
        Assert.Equal(AppendOutcome.Busy, busy.Outcome);
        Assert.Empty(busy.Statements);
        Assert.Contains("retry", busy.Message, StringComparison.Ordinal);
        release.Set();
        await held.WaitAsync(Hang);
        Assert.All(await Task.WhenAll(queued).WaitAsync(Hang), q => Assert.True(q.IsAccepted, q.Message));
        Assert.Equal(3, store.Size);
        Assert.DoesNotContain(Enumerable.Range(0, 3).Select(i => store.Entry(i)), e => Encoding.UTF8.GetString(e).Contains("USA", StringComparison.Ordinal));

        // The refused statement, submitted again, is accepted.
        _next[Usa]--;
        Assert.True(appender.Append(new AppendRequest([Position(Usa)])).IsAccepted);
    }

    [Fact]
    public void Open_AfterACrashBetweenAppendAndIntegrate_IntegratesAndCheckpointsThePendingEntries()
    {
        var store = Store();
        EnrolAll(store, Pol);

        // What a crashed appender leaves: statements durably accepted, never integrated nor checkpointed.
        var entries = new[] { Position(Pol, "a"), Position(Pol, "b"), Position(Pol, "c") };
        Assert.All(store.AppendBatch(entries, Now), c => Assert.True(c.IsAccepted, c.ToString()));
        store.Dispose();
        _open.Remove(store);

        var reopened = Store();
        Assert.Equal(3, reopened.PendingCount);
        var appender = Open(reopened);
        Assert.Equal(3, appender.Size);
        Assert.Equal(0, reopened.PendingCount);
        Assert.Equal(3, Checkpoint.Parse(reopened.LatestCheckpoint()!.Text).Size);

        // The next statement follows them.
        var next = appender.Append(new AppendRequest([Position(Pol, "d")]));
        Assert.Equal(3, next.Statements[0].Index);
    }

    [Fact]
    public void Append_AfterAnotherProcessAppended_IntegratesTheirsToo_AndFindsItsOwnIndex()
    {
        var store = Store();
        EnrolAll(store, Pol, Rus);
        var appender = Open(store);
        Assert.True(appender.Append(new AppendRequest([Position(Pol, "a")])).IsAccepted);

        // Another process (its own connection) appends without integrating: its statement is pending when ours arrives.
        var other = Store();
        var theirs = Position(Rus, "theirs");
        Assert.True(other.Append(theirs, Now).IsAccepted);
        var batches = new List<IntegratedBatch>();
        appender.Integrated += (_, b) => batches.Add(b);
        var ours = Position(Pol, "b");
        var result = appender.Append(new AppendRequest([ours]));

        Assert.True(result.IsAccepted, result.Message);
        Assert.Equal(2, result.Statements[0].Index);
        Assert.Equal(ours, store.Entry(2));
        var batch = Assert.Single(batches);
        Assert.Equal(1, batch.FirstIndex);
        Assert.Equal(2, batch.Count);
        Assert.Equal(theirs, batch.Entries[0]);
        Assert.Equal(ours, batch.Entries[1]);
    }

    [Fact]
    public void Follow_ReceivesEveryBatchInLogOrderWithoutGaps()
    {
        var store = Store();
        EnrolAll(store, Pol);
        var appender = Open(store);
        var follower = appender.Follow();
        for (var i = 0; i < 5; i++)
        {
            Assert.True(appender.Append(new AppendRequest([Position(Pol, $"f{i}"), Position(Pol, $"g{i}")])).IsAccepted);
        }

        appender.Dispose();
        var expected = 0L;
        var batches = 0;
        while (follower.TryRead(out var batch))
        {
            Assert.Equal(expected, batch.FirstIndex);
            Assert.Equal(batch.Entries.Count, batch.Count);
            Assert.Equal(batch.FirstIndex + batch.Count, batch.Size);
            expected = batch.Size;
            batches++;
        }

        Assert.Equal(5, batches);
        Assert.Equal(10, expected);
        Assert.True(follower.Completion.IsCompleted);
    }

    // Bad input tried: a witness that answers 200 with a line that is not a signature; another whose signature is by an unexpected key.
    [Fact]
    public void Append_WithWitnesses_StoresTheirCosignatures_AndAFailingWitnessDoesNotStopAppends()
    {
        var store = Store();
        EnrolAll(store, Pol);
        using var witnessKey = SigningKey.Generate("witness.detente.test/1");
        using var otherKey = SigningKey.Generate("witness.detente.test/2");
        var good = new MemoryWitness(new CheckpointWitness(witnessKey, [new WitnessedLog(Origin, [_logKey.NoteKey])]));
        var liar = new MemoryWitness(new CheckpointWitness(otherKey, [new WitnessedLog(Origin, [_logKey.NoteKey])]));
        var garbage = new FixedWitness(new WitnessAnswer(200, "not a signature line\n"));
        var reports = new List<WitnessReport>();
        var appender = Open(store, witnesses: [new(good, witnessKey.CosignerKey), new(liar, witnessKey.CosignerKey), new(garbage, null)]);
        appender.Witnessed += (_, r) => reports.Add(r);

        Assert.True(appender.Append(new AppendRequest([Position(Pol, "a")])).IsAccepted);
        Assert.True(appender.Append(new AppendRequest([Position(Pol, "b")])).IsAccepted);
        appender.Dispose();

        Assert.Equal(6, reports.Count);
        Assert.All(reports.Where(r => r.Witness.Client == good), r => Assert.NotNull(r.Outcome));
        Assert.All(reports.Where(r => r.Witness.Client != good), r => Assert.NotNull(r.Error));
        Assert.Contains("does not verify", reports.First(r => r.Witness.Client == liar).Error, StringComparison.Ordinal);
        var latest = store.LatestCheckpoint()!;
        Assert.Equal(2, Checkpoint.Parse(latest.Text).Size);
        Assert.Equal(2, latest.Signatures.Length);
        Assert.True(witnessKey.CosignerKey.Verify(Encoding.UTF8.GetBytes(latest.Text), latest.Signatures.Single(s => s.Name == witnessKey.Name).Signature.AsSpan()));
    }

    [Fact]
    public void Open_WithAnotherLogsKey_Refused()
    {
        using var other = SigningKey.Generate("log.detente.test/other");
        var store = Store();
        var e = Assert.Throws<NodeException>(() => new Appender(store, other));
        Assert.Contains("is not the key of the log", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A witness in memory: the real <see cref="CheckpointWitness"/> with its state in a dictionary.</summary>
    private sealed class MemoryWitness(CheckpointWitness witness) : IWitnessClient
    {
        private readonly Dictionary<string, WitnessRecord> _state = [];

        public string Name => "memory:" + witness.CosignerKey.Name;

        public Task<WitnessAnswer> AddCheckpointAsync(byte[] requestBody, CancellationToken cancellation)
        {
            var response = witness.AddCheckpoint(requestBody, o => _state.GetValueOrDefault(o), Now);
            if (response.Persist is { } persist)
            {
                _state[persist.Origin] = persist;
            }

            return Task.FromResult(new WitnessAnswer(response.StatusCode, response.Body));
        }
    }

    private sealed class FixedWitness(WitnessAnswer answer) : IWitnessClient
    {
        public string Name => "fixed";

        public Task<WitnessAnswer> AddCheckpointAsync(byte[] requestBody, CancellationToken cancellation) => Task.FromResult(answer);
    }
}
