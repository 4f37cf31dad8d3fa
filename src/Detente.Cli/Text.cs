using Detente.Core;
using Spectre.Console;

namespace Detente.Cli;

/// <summary>Markup for lines outside tables: escaped text, evidence as coloured confidence and source ids.</summary>
internal static class Text
{
    public static string Escape(string? text) => Markup.Escape(text ?? "");

    /// <summary>Confidence as markup: the word, coloured.</summary>
    public static string Confidence(Evidence e) => $"[{Cells.Confidence(e).Style}]{Cells.Confidence(e).Text}[/]";

    /// <summary>The first two source ids and how many more there are, as markup; --json lists them all.</summary>
    public static string Sources(Evidence e) =>
        Escape(string.Join(", ", e.Sources.Take(2).Select(s => s.Source.Value))) + (e.Sources.Length > 2 ? $" [grey]+{e.Sources.Length - 2}[/]" : "");
}
