using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Detente.Core;
using Detente.Data.Json;

namespace Detente.Data;

/// <summary>The loader's side of the record (the log): a scenario's facts as statements, and a scenario rebuilt from statements.</summary>
public static partial class ScenarioLoader
{
    private static readonly (StatementKind Kind, string File)[] DirectoryKinds =
    [
        (StatementKind.Source, "sources"), (StatementKind.Party, "parties"), (StatementKind.Site, "sites"), (StatementKind.MembershipEvent, "memberships"),
        (StatementKind.Control, "control"), (StatementKind.DeploymentDeclaration, "deployments"), (StatementKind.Activity, "activities"),
        (StatementKind.Notification, "notifications"), (StatementKind.Observation, "observations"), (StatementKind.Consent, "consents"),
    ];

    /// <summary>
    /// Every fact of the scenario a manifest describes, as JSON objects in dependency order (scenario, sources, parties, systems,
    /// sites, then the dated facts). The scenario is loaded and validated first, so a bad file fails here with its location.
    /// </summary>
    public static IReadOnlyList<ScenarioFact> Facts(ScenarioManifest manifest, IReadOnlySet<string>? areaIds = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        Load(manifest, areaIds);
        var facts = new List<ScenarioFact>();
        var info = new Dictionary<string, string?> { ["id"] = manifest.Info.Id, ["title"] = manifest.Info.Title };
        if (manifest.Info.Description is { } description)
        {
            info["description"] = description;
        }

        facts.Add(new ScenarioFact(StatementKind.Scenario, manifest.Info.Id, JsonSerializer.SerializeToUtf8Bytes(info), null));
        foreach (var (kind, file) in DirectoryKinds)
        {
            foreach (var shard in Shards(manifest.Directory, file))
            {
                AddFacts(facts, shard.Memory, file, kind);
            }

            if (kind == StatementKind.Party)
            {
                AddFacts(facts, JsonInput.Read(manifest.CatalogPath, Display(manifest.CatalogPath)).Memory, "systems", StatementKind.System);
            }
        }

        // The record admits a statement only when what it names is stated before it: a party before those 'within' it, a system
        // before the launchers that fire it.
        return [.. ReferencedFirst(ReferencedFirst(facts, StatementKind.Party, "within"), StatementKind.System, "fires")];
    }

    /// <summary>Reorders the facts of one kind so that each comes after the facts of that kind it names in <paramref name="member"/>.</summary>
    private static List<ScenarioFact> ReferencedFirst(List<ScenarioFact> facts, StatementKind kind, string member)
    {
        var ofKind = facts.Where(f => f.Kind == kind).ToList();
        var byId = ofKind.ToDictionary(f => f.Id, StringComparer.Ordinal);
        var ordered = new List<ScenarioFact>(ofKind.Count);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        void Place(ScenarioFact fact)
        {
            if (placed.Contains(fact.Id) || !visiting.Add(fact.Id))
            {
                return; // placed already, or a cycle (the loader reports it)
            }

            using (var doc = JsonDocument.Parse(fact.Json))
            {
                foreach (var named in Named(doc.RootElement, member))
                {
                    if (byId.TryGetValue(named, out var other))
                    {
                        Place(other);
                    }
                }
            }

            placed.Add(fact.Id);
            ordered.Add(fact);
        }

        ofKind.ForEach(Place);
        var next = 0;
        return [.. facts.Select(f => f.Kind == kind ? ordered[next++] : f)];
    }

    private static IEnumerable<string> Named(JsonElement element, string member)
    {
        if (!element.TryGetProperty(member, out var value))
        {
            yield break;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            yield return value.GetString()!;
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("system", out var s) && s.ValueKind == JsonValueKind.String)
                {
                    yield return s.GetString()!;
                }
            }
        }
    }

    private static void AddFacts(List<ScenarioFact> facts, ReadOnlyMemory<byte> bytes, string member, StatementKind kind)
    {
        using var document = JsonDocument.Parse(bytes);
        foreach (var element in document.RootElement.GetProperty(member).EnumerateArray())
        {
            var id = element.GetProperty("id").GetString()!;
            var provenance = element.TryGetProperty("provenance", out var p) ? p.GetString() : null;
            string? author = (kind, provenance) switch
            {
                // The librarian (a null author) asserts only reported facts; every other fact is its author's own statement.
                (StatementKind.Observation, "reported") => null,
                (StatementKind.Observation, _) => element.GetProperty("observer").GetString(),
                (StatementKind.Notification, _) => element.GetProperty("notifier").GetString(),
                (StatementKind.DeploymentDeclaration, "declared") => element.GetProperty("owner").GetString(),
                (StatementKind.Consent, "declared") => element.GetProperty("host").GetString(),
                (StatementKind.DeploymentDeclaration or StatementKind.Consent, "observed" or "inspected") => throw new InputException(
                    new SourceLocation(member + ".json", 0, 0), "provenance",
                    $"{kind.WireName()} '{id}' is {provenance}, but the record has no author for it: the librarian asserts only reported facts; " +
                    "record it as 'reported' with its sources, or state it in the observer's name as an observation"),
                _ => null,
            };
            facts.Add(new ScenarioFact(kind, id, Encoding.UTF8.GetBytes(element.GetRawText()), author));
        }
    }

    /// <summary>
    /// Builds a scenario from facts read out of the record, with the same validating readers as <see cref="Load(ScenarioManifest, IReadOnlySet{string}?)"/>.
    /// Facts of other kinds (keys, positions, ...) are ignored. Each fact's <see cref="Evidence.RecordIndex"/> is its log index.
    /// A bad fact fails with a <see cref="InputException"/> located at <c>record entry N:line:column</c>.
    /// </summary>
    public static Scenario FromStatements(IEnumerable<RecordedFact> facts, IReadOnlySet<string>? areaIds = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var byKind = ByKind(facts);
        List<RecordedFact> Of(StatementKind kind) => byKind.TryGetValue(kind, out var list) ? list : [];
        var context = new ScenarioContext(areaIds);

        var info = new ScenarioInfo("record", "The world from the record", null);
        if (Of(StatementKind.Scenario).LastOrDefault() is { } scenarioFact)
        {
            info = ReadInfo(scenarioFact);
        }

        // Each fact's evidence gets its log index as it is read, so the fact read first is short-lived garbage, not a second copy
        // kept until the scenario is built.
        var sources = ReadFacts(Of(StatementKind.Source), "sources", FactObjects.Source, context, s => s.Id.Value, static (s, _) => s);
        context.AddSources(sources.Items);
        var parties = ReadFacts(Of(StatementKind.Party), "parties", FactObjects.Party, context, p => p.Id.Code,
            static (p, index) => p.Evidence is null ? p : p with { Evidence = p.Evidence with { RecordIndex = index } });
        context.AddParties(parties.Items);
        CheckWithin(parties, context);
        CheckOrigins(sources, context);

        var systems = ReadFacts(Of(StatementKind.System), "systems", FactObjects.System, context, s => s.Id.Value,
            static (s, index) => s with { Evidence = s.Evidence with { RecordIndex = index } });
        var systemIds = systems.Items.Select(s => s.Id).ToHashSet();
        for (var i = 0; i < systems.Items.Count; i++)
        {
            if (systems.Items[i].Fires.FirstOrDefault(f => !systemIds.Contains(f.System)) is { } fire)
            {
                throw new InputException(systems.Files[i].Locate(0), "fires",
                    $"system '{systems.Items[i].Id}' fires {Messages.Unknown("system", fire.System.Value, systemIds.Select(s => s.Value))}");
            }
        }

        foreach (var s in systems.Items) context.Systems[s.Id.Value] = s;
        var sites = ReadFacts(Of(StatementKind.Site), "sites", FactObjects.Site, context, s => s.Id.Value,
            static (s, index) => s with { Evidence = s.Evidence with { RecordIndex = index } });
        foreach (var s in sites.Items) context.Sites[s.Id.Value] = s;
        var memberships = ReadFacts(Of(StatementKind.MembershipEvent), "memberships", FactObjects.Membership, context, m => m.Id.Value,
            static (m, index) => m with { Evidence = m.Evidence with { RecordIndex = index } });
        var control = ReadFacts(Of(StatementKind.Control), "control", FactObjects.Control, context, c => c.Id.Value,
            static (c, index) => c with { Evidence = c.Evidence with { RecordIndex = index } });
        var deployments = ReadFacts(Of(StatementKind.DeploymentDeclaration), "deployments", FactObjects.Deployment, context, d => d.Id.Value,
            static (d, index) => d with { Evidence = d.Evidence with { RecordIndex = index } });
        context.Deployments.EnsureCapacity(deployments.Items.Count);
        foreach (var d in deployments.Items) context.Deployments.Add(d.Id.Value);
        var activities = ReadFacts(Of(StatementKind.Activity), "activities", FactObjects.Activity, context, a => a.Id.Value,
            static (a, index) => a with { Evidence = a.Evidence with { RecordIndex = index } });
        context.Activities.EnsureCapacity(activities.Items.Count);
        foreach (var a in activities.Items) context.Activities.Add(a.Id.Value);
        var notifications = ReadFacts(Of(StatementKind.Notification), "notifications", FactObjects.Notification, context, n => n.Id.Value,
            static (n, index) => n with { Evidence = n.Evidence with { RecordIndex = index } });
        var observations = ReadFacts(Of(StatementKind.Observation), "observations", FactObjects.Observation, context, o => o.Id.Value,
            static (o, index) => o with { Evidence = o.Evidence with { RecordIndex = index } });
        var consents = ReadFacts(Of(StatementKind.Consent), "consents", FactObjects.Consent, context, c => c.Id.Value,
            static (c, index) => c with { Evidence = c.Evidence with { RecordIndex = index } });
        CheckConsents(consents, deployments.Items);

        return new Scenario(
            info,
            sources.Items,
            parties.Items,
            systems.Items,
            sites.Items,
            [.. memberships.Items],
            [.. control.Items],
            [.. deployments.Items],
            [.. activities.Items],
            [.. notifications.Items],
            [.. observations.Items],
            [.. consents.Items]);
    }

    /// <summary>The facts of each kind in log order (one pass; sorted only if they did not arrive in log order).</summary>
    private static Dictionary<StatementKind, List<RecordedFact>> ByKind(IEnumerable<RecordedFact> facts)
    {
        var byKind = new Dictionary<StatementKind, List<RecordedFact>>();
        var unsorted = new HashSet<StatementKind>();
        foreach (var fact in facts)
        {
            if (!byKind.TryGetValue(fact.Kind, out var list))
            {
                byKind[fact.Kind] = list = [];
            }
            else if (list[^1].Index > fact.Index)
            {
                unsorted.Add(fact.Kind);
            }

            list.Add(fact);
        }

        foreach (var kind in unsorted)
        {
            byKind[kind] = [.. byKind[kind].OrderBy(f => f.Index)];
        }

        return byKind;
    }

    private static ScenarioInfo ReadInfo(RecordedFact fact)
    {
        var r = new JsonReader(Input(fact));
        r.ExpectStartObject(null, "the scenario's id, title and description");
        string? id = null, title = null, description = null;
        while (r.NextProperty())
        {
            if (r.Is("id"u8)) id = r.ReadSlug("id", "scenario");
            else if (r.Is("title"u8)) title = r.ReadString("title");
            else if (r.Is("description"u8)) description = r.ReadString("description");
            else throw r.UnknownField("", ["id", "title", "description"]);
        }

        r.ExpectEnd();
        return new ScenarioInfo(FactObjects.Required(ref r, 0, id, "id"), FactObjects.Required(ref r, 0, title, "title"), description);
    }

    private static string EntryName(long index) => $"record entry {index.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    // Facts read in one run, in log order; a kind with more is read in runs side by side.
    private const int FactRun = 8192;

    // Each fact is its own "file" (named after its log entry) starting at offset 0, so errors locate inside the entry's body. The
    // inputs are made again when a check after the reading needs one (they all locate at offset 0), not kept for every fact. The
    // readers only look the context up (its shared evidence is a concurrent dictionary), as ReadKind's readers of data files do
    // side by side; of several bad facts the first in log order is the one reported, as when read one after another.
    private static KindRead<T> ReadFacts<T>(List<RecordedFact> facts, string kind, FactRead<T> read, ScenarioContext context, Func<T, string> idOf,
        Func<T, long, T> indexed)
    {
        var items = new T[facts.Count];
        void ReadRun(int run)
        {
            for (int i = run * FactRun, end = Math.Min(facts.Count, i + FactRun); i < end; i++)
            {
                var fact = facts[i];
                var r = new JsonReader(Input(fact));
                r.ExpectStartObject(kind, "a fact object");
                items[i] = indexed(read(ref r, context), fact.Index);
                r.ExpectEnd();
            }
        }

        var runs = (facts.Count + FactRun - 1) / FactRun;
        if (runs > 1)
        {
            var errors = new Exception?[runs];
            Parallel.For(0, runs, run =>
            {
                try
                {
                    ReadRun(run);
                }
                catch (Exception e)
                {
                    errors[run] = e;
                }
            });
            if (errors.FirstOrDefault(e => e is not null) is { } first)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
            }
        }
        else if (runs == 1)
        {
            ReadRun(0);
        }

        var result = new KindRead<T>(new List<T>(items), new List<long>(new long[items.Length]), new EntryInputs(facts));
        CheckUniqueInRecord(result, idOf);
        return result;
    }

    /// <summary>A recorded fact's body as the input its reader locates errors in (its own array when the body is one whole array).</summary>
    internal static JsonInput Input(RecordedFact fact)
    {
        var body = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(fact.Body, out var segment)
            && segment.Offset == 0 && segment.Count == segment.Array!.Length ? segment.Array : fact.Body.ToArray();
        return JsonInput.Of(body, EntryName(fact.Index));
    }

    /// <summary>The inputs of recorded facts, made when asked for.</summary>
    private sealed class EntryInputs(List<RecordedFact> facts) : IReadOnlyList<JsonInput>
    {
        public JsonInput this[int index] => Input(facts[index]);

        public int Count => facts.Count;

        public IEnumerator<JsonInput> GetEnumerator() => facts.Select(Input).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static void CheckUniqueInRecord<T>(KindRead<T> read, Func<T, string> idOf)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < read.Items.Count; i++)
        {
            var id = idOf(read.Items[i]);
            if (!first.TryAdd(id, i))
            {
                throw new InputException(read.Files[i].Locate(0), "id", Messages.Duplicate(id, read.Files[first[id]].Locate(0)));
            }
        }
    }
}
