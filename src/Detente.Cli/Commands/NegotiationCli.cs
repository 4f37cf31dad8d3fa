using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Negotiation;
using Detente.Negotiation.Analysis;
using Detente.Rules.Measures;
using Detente.Rules.Runtime;
using Detente.Data;

namespace Detente.Cli.Commands;

/// <summary>What the negotiation verbs share: the data directory option, loading with located errors, and JSON and text shapes.</summary>
internal static class NegotiationCli
{
    public static Option<string?> DataOption() => new("--negotiation")
    {
        Description = "The directory holding issues.json, positions.json and sources.json (default: data/negotiation).",
    };

    public static string Directory(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) ?? Path.Combine(Paths.DataDirectory(), "negotiation");

    /// <summary>Loads the data; bad input becomes the CLI's data error (exit code 2, file:line:column).</summary>
    public static NegotiationData Load(string directory)
    {
        return NegotiationData.Load(directory);
    }

    /// <summary>
    /// Compiles every issue's measure against the session's geography, parties and the shipped agreements (which measures read
    /// with in-force and parameter); a bad measure or agreement is a data error at its file, line and column.
    /// </summary>
    public static IssueMeasures Measures(Session session, NegotiationData data)
    {
        var geo = session.Manifest.GeoDirectory;
        var regionsPath = Path.Combine(geo, Geo.Regions.FileName);
        var geography = new RuleGeography(session.Atlas, Core.InputFile.Exists(regionsPath) ? Geo.Regions.Load(regionsPath, session.Atlas) : null);
        var parties = new SortedSet<string>(session.Scenario.Parties.Keys.Select(p => p.Code), StringComparer.Ordinal);
        var environment = MeasureEnvironment.Over(geography, parties);
        try
        {
            environment.ReadAgreements(RulesContext.AgreementsDirectory(null));
            return IssueMeasures.Compile(data, environment);
        }
        catch (InputException e) when (e.Diagnostics.Length > 1)
        {
            // The first problem of a measure is the one to fix; the others often follow from it.
            throw new InputException(e.First);
        }
    }

    /// <summary>
    /// The status quo of every issue in the session's world on <paramref name="day"/>; a measure out of its domain is a data error.
    /// </summary>
    public static IReadOnlyList<(Issue Issue, IssueValue? Value)> StatusQuo(
        Session session, NegotiationData data, IssueMeasures measures, DateOnly day)
    {
        return measures.StatusQuo(data, session.Scenario.At(day));
    }

    /// <summary>The issues whose status quo on <paramref name="day"/> is one value (disputed and unknown ones stay open).</summary>
    public static Dictionary<IssueId, int> StatusQuoValues(Session session, NegotiationData data, DateOnly day) =>
        StatusQuo(session, data, Measures(session, data), day).Where(x => x.Value?.Value is not null)
            .ToDictionary(x => x.Issue.Id, x => x.Value!.Value.Value!.Value);

    /// <summary>A status-quo value in words: the value, or "disputed: a or b", or "unknown".</summary>
    public static string Describe(Issue issue, IssueValue? value) => value switch
    {
        { Value: { } v } => issue.Describe(v),
        { Candidates.IsDefaultOrEmpty: false } c => $"{c.Basis}: {string.Join(" or ", c.Candidates.Select(issue.Describe))}",
        { } c => c.Basis,
        null => "unknown",
    };

    public static IReadOnlyList<PartyId> Parties(string? text, NegotiationData data)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var known = data.Parties.ToList();
        var list = new List<PartyId>();
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var code = raw.ToUpperInvariant();
            if (!PartyId.IsValidCode(code) || !known.Contains(new PartyId(code)))
            {
                var near = Spelling.Nearest(code, known.Select(p => p.Code));
                throw new UsageException($"--parties: no positions recorded for '{raw}'" + (near is null ? "" : $"; did you mean '{near}'?") +
                                         $" (parties with positions: {string.Join(", ", known)})");
            }

            list.Add(new PartyId(code));
        }

        return list;
    }

    public static Position Position(NegotiationData data, string id, string what)
    {
        if (data.PositionsById.TryGetValue(new PositionId(id), out var p))
        {
            return p;
        }

        var near = Spelling.Nearest(id, data.PositionsById.Keys.Select(k => k.Value));
        throw new UsageException($"{what}: unknown position '{id}'" + (near is null ? "" : $"; did you mean '{near}'?"));
    }

    public static string Kind(PositionKind kind) => kind == PositionKind.RedLine ? "red line" : "demand";

    public static string KindJson(PositionKind kind) => kind == PositionKind.RedLine ? "red-line" : "demand";

    public static string Word(Standing s) => s switch
    {
        Standing.Met => "met",
        Standing.Unmet => "unmet",
        Standing.Open => "open",
        _ => "undecided",
    };

    public static string Word(Strength s) => s switch
    {
        Strength.Equivalent => "equivalent",
        Strength.Weaker => "weaker",
        Strength.Stronger => "stronger",
        Strength.Incomparable => "incomparable",
        _ => "unknown (solver limit reached)",
    };

    public static string Word(Completion c) => c switch
    {
        Completion.Complete => "complete",
        Completion.SolverLimitReached => "solver-limit-reached",
        _ => "limit-reached",
    };

    /// <summary>The solver's settings and whether its limit was reached, for every JSON answer that used it.</summary>
    public static JsonObject SolverJson(SolverLimit budget, bool limitReached) => new()
    {
        ["deterministic_limit"] = budget.DeterministicTime,
        ["workers"] = SolverLimit.Workers,
        ["seed"] = SolverLimit.Seed,
        ["limit_reached"] = limitReached,
    };

    /// <summary>"met of total", marked as a lower bound when some of the party's positions are undecided (the mark kept on one line).</summary>
    public static Rendering.Cell DemandWeight(PartyScore s)
    {
        var text = $"{s.DemandWeightMet} of {s.DemandWeightTotal}"
                   + (s.Standings.Any(p => p.Standing == Standing.Undecided) ? " (at least: some undecided)" : "");
        return new(text.Replace(" (at least: some undecided)", " (at\u00a0least:\u00a0some\u00a0undecided)", StringComparison.Ordinal), Whole: text);
    }

    /// <summary>The line every table output ends with when the solver's limit was reached somewhere.</summary>
    public static string LimitNote(SolverLimit budget) =>
        $"Solver limit reached (deterministic time {budget}): what is marked undecided, unknown or not proven is not a finding; "
        + "raise --budget. The same limit gives the same answer on any machine.";

    public static string Confidence(Confidence c) => c.ToString().ToLowerInvariant();

    /// <summary>An issue value as data writes it: a label for yes/no and levels, else the number.</summary>
    public static JsonNode Value(Issue issue, int value) =>
        issue.Domain.Labels.IsDefaultOrEmpty ? JsonValue.Create(value) : JsonValue.Create(issue.Domain.Describe(value));

    public static JsonObject Assignment(NegotiationData data, IReadOnlyDictionary<IssueId, int> values)
    {
        var o = new JsonObject();
        foreach (var (id, v) in values.OrderBy(kv => kv.Key))
        {
            o[id.Value] = Value(data.IssuesById[id], v);
        }

        return o;
    }

    public static string Describe(NegotiationData data, IReadOnlyDictionary<IssueId, int> values) =>
        string.Join("; ", values.OrderBy(kv => kv.Key).Select(kv => $"{data.IssuesById[kv.Key].Title}: {data.IssuesById[kv.Key].Describe(kv.Value)}"));

    public static JsonArray Sources(Position p) => [.. p.Sources.Select(s => (JsonNode)SourceJson(s))];

    public static JsonObject SourceJson(Negotiation.Source s) => new()
    {
        ["title"] = s.Title,
        ["publisher"] = s.Publisher,
        ["date"] = JsonShapes.Day(s.Date),
        ["url"] = s.Url,
        ["confidence"] = Confidence(s.Confidence),
    };

    /// <summary>"Publisher, 'Title' (2022-02-02, verified)".</summary>
    public static string Cite(Negotiation.Source s) => $"{s.Publisher}, '{s.Title}' ({JsonShapes.Day(s.Date)}, {Confidence(s.Confidence)})";

    public static JsonObject PositionJson(NegotiationData data, Position p) => new()
    {
        ["id"] = p.Id.Value,
        ["party"] = p.Party.Code,
        ["kind"] = KindJson(p.Kind),
        ["weight"] = p.Kind == PositionKind.Demand ? p.Weight : null,
        ["title"] = p.Title,
        ["date"] = JsonShapes.Day(p.Date),
        ["line"] = p.Line,
        ["condition"] = p.Condition.ToString(),
        ["in_words"] = p.Condition.Describe(data.IssuesById),
        ["confidence"] = Confidence(p.Confidence),
        ["note"] = p.Note,
        ["sources"] = Sources(p),
    };

    public static JsonObject ComparisonJson(NegotiationData data, Comparison c) => new()
    {
        ["first"] = c.First.Id.Value,
        ["second"] = c.Second.Id.Value,
        ["second_is"] = Word(c.Strength),
        ["only_first_admits"] = c.OnlyFirst is null ? null : Assignment(data, c.OnlyFirst),
        ["only_second_admits"] = c.OnlySecond is null ? null : Assignment(data, c.OnlySecond),
        ["solver_limit_reached"] = c.Strength == Strength.Unknown,
    };

    /// <summary>The comparison in a sentence, neutral about which version is better.</summary>
    public static string ComparisonText(NegotiationData data, Comparison c)
    {
        var head = c.Strength switch
        {
            Strength.Equivalent => $"'{c.Second.Id}' admits exactly the packages '{c.First.Id}' admits.",
            Strength.Stronger => $"'{c.Second.Id}' is stronger than '{c.First.Id}': it admits fewer packages.",
            Strength.Weaker => $"'{c.Second.Id}' is weaker than '{c.First.Id}': it admits more packages.",
            Strength.Incomparable => $"'{c.First.Id}' and '{c.Second.Id}' are incomparable: each admits a package the other rejects.",
            _ => "The solver's limit was reached before the comparison was settled (not a finding).",
        };
        var parts = new List<string> { head };
        if (c.OnlyFirst is { } a)
        {
            parts.Add($"Only the first admits: {Describe(data, a)}.");
        }

        if (c.OnlySecond is { } b)
        {
            parts.Add($"Only the second admits: {Describe(data, b)}.");
        }

        return string.Join(" ", parts);
    }

    /// <summary>One row per comparison: the two positions, what the second is, and a package only each admits.</summary>
    public static Rendering.TableView ComparisonTable(NegotiationData data, IEnumerable<Comparison> comparisons)
    {
        var table = new Rendering.TableView(null, new Rendering.Column("First", Rendering.ColumnKind.Id), new Rendering.Column("Second", Rendering.ColumnKind.Id),
            new Rendering.Column("Second is", Rendering.ColumnKind.Id), new Rendering.Column("Only the first admits"), new Rendering.Column("Only the second admits"))
        {
            KeyColumns = 2,
        };
        foreach (var c in comparisons)
        {
            table.Add(c.First.Id.Value, c.Second.Id.Value, Word(c.Strength),
                c.OnlyFirst is { } a ? Describe(data, a) : "", c.OnlySecond is { } b ? Describe(data, b) : "");
        }

        return table;
    }
}
