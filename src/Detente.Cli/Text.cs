using Spectre.Console;

namespace Detente.Cli;

/// <summary>Markup for lines outside tables: escaped text.</summary>
internal static class Text
{
    public static string Escape(string? text) => Markup.Escape(text ?? "");
}
