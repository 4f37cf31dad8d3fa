using System.Text;
using Spectre.Console;

namespace Detente.Cli.Rendering;

/// <summary>
/// Draws a <see cref="ReportTable"/> for people within a given width: ids are never broken (a column is at least as wide as its
/// longest id), free text wraps between words; a table whose ids cannot fit side by side is split into parts that repeat the
/// key columns, and when even one column beside the keys cannot fit, each row is shown as a block of "Column: value" lines.
/// </summary>
internal static class TextTable
{
    /// <summary>Free text is never given less than this when its words are longer (they wrap or, as a last resort, split).</summary>
    private const int TextFloor = 24;

    /// <summary>Columns get up to this much room before a table is split into parts rather than squeezed.</summary>
    private const int Comfort = 16;

    /// <summary>One drawn line: segments of text with an optional Spectre style.</summary>
    internal sealed record Line(IReadOnlyList<(string Text, string? Style)> Segments)
    {
        public string Plain => string.Concat(Segments.Select(s => s.Text));

        public static Line Of(string text, string? style = null) => new([(text, style)]);
    }

    public static void Write(IAnsiConsole console, ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(console);
        var width = console.Profile.Width;
        foreach (var line in Lines(table, width))
        {
            // Only an id longer than the whole terminal is wider than it: it is written whole and the terminal may fold it.
            console.Profile.Width = Math.Max(width, line.Plain.Length);
            console.MarkupLine(string.Concat(line.Segments.Select(s => s.Style is null ? Markup.Escape(s.Text) : $"[{s.Style}]{Markup.Escape(s.Text)}[/]")));
        }

        console.Profile.Width = width;
    }

    /// <summary>The lines of the table drawn within <paramref name="width"/> columns.</summary>
    public static List<Line> Lines(ReportTable table, int width)
    {
        ArgumentNullException.ThrowIfNull(table);
        width = Math.Max(TerminalWidth.Minimum, width);
        var lines = new List<Line>();
        if (table.Title is { } title)
        {
            lines.AddRange(Wrap(title, width, ColumnKind.Text).Select(l => Line.Of(l, "bold")));
        }

        lines.AddRange(table.Totals.SelectMany(t => Wrap(t, width, ColumnKind.Text)).Select(l => Line.Of(l)));
        if (table.Rows.Count == 0 && table.Empty is { } empty)
        {
            lines.AddRange(Wrap(empty, width, ColumnKind.Text).Select(l => Line.Of(l)));
        }
        else
        {
            Body(table, width, lines);
        }

        lines.AddRange(table.Notes.SelectMany(n => Wrap(n, width, ColumnKind.Text)).Select(l => Line.Of(l, "grey")));
        return lines;
    }

    private static void Body(ReportTable table, int width, List<Line> lines)
    {
        var n = table.Columns.Count;
        var min = new int[n];
        var want = new int[n];
        for (var i = 0; i < n; i++)
        {
            var column = table.Columns[i];
            min[i] = Words(column.Name).DefaultIfEmpty("").Max(w => w.Length);
            want[i] = column.Name.Length;
            foreach (var row in table.Rows)
            {
                var text = row[i].Text;
                var longest = Words(text).DefaultIfEmpty("").Max(w => w.Length);
                min[i] = Math.Max(min[i], column.Kind == ColumnKind.Id ? longest : Math.Min(longest, TextFloor));
                want[i] = Math.Max(want[i], text.Split('\n').Max(l => l.Length));
            }

            min[i] = Math.Max(1, min[i]);
            want[i] = Math.Max(min[i], want[i]);
        }

        // A comfortable width: the whole content up to Comfort columns, never less than the longest id.
        var comfort = Enumerable.Range(0, n).Select(i => Math.Min(want[i], Math.Max(min[i], Comfort))).ToArray();
        var all = Enumerable.Range(0, n).ToArray();
        var keys = Enumerable.Range(0, Math.Min(table.KeyColumns, n)).ToArray();
        if (Fits(all, comfort, width) || (Fits(all, min, width) && n <= keys.Length + 1))
        {
            Draw(table, all, Widths(all, min, want, width), lines);
            return;
        }

        // Too wide: parts that repeat the key columns, each holding the columns that fit comfortably (or at least whole).
        var parts = new List<int[]>();
        var current = new List<int>(keys);
        for (var i = keys.Length; i < n; i++)
        {
            var candidate = current.Append(i).ToArray();
            if (Fits(candidate, comfort, width) || (current.Count == keys.Length && Fits(candidate, min, width)))
            {
                current.Add(i);
                continue;
            }

            if (current.Count == keys.Length)
            {
                Blocks(table, width, lines);
                return;
            }

            parts.Add([.. current]);
            current = [.. keys, i];
            if (!Fits([.. current], min, width))
            {
                Blocks(table, width, lines);
                return;
            }
        }

        parts.Add([.. current]);
        for (var p = 0; p < parts.Count; p++)
        {
            var header = $"(part {p + 1} of {parts.Count}: columns {string.Join(", ", parts[p].Select(c => table.Columns[c].Name))})";
            lines.AddRange(Wrap(header, width, ColumnKind.Id).Select(l => Line.Of(l, "grey")));
            Draw(table, parts[p], Widths(parts[p], min, want, width), lines);
        }
    }

    private static bool Fits(int[] columns, int[] min, int width) => columns.Sum(c => min[c]) + (3 * columns.Length) + 1 <= width;

    /// <summary>Each column's wanted width when all fit; otherwise the minimum plus the room left, shared by what each still wants.</summary>
    private static int[] Widths(int[] columns, int[] min, int[] want, int width)
    {
        var room = width - (3 * columns.Length) - 1;
        var widths = columns.Select(c => want[c]).ToArray();
        if (widths.Sum() <= room)
        {
            return widths;
        }

        widths = columns.Select(c => min[c]).ToArray();
        var spare = room - widths.Sum();
        var wanted = columns.Select(c => want[c] - min[c]).ToArray();
        var total = wanted.Sum();
        var given = 0;
        for (var i = 0; i < columns.Length && total > 0; i++)
        {
            var share = (int)((long)spare * wanted[i] / total);
            widths[i] += share;
            given += share;
        }

        // Integer shares leave a few columns over: give them, one each, to the columns that still want most.
        foreach (var i in Enumerable.Range(0, columns.Length).OrderByDescending(i => want[columns[i]] - widths[i]))
        {
            if (given >= spare)
            {
                break;
            }

            if (want[columns[i]] > widths[i])
            {
                widths[i]++;
                given++;
            }
        }

        return widths;
    }

    private static void Draw(ReportTable table, int[] columns, int[] widths, List<Line> lines)
    {
        lines.Add(Line.Of(Rule('┌', '┬', '┐', widths)));
        Row(columns.Select(c => new Cell(table.Columns[c].Name)).ToArray(), columns.Select(c => ColumnKind.Text).ToArray(), widths, lines);
        lines.Add(Line.Of(Rule('├', '┼', '┤', widths)));
        foreach (var row in table.Rows)
        {
            Row(columns.Select(c => row[c]).ToArray(), columns.Select(c => table.Columns[c].Kind).ToArray(), widths, lines);
        }

        lines.Add(Line.Of(Rule('└', '┴', '┘', widths)));
    }

    private static string Rule(char left, char middle, char right, int[] widths) =>
        left + string.Join(middle, widths.Select(w => new string('─', w + 2))) + right;

    private static void Row(Cell[] cells, ColumnKind[] kinds, int[] widths, List<Line> lines)
    {
        var wrapped = cells.Select((c, i) => Wrap(c.Text, widths[i], kinds[i])).ToArray();
        var height = wrapped.Max(w => w.Count);
        for (var l = 0; l < height; l++)
        {
            var segments = new List<(string, string?)>();
            for (var i = 0; i < cells.Length; i++)
            {
                var text = l < wrapped[i].Count ? wrapped[i][l] : "";
                segments.Add((i == 0 ? "│ " : " │ ", null));
                segments.Add((text, string.IsNullOrEmpty(text) ? null : cells[i].Style));
                segments.Add((new string(' ', Math.Max(0, widths[i] - text.Length)), null));
            }

            segments.Add((" │", null));
            lines.Add(new Line(segments));
        }
    }

    /// <summary>Each row as a block of "Column: value" lines, for tables whose columns cannot stand side by side.</summary>
    private static void Blocks(ReportTable table, int width, List<Line> lines)
    {
        var label = table.Columns.Max(c => c.Name.Length) + 2;
        foreach (var row in table.Rows)
        {
            lines.Add(Line.Of(new string('─', width)));
            for (var i = 0; i < table.Columns.Count; i++)
            {
                if (Words(row[i].Text).Any(w => w.Length > width - label))
                {
                    // An id longer than the room beside the label goes under it, at the full width.
                    lines.Add(Line.Of(table.Columns[i].Name + ":"));
                    lines.AddRange(Wrap(row[i].Text, width, table.Columns[i].Kind).Select(v => Line.Of(v, string.IsNullOrEmpty(v) ? null : row[i].Style)));
                    continue;
                }

                var values = Wrap(row[i].Text, Math.Max(1, width - label), table.Columns[i].Kind);
                for (var l = 0; l < values.Count; l++)
                {
                    var head = l == 0 ? (table.Columns[i].Name + ":").PadRight(label) : new string(' ', label);
                    lines.Add(new Line([(head, null), (values[l], string.IsNullOrEmpty(values[l]) ? null : row[i].Style)]));
                }
            }
        }

        lines.Add(Line.Of(new string('─', width)));
    }

    private static IEnumerable<string> Words(string text) => text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Wraps between words (a no-break space joins two words into one). A word longer than the width is split only in free
    /// text; an id is kept whole even when it is wider (only possible when the whole terminal is narrower than it).
    /// </summary>
    public static List<string> Wrap(string text, int width, ColumnKind kind)
    {
        var result = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length <= width)
                {
                    line.Append(' ').Append(word);
                    continue;
                }

                if (line.Length > 0)
                {
                    result.Add(line.ToString());
                    line.Clear();
                }

                var rest = word;
                while (kind == ColumnKind.Text && rest.Length > width)
                {
                    result.Add(rest[..width]);
                    rest = rest[width..];
                }

                line.Append(rest);
            }

            result.Add(line.ToString());
        }

        // A no-break space holds two words together while wrapping (e.g. "2 n/chk"); people and grep then see a plain space.
        for (var i = 0; i < result.Count; i++)
        {
            result[i] = result[i].Replace('\u00a0', ' ');
        }

        return result;
    }
}
