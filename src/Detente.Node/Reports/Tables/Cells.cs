using Detente.Core;
using Detente.Data;

namespace Detente.Node.Reports.Tables;

/// <summary>How domain values read in a report's cells: figures with every claim, evidence as confidence and source ids.</summary>
public static class Cells
{
    /// <summary>Confidence as a cell: the word, coloured.</summary>
    public static Cell Confidence(Evidence e) => e.Confidence switch
    {
        Core.Confidence.Verified => new("verified", "green"),
        Core.Confidence.Recalled => new("recalled", "blue"),
        Core.Confidence.Uncertain => new("uncertain", "grey"),
        _ => new("disputed", "yellow"),
    };

    /// <summary>Sources as a cell: the first two ids and "+N" in the table, every id in CSV.</summary>
    public static Cell Sources(Evidence e) => Sources(e.Sources.Select(s => s.Source.Value).ToList());

    /// <summary>Source ids as a cell: the first two and "+N" in the table, every id in CSV.</summary>
    public static Cell Sources(IReadOnlyList<string> ids) =>
        new(string.Join(", ", ids.Take(2)) + (ids.Count > 2 ? $" +{ids.Count - 2}" : ""), Whole: string.Join(", ", ids));

    /// <summary>A quantity as a cell, every claim shown; disputed ones marked and coloured.</summary>
    public static Cell Quantity(Quantity q) => q.IsDisputed ? new(q + " (disputed)", "yellow") : new(q.ToString());

    /// <summary>A deployment's forces as a cell: the quantity (every claim) and the unit.</summary>
    public static Cell Forces(Deployment d) => Quantity(d.Quantity) with { Text = $"{Quantity(d.Quantity).Text} {Word(d.Unit)}" };

    /// <summary>A period as a day ("2022-02-18") when it is one, else as <see cref="Period(Core.Period)"/>.</summary>
    public static string Days(Period p) => p.To == p.From ? $"{p.From:yyyy-MM-dd}" : Period(p);

    /// <summary>A period as "2021-01-01 – 2022-02-24", or "since 2021-01-01" when it has no end.</summary>
    public static string Period(Period p) => p.To is { } to ? $"{p.From:yyyy-MM-dd} – {to:yyyy-MM-dd}" : $"since {p.From:yyyy-MM-dd}";

    /// <summary>An enum value's word in the data's vocabulary ("air-defence").</summary>
    public static string Word<T>(T value)
        where T : struct, Enum => Vocabulary.WordFor(value);

    /// <summary>Where a deployment is, as plain text: its site's name, else its area or location.</summary>
    public static string Where(Deployment d, Scenario scenario) =>
        d.Site is { } site && scenario.Sites.TryGetValue(site, out var s) ? s.Name : d.Area ?? d.Location?.ToString() ?? "";
}
