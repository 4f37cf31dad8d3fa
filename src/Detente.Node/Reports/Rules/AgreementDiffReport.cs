using System.Text.Json;
using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Data;
using Detente.Node.Reports.Tables;
using Detente.Rules;
using Detente.Rules.Comparison;
using Detente.Rules.Compilation;
using Detente.Rules.Runtime;

namespace Detente.Node.Reports.Rules;

/// <summary>
/// What <c>detente agreements diff A B</c> shows: whether A is stronger, weaker, equivalent or incomparable to B, per aligned
/// clause and as a whole, with the separating worlds, optionally written as whatif overlays.
/// </summary>
/// <param name="Diff">The comparison.</param>
/// <param name="Overlays">The overlay file written for each separating world, when overlays were written.</param>
public sealed record AgreementDiffReport(AgreementDiff Diff, IReadOnlyDictionary<Separation, string> Overlays)
{
    /// <summary>The parties only the left document binds, only the right one binds, and how many both bind, on the first date compared.</summary>
    public (string OnlyLeft, string OnlyRight, int Both) Parties { get; init; } = ("", "", 0);

    /// <summary>Compares <paramref name="left"/> with <paramref name="right"/> on <paramref name="day"/>, <paramref name="budget"/> worlds per pair of clauses.</summary>
    public static AgreementDiffReport Build(RuleEngine engine, Agreement left, Agreement right, Scenario scenario, DateOnly day, int budget)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(scenario);
        var diff = engine.Compare(left, right, scenario, day, budget);
        return new AgreementDiffReport(diff, new Dictionary<Separation, string>())
        {
            Parties = engine.PartiesCompared(diff.Left, diff.Right, scenario.At(diff.Dates[0])),
        };
    }

    /// <summary>The clause-by-clause comparison: the aligned clauses, how the left one relates to the right, on what basis and why.</summary>
    public ReportTable ClauseTable()
    {
        var table = new ReportTable("Clause by clause", Column.Id(Diff.Left.Id), Column.Id(Diff.Right.Id), Column.Id("Left is"), Column.Id("Basis"), new Column("Why"))
        {
            KeyColumns = 2,
        };
        foreach (var c in Diff.Clauses)
        {
            table.Add(LeftClause(c), RightClause(c), RuleEngine.Word(c.Strength), c.Basis, c.Summary);
        }

        return table;
    }

    /// <summary>The lines above the clause table: the documents, dates and parties compared, the verdict on the whole and its separating worlds.</summary>
    public IEnumerable<string> Verdict()
    {
        var d = Diff;
        return [$"{d.Left.Id} ({d.Left.Kind}, {d.Left.Date:yyyy-MM-dd}) vs {d.Right.Id} ({d.Right.Kind}, {d.Right.Date:yyyy-MM-dd}); "
                + $"evaluated at {string.Join(", ", d.Dates.Select(FactWriter.Day))}",
            $"parties only in {d.Left.Id}: {Parties.OnlyLeft}; only in {d.Right.Id}: {Parties.OnlyRight}; in both: {Parties.Both}", "",
            $"As a whole: {d.Left.Id} is {Relation(d.Strength)} {d.Right.Id} ({d.Basis}): {d.Summary}", .. Of(d.Search).Select(s => "  " + Describe(s))];
    }

    /// <summary>The lines under the clause table: each pair that differs (or was compared construct by construct), its constructs and separating worlds.</summary>
    public IEnumerable<string> Details()
    {
        foreach (var c in Diff.Clauses.Where(c => c.Strength != Strength.Equivalent || c.Symbolic is not null))
        {
            yield return "";
            yield return $"{LeftClause(c)} vs {RightClause(c)}: {RuleEngine.Word(c.Strength)} ({c.Basis}, {c.Search.WorldsTried} worlds tried)";
            if (c.Symbolic?.Misaligned is { } m)
            {
                yield return $"  shapes differ: {m}";
            }

            foreach (var k in c.Symbolic?.Components ?? [])
            {
                yield return $"  {k.Construct}: {k.Left} | {k.Right} → {RuleEngine.Word(k.Strength)}";
            }

            foreach (var sep in Of(c.Search))
            {
                yield return "  " + Describe(sep);
            }
        }
    }

    /// <summary>"a/4" for the left clause of a pair, "—" when it has no counterpart.</summary>
    public string LeftClause(ClauseDiff c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.LeftNumber is { } n ? $"{Diff.Left.Id}/{n}" : "—";
    }

    /// <summary>"b/4" for the right clause of a pair, "—" when it has no counterpart.</summary>
    public string RightClause(ClauseDiff c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.RightNumber is { } n ? $"{Diff.Right.Id}/{n}" : "—";
    }

    /// <summary>How the left document relates to the right, in capitals for the verdict line: "STRONGER than", "WEAKER than", ...</summary>
    public static string Relation(Strength s) => s switch
    {
        Strength.Stronger => "STRONGER than",
        Strength.Weaker => "WEAKER than",
        Strength.Equivalent => "EQUIVALENT to",
        Strength.Incomparable => "INCOMPARABLE to",
        _ => "UNDECIDED against",
    };

    /// <summary>
    /// One separating world for people: "only B forbids, on DATE, hypothetically, FACTS (overlay: FILE): CLAUSE violated for P — why"
    /// (the explanation cut at 220 characters).
    /// </summary>
    public string Describe(Separation sep)
    {
        ArgumentNullException.ThrowIfNull(sep);
        var where = sep.Facts is null ? "the scenario as it is" : $"hypothetically, {sep.Facts.Description}";
        var file = Overlays.TryGetValue(sep, out var f) ? $" (overlay: {f})" : "";
        var v = sep.Violation;
        var why = v.Explanation.Length <= 220 ? v.Explanation : v.Explanation[..217] + "...";
        return $"only {sep.ForbiddenBy} forbids, on {FactWriter.Day(sep.At)}, {where}{file}: {v.Clause} {Finding.Word(v.Status)} for {v.PartyCode} — {why}";
    }

    /// <summary>Every separating world found, of the documents as a whole first, then of each pair, each once.</summary>
    public IEnumerable<Separation> Separations => new[] { Diff.Search }.Concat(Diff.Clauses.Select(c => c.Search)).SelectMany(Of);

    /// <summary>The separating worlds of one search, the left side's first.</summary>
    public static IEnumerable<Separation> Of(SearchResult s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new[] { s.LeftForbids, s.RightForbids }.OfType<Separation>();
    }

    /// <summary>
    /// Writes each separating world with hypothetical facts as a whatif overlay into <paramref name="directory"/>
    /// (<c>separating-01-only-ID.json</c>; identical overlays once) and returns the report with the files.
    /// </summary>
    /// <exception cref="IOException">The directory or a file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">Writing is not allowed.</exception>
    public AgreementDiffReport WriteOverlays(string directory)
    {
        Directory.CreateDirectory(directory);
        var files = new Dictionary<Separation, string>();
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        var n = 0;
        foreach (var sep in Separations)
        {
            if (sep.Facts is null || files.ContainsKey(sep))
            {
                continue;
            }

            var json = Detente.Data.Overlays.Hypothetical(sep.Facts.Facts).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
            if (!written.TryGetValue(json, out var path))
            {
                path = Path.Combine(directory, $"separating-{++n:00}-only-{sep.ForbiddenBy}.json");
                File.WriteAllText(path, json);
                written[json] = path;
            }

            files[sep] = path;
        }

        return this with { Overlays = files };
    }

    /// <summary>The JSON of <c>agreements diff --json</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["a"] = Diff.Left.Id,
        ["b"] = Diff.Right.Id,
        ["dates"] = new JsonArray([.. Diff.Dates.Select(x => (JsonNode)FactWriter.Day(x))]),
        ["strength"] = RuleEngine.Word(Diff.Strength),
        ["basis"] = Diff.Basis,
        ["summary"] = Diff.Summary,
        ["worldsTried"] = Diff.Search.WorldsTried,
        ["separating"] = Separating(Diff.Search),
        ["clauses"] = new JsonArray([.. Diff.Clauses.Select(c => (JsonNode)new JsonObject
        {
            ["a"] = c.LeftNumber is null ? null : LeftClause(c),
            ["b"] = c.RightNumber is null ? null : RightClause(c),
            ["strength"] = RuleEngine.Word(c.Strength),
            ["basis"] = c.Basis,
            ["summary"] = c.Summary,
            ["worldsTried"] = c.Search.WorldsTried,
            ["constructs"] = c.Symbolic is null ? null : new JsonArray([.. c.Symbolic.Components.Select(k => (JsonNode)new JsonObject
            {
                ["construct"] = k.Construct,
                ["a"] = k.Left,
                ["b"] = k.Right,
                ["strength"] = RuleEngine.Word(k.Strength),
            })]),
            ["misaligned"] = c.Symbolic?.Misaligned,
            ["separating"] = Separating(c.Search),
        })]),
    };

    private static JsonArray Separating(SearchResult s) => new([.. Of(s).Select(sep => (JsonNode)new JsonObject
    {
        ["forbiddenBy"] = sep.ForbiddenBy,
        ["at"] = FactWriter.Day(sep.At),
        ["description"] = sep.Facts?.Description ?? "the scenario as it is",
        ["overlay"] = sep.Facts is null ? null : Detente.Data.Overlays.Hypothetical(sep.Facts.Facts),
        ["finding"] = FindingJson.Of(sep.Violation),
    })]);
}
