using System.Threading.Channels;
using Detente.Node.Witnessing;
using Detente.Record.Keys;
using Detente.Record.Merkle;
using Detente.Record.Notes;
using Detente.Record.Statements;
using Detente.Storage;

namespace Detente.Node.Appending;

/// <summary>What one witness did with a checkpoint the appender signed: its cosignatures, or why it gave none.</summary>
/// <param name="Witness">The witness asked.</param>
/// <param name="Outcome">The cosigned checkpoint (stored); null when the witness failed.</param>
/// <param name="Error">Why the witness gave no cosignature; null on success.</param>
public sealed record WitnessReport(WitnessPeer Witness, CosignOutcome? Outcome, string? Error);

/// <summary>
/// The one way into the record: every writer (scenario import, observation batches, inspection and consultation steps, events, keys,
/// positions, <c>record append</c>) submits signed statements here, and the appender runs the lifecycle in the shape of tessera's
/// appender: <b>validate</b> (the store's validator and body rules, against the record's state, under its write lock) → <b>append</b>
/// (durably, as pending) → <b>integrate</b> (into the Merkle tree) → <b>checkpoint</b> (signed by the log key, when the appender holds
/// it) → <b>collect cosignatures</b> (from the witnesses it was given). Then it tells its followers (<see cref="Integrated"/>).
/// <para>
/// <b>Batched</b>: one worker drains the queue, so submissions that arrive while a transaction commits are committed together in the
/// next one (group commit, up to <see cref="AppenderOptions.MaxBatchEntries"/> statements), then integrated and checkpointed once;
/// while one group is written, integrated and checkpointed, the signatures of the next are already being checked on every core.
/// <b>Back-pressured</b>: the queue holds at most <see cref="AppenderOptions.QueueCapacity"/> submissions; one more is answered
/// <see cref="AppendOutcome.Busy"/> at once with nothing written, never left waiting. <b>Nothing is written on rejection</b>: a
/// rejected statement is not stored; a submission that enrols keys or stores batch rows is all or nothing.
/// </para>
/// <para>
/// On opening, statements accepted but not integrated (an append stopped by a crash) are integrated and checkpointed first.
/// </para>
/// </summary>
public sealed class Appender : IDisposable
{
    /// <summary>
    /// How long one pipeline may run: its groups are validated at the time it started, so a statement signed later is judged against
    /// a clock this much behind (well within the validator's 5 minutes of allowed skew).
    /// </summary>
    private const long PipelineMilliseconds = 10_000;

    private readonly IRecordStore _store;
    private readonly SigningKey? _logKey;
    private readonly IReadOnlyList<WitnessPeer> _witnesses;
    private readonly AppenderOptions _options;
    private readonly Channel<Submission> _queue;
    private readonly Thread _worker;
    private readonly Lock _followersGate = new();
    private readonly List<Channel<IntegratedBatch>> _followers = [];
    private Submission? _carry;
    private long _size;
    private bool _disposed;

    /// <summary>
    /// Opens the appender over <paramref name="store"/> (which it uses from its worker thread from now on) and integrates what an
    /// earlier appender left pending. Without <paramref name="logKey"/> (a party's node that does not hold the log key) statements are
    /// integrated but no checkpoint is signed.
    /// </summary>
    public Appender(IRecordStore store, SigningKey? logKey = null, AppenderOptions? options = null, IReadOnlyList<WitnessPeer>? witnesses = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _options = options ?? AppenderOptions.Default;
        if (_options.QueueCapacity < 1 || _options.MaxBatchEntries < 1 || _options.IntegrateBatch < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "the queue capacity, batch size and integration batch must be 1 or more");
        }

        if (logKey is not null && logKey.Name != store.Origin)
        {
            throw new NodeException($"the log key '{logKey.Name}' is not the key of the log '{store.Origin}'");
        }

        _store = store;
        _logKey = logKey;
        _witnesses = witnesses ?? [];
        _queue = Channel.CreateBounded<Submission>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        Resume();
        _worker = new Thread(Run) { IsBackground = true, Name = "Detente appender" };
        _worker.Start();
    }

    /// <summary>The tree size after the latest integration the appender made or found.</summary>
    public long Size => Interlocked.Read(ref _size);

    /// <summary>The store the appender writes to (read it freely: the store serialises its calls).</summary>
    public IRecordStore Store => _store;

    /// <summary>
    /// Raised on the appender's worker after each integration, in log order, before the submitters are answered. Handlers must be
    /// quick (hand the batch to a queue): the next batch waits for them. See also <see cref="Follow"/>.
    /// </summary>
    public event EventHandler<IntegratedBatch>? Integrated;

    /// <summary>Raised on the appender's worker after each witness was asked to cosign a checkpoint.</summary>
    public event EventHandler<WitnessReport>? Witnessed;

    /// <summary>
    /// A channel of every batch integrated from now on, in log order, for a follower on its own thread (never blocks the appender:
    /// the channel is unbounded, so a follower that falls behind holds the batches it has not read). Completed when the appender is disposed.
    /// </summary>
    public ChannelReader<IntegratedBatch> Follow()
    {
        var channel = Channel.CreateUnbounded<IntegratedBatch>(new UnboundedChannelOptions { SingleWriter = true });
        lock (_followersGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _followers.Add(channel);
        }

        return channel.Reader;
    }

    /// <summary>
    /// Queues a submission; the task ends when its statements are integrated (and checkpointed), or rejected. A full queue answers
    /// <see cref="AppendOutcome.Busy"/> at once. A storage failure ends the task with <see cref="RecordStoreException"/> (its
    /// <c>IsTransient</c> says whether a retry can help); statements it accepted before failing are integrated by the next batch.
    /// </summary>
    public Task<AppendResult> SubmitAsync(AppendRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Entries.Count == 0 || request.Entries.Any(e => e is null))
        {
            throw new ArgumentException("a submission holds one or more entries", nameof(request));
        }

        var submission = new Submission(request);
        if (!_queue.Writer.TryWrite(submission))
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Task.FromResult(new AppendResult(AppendOutcome.Busy, [],
                $"the appender's queue is full ({_options.QueueCapacity:N0} submissions waiting); nothing was written; retry shortly"));
        }

        return submission.Completion.Task;
    }

    /// <summary>Submits and waits: <see cref="SubmitAsync"/> for a caller with nothing else to do.</summary>
    public AppendResult Append(AppendRequest request) => SubmitAsync(request).GetAwaiter().GetResult();

    /// <summary>Finishes the submissions already queued, then stops; followers' channels are completed.</summary>
    public void Dispose()
    {
        lock (_followersGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _queue.Writer.TryComplete();
        _worker.Join();
        lock (_followersGate)
        {
            foreach (var follower in _followers)
            {
                follower.Writer.TryComplete();
            }
        }
    }

    /// <summary>Integrates what an earlier run left pending and signs a checkpoint over a tree no checkpoint covers yet.</summary>
    private void Resume()
    {
        if (_store.PendingCount > 0)
        {
            IntegrateAll();
        }

        _size = _store.Size;
        if (_logKey is not null && _size > 0
            && (_store.LatestCheckpoint() is not { } latest || Checkpoint.Parse(latest.Text).Size < _size))
        {
            _store.Checkpoint(_logKey);
        }
    }

    private (long First, long Size) IntegrateAll()
    {
        var first = -1L;
        var size = 0L;
        while (true)
        {
            var step = _store.Integrate(_options.IntegrateBatch);
            if (step.Count > 0 && first < 0)
            {
                first = step.FirstIndex;
            }

            size = step.Size;
            if (step.Count < _options.IntegrateBatch)
            {
                return (first < 0 ? size : first, size);
            }
        }
    }

    private void Run()
    {
        var reader = _queue.Reader;
        while (true)
        {
            if (_carry is null)
            {
                if (!reader.TryRead(out _carry))
                {
                    if (!reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                    {
                        return;
                    }

                    continue;
                }
            }

            var (group, count) = TakeGroup();
            if (IsPlain(group, count))
            {
                Pipeline(group, count);
            }
            else
            {
                Process(group, count);
            }
        }
    }

    /// <summary>
    /// The next group from <see cref="_carry"/> and what is queued behind it. Group commit: what queued up while the last batch was
    /// written goes into this one, up to the batch size. A submission that must be all or nothing (keys to enrol, rows to store) or
    /// that fills a batch on its own is written alone.
    /// </summary>
    private (List<Submission> Group, int Count) TakeGroup()
    {
        var group = new List<Submission> { _carry! };
        var count = _carry!.Request.Entries.Count;
        _carry = null;
        if (!group[0].Request.AllOrNothing)
        {
            while (count < _options.MaxBatchEntries && _queue.Reader.TryRead(out var next))
            {
                if (next.Request.AllOrNothing || count + next.Request.Entries.Count > _options.MaxBatchEntries)
                {
                    _carry = next;
                    break;
                }

                group.Add(next);
                count += next.Request.Entries.Count;
            }
        }

        return (group, count);
    }

    /// <summary>True for a group written as one plain batch: no keys to enrol, no rows to store, not larger than a batch.</summary>
    private bool IsPlain(List<Submission> group, int count) => !group[0].Request.AllOrNothing && count <= _options.MaxBatchEntries;

    /// <summary>
    /// Writes plain groups as a pipeline while more are queued: the next group's statements are parsed and their signatures checked on
    /// every core (<see cref="Record.Driver.IRecordDriver.AppendBatches"/>) while this one is validated, committed, integrated and checkpointed, and
    /// its submitters answered. The pipeline ends when the queue holds no plain group, or after <see cref="PipelineMilliseconds"/>
    /// (the validator's clock is read when it starts). A storage failure fails the group being written and the one prepared behind it.
    /// </summary>
    private void Pipeline(List<Submission> first, int firstCount)
    {
        var now = _options.Clock();
        var started = Environment.TickCount64;
        var inFlight = new Queue<(List<Submission> Group, IReadOnlyList<byte[]> Entries)>();
        IEnumerable<IReadOnlyList<byte[]>> Batches()
        {
            var (group, count) = (first, firstCount);
            while (true)
            {
                var entries = group.Count == 1 ? group[0].Request.Entries : Concat(group, count);
                inFlight.Enqueue((group, entries));
                yield return entries;
                if (Environment.TickCount64 - started > PipelineMilliseconds || (_carry is null && !_queue.Reader.TryRead(out _carry)))
                {
                    yield break;
                }

                if (_carry!.Request.AllOrNothing || _carry.Request.Entries.Count > _options.MaxBatchEntries)
                {
                    yield break;
                }

                (group, count) = TakeGroup();
            }
        }

        try
        {
            _store.AppendBatches(Batches(), now, checks =>
            {
                var (group, entries) = inFlight.Dequeue();
                Finish(group, entries, checks);
            });
        }
        catch (Exception e)
        {
            // The store failed: the group being written and the one prepared behind it hear it (statements committed before the
            // failure are integrated by the next batch).
            foreach (var (group, _) in inFlight)
            {
                foreach (var s in group)
                {
                    s.Completion.TrySetException(e);
                }
            }
        }
    }

    private void Process(List<Submission> group, int count)
    {
        IReadOnlyList<byte[]> entries;
        IReadOnlyList<StatementCheck> checks;
        try
        {
            (entries, checks) = Append(group, count);
        }
        catch (Exception e)
        {
            foreach (var s in group)
            {
                s.Completion.TrySetException(e);
            }

            return;
        }

        Finish(group, entries, checks);
    }

    /// <summary>After the group's statements were validated and appended: integrate, checkpoint, tell the followers, answer, cosign.</summary>
    private void Finish(List<Submission> group, IReadOnlyList<byte[]> entries, IReadOnlyList<StatementCheck> checks)
    {
        IntegratedBatch? integrated;
        try
        {
            integrated = Complete(group, entries, checks);
            if (integrated is not null)
            {
                Publish(integrated);
            }
        }
        catch (Exception e)
        {
            // The store failed, or an Integrated handler threw (the statements are then in the log): each submitter
            // hears it, and the worker goes on with the next batch.
            foreach (var s in group)
            {
                s.Completion.TrySetException(e);
            }

            return;
        }

        foreach (var s in group)
        {
            s.Completion.TrySetResult(s.Result!);
        }

        if (integrated?.Checkpoint is { } checkpoint && _witnesses.Count > 0)
        {
            Cosign(checkpoint);
        }
    }

    /// <summary>Validates and appends the group's statements (a group that is not plain: keys, rows, or a bulk submission).</summary>
    private (IReadOnlyList<byte[]> Entries, IReadOnlyList<StatementCheck> Checks) Append(List<Submission> group, int count)
    {
        var now = _options.Clock();
        var entries = group.Count == 1 ? group[0].Request.Entries : Concat(group, count);
        var first = group[0].Request;
        IReadOnlyList<StatementCheck> checks;
        if (first.Rows.Count > 0)
        {
            var rows = _store as IBatchRowStore ?? throw new NodeException("this record store cannot keep observation batch rows");
            checks = rows.AppendObservationBatches(first.Rows, first.Entries, now, first.Enrol.Count > 0 ? first.Enrol : null);
        }
        else if (first.Enrol.Count > 0 && count <= _options.MaxBatchEntries)
        {
            checks = _store.AppendBatch(entries, now, first.Enrol);
        }
        else if (count > _options.MaxBatchEntries)
        {
            // A bulk submission (a scenario import): its keys are enrolled first, then its statements are committed in pipelined
            // transactions of a batch each, every statement accepted or rejected on its own (the importer checked them all first).
            foreach (var (party, key) in first.Enrol)
            {
                if (_store.State.Keys.Find(key.Reference) is null)
                {
                    _store.Enrol(party, key);
                }
            }

            checks = _store.AppendBatches(entries.Chunk(_options.MaxBatchEntries), now);
        }
        else
        {
            checks = _store.AppendBatch(entries, now);
        }

        return (entries, checks);
    }

    /// <summary>Integrates and checkpoints what the group's append wrote; fills each submission's result.</summary>
    private IntegratedBatch? Complete(List<Submission> group, IReadOnlyList<byte[]> entries, IReadOnlyList<StatementCheck> checks)
    {
        // Which statements were written: an all-or-nothing submission writes none unless all were accepted.
        var written = new bool[checks.Count];
        var writtenCount = 0;
        var offset = 0;
        foreach (var s in group)
        {
            var n = s.Request.Entries.Count;
            var all = true;
            for (var i = 0; i < n; i++)
            {
                all &= checks[offset + i].IsAccepted;
            }

            for (var i = 0; i < n; i++)
            {
                written[offset + i] = checks[offset + i].IsAccepted && (all || !s.Request.AllOrNothing);
                writtenCount += written[offset + i] ? 1 : 0;
            }

            offset += n;
        }

        IntegratedBatch? batch = null;
        var indices = new long[checks.Count];
        if (writtenCount > 0 || _store.PendingCount > 0)
        {
            var (firstIndex, size) = IntegrateAll();
            var note = _logKey is null || size == firstIndex ? null : _store.Checkpoint(_logKey);
            IReadOnlyList<byte[]> integratedEntries;
            if (size - firstIndex == writtenCount)
            {
                // Integration takes everything pending, so a range as long as this group's written statements holds nothing else:
                // no other process appended since the last integration, and the group's statements fill the range, in order.
                var mine = new byte[writtenCount][];
                for (int i = 0, k = 0; i < written.Length; i++)
                {
                    if (written[i])
                    {
                        indices[i] = firstIndex + k;
                        mine[k++] = entries[i];
                    }
                }

                integratedEntries = mine;
            }
            else
            {
                // Another process appended too: find this group's statements among what was integrated.
                integratedEntries = ReadRange(firstIndex, size);
                Locate(entries, written, integratedEntries, firstIndex, indices);
            }

            Interlocked.Exchange(ref _size, size);
            batch = size > firstIndex ? new IntegratedBatch(firstIndex, (int)(size - firstIndex), size, integratedEntries, note) : null;
        }

        var leaves = new MerkleHash[written.Length];
        void Leaf(int i)
        {
            if (written[i])
            {
                leaves[i] = RecordHashing.LeafHash(entries[i]);
            }
        }

        if (writtenCount >= 64)
        {
            Parallel.For(0, written.Length, Leaf);
        }
        else
        {
            for (var i = 0; i < written.Length; i++)
            {
                Leaf(i);
            }
        }

        offset = 0;
        foreach (var s in group)
        {
            var n = s.Request.Entries.Count;
            var results = new StatementResult[n];
            var rejected = -1;
            for (var i = 0; i < n; i++)
            {
                var check = checks[offset + i];
                rejected = rejected < 0 && !check.IsAccepted ? i : rejected;
                results[i] = written[offset + i]
                    ? new StatementResult(check, indices[offset + i], leaves[offset + i])
                    : new StatementResult(check, null, null)
                    {
                        Reason = check.IsAccepted ? "not written: another statement of this submission was rejected" : check.ToString(),
                    };
            }

            s.Result = rejected < 0
                ? new AppendResult(AppendOutcome.Accepted, results, null)
                : new AppendResult(AppendOutcome.Rejected, results,
                    (n == 1 ? "rejected" : $"statement {rejected + 1} of {n} rejected") + $" ({checks[offset + rejected].Error}): {checks[offset + rejected].Message}; "
                    + (s.Request.AllOrNothing || n == 1 ? "nothing was written" : $"{results.Count(r => r.Written)} of the others were written"));
            offset += n;
        }

        return batch;
    }

    private static List<byte[]> Concat(List<Submission> group, int count)
    {
        var all = new List<byte[]>(count);
        foreach (var s in group)
        {
            all.AddRange(s.Request.Entries);
        }

        return all;
    }

    private List<byte[]> ReadRange(long first, long size)
    {
        var all = new List<byte[]>((int)Math.Min(size - first, 1 << 20));
        for (var start = first; start < size; start += 4096)
        {
            all.AddRange(_store.Entries(start, (int)Math.Min(4096, size - start)));
        }

        return all;
    }

    private static void Locate(IReadOnlyList<byte[]> entries, bool[] written, IReadOnlyList<byte[]> range, long first, long[] indices)
    {
        var at = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            if (!written[i])
            {
                continue;
            }

            // The group's statements were committed in one transaction, in order: scan forward from the previous one.
            while (at < range.Count && !range[at].AsSpan().SequenceEqual(entries[i]))
            {
                at++;
            }

            indices[i] = at < range.Count ? first + at++
                : throw new InvalidOperationException("an accepted statement is missing from the integrated range");
        }
    }

    private void Publish(IntegratedBatch batch)
    {
        Integrated?.Invoke(this, batch);
        lock (_followersGate)
        {
            foreach (var follower in _followers)
            {
                follower.Writer.TryWrite(batch);
            }
        }
    }

    /// <summary>Asks each witness in turn to cosign the checkpoint and stores what it signed; a failing witness is reported, not fatal.</summary>
    private void Cosign(SignedNote checkpoint)
    {
        var note = checkpoint;
        foreach (var witness in _witnesses)
        {
            WitnessReport report;
            try
            {
                using var timeout = new CancellationTokenSource(_options.WitnessTimeout);
                var outcome = Cosigning.RequestAsync(note, witness, (o, n) => _store.ProveConsistency(o, n).Hashes, timeout.Token).GetAwaiter().GetResult();
                _store.SaveCosigned(outcome.Cosigned);
                note = outcome.Cosigned;
                report = new WitnessReport(witness, outcome, null);
            }
            catch (Exception e) when (e is NodeException or OperationCanceledException or IOException or HttpRequestException or RecordStoreException
                                           or Record.RecordFormatException)
            {
                report = new WitnessReport(witness, null, e is OperationCanceledException
                    ? $"no answer within {_options.WitnessTimeout.TotalSeconds:0.#} s" : e.Message);
            }

            Witnessed?.Invoke(this, report);
        }
    }

    private sealed class Submission(AppendRequest request)
    {
        public AppendRequest Request { get; } = request;

        public TaskCompletionSource<AppendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public AppendResult? Result { get; set; }
    }
}
