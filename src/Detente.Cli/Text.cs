using Detente.Core;
using Detente.Scenarios;
using Spectre.Console;

namespace Detente.Cli;

/// <summary>How domain values read in tables: figures with every claim, evidence as confidence and source ids.</summary>
internal static class Text
{
    public static string Escape(string? text) => Markup.Escape(text ?? "");

    public static string Quantity(Quantity q) => Escape(q.ToString()) + (q.IsDisputed ? " [yellow](disputed)[/]" : "");

    public static string Confidence(Evidence e) => e.Confidence switch
    {
        Core.Confidence.Verified => "[green]verified[/]",
        Core.Confidence.Recalled => "[blue]recalled[/]",
        Core.Confidence.Uncertain => "[grey]uncertain[/]",
        _ => "[yellow]disputed[/]",
    };

    /// <summary>The first two source ids and how many more there are; --json lists them all.</summary>
    public static string Sources(Evidence e) =>
        Escape(string.Join(", ", e.Sources.Take(2).Select(s => s.Source.Value))) + (e.Sources.Length > 2 ? $" [grey]+{e.Sources.Length - 2}[/]" : "");

    public static string Period(Period p) => p.To is { } to ? $"{p.From:yyyy-MM-dd} – {to:yyyy-MM-dd}" : $"since {p.From:yyyy-MM-dd}";

    public static string Word<T>(T value)
        where T : struct, Enum => Vocabulary.WordFor(value);

    public static string Where(Deployment d, Scenario scenario) =>
        Escape(d.Site is { } site && scenario.Sites.TryGetValue(site, out var s) ? s.Name : d.Area ?? d.Location?.ToString() ?? "");
}
