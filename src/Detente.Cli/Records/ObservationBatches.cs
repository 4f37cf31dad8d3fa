using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Detente.Core;
using Detente.Record.Keys;
using Detente.Record.Statements;
using Detente.Data;
using Detente.Storage;
using Detente.Verification.Observations;

namespace Detente.Cli.Records;

/// <summary>
/// Glue between observation files and the record: signs one observation-batch statement per batch of rows (the monitor's key),
/// stores the rows beside the log in the same transaction, and turns stored rows back into observations of the world.
/// </summary>
internal static class ObservationBatches
{
    /// <summary>What an import did.</summary>
    public sealed record Imported(int Rows, int Batches, long FirstIndex, long Size, IReadOnlyList<string> Digests);

    /// <summary>Records every row of <paramref name="rows"/> as batches of at most <paramref name="batchSize"/>, all or nothing.</summary>
    public static Imported Import(RecordNode node, ObservationRows rows, PartyId monitor, int batchSize, DateTimeOffset now)
    {
        var store = node.Store;
        if (store is not IBatchRowStore batchStore)
        {
            throw new UsageException("this record store cannot keep observation batch rows");
        }

        using var key = KeyFor(node, monitor, out var enrol);
        var next = store.State.NextSequence(monitor);
        var batches = new List<BatchRows>();
        var entries = new List<byte[]>();
        foreach (var (first, count, digest) in rows.Digests(batchSize))
        {
            batches.Add(new BatchRows(digest, count, rows.Lines(first, count)));
            var members = new Dictionary<string, object>
            {
                [ObservationBatch.RowsMember] = count,
                [ObservationBatch.DigestMember] = digest,
                ["file"] = Path.GetFileName(rows.File),
                ["first_row"] = rows.SourceRow(first),
            };

            // Sources the file declares travel with every batch, signed by the monitor, so the rows' citations resolve in any world.
            if (!rows.DeclaredSources.IsEmpty)
            {
                members[SourcesMember] = rows.DeclaredSources.Select(SourceBody).ToList();
            }

            var body = JsonSerializer.Serialize(members);
            var statement = new Statement(StatementKind.ObservationBatch, monitor, key.NoteKey.Reference, next++, now, body);
            entries.Add([.. SignedStatement.Sign(statement, key).Entry]);
        }

        var before = store.Size + store.PendingCount;
        var checks = batchStore.AppendObservationBatches(batches, entries, now, enrol is null ? null : [(monitor, enrol)]);
        if (checks.FirstOrDefault(c => !c.IsAccepted) is { } rejected)
        {
            throw new UsageException($"{rows.File}: the record rejected the batch statements, so nothing was recorded: {rejected.Message}");
        }

        while (store.PendingCount > 0)
        {
            store.Integrate(4096);
        }

        using var logKey = node.LogKeyEntry().Open();
        store.Checkpoint(logKey);
        return new Imported(rows.Count, batches.Count, before, store.Size, [.. batches.Select(b => b.Sha256)]);
    }

    /// <summary>Body member of a batch statement holding the sources its file declared.</summary>
    public const string SourcesMember = "sources";

    private static Dictionary<string, string?> SourceBody(Source s) => new()
    {
        ["id"] = s.Id.Value,
        ["title"] = s.Title,
        ["publisher"] = s.Publisher,
        ["date"] = s.Date,
        ["url"] = s.Url,
        ["kind"] = Vocabulary.WordFor(s.Kind),
    };

    /// <summary>The ids of the sources the record states: source statements, and sources declared in observation batches.</summary>
    public static IEnumerable<string> RecordedSources(RecordNode node)
    {
        if (RecordStores.ExistingOrigin(node.Connection) is null)
        {
            return [];
        }

        var store = node.Store;
        var ids = new List<string>();
        for (long start = 0; start < store.Size; start += 4096)
        {
            foreach (var entry in store.Entries(start, (int)Math.Min(4096, store.Size - start)))
            {
                var parsed = SignedStatement.Parse(entry);
                if (parsed.Statement?.Statement is not { } s || s.Kind is not (StatementKind.Source or StatementKind.ObservationBatch))
                {
                    continue;
                }

                using var body = s.ParseBody();
                if (s.Kind == StatementKind.Source && body.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                {
                    ids.Add(id.GetString()!);
                }
                else if (s.Kind == StatementKind.ObservationBatch)
                {
                    ids.AddRange(DeclaredIn(body.RootElement).Select(x => x.Id.Value));
                }
            }
        }

        return ids;
    }

    /// <summary>The sources a batch statement's body declares (none for batches recorded before they could).</summary>
    private static IEnumerable<Source> DeclaredIn(JsonElement body)
    {
        if (!body.TryGetProperty(SourcesMember, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var s in list.EnumerateArray())
        {
            string? Text(string name) => s.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (Text("id") is { Length: > 0 } id && Text("title") is { } title && Text("publisher") is { } publisher && Text("date") is { } date
                && Text("kind") is { } kindWord && Vocabulary.SourceKind.TryGetValue(kindWord, out var kind))
            {
                yield return new Source(new SourceId(id), title, publisher, date, Text("url"), kind);
            }
        }
    }


    /// <summary>
    /// The monitor's newest live keyring key; in a demo record with no keyring key, its demo key (as <c>record import</c> uses).
    /// <paramref name="enrol"/> is a key to enrol with the batches, in their transaction.
    /// </summary>
    private static SigningKey KeyFor(RecordNode node, PartyId monitor, out VerifierKey? enrol)
    {
        if (node.PartyKeys(monitor).Any())
        {
            return node.SigningKeyFor(monitor, null, out enrol);
        }

        if (!node.IsDemoRecord)
        {
            throw new UsageException($"--party: the keyring {node.KeyringPath} has no key for {monitor}; create one with 'detente keys new --party {monitor}' "
                                     + "(demo keys, which anyone can derive from a party's name, are used only in a record created as a demo: --demo)");
        }

        var key = SigningKey.Demo(RecordWorld.DemoKeyName(monitor));
        if (node.Keyring.Find(key.Name) is null)
        {
            node.Save(node.Keyring.Add(key, KeyPurpose.Statement, monitor));
        }

        enrol = node.Store.State.Keys.Find(key.NoteKey.Reference) is null ? key.NoteKey : null;
        return key;
    }

    /// <summary>The scenario with the rows of every recorded observation batch added as observations (evidence: the batch's log index).</summary>
    public static Scenario AddTo(IRecordStore store, Scenario scenario, IEnumerable<RecordedFact> facts)
    {
        if (store is not IBatchRowStore batchStore)
        {
            return scenario;
        }

        var added = new List<Observation>();
        var sources = new Dictionary<SourceId, Source>(scenario.Sources);
        foreach (var fact in facts.Where(f => f.Kind == StatementKind.ObservationBatch.WireName()))
        {
            using var body = JsonDocument.Parse(fact.Body);
            foreach (var declared in DeclaredIn(body.RootElement))
            {
                sources.TryAdd(declared.Id, declared);
            }

            var digest = body.RootElement.GetProperty(ObservationBatch.DigestMember).GetString()!;
            var data = batchStore.ReadBatchRows(digest)
                ?? throw new UsageException($"record entry {fact.Index}: the rows of observation batch {digest} are missing; run 'detente record verify'");
            var row = 0;
            foreach (var line in data.AsSpan().Split((byte)'\n'))
            {
                var bytes = data.AsSpan()[line];
                if (bytes.IsEmpty)
                {
                    continue;
                }

                row++;
                var observation = ToObservation(bytes, $"batch-{fact.Index.ToString(CultureInfo.InvariantCulture)}-{row.ToString(CultureInfo.InvariantCulture)}", fact.Index);

                // The librarian states only reported facts: the rows it passes on are what sources report others observed.
                added.Add(fact.Author == RecordNode.Librarian.Code ? observation with { Provenance = Provenance.Reported } : observation);
            }
        }

        return added.Count == 0
            ? scenario
            : new Scenario(scenario.Info, sources.Values, scenario.Parties.Values, scenario.Systems.Values, scenario.Sites.Values, scenario.Memberships,
                scenario.Control, scenario.Deployments, scenario.Activities, scenario.Notifications, scenario.Observations.AddRange(added), scenario.Consents);
    }

    /// <summary>One canonical row as an observation.</summary>
    internal static Observation ToObservation(ReadOnlySpan<byte> row, string id, long? recordIndex)
    {
        using var doc = JsonDocument.Parse(row.ToArray());
        var r = doc.RootElement;
        string? Text(string name) => r.TryGetProperty(name, out var v) ? v.GetString() : null;
        var time = Text("time")!;
        var day = DateOnly.ParseExact(time[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var low = r.GetProperty("low").GetDouble();
        var high = r.GetProperty("high").GetDouble();
        var count = r.GetProperty("count").GetDouble();
        var area = Text("area");
        GeoPoint? point = r.TryGetProperty("lat", out var lat) ? new GeoPoint(lat.GetDouble(), r.GetProperty("lon").GetDouble()) : null;
        var confidence = Text("confidence") switch
        {
            "verified" => Confidence.Verified,
            "recalled" => Confidence.Recalled,
            "disputed" => Confidence.Disputed,
            _ => Confidence.Uncertain,
        };
        var quantity = low == high ? Quantity.Of(count) : Quantity.FromClaims([new Claim(low, high, Note: $"count {count.ToString(CultureInfo.InvariantCulture)}")]);
        return new Observation(new FactId(id), new PartyId(Text("observer")!), new PartyId(Text("party")!), new Period(day, day), area,
            area is null ? [] : [new PartyId(area)], point, Text("what")!, quantity, null, Provenance.Observed,
            Evidence.From(new SourceId(Text("source")!), confidence) with { RecordIndex = recordIndex });
    }
}
