using System.Collections.Frozen;
using System.Collections.Immutable;
using Detente.Core;
using Detente.Data.Json;

namespace Detente.Verification.Regimes;

/// <summary>A source a regimes file cites.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Title">Its title.</param>
/// <param name="Url">Where it can be read.</param>
public sealed record RegimeSource(string Id, string Title, string? Url);

/// <summary>Units a state reported for a year, from which an evaluation-visit quota is computed.</summary>
/// <param name="Party">The reporting state.</param>
/// <param name="Year">The year.</param>
/// <param name="Units">How many units.</param>
/// <param name="Source">Source id.</param>
/// <param name="Confidence">Confidence.</param>
public sealed record ReportedUnits(PartyId Party, int Year, int Units, string Source, Confidence Confidence);

/// <summary>
/// The regimes of a <c>detente-regimes/1</c> file (see docs/verification.md). Loading checks every field, every parameter
/// name, and, given a scenario, every party, site and system; an error names file, line, column and field.
/// </summary>
public sealed class RegimeCatalog
{
    /// <summary>The format tag of a regimes file.</summary>
    public const string Format = "detente-regimes/1";

    /// <summary>The parameters a regime may set (their meaning is fixed in code; their values are data).</summary>
    public static readonly FrozenSet<string> ParameterNames = new[]
    {
        RegimeParameters.QuotaPerReceivingState, RegimeParameters.QuotaPerInspectingState, RegimeParameters.UnitsPerVisit,
        RegimeParameters.MaxVisitsPerYear, RegimeParameters.InspectingShare, RegimeParameters.NoticeHours, RegimeParameters.AnswerHours,
        RegimeParameters.TeamSize, RegimeParameters.DurationHours, RegimeParameters.ResponseHours, RegimeParameters.ReciprocityMaxLead,
        RegimeParameters.ObservationTroops, RegimeParameters.MeetingHours,
    }.ToFrozenSet(StringComparer.Ordinal);

    private RegimeCatalog(ImmutableArray<Regime> regimes, ImmutableArray<RegimeSource> sources, ImmutableArray<ReportedUnits> units)
    {
        All = regimes;
        Sources = sources;
        Units = units;
        ById = regimes.ToFrozenDictionary(r => r.Id, StringComparer.Ordinal);
    }

    /// <summary>Every regime, in file order.</summary>
    public ImmutableArray<Regime> All { get; }

    /// <summary>The sources cited.</summary>
    public ImmutableArray<RegimeSource> Sources { get; }

    /// <summary>Reported unit counts for evaluation-visit quotas.</summary>
    public ImmutableArray<ReportedUnits> Units { get; }

    /// <summary>Regimes by id.</summary>
    public FrozenDictionary<string, Regime> ById { get; }

    /// <summary>The regime called <paramref name="id"/>, or null.</summary>
    public Regime? Find(string id) => ById.GetValueOrDefault(id);

    /// <summary>Loads a regimes file; <paramref name="scenario"/>, when given, checks parties, sites and systems exist.</summary>
    public static RegimeCatalog Load(string path, string displayPath, Scenario? scenario = null) =>
        Read(LocatedJson.Load(path, displayPath), scenario);

    /// <summary>Parses a regimes document from UTF-8 bytes.</summary>
    public static RegimeCatalog Parse(byte[] utf8, string displayPath, Scenario? scenario = null) =>
        Read(LocatedJson.Parse(utf8, displayPath), scenario);

    private static RegimeCatalog Read(LocatedJson root, Scenario? scenario)
    {
        root.ExpectObject("format", "description", "sources", "reported_units", "regimes");
        var format = root.Required("format");
        if (format.String() != Format)
        {
            throw format.Fail($"expected '{Format}', found '{format.Text}'");
        }

        var sources = ImmutableArray.CreateBuilder<RegimeSource>();
        foreach (var s in Array(root.Required("sources")))
        {
            s.ExpectObject("id", "title", "url", "publisher", "date");
            var id = s.Required("id");
            if (sources.Any(x => x.Id == id.String()))
            {
                throw id.Fail($"source '{id.Text}' appears twice");
            }

            sources.Add(new RegimeSource(id.String(), s.Required("title").String(), s.Find("url")?.String()));
        }

        var sourceIds = sources.Select(s => s.Id).ToArray();
        var context = new Context(sourceIds, scenario);
        var units = ImmutableArray.CreateBuilder<ReportedUnits>();
        if (root.Find("reported_units") is { } unitsNode)
        {
            foreach (var u in Array(unitsNode))
            {
                u.ExpectObject("party", "year", "units", "source", "confidence", "note");
                units.Add(new ReportedUnits(context.Party(u.Required("party")), u.Required("year").Int(1990, 2100), u.Required("units").Int(0),
                    context.Source(u.Required("source")), Confidence(u.Required("confidence"))));
            }
        }

        var regimes = ImmutableArray.CreateBuilder<Regime>();
        foreach (var r in Array(root.Required("regimes")))
        {
            var regime = ReadRegime(r, context);
            if (regimes.Any(x => x.Id == regime.Id))
            {
                throw r.Required("id").Fail($"regime '{regime.Id}' appears twice");
            }

            regimes.Add(regime);
        }

        return new RegimeCatalog(regimes.ToImmutable(), sources.ToImmutable(), units.ToImmutable());
    }

    private static ImmutableArray<LocatedJson> Array(LocatedJson node) =>
        node.Kind == System.Text.Json.JsonValueKind.Array ? node.Items : throw node.Fail($"expected an array, found {node.Describe()}");

    private static Confidence Confidence(LocatedJson node) =>
        node.Word("verified", "recalled", "uncertain", "disputed") switch
        {
            "verified" => Core.Confidence.Verified,
            "recalled" => Core.Confidence.Recalled,
            "uncertain" => Core.Confidence.Uncertain,
            _ => Core.Confidence.Disputed,
        };

    private static Regime ReadRegime(LocatedJson r, Context context)
    {
        r.ExpectObject("id", "title", "kind", "hypothetical", "activation", "from", "sides", "checks", "parameters", "clause", "sources", "note");
        var id = r.Required("id").String();
        if (!Slug.IsValid(id))
        {
            throw r.Required("id").Fail($"'{id}' is not an id: expected lower-case a-z, 0-9, '-', '.' or '_'");
        }

        var kind = r.Required("kind").Word("inspection", "evaluation-visit", "observation", "consultation") switch
        {
            "inspection" => RegimeKind.Inspection,
            "evaluation-visit" => RegimeKind.EvaluationVisit,
            "observation" => RegimeKind.Observation,
            _ => RegimeKind.Consultation,
        };
        var activation = r.Find("activation") is { } a
            ? a.Word("always", "all-designations") == "always" ? RegimeActivation.Always : RegimeActivation.AllDesignations
            : RegimeActivation.Always;
        var sides = ImmutableArray.CreateBuilder<RegimeSide>();
        if (r.Find("sides") is { } sidesNode)
        {
            foreach (var s in Array(sidesNode))
            {
                var side = ReadSide(s, context);
                if (sides.Any(x => x.Id == side.Id))
                {
                    throw s.Required("id").Fail($"side '{side.Id}' appears twice");
                }

                sides.Add(side);
            }
        }

        if (kind is RegimeKind.Inspection or RegimeKind.EvaluationVisit && sides.Count == 0)
        {
            throw r.Fail("an inspection or evaluation-visit regime needs at least one side ('sides')");
        }

        if (sides.Count > 2)
        {
            throw r.Required("sides").Fail("expected one side (multilateral) or two (reciprocal)");
        }

        if (activation == RegimeActivation.AllDesignations && sides.All(s => s.Designation is null))
        {
            throw r.Required("activation").Fail("'all-designations' needs at least one side with a 'designation'");
        }

        var checks = ImmutableArray.CreateBuilder<RegimeCheck>();
        if (r.Find("checks") is { } checksNode)
        {
            foreach (var c in Array(checksNode))
            {
                c.ExpectObject("id", "kind", "system", "clause", "description");
                var checkKind = c.Required("kind").Word("system-presence", "launcher-count", "launcher-configuration", "other") switch
                {
                    "system-presence" => CheckKind.SystemPresence,
                    "launcher-count" => CheckKind.LauncherCount,
                    "launcher-configuration" => CheckKind.LauncherConfiguration,
                    _ => CheckKind.Other,
                };
                SystemId? system = c.Find("system") is { } sys ? context.System(sys) : null;
                if (checkKind is CheckKind.SystemPresence or CheckKind.LauncherCount && system is null)
                {
                    throw c.Fail($"a '{c.Required("kind").Text}' check needs a 'system'");
                }

                var checkId = c.Required("id").String();
                if (!ClauseId.TryParse($"{id}/{checkId}", out _))
                {
                    throw c.Required("id").Fail($"'{checkId}' is not a check id: expected 1 to 100 of A-Z, a-z, 0-9, '.', '-' or '_'");
                }

                if (checks.Any(x => x.Id == checkId))
                {
                    throw c.Required("id").Fail($"check '{checkId}' appears twice");
                }

                checks.Add(new RegimeCheck(checkId, checkKind, system, Clause(c.Find("clause")), c.Required("description").String()));
            }
        }

        var parameters = new Dictionary<string, RegimeParameter>(StringComparer.Ordinal);
        var paramsNode = r.Required("parameters").ExpectObject([.. ParameterNames]);
        foreach (var (name, p) in paramsNode.Members)
        {
            p.ExpectObject("value", "paragraph", "source", "confidence", "choice", "note");
            var valueNode = p.Required("value");
            if (valueNode.Kind != System.Text.Json.JsonValueKind.Number
                || !double.TryParse(valueNode.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
                || value < 0)
            {
                throw valueNode.Fail($"expected a number from 0, found {valueNode.Describe()}");
            }

            var choice = p.Find("choice") is { } ch && ch.Word("detente", "text") == "detente";
            var paragraph = p.Find("paragraph")?.String();
            if (!choice && paragraph is null)
            {
                throw p.Fail("a parameter needs its 'paragraph', or \"choice\": \"detente\" when the text leaves it open");
            }

            parameters[name] = new RegimeParameter(name, value, paragraph, context.Source(p.Required("source")), Confidence(p.Required("confidence")),
                choice, p.Find("note")?.String());
        }

        return new Regime(id, r.Required("title").String(), kind, r.Find("hypothetical")?.Bool() ?? false, activation,
            r.Find("from")?.Date() ?? DateOnly.MinValue, sides.ToImmutable(), checks.ToImmutable(), parameters.ToFrozenDictionary(StringComparer.Ordinal),
            Clause(r.Find("clause")), [.. r.Required("sources").Strings().Select((s, i) => context.Source(r.Required("sources").Items[i]))],
            r.Find("note")?.String());
    }

    private static RegimeSide ReadSide(LocatedJson s, Context context)
    {
        s.ExpectObject("id", "inspecting", "receiving", "sites", "designation", "note");
        var inspecting = PartiesOrAny(s.Required("inspecting"), "any-other", context);
        var receiving = PartiesOrAny(s.Required("receiving"), "any", context);
        var sitesNode = s.Find("sites");
        ImmutableArray<SiteId> sites = sitesNode is null || sitesNode.Kind == System.Text.Json.JsonValueKind.String && sitesNode.Word("any", "designated") is not null
            ? []
            : [.. Array(sitesNode).Select(context.Site)];
        DesignationRule? designation = null;
        if (s.Find("designation") is { } d)
        {
            d.ExpectObject("by", "count", "hosts", "site_kinds");
            var hosts = d.Find("hosts") is { } h ? h.Strings().Select((_, i) => context.Party(h.Items[i])).ToImmutableArray() : [];
            var kinds = d.Find("site_kinds") is { } k ? k.Items.Select(Kind).ToImmutableArray() : [];
            designation = new DesignationRule(context.Party(d.Required("by")), d.Required("count").Int(1, 100), hosts, kinds);
            if (hosts.IsEmpty && sites.IsEmpty)
            {
                throw d.Fail("a designation needs 'hosts' (where sites may be designated) or the side's fixed 'sites'");
            }
        }

        if (sitesNode is { Kind: System.Text.Json.JsonValueKind.String, Text: "designated" } && designation is null)
        {
            throw sitesNode.Fail("'designated' sites need a 'designation'");
        }

        return new RegimeSide(s.Required("id").String(), inspecting, receiving, sites, designation);
    }

    private static SiteKind Kind(LocatedJson node)
    {
        string[] words = ["air-base", "army-base", "naval-base", "missile-defence", "missile-base", "nuclear-storage", "training-ground", "radar"];
        return (SiteKind)global::System.Array.IndexOf(words, node.Word(words));
    }

    private static ImmutableArray<PartyId> PartiesOrAny(LocatedJson node, string anyWord, Context context)
    {
        if (node.Kind == System.Text.Json.JsonValueKind.String)
        {
            // The only word allowed here means "no restriction", which an empty list stands for.
            node.Word(anyWord);
            return [];
        }

        return [.. Array(node).Select(context.Party)];
    }

    /// <summary>What references are checked against.</summary>
    private sealed class Context(string[] sources, Scenario? scenario)
    {
        public string Source(LocatedJson node)
        {
            var id = node.String();
            return global::System.Array.IndexOf(sources, id) >= 0
                ? id
                : throw node.Fail($"unknown source '{id}'{Spelling.Suggestion(id, sources)}; list it under 'sources'");
        }

        public PartyId Party(LocatedJson node)
        {
            var code = node.String();
            if (!PartyId.IsValidCode(code))
            {
                throw node.Fail($"'{code}' is not a party code (upper-case alpha-3 or alliance code)");
            }

            var party = new PartyId(code);
            if (scenario is not null && !scenario.Parties.ContainsKey(party))
            {
                throw node.Fail($"unknown party '{code}'{Spelling.Suggestion(code, scenario.Parties.Keys.Select(p => p.Code))}");
            }

            return party;
        }

        public SiteId Site(LocatedJson node)
        {
            var id = node.String();
            if (!Slug.IsValid(id))
            {
                throw node.Fail($"'{id}' is not a site id");
            }

            var site = new SiteId(id);
            if (scenario is not null && !scenario.Sites.ContainsKey(site))
            {
                throw node.Fail($"unknown site '{id}'{Spelling.Suggestion(id, scenario.Sites.Keys.Select(p => p.Value))}");
            }

            return site;
        }

        public SystemId System(LocatedJson node)
        {
            var id = node.String();
            if (!Slug.IsValid(id))
            {
                throw node.Fail($"'{id}' is not a system id");
            }

            var system = new SystemId(id);
            if (scenario is not null && !scenario.Systems.ContainsKey(system))
            {
                throw node.Fail($"unknown system '{id}'{Spelling.Suggestion(id, scenario.Systems.Keys.Select(p => p.Value))}");
            }

            return system;
        }
    }

    // A finding of a regime names its clause: the text must be a clause id (agreement/article), checked where it is written.
    private static string? Clause(LocatedJson? node) =>
        node is null ? null
        : ClauseId.TryParse(node.String(), out var clause) ? clause.ToString()
        : throw node.Fail($"'{node.Text}' is not a clause id: expected <agreement>/<article> or <agreement>/<article>.<n>, e.g. us-2022-response/2.1");
}
