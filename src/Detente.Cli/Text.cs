using Detente.Core;
using Detente.Data;
using Spectre.Console;

namespace Detente.Cli;

/// <summary>How domain values read in tables: figures with every claim, evidence as confidence and source ids.</summary>
internal static class Text
{
    public static string Escape(string? text) => Markup.Escape(text ?? "");

    /// <summary>Confidence as markup: the word, coloured.</summary>
    public static string Confidence(Evidence e) => $"[{ConfidenceCell(e).Style}]{ConfidenceCell(e).Text}[/]";

    /// <summary>The first two source ids and how many more there are, as markup; --json lists them all.</summary>
    public static string Sources(Evidence e) =>
        Escape(string.Join(", ", e.Sources.Take(2).Select(s => s.Source.Value))) + (e.Sources.Length > 2 ? $" [grey]+{e.Sources.Length - 2}[/]" : "");

    /// <summary>Confidence as a table cell: the word, coloured.</summary>
    public static Rendering.Cell ConfidenceCell(Evidence e) => e.Confidence switch
    {
        Core.Confidence.Verified => new("verified", "green"),
        Core.Confidence.Recalled => new("recalled", "blue"),
        Core.Confidence.Uncertain => new("uncertain", "grey"),
        _ => new("disputed", "yellow"),
    };

    /// <summary>Sources as a table cell: the first two ids and "+N" in the table, every id in CSV.</summary>
    public static Rendering.Cell SourcesCell(Evidence e) => SourcesCell(e.Sources.Select(s => s.Source.Value).ToList());

    /// <summary>Source ids as a table cell: the first two and "+N" in the table, every id in CSV.</summary>
    public static Rendering.Cell SourcesCell(IReadOnlyList<string> ids) =>
        new(string.Join(", ", ids.Take(2)) + (ids.Count > 2 ? $" +{ids.Count - 2}" : ""), Whole: string.Join(", ", ids));

    /// <summary>A quantity as a table cell, every claim shown; disputed ones marked and coloured.</summary>
    public static Rendering.Cell QuantityCell(Quantity q) => q.IsDisputed ? new(q + " (disputed)", "yellow") : new(q.ToString());

    /// <summary>A deployment's forces as a table cell: the quantity (every claim) and the unit.</summary>
    public static Rendering.Cell Forces(Deployment d) => QuantityCell(d.Quantity) with { Text = $"{QuantityCell(d.Quantity).Text} {Word(d.Unit)}" };

    /// <summary>A period as a day ("2022-02-18") when it is one, else as <see cref="Period(Core.Period)"/>.</summary>
    public static string Days(Period p) => p.To == p.From ? $"{p.From:yyyy-MM-dd}" : Period(p);

    public static string Period(Period p) => p.To is { } to ? $"{p.From:yyyy-MM-dd} – {to:yyyy-MM-dd}" : $"since {p.From:yyyy-MM-dd}";

    public static string Word<T>(T value)
        where T : struct, Enum => Vocabulary.WordFor(value);

    /// <summary>Where a deployment is, as plain text (no markup): its site's name, else its area or location.</summary>
    public static string WherePlain(Deployment d, Scenario scenario) =>
        d.Site is { } site && scenario.Sites.TryGetValue(site, out var s) ? s.Name : d.Area ?? d.Location?.ToString() ?? "";
}
