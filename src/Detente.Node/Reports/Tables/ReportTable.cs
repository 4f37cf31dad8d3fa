namespace Detente.Node.Reports.Tables;

/// <summary>How a column's text may be wrapped: free text between words, ids never inside one.</summary>
public enum ColumnKind
{
    /// <summary>Free text: wrapped between words; a word longer than the column is split only as a last resort.</summary>
    Text,

    /// <summary>Ids, codes, dates and figures, one or several separated by spaces: wrapped between them, never inside one.</summary>
    Id,
}

/// <summary>A column of a <see cref="ReportTable"/>: its header (also the CSV header) and how it wraps.</summary>
public sealed record Column(string Name, ColumnKind Kind = ColumnKind.Text)
{
    /// <summary>A column of ids, codes, dates or figures.</summary>
    public static Column Id(string name) => new(name, ColumnKind.Id);
}

/// <summary>
/// One cell: the text shown, an optional colour name (one of green, yellow, red, blue, grey: Spectre's and CSS's names alike), and the whole value for CSV when the table shows a shortened
/// form (e.g. the first two sources and "+3").
/// </summary>
public readonly record struct Cell(string Text, string? Style = null, string? Whole = null)
{
    /// <summary>The value machines get (CSV): the whole value when the table shortens it.</summary>
    public string Value => Whole ?? Text;

    /// <summary>A plain cell of <paramref name="text"/> (null reads as empty).</summary>
    public static implicit operator Cell(string? text) => new(text ?? "");
}

/// <summary>
/// A report's table as data: its columns listed once, rows of cells, totals and notes. The CLI draws it for people (fitted to
/// the terminal, ids never broken) and writes it as CSV (RFC 4180, same columns); the server and the dashboard take the same
/// table, so every view of a report shows the same columns and cells.
/// </summary>
public sealed class ReportTable(string? title, params Column[] columns)
{
    private readonly List<Cell[]> _rows = [];

    /// <summary>A line above the table, e.g. "Findings on 2022-01-12 of ru-nato-2021-draft".</summary>
    public string? Title { get; } = title;

    /// <summary>The columns, in order; their names are also the CSV header.</summary>
    public IReadOnlyList<Column> Columns { get; } = columns;

    /// <summary>The rows, each with one cell per column.</summary>
    public IReadOnlyList<Cell[]> Rows => _rows;

    /// <summary>How many leading columns identify a row; they are repeated in each part when a wide table is split.</summary>
    public int KeyColumns { get; init; } = 1;

    /// <summary>Totals and summary lines, printed before the table (CSV leaves them out).</summary>
    public List<string> Totals { get; } = [];

    /// <summary>Legend and notes, printed under the table (CSV leaves them out).</summary>
    public List<string> Notes { get; } = [];

    /// <summary>What the table says when it has no rows.</summary>
    public string? Empty { get; init; }

    /// <summary>Adds a row; it must have one cell per column.</summary>
    public ReportTable Add(params Cell[] cells)
    {
        if (cells.Length != Columns.Count)
        {
            throw new ArgumentException($"expected {Columns.Count} cells, found {cells.Length}", nameof(cells));
        }

        _rows.Add(cells);
        return this;
    }

    /// <summary>
    /// A copy in which rows equal in every column but <paramref name="column"/> become one row whose cell lists the values
    /// ("30 parties: ALB BEL …"); rows keep the order of their first occurrence. CSV is written from the ungrouped table.
    /// </summary>
    public ReportTable GroupedBy(int column, string plural)
    {
        var grouped = new ReportTable(Title, [.. Columns]) { KeyColumns = KeyColumns, Empty = Empty };
        grouped.Totals.AddRange(Totals);
        grouped.Notes.AddRange(Notes);
        var order = new List<string>();
        var groups = new Dictionary<string, (Cell[] First, List<string> Values)>(StringComparer.Ordinal);
        foreach (var row in _rows)
        {
            var key = string.Join("\u001f", row.Select((c, i) => i == column ? "" : c.Value + "\u001e" + c.Style));
            if (!groups.TryGetValue(key, out var g))
            {
                groups[key] = g = (row, []);
                order.Add(key);
            }

            g.Values.Add(row[column].Value);
        }

        foreach (var key in order)
        {
            var (first, values) = groups[key];
            var cells = (Cell[])first.Clone();
            var distinct = values.Distinct(StringComparer.Ordinal).ToList();
            if (distinct.Count > 1)
            {
                cells[column] = new Cell($"{distinct.Count} {plural}: {string.Join(" ", distinct)}", first[column].Style);
            }

            grouped._rows.Add(cells);
        }

        return grouped;
    }
}
