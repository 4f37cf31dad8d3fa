using Detente.Core;
using Detente.Data;
using Detente.Geo;
using Detente.Node.Reports.Verification;
using Detente.Record.Admission;
using Detente.Record.Notes;
using Detente.Storage;

namespace Detente.Node.Appending;

/// <summary>What <see cref="RecordImport.Import"/> did: the scenario's statements, the verification events added, and the checkpoint.</summary>
/// <param name="Scenario">The scenario's statements and their authors.</param>
/// <param name="Events">Verification statements added from events files.</param>
/// <param name="EventFiles">The ids of the events files read.</param>
/// <param name="Checkpoint">The log's checkpoint after the import.</param>
public sealed record RecordImportResult(ScenarioImport.ImportResult Scenario, int Events, IReadOnlyList<string> EventFiles, Checkpoint Checkpoint);

/// <summary>
/// <c>record import</c> as one call, all or nothing: the scenario and the event files are read and checked, and every statement signed
/// and checked against an empty record, before the store or the keyring is touched; a store this import created is removed (and the
/// keyring restored) if writing fails. Demo keys sign, so the record must be a new or empty demo record.
/// </summary>
public static class RecordImport
{
    /// <summary>
    /// States every fact of the scenario of <paramref name="manifest"/>, then each event of <paramref name="eventPaths"/> (checked
    /// against <paramref name="scenario"/>'s world), in the record at <paramref name="connection"/>, integrated and checkpointed.
    /// </summary>
    public static RecordImportResult Import(string connection, string keyringPath, ScenarioManifest manifest, Func<Scenario> scenario,
        IReadOnlyList<string> eventPaths, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(scenario);
        if (RecordStores.ExistingOrigin(connection) is { } created && !DemoKeys.IsDemoOrigin(created))
        {
            throw new NodeException($"--db: record import signs with demo keys, which anyone can derive from a party's name; they are accepted only in a "
                                    + $"demo record, and {RecordNode.Display(connection)} holds the record '{created}': import into a new --db; nothing was written");
        }

        var facts = ScenarioLoader.Facts(manifest, Geography.AreaIds(manifest.GeoDirectory));
        var eventFiles = VerificationHistory.LoadEvents(eventPaths);
        var regimes = eventFiles.Count == 0 ? null : VerificationHistory.CheckEvents(scenario(), eventFiles);
        using var prepared = ScenarioImport.Prepare(facts, now);
        if (RecordStores.ExistingOrigin(connection) is { } existing)
        {
            using var store = RecordStores.Open(connection, existing);
            if (store.Size > 0 || store.PendingCount > 0)
            {
                throw new NodeException($"the record already holds {store.Size + store.PendingCount} statements; import a scenario into an empty record (--db); nothing was written");
            }
        }

        using var undo = ImportUndo.Before(connection, keyringPath);
        using var node = new RecordNode(connection, keyringPath, demo: true);
        _ = node.LogKeyEntry();
        var keys = node.Keyring;
        var result = ScenarioImport.Import(node.Appender, prepared, ref keys);
        var added = regimes is null ? 0 : EventsImport.Import(node.Appender, regimes, scenario(), eventFiles, ref keys, now);
        node.Save(keys);
        undo.Done();
        return new RecordImportResult(result, added, [.. eventFiles.Select(f => f.Id)], Checkpoint.Parse(node.Store.LatestCheckpoint()!.Text));
    }
}
