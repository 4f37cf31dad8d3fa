using System.Collections.Immutable;
using Detente.Core;
using Detente.Data.Json;

namespace Detente.Data;

/// <summary>
/// Loads a scenario directory in the <c>detente-scenario/1</c> format (docs/data-format.md), validating every fact.
/// The first problem stops the load with a <see cref="InputException"/>; nothing is half-loaded.
/// </summary>
public static partial class ScenarioLoader
{
    private delegate T FactRead<T>(ref JsonReader reader, ScenarioContext context);

    /// <summary>Loads the scenario at <paramref name="path"/> (a directory or its scenario.json).</summary>
    /// <param name="path">The scenario directory.</param>
    /// <param name="areaIds">The mapped areas control facts may name (from geography); null skips that check.</param>
    public static Scenario Load(string path, IReadOnlySet<string>? areaIds = null) => Load(ScenarioManifest.Read(path), areaIds);

    /// <summary>Loads the scenario a manifest describes.</summary>
    public static Scenario Load(ScenarioManifest manifest, IReadOnlySet<string>? areaIds = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var dir = manifest.Directory;
        var context = new ScenarioContext(areaIds);

        var sources = ReadKind(Shards(dir, "sources"), "sources", FactObjects.Source, context, s => s.Id.Value);
        context.AddSources(sources.Items);
        var parties = ReadKind(Shards(dir, "parties"), "parties", FactObjects.Party, context, p => p.Id.Code);
        context.AddParties(parties.Items);
        CheckWithin(parties, context);
        CheckOrigins(sources, context);

        if (!InputFile.Exists(manifest.CatalogPath))
        {
            throw new InputException(new SourceLocation(Display(manifest.CatalogPath), 0, 0), "catalog", "the catalogue file named by scenario.json does not exist");
        }

        JsonInput[] catalogFile = [JsonInput.Read(manifest.CatalogPath, Display(manifest.CatalogPath))];
        var systems = ReadKind(catalogFile, "systems", FactObjects.System, context, s => s.Id.Value);
        FactObjects.CheckFires(systems.Items, systems.Offsets, catalogFile[0]);
        foreach (var s in systems.Items) context.Systems[s.Id.Value] = s;

        var sites = ReadKind(Shards(dir, "sites"), "sites", FactObjects.Site, context, s => s.Id.Value);
        foreach (var s in sites.Items) context.Sites[s.Id.Value] = s;

        var memberships = ReadKind(Shards(dir, "memberships"), "memberships", FactObjects.Membership, context, m => m.Id.Value);
        var control = ReadKind(Shards(dir, "control"), "control", FactObjects.Control, context, c => c.Id.Value);
        var deployments = ReadKind(Shards(dir, "deployments"), "deployments", FactObjects.Deployment, context, d => d.Id.Value);
        foreach (var d in deployments.Items) context.Deployments.Add(d.Id.Value);
        var activities = ReadKind(Shards(dir, "activities"), "activities", FactObjects.Activity, context, a => a.Id.Value);
        foreach (var a in activities.Items) context.Activities.Add(a.Id.Value);
        var notifications = ReadKind(Shards(dir, "notifications"), "notifications", FactObjects.Notification, context, n => n.Id.Value);
        var observations = ReadKind(Shards(dir, "observations"), "observations", FactObjects.Observation, context, o => o.Id.Value);
        var consents = ReadKind(Shards(dir, "consents"), "consents", FactObjects.Consent, context, c => c.Id.Value);
        CheckConsents(consents, deployments.Items);

        return new Scenario(
            manifest.Info,
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

    /// <summary>A consent that names deployments must name the party's forces in the host state, not someone else's.</summary>
    private static void CheckConsents(KindRead<Consent> consents, IReadOnlyList<Deployment> deployments)
    {
        if (consents.Items.All(c => c.Deployments.IsDefaultOrEmpty))
        {
            return;
        }

        var byId = deployments.ToDictionary(d => d.Id.Value, StringComparer.Ordinal);
        for (var i = 0; i < consents.Items.Count; i++)
        {
            var c = consents.Items[i];
            for (var k = 0; k < c.Deployments.Length; k++)
            {
                var d = byId[c.Deployments[k].Value];
                if (ForcesOutsideConsent(c, k, d.Owner, d.Host) is { } problem)
                {
                    throw new InputException(consents.Files[i].Locate(consents.Offsets[i]), $"deployments[{k}]", problem);
                }
            }
        }
    }

    /// <summary>Why the consent's <paramref name="k"/>th deployment (of <paramref name="owner"/> in <paramref name="host"/>) is not forces it can cover, or null.</summary>
    internal static string? ForcesOutsideConsent(Consent consent, int k, PartyId owner, PartyId host) =>
        owner == consent.Party && host == consent.Host ? null
        : $"deployment '{consent.Deployments[k]}' is {owner}'s forces in {host}; this consent is {consent.Host}'s to {consent.Party}'s forces";

    /// <summary>The files holding one kind: <c>kind.json</c> and its shards <c>kind.*.json</c>, in name order.</summary>
    private static JsonInput[] Shards(string dir, string kind)
    {
        // Every entry, not only files: a directory (or a device) named deployments.json is an error, never an empty kind.
        var names = Directory.EnumerateFileSystemEntries(dir, kind + ".*json")
            .Where(f => Path.GetFileName(f) == kind + ".json" || Path.GetFileName(f).StartsWith(kind + ".", StringComparison.Ordinal) && f.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var files = new JsonInput[names.Length];
        try
        {
            Parallel.For(0, names.Length, i => files[i] = JsonInput.Read(names[i], Display(names[i])));
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<InputException>().FirstOrDefault() is { } first)
        {
            // The first file that cannot be read, in name order, as a located error (not the parallel loop's wrapper).
            throw e.InnerExceptions.OfType<InputException>().OrderBy(x => x.Location.File, StringComparer.Ordinal).First();
        }

        return files;
    }

    private static string Display(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) && relative.Count(c => c == '/') > 3 ? path : relative;
    }

    private sealed record KindRead<T>(List<T> Items, List<long> Offsets, IReadOnlyList<JsonInput> Files);

    private static KindRead<T> ReadKind<T>(JsonInput[] files, string kind, FactRead<T> read, ScenarioContext context, Func<T, string> idOf)
    {
        var parts = new (List<T> Items, List<long> Offsets)[files.Length];
        if (files.Length > 1)
        {
            var errors = new InputException?[files.Length];
            Parallel.For(0, files.Length, i =>
            {
                try
                {
                    parts[i] = ReadFile(files[i], kind, read, context);
                }
                catch (InputException e)
                {
                    errors[i] = e;
                }
            });
            if (errors.FirstOrDefault(e => e is not null) is { } first)
            {
                throw first;
            }
        }
        else if (files.Length == 1)
        {
            parts[0] = ReadFile(files[0], kind, read, context);
        }

        var inputs = new List<JsonInput>();
        var result = new KindRead<T>(new List<T>(parts.Sum(p => p.Items.Count)), [], inputs);
        for (var i = 0; i < parts.Length; i++)
        {
            result.Items.AddRange(parts[i].Items);
            result.Offsets.AddRange(parts[i].Offsets);
            inputs.AddRange(Enumerable.Repeat(files[i], parts[i].Items.Count));
        }

        CheckUnique(result, idOf);
        return result;
    }

    private static (List<T> Items, List<long> Offsets) ReadFile<T>(JsonInput file, string kind, FactRead<T> read, ScenarioContext context)
    {
        var items = new List<T>();
        var offsets = new List<long>();
        var r = new JsonReader(file);
        r.ExpectStartObject(null, $"an object like {{\"{kind}\": [...]}}");
        var seen = false;
        while (r.NextProperty())
        {
            if (!r.Is(System.Text.Encoding.UTF8.GetBytes(kind)))
            {
                throw r.UnknownField("", [kind]);
            }

            seen = true;
            r.ExpectStartArray(kind, $"the list of {kind}");
            while (r.NextElement())
            {
                if (r.TokenType != System.Text.Json.JsonTokenType.StartObject)
                {
                    throw r.Fail($"{kind}[{items.Count}]", $"expected an object, found {r.Describe()}");
                }

                offsets.Add(r.TokenStart);
                items.Add(read(ref r, context));
            }
        }

        r.ExpectEnd();
        return seen ? (items, offsets) : throw r.FailAt(0, null, $"missing field '{kind}'");
    }

    private static void CheckUnique<T>(KindRead<T> read, Func<T, string> idOf)
    {
        var ids = new HashSet<string>(read.Items.Count, StringComparer.Ordinal);
        for (var i = 0; i < read.Items.Count; i++)
        {
            var id = idOf(read.Items[i]);
            if (!ids.Add(id))
            {
                var first = read.Items.FindIndex(item => idOf(item) == id);
                throw new InputException(
                    read.Files[i].Locate(read.Offsets[i]), "id", Messages.Duplicate(id, read.Files[first].Locate(read.Offsets[first])));
            }
        }
    }

    /// <summary>A source's origin, when it names a party, names one the scenario knows (sources are read before parties).</summary>
    private static void CheckOrigins(KindRead<Source> sources, ScenarioContext context)
    {
        for (var i = 0; i < sources.Items.Count; i++)
        {
            if (sources.Items[i].Origin is { } origin && origin is not ("independent" or "international") && !context.TryGetParty(origin, out _))
            {
                throw new InputException(sources.Files[i].Locate(sources.Offsets[i]), "origin", Messages.Unknown("party", origin, context.PartyCodes));
            }
        }
    }

    private static void CheckWithin(KindRead<Party> parties, ScenarioContext context)
    {
        for (var i = 0; i < parties.Items.Count; i++)
        {
            if (parties.Items[i].Within is { } within && !context.TryGetParty(within.Code, out _))
            {
                throw new InputException(parties.Files[i].Locate(parties.Offsets[i]), "within", Messages.Unknown("party", within.Code, context.PartyCodes));
            }
        }
    }
}
