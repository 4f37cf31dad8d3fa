using System.Globalization;
using System.Text;
using System.Text.Json;
using Detente.Core;
using Detente.Data;
using Detente.Node.Appending;
using Detente.Node.Following;
using Detente.Record.Admission;
using Detente.Record.Statements;
using Detente.Storage;
using Detente.Verification.Observations;
using Detente.Verification.Steps;

namespace Detente.Node.Projection;

/// <summary>
/// The record's read path: the world (a <see cref="Scenario"/>) rebuilt from the integrated statements with the scenario format's
/// own validating readers, observation batches' rows as observations, and the verification steps in log order.
/// </summary>
public static class RecordProjection
{
    /// <summary>Reads every integrated statement and rebuilds the scenario; each fact's evidence carries its log index.</summary>
    public static Scenario Load(IRecordStore store, IReadOnlySet<string>? areaIds) => Load(store, areaIds, store.Size);

    /// <summary>
    /// Reads the first <paramref name="size"/> integrated statements (at most the integrated size) and rebuilds their scenario: a
    /// follower reads the world at the size it starts from, whatever another process integrates meanwhile.
    /// </summary>
    public static Scenario Load(IRecordStore store, IReadOnlySet<string>? areaIds, long size)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var facts = new List<RecordedFact>((int)Math.Min(size, int.MaxValue));
        foreach (var page in FactPages(store, Math.Min(size, store.Size)))
        {
            facts.AddRange(page);
        }

        return AddTo(store, ScenarioLoader.FromStatements(facts, areaIds), facts);
    }

    /// <summary>
    /// The first <paramref name="size"/> integrated statements as recorded facts, a page of 4096 at a time in log order. This thread
    /// reads the pages (the store is one connection) while the others parse them side by side; an entry that does not parse is a
    /// <see cref="NodeException"/> naming the first such entry in log order, as when the pages are read one after another.
    /// </summary>
    private static RecordedFact[][] FactPages(IRecordStore store, long size)
    {
        const int Page = 4096;
        var pages = new RecordedFact[checked((int)((size + Page - 1) / Page))][];
        var errors = new Exception?[pages.Length];
        void Parse(int page, IReadOnlyList<byte[]> entries)
        {
            try
            {
                var start = (long)page * Page;
                var statements = IntegratedStatements.From(new IntegratedBatch(start, entries.Count, start + entries.Count, entries, null)).Statements;
                var facts = new RecordedFact[statements.Count];
                for (var i = 0; i < facts.Length; i++)
                {
                    var (index, s) = statements[i];
                    facts[i] = new RecordedFact(s.Kind, s.Author.Code, s.BodyUtf8.ToArray(), index);
                }

                pages[page] = facts;
            }
            catch (Exception e)
            {
                errors[page] = e;
            }
        }

        using (var read = new System.Collections.Concurrent.BlockingCollection<(int Page, IReadOnlyList<byte[]> Entries)>(boundedCapacity: 4))
        {
            var parsing = Task.Run(() => Parallel.ForEach(
                System.Collections.Concurrent.Partitioner.Create(read.GetConsumingEnumerable(), System.Collections.Concurrent.EnumerablePartitionerOptions.NoBuffering),
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                p => Parse(p.Page, p.Entries)));
            try
            {
                for (var page = 0; page < pages.Length && !errors.Any(e => e is not null); page++)
                {
                    var start = (long)page * Page;
                    read.Add((page, store.Entries(start, (int)Math.Min(Page, size - start))));
                }
            }
            finally
            {
                read.CompleteAdding();
                parsing.Wait();
            }
        }

        if (errors.FirstOrDefault(e => e is not null) is { } first)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }

        return pages;
    }

    /// <summary>
    /// Opens an existing record (never creates one) and rebuilds its scenario from the integrated entries; <paramref name="status"/>
    /// (the control areas' ids, to check facts against) says what the world leaves out (entries accepted but not integrated, e.g. after an import was stopped) and whether it is a demo record.
    /// </summary>
    public static Scenario Load(string connection, IReadOnlySet<string>? areaIds, out RecordStatus status)
    {
        var origin = RecordStores.ExistingOrigin(connection)
            ?? throw new NodeException($"--db (--record): no record in {RecordNode.Display(connection)}; create one with 'detente record import'");
        using var store = RecordStores.Open(connection, origin);
        status = new RecordStatus(origin, store.Size, store.PendingCount, DemoKeys.IsDemoOrigin(origin));
        return Load(store, areaIds);
    }

    /// <summary>Every verification step integrated in the record, in log order.</summary>
    public static IEnumerable<Step> StepsOf(IRecordStore store)
    {
        var steps = new List<Step>();
        var size = store.Size;

        // Lateness is judged from the signing time; a demo record's steps are a reconstruction signed long after, so their stated dates stand.
        var signed = !Record.Admission.DemoKeys.IsDemoOrigin(store.Origin);
        foreach (var (index, s) in Integrated(store, size))
        {
            if (StepReader.IsStepKind(s.Kind))
            {
                var step = Located(() => StepReader.Read(s.Kind, s.Author, s.BodyUtf8.ToArray(), $"record entry {index}", index));
                steps.Add(signed ? step with { SignedAt = s.Time } : step);
            }
        }

        return steps;
    }

    /// <summary>The first <paramref name="size"/> integrated statements in log order, read a page at a time through the followers' reader.</summary>
    private static IEnumerable<IntegratedStatement> Integrated(IRecordStore store, long size)
    {
        for (long start = 0; start < size; start += 4096)
        {
            foreach (var statement in IntegratedStatements.Read(store, start, (int)Math.Min(4096, size - start)).Statements)
            {
                yield return statement;
            }
        }
    }

    /// <summary>Located verification data errors in a recorded step become a refusal with their location.</summary>
    private static T Located<T>(Func<T> body)
    {
        try
        {
            return body();
        }
        catch (InputException e)
        {
            throw new NodeException(e.Message);
        }
    }

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
        if (!body.TryGetProperty(ObservationBatches.SourcesMember, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var s in list.EnumerateArray())
        {
            string? Text(string name) => s.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (Text("id") is { Length: > 0 } id && Text("title") is { } title && Text("publisher") is { } publisher && Text("date") is { } date
                && Text("kind") is { } kindWord && Data.Vocabulary.SourceKind.TryGetValue(kindWord, out var kind))
            {
                yield return new Source(new SourceId(id), title, publisher, date, Text("url"), kind);
            }
        }
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
        foreach (var fact in facts.Where(f => f.Kind == StatementKind.ObservationBatch))
        {
            using var body = JsonDocument.Parse(fact.Body);
            foreach (var declared in DeclaredIn(body.RootElement))
            {
                sources.TryAdd(declared.Id, declared);
            }

            var digest = body.RootElement.GetProperty(ObservationBatch.DigestMember).GetString()!;
            var data = batchStore.ReadBatchRows(digest)
                ?? throw new NodeException($"record entry {fact.Index}: the rows of observation batch {digest} are missing; run 'detente record verify'");
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
                added.Add(Librarian.LibrarianParty.AsRecordedBy(new PartyId(fact.Author), observation));
            }
        }

        return added.Count == 0
            ? scenario
            : new Scenario(scenario.Info, sources.Values, scenario.Parties.Values, scenario.Systems.Values, scenario.Sites.Values, scenario.Memberships,
                scenario.Control, scenario.Deployments, scenario.Activities, scenario.Notifications, scenario.Observations.AddRange(added), scenario.Consents);
    }

    /// <summary>One canonical row as an observation.</summary>
    public static Observation ToObservation(ReadOnlySpan<byte> row, string id, long? recordIndex)
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
        // A row's 'where' names the part of its area the estimate covers; without it the estimate covers the whole area.
        return new Observation(new FactId(id), new PartyId(Text("observer")!), new PartyId(Text("party")!), new Period(day, day), Text("where") ?? area,
            area is null ? [] : [new PartyId(area)], point, Text("what")!, quantity, null, Provenance.Observed,
            Evidence.From(new SourceId(Text("source")!), confidence) with { RecordIndex = recordIndex });
    }
}

/// <summary>What a world read from a record leaves out, and whether the record is a demo.</summary>
/// <param name="Origin">The log's origin.</param>
/// <param name="Integrated">Entries in the tree: the world is built from these.</param>
/// <param name="Pending">Entries accepted but not integrated (not yet in the world, not covered by any checkpoint).</param>
/// <param name="Demo">True for a demo record (statements signed with demo keys).</param>
public sealed record RecordStatus(string Origin, long Integrated, long Pending, bool Demo)
{
    /// <summary>The warnings a reader must see.</summary>
    public IEnumerable<string> Warnings
    {
        get
        {
            if (Pending > 0)
            {
                yield return $"the record {Origin} holds {Pending:N0} statements accepted but not integrated (an import or append stopped before "
                             + $"integration?); the world below is built from the {Integrated:N0} integrated ones only: run 'detente record integrate'";
            }

            if (Demo)
            {
                yield return DemoKeys.Warning;
            }
        }
    }

    /// <summary>The <c>record</c> member of JSON output: only when there is something to say.</summary>
    public System.Text.Json.Nodes.JsonObject? Json() => Pending > 0 || Demo
        ? new() { ["origin"] = Origin, ["integrated"] = Integrated, ["pending"] = Pending, ["demo"] = Demo }
        : null;
}
