using Detente.Core;
using Detente.Record.Keys;
using Detente.Record.Statements;
using Detente.Storage;
using Detente.Verification.Inspections;
using Detente.Verification.Regimes;
using Detente.Verification.Steps;

namespace Detente.Node.Appending;

/// <summary>
/// <c>detente record import --events FILE</c>: states each event of verification events files as a statement signed with its
/// author's demo key, after the scenario's facts. Every step is first checked by the state machine against the record's
/// history, so nothing is appended when any step of the files is out of order.
/// </summary>
public static class EventsImport
{
    /// <summary>
    /// Checks every event of the files through the state machine on its own (before anything is written, since an import
    /// starts from an empty record); a step out of order is a <see cref="NodeException"/> naming it.
    /// </summary>
    public static void Check(RegimeCatalog regimes, Scenario scenario, IReadOnlyList<EventsFile> files)
    {
        var ledger = new VerificationLedger(regimes, scenario);
        foreach (var e in files.SelectMany(f => f.Events))
        {
            var check = ledger.Apply(e.Step);
            if (!check.Accepted)
            {
                throw new NodeException($"{e.Step.Where}: {e.Kind.WireName()} rejected: {check.Reason}; nothing was imported");
            }
        }
    }

    /// <summary>Appends through the appender (which integrates and checkpoints); returns how many statements were added.</summary>
    public static int Import(Appender appender, RegimeCatalog regimes, Scenario scenario, IReadOnlyList<EventsFile> files,
        ref Keyring keyring, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(appender);
        var store = appender.Store;
        var ledger = VerificationLedger.Replay(regimes, scenario, Projection.RecordProjection.StepsOf(store));
        foreach (var e in files.SelectMany(f => f.Events))
        {
            var check = ledger.Apply(e.Step);
            if (!check.Accepted)
            {
                throw new NodeException($"{e.Step.Where}: {e.Kind.WireName()} rejected: {check.Reason}; no event was imported");
            }
        }

        var keys = new Dictionary<PartyId, SigningKey>();
        try
        {
            var next = new Dictionary<PartyId, long>();
            var enrol = new List<(PartyId, VerifierKey)>();
            var entries = new List<byte[]>();
            foreach (var e in files.SelectMany(f => f.Events))
            {
                if (!keys.TryGetValue(e.Author, out var key))
                {
                    key = SigningKey.Demo(ScenarioImport.DemoKeyName(e.Author));
                    keys[e.Author] = key;
                    if (keyring.Find(key.Name) is null)
                    {
                        keyring = keyring.Add(key, KeyPurpose.Statement, e.Author);
                    }

                    if (store.State.Keys.Find(key.NoteKey.Reference) is null)
                    {
                        enrol.Add((e.Author, key.NoteKey));
                    }

                    next[e.Author] = store.State.NextSequence(e.Author);
                }

                var statement = new Statement(e.Kind, e.Author, key.NoteKey.Reference, next[e.Author]++, now, e.Body);
                entries.Add([.. SignedStatement.Sign(statement, key).Entry]);
            }

            // The events' statements and their authors' first keys: one submission, all or nothing.
            var result = appender.Append(new AppendRequest(entries) { Enrol = enrol });
            if (!result.IsAccepted)
            {
                throw new NodeException($"the record rejected an event: {result.Message}");
            }

            return entries.Count;
        }
        finally
        {
            foreach (var key in keys.Values)
            {
                key.Dispose();
            }
        }
    }
}
