using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Core;
using Spectre.Console;

namespace Detente.Cli.Rendering;

/// <summary>How a verb answers: its report's JSON with <c>--json</c>, one of its tables as CSV with <c>--csv</c>, else its page drawn.</summary>
internal static class ReportOutput
{
    /// <summary>--table: which of a multi-table verb's tables <c>--csv</c> writes.</summary>
    public static Option<string?> TableOption(string names) => new("--table") { Description = $"With --csv: the table to write ({names})." };

    /// <summary>
    /// Writes a verb's answer and returns exit code 0: with --json the report's JSON (<paramref name="compact"/>: on one line, without
    /// the record's status), with --csv the page's table (the one <paramref name="table"/> names when it has several), else the page.
    /// </summary>
    public static int Report(this CliOptions options, ParseResult parse, Session session, Func<JsonNode> json, Func<ReportPage> page,
        Option<string?>? table = null, bool compact = false)
    {
        var csv = options.CsvChosen(parse);
        if (parse.GetValue(options.Json))
        {
            if (compact)
            {
                session.Output.WriteLine(json().ToJsonString());
            }
            else
            {
                JsonShapes.Write(session, json());
            }
        }
        else if (csv)
        {
            session.Show(Choose(page().Tables, table is null ? null : parse.GetValue(table)), csv: true);
        }
        else
        {
            session.Draw(page());
        }

        return 0;
    }

    /// <summary><see cref="Report(CliOptions, ParseResult, Session, Func{JsonNode}, Func{ReportPage}, Option{string?}, bool)"/> for a report of one table.</summary>
    public static int Report(this CliOptions options, ParseResult parse, Session session, Func<JsonNode> json, Func<ReportTable> table, bool compact = false) =>
        options.Report(parse, session, json, () => ReportPage.Of(table()), compact: compact);

    /// <summary>Draws a page for people: its heading as a rule, its lines, and its tables fitted to the console's width.</summary>
    public static void Draw(this Session session, ReportPage page)
    {
        if (page.Heading is { } heading)
        {
            session.Console.Write(new Rule($"[bold]{Markup.Escape(heading)}[/]").LeftJustified());
        }

        foreach (var part in page.Parts)
        {
            if (part is ReportTable table)
            {
                TextTable.Write(session.Console, table);
            }
            else if (part is PageLine line)
            {
                session.Console.MarkupLine(line.Style is null ? Markup.Escape(line.Text) : $"[{line.Style}]{Markup.Escape(line.Text)}[/]");
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
        throw new UsageException(name is null
            ? $"--csv: this verb shows several tables; choose one with --table NAME, one of {names}"
            : $"--table: unknown table '{name}'; expected one of {names}" + (Spelling.Nearest(name, tables.Keys) is { } near ? $"; did you mean '{near}'?" : ""));
    }
}
