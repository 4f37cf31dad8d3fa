using System.CommandLine;
using Detente.Core;
using Spectre.Console;

namespace Detente.Cli.Rendering;

/// <summary>Draws a report's page in a terminal, and picks the table <c>--csv</c> writes when a page has several.</summary>
internal static class Pages
{
    /// <summary>--table: which of a multi-table verb's tables <c>--csv</c> writes.</summary>
    public static Option<string?> TableOption(string names) =>
        new("--table") { Description = $"With --csv: the table to write ({names})." };

    /// <summary>Draws a page for people: its heading as a rule, its lines, and its tables fitted to the console's width.</summary>
    public static void Draw(IAnsiConsole console, ReportPage page)
    {
        if (page.Heading is { } heading)
        {
            console.Write(new Rule($"[bold]{Markup.Escape(heading)}[/]").LeftJustified());
        }

        foreach (var part in page.Parts)
        {
            if (part is ReportTable table)
            {
                TextTable.Write(console, table);
            }
            else if (part is PageLine line)
            {
                console.MarkupLine(string.Concat(line.Spans.Select(s =>
                    s.Style is null ? Markup.Escape(s.Text) : $"[{s.Style}]{Markup.Escape(s.Text)}[/]")));
            }
        }
    }

    /// <summary>The table named by <c>--table</c>, or the only one; an unknown or missing name is bad input listing the names.</summary>
    public static ReportTable Choose(IReadOnlyDictionary<string, ReportTable> tables, string? name)
    {
        if (name is null && tables.Count == 1)
        {
            return tables.Values.First();
        }

        if (name is not null && tables.TryGetValue(name, out var table))
        {
            return table;
        }

        var names = string.Join(", ", tables.Keys);
        var near = name is null ? null : Spelling.Nearest(name, tables.Keys);
        throw new UsageException(name is null
            ? $"--csv: this verb shows several tables; choose one with --table NAME, one of {names}"
            : $"--table: unknown table '{name}'; expected one of {names}" + (near is null ? "" : $"; did you mean '{near}'?"));
    }
}
