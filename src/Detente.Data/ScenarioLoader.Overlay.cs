using Detente.Core;
using Detente.Data.Json;

namespace Detente.Data;

/// <summary>
/// Hypothetical facts to lay over a scenario (<c>detente whatif --apply</c>): any of a scenario's kinds, in the scenario format,
/// in one object (<c>{"memberships": [...], "deployments": [...]}</c>).
/// </summary>
/// <param name="Sources">New sources.</param>
/// <param name="Parties">New parties.</param>
/// <param name="Sites">New sites.</param>
/// <param name="Memberships">New memberships.</param>
/// <param name="Control">New control facts.</param>
/// <param name="Deployments">New deployments.</param>
/// <param name="Activities">New activities.</param>
/// <param name="Notifications">New notifications.</param>
/// <param name="Observations">New observations.</param>
public sealed record OverlayFacts(
    IReadOnlyList<Source> Sources,
    IReadOnlyList<Party> Parties,
    IReadOnlyList<Site> Sites,
    IReadOnlyList<Membership> Memberships,
    IReadOnlyList<Control> Control,
    IReadOnlyList<Deployment> Deployments,
    IReadOnlyList<Activity> Activities,
    IReadOnlyList<Notification> Notifications,
    IReadOnlyList<Observation> Observations)
{
    /// <summary>The kinds an overlay may hold, in the order they are read (a fact may name what an earlier kind defines).</summary>
    public static IReadOnlyList<string> Kinds { get; } =
        ["sources", "parties", "sites", "memberships", "control", "deployments", "activities", "notifications", "observations"];

    /// <summary>How many facts the overlay holds.</summary>
    public int Count => Sources.Count + Parties.Count + Sites.Count + Memberships.Count + Control.Count + Deployments.Count + Activities.Count
                        + Notifications.Count + Observations.Count;
}

public static partial class ScenarioLoader
{
    /// <summary>
    /// Reads an overlay file against <paramref name="scenario"/>: every fact is validated by the scenario format's own readers, may
    /// name what the scenario or the overlay defines, and must not reuse an id the scenario or the overlay already holds for its kind.
    /// A problem fails with a <see cref="InputException"/> naming the overlay file, line and column.
    /// </summary>
    /// <param name="scenario">The scenario the facts are laid over.</param>
    /// <param name="path">The overlay file.</param>
    /// <param name="areaIds">The mapped areas control facts may name; null skips that check.</param>
    public static OverlayFacts ReadOverlay(Scenario scenario, string path, IReadOnlySet<string>? areaIds = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(path);
        var file = JsonInput.Read(path, path);
        var kinds = new List<string>();
        var r = new JsonReader(file);
        r.ExpectStartObject(null, "an object of hypothetical facts by kind, like {\"deployments\": [...]}");
        while (r.NextProperty())
        {
            var name = r.PropertyName;
            if (!OverlayFacts.Kinds.Contains(name))
            {
                throw r.Fail(null, $"unknown kind '{name}'" + (Spelling.Nearest(name, OverlayFacts.Kinds) is { } near ? $"; did you mean '{near}'?" : "")
                                   + $"; an overlay holds {string.Join(", ", OverlayFacts.Kinds)}");
            }

            kinds.Add(name);
            r.SkipValue();
        }

        r.ExpectEnd();

        var context = new ScenarioContext(areaIds);
        KindRead<T> Kind<T>(string kind, FactRead<T> read, Func<T, string> idOf, IEnumerable<string> existing)
        {
            var found = kinds.Contains(kind) ? ReadMember(file, kind, read, context) : (Items: new List<T>(), Offsets: new List<long>());
            var result = new KindRead<T>(found.Items, found.Offsets, [.. Enumerable.Repeat(file, found.Items.Count)]);
            CheckUnique(result, idOf);
            var held = existing.ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < result.Items.Count; i++)
            {
                if (held.Contains(idOf(result.Items[i])))
                {
                    throw new InputException(file.Locate(result.Offsets[i]), "id", $"duplicate id '{idOf(result.Items[i])}': the scenario already holds it");
                }
            }

            return result;
        }

        var sources = Kind("sources", FactObjects.Source, s => s.Id.Value, scenario.Sources.Keys.Select(s => s.Value));
        context.AddSources([.. scenario.Sources.Values, .. sources.Items]);
        var parties = Kind("parties", FactObjects.Party, p => p.Id.Code, scenario.Parties.Keys.Select(p => p.Code));
        context.AddParties([.. scenario.Parties.Values, .. parties.Items]);
        CheckWithin(parties, context);
        CheckOrigins(sources, context);
        foreach (var s in scenario.Systems.Values) context.Systems[s.Id.Value] = s;
        var sites = Kind("sites", FactObjects.Site, s => s.Id.Value, scenario.Sites.Keys.Select(s => s.Value));
        foreach (var s in scenario.Sites.Values.Concat(sites.Items)) context.Sites[s.Id.Value] = s;
        var memberships = Kind("memberships", FactObjects.Membership, m => m.Id.Value, scenario.Memberships.Select(m => m.Id.Value));
        var control = Kind("control", FactObjects.Control, c => c.Id.Value, scenario.Control.Select(c => c.Id.Value));
        foreach (var d in scenario.Deployments) context.Deployments.Add(d.Id.Value);
        var deployments = Kind("deployments", FactObjects.Deployment, d => d.Id.Value, context.Deployments);
        foreach (var d in deployments.Items) context.Deployments.Add(d.Id.Value);
        foreach (var a in scenario.Activities) context.Activities.Add(a.Id.Value);
        var activities = Kind("activities", FactObjects.Activity, a => a.Id.Value, context.Activities);
        foreach (var a in activities.Items) context.Activities.Add(a.Id.Value);
        var notifications = Kind("notifications", FactObjects.Notification, n => n.Id.Value, scenario.Notifications.Select(n => n.Id.Value));
        var observations = Kind("observations", FactObjects.Observation, o => o.Id.Value, scenario.Observations.Select(o => o.Id.Value));
        return new OverlayFacts(sources.Items, parties.Items, sites.Items, memberships.Items, control.Items, deployments.Items, activities.Items,
            notifications.Items, observations.Items);
    }

    /// <summary>The records of one member (a list of <paramref name="kind"/>) of an object of several kinds; the other members are skipped.</summary>
    private static (List<T> Items, List<long> Offsets) ReadMember<T>(JsonInput file, string kind, FactRead<T> read, ScenarioContext context)
    {
        var items = new List<T>();
        var offsets = new List<long>();
        var r = new JsonReader(file);
        r.ExpectStartObject(null, "an object of hypothetical facts by kind");
        while (r.NextProperty())
        {
            if (r.PropertyName != kind)
            {
                r.SkipValue();
                continue;
            }

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

        return (items, offsets);
    }
}
