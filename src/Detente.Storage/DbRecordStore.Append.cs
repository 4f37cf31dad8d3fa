using System.Data;
using System.Data.Common;
using System.Globalization;
using Detente.Core;
using Detente.Record;
using Detente.Record.Admission;
using Detente.Record.Canonical;
using Detente.Record.Driver;
using Detente.Record.Keys;
using Detente.Record.Merkle;
using Detente.Record.Notes;
using Detente.Record.Proofs;
using Detente.Record.Statements;
using Detente.Record.Witness;

namespace Detente.Storage;

/// <summary>Appending: statements validated and checked against the body rules under the write lock, written in one transaction.</summary>
public abstract partial class DbRecordStore
{
    /// <inheritdoc/>
    public StatementCheck Append(ReadOnlySpan<byte> entry, DateTimeOffset now) => AppendBatch([entry.ToArray()], now)[0];

    /// <inheritdoc/>
    public IReadOnlyList<StatementCheck> AppendBatch(IReadOnlyList<byte[]> entries, DateTimeOffset now, IReadOnlyList<(PartyId Party, VerifierKey Key)> enrol)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(enrol);
        if (enrol.Count == 0)
        {
            return AppendBatch(entries, now);
        }

        foreach (var (_, key) in enrol)
        {
            CheckDemoKey(key);
        }

        var keys = Run("reading the validation state", () => ReadState(null).Keys);
        foreach (var (party, key) in enrol)
        {
            keys = keys.Find(key.Reference) is null ? keys.WithKey(party, key) : keys;
        }

        return WriteBatch(Prepare(entries, keys), now, allOrNothing: true, enrol: enrol).Checks;
    }

    /// <inheritdoc/>
    public IReadOnlyList<StatementCheck> AppendBatch(IReadOnlyList<byte[]> entries, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var keys = Run("reading the validation state", () => ReadState(null).Keys);
        return WriteBatch(Prepare(entries, keys), now).Checks;
    }

    /// <inheritdoc/>
    public IReadOnlyList<StatementCheck> AppendBatches(
        IEnumerable<IReadOnlyList<byte[]>> batches, DateTimeOffset now, Action<IReadOnlyList<StatementCheck>>? committed = null)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var all = new List<StatementCheck>();
        var keys = Run("reading the validation state", () => ReadState(null).Keys);
        using var source = batches.GetEnumerator();
        Task<PreparedBatch>? next = source.MoveNext() ? StartPrepare(source.Current, keys) : null;
        try
        {
            while (next is not null)
            {
                var prepared = next.GetAwaiter().GetResult();

                // Pipeline: the next batch's signatures are checked on every core while this one is written and committed. It is
                // checked against the keys known before this batch; a statement whose key this batch changes is re-checked under
                // the lock by the validator.
                next = source.MoveNext() ? StartPrepare(source.Current, keys) : null;
                var (checks, after) = WriteBatch(prepared, now);
                keys = after;
                all.AddRange(checks);
                committed?.Invoke(checks);
            }
        }
        catch
        {
            // Observe a batch still being prepared so its failure, if any, does not go unobserved; ours is the one to report.
            next?.ContinueWith(static t => t.Exception, TaskScheduler.Default);
            throw;
        }

        return all;
    }

    private static Task<PreparedBatch> StartPrepare(IReadOnlyList<byte[]> entries, KeyDirectory keys)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return Task.Run(() => Prepare(entries, keys));
    }

    /// <summary>
    /// Outside the write lock, on every core: parse each entry, hash it as a leaf, and check its signature against the keys known now.
    /// Under the lock, validation re-checks everything else against the locked state, and a signature again only if its key changed.
    /// </summary>
    private static PreparedBatch Prepare(IReadOnlyList<byte[]> entries, KeyDirectory keys)
    {
        var parsed = new StatementCheck[entries.Count];
        var verifiedUnder = new VerifierKey?[entries.Count];
        var leaves = new byte[entries.Count][];
        var claims = new BodyClaims?[entries.Count];
        var breaches = new RuleBreach?[entries.Count];
        void One(int i)
        {
            parsed[i] = SignedStatement.Parse(entries[i]);
            if (parsed[i].IsAccepted)
            {
                leaves[i] = RecordHashing.LeafHash(entries[i]).ToArray();
                if (keys.Find(parsed[i].Statement!.Statement.Key) is { } key && parsed[i].Statement!.VerifySignature(key.Key))
                {
                    verifiedUnder[i] = key.Key;
                }

                (claims[i], breaches[i]) = StatementBodies.Read(parsed[i].Statement!.Statement);
            }
        }

        if (entries.Count >= 16)
        {
            Parallel.For(0, entries.Count, One);
        }
        else
        {
            for (var i = 0; i < entries.Count; i++)
            {
                One(i);
            }
        }

        return new PreparedBatch(entries, parsed, verifiedUnder, leaves, claims, breaches);
    }

    /// <summary>
    /// Validates a prepared batch under the write lock and durably writes its accepted statements to <c>entries</c>, in one transaction.
    /// With <paramref name="allOrNothing"/>, nothing is committed unless every statement is accepted; <paramref name="alsoWrite"/> writes
    /// more rows in the same transaction before it commits.
    /// </summary>
    private (IReadOnlyList<StatementCheck> Checks, KeyDirectory Keys) WriteBatch(
        PreparedBatch batch, DateTimeOffset now, bool allOrNothing = false, Action<DbTransaction>? alsoWrite = null,
        IReadOnlyDictionary<string, StoredBatch>? pendingBatches = null, IReadOnlyList<(PartyId Party, VerifierKey Key)>? enrol = null) =>
        Run("appending statements", () =>
        {
            using var tx = BeginWrite();
            var state = ReadState(tx);
            var next = ReadCounter(tx, "accepted");
            var enrolAt = next;
            foreach (var (party, key) in enrol ?? [])
            {
                state = state.Keys.Find(key.Reference) is null ? state.WithPartyKey(party, key) : state;
            }

            var checks = new List<StatementCheck>(batch.Entries.Count);
            var lastSequence = new Dictionary<PartyId, long>();
            var demo = IsDemo;
            var facts = new FactView(this, tx, long.MaxValue, pendingBatches);
            var written = new List<MerkleHash>(batch.Entries.Count);
            if (BodyRulesEnabled)
            {
                facts.Prefetch(batch.Claims);
            }

            using var insert = Rows(tx, "entries", EntryColumns);
            for (var i = 0; i < batch.Entries.Count; i++)
            {
                var parsed = batch.Parsed[i];
                var check = parsed.IsAccepted ? StatementValidator.Validate(parsed.Statement!, state, now, null, batch.VerifiedUnder[i]) : parsed;
                if (check.IsAccepted && BodyRulesEnabled)
                {
                    // The body rules: what the author may assert, against the record before this statement (this batch's earlier ones included).
                    var key = state.Keys.Find(check.Statement.Statement.Key)!.Key;
                    var breach = batch.Breaches[i]
                                 ?? (!demo && DemoKeys.IsDemo(key) ? new RuleBreach(BodyRules.DemoKeyRefused, DemoKeys.Refusal(key)) : null)
                                 ?? StatementAdmission.Check(check.Statement.Statement, batch.Claims[i]!, facts, demo);
                    check = breach is null ? check : StatementCheck.Reject(breach);
                }

                checks.Add(check);
                if (check.IsAccepted)
                {
                    var statement = check.Statement.Statement;
                    var after = state.Apply(check.Statement);
                    if (BodyRulesEnabled && batch.Claims[i]?.ToFact(statement, next) is { } fact)
                    {
                        facts.Add(fact);
                    }

                    insert.Add([next++, batch.Entries[i], batch.Leaves[i], statement.Author.Code, statement.Sequence, statement.Kind.WireName()]);
                    written.Add(new MerkleHash(batch.Leaves[i]));
                    lastSequence[statement.Author] = statement.Sequence;
                    WriteKeyChanges(tx, statement, state, after);
                    state = after;
                }
            }

            insert.Flush();
            if (allOrNothing && checks.Exists(c => !c.IsAccepted))
            {
                // Not committed: disposing the transaction rolls back what was inserted.
                return ((IReadOnlyList<StatementCheck>)checks, state.Keys);
            }

            if (lastSequence.Count > 0)
            {
                alsoWrite?.Invoke(tx);
                foreach (var (party, key) in enrol ?? [])
                {
                    Execute(tx, "INSERT INTO enrolled_keys (ref, party, vkey, position) VALUES (@r, @p, @k, @pos)",
                        ("r", key.Reference.ToString()), ("p", party.Code), ("k", key.ToString()), ("pos", enrolAt));
                    Execute(tx, "INSERT INTO statement_keys (ref, party, vkey, revoked) VALUES (@r, @p, @k, 0)",
                        ("r", key.Reference.ToString()), ("p", party.Code), ("k", key.ToString()));
                }

                using (var factRows = Rows(tx, "facts", FactColumns))
                {
                    foreach (var fact in facts.Added)
                    {
                        factRows.Add(FactRow(fact));
                    }

                    factRows.Flush();
                }

                foreach (var (party, seq) in lastSequence)
                {
                    Execute(tx, "INSERT INTO sequences (party, last_seq) VALUES (@p, @s) ON CONFLICT (party) DO UPDATE SET last_seq = excluded.last_seq",
                        ("p", party.Code), ("s", seq));
                }

                Execute(tx, "UPDATE meta SET value = @v WHERE name = 'accepted'", ("v", next.ToString(CultureInfo.InvariantCulture)));
                tx.Commit();
                foreach (var fact in facts.Added)
                {
                    Remember(fact);
                }

                if (BodyRulesEnabled)
                {
                    // Validated in full and committed at [enrolAt, next): integration need not verify these bytes' signatures again.
                    _verified.Add(enrolAt, [.. written]);
                }
            }

            return ((IReadOnlyList<StatementCheck>)checks, state.Keys);
        });

    private void WriteKeyChanges(DbTransaction tx, Statement s, RecordState before, RecordState after)
    {
        if (s.Kind is not (StatementKind.KeyRotation or StatementKind.KeyRevocation))
        {
            return;
        }

        foreach (var key in after.Keys.Keys)
        {
            var previous = before.Keys.Find(key.Key.Reference);
            if (previous is null)
            {
                Execute(tx, "INSERT INTO statement_keys (ref, party, vkey, revoked) VALUES (@r, @p, @k, 0)",
                    ("r", key.Key.Reference.ToString()), ("p", key.Owner.Code), ("k", key.Key.ToString()));
            }
            else if (key.IsRevoked && !previous.IsRevoked)
            {
                Execute(tx, "UPDATE statement_keys SET revoked = 1 WHERE ref = @r", ("r", key.Key.Reference.ToString()));
            }
        }
    }

    /// <summary>A batch after the lock-free work: parsed statements, leaf hashes, and the key each signature verified under.</summary>
    private sealed record PreparedBatch(
        IReadOnlyList<byte[]> Entries, StatementCheck[] Parsed, VerifierKey?[] VerifiedUnder, byte[][] Leaves, BodyClaims?[] Claims, RuleBreach?[] Breaches);
}
