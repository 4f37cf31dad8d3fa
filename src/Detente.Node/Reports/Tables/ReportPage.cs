namespace Detente.Node.Reports.Tables;

/// <summary>A line of prose on a <see cref="ReportPage"/>: spans of text, each with an optional style (bold, or a colour name as in <see cref="Cell"/>).</summary>
public sealed record PageLine(IReadOnlyList<Cell> Spans)
{
    /// <summary>A line of one span.</summary>
    public PageLine(string text, string? style = null)
        : this([new Cell(text, style)])
    {
    }

    /// <summary>The line's plain text.</summary>
    public string Text => string.Concat(Spans.Select(s => s.Text));
}

/// <summary>
/// A report as people read it: a heading, then lines of prose and tables in the order they are shown. Its named tables are what
/// CSV writes (one chosen by name when there are several); the CLI draws the page in a terminal, the dashboard in HTML, and
/// both show the same lines, columns and cells.
/// </summary>
public sealed class ReportPage(string? heading = null)
{
    private readonly List<object> _parts = [];
    private readonly Dictionary<string, ReportTable> _tables = new(StringComparer.Ordinal);

    /// <summary>A rule-like heading over the page, or null.</summary>
    public string? Heading { get; } = heading;

    /// <summary>What is shown, in order: each a <see cref="PageLine"/> or a <see cref="ReportTable"/>.</summary>
    public IReadOnlyList<object> Parts => _parts;

    /// <summary>The tables machines get (CSV), by name, in the order they were added.</summary>
    public IReadOnlyDictionary<string, ReportTable> Tables => _tables;

    /// <summary>A page of one table, named <paramref name="name"/> for CSV.</summary>
    public static ReportPage Of(ReportTable table, string name = "table") => new ReportPage().Add(name, table);

    /// <summary>Adds a line of prose.</summary>
    public ReportPage Line(string text, string? style = null)
    {
        _parts.Add(new PageLine(text, style));
        return this;
    }

    /// <summary>Adds a line of spans, each with its own style (e.g. a bold lead, a word in yellow).</summary>
    public ReportPage Line(params Cell[] spans)
    {
        _parts.Add(new PageLine(spans));
        return this;
    }

    /// <summary>
    /// Adds a table: shown when <paramref name="shown"/>, and written as CSV under <paramref name="name"/> unless the name is null
    /// (a table shown only to people, e.g. one of several parts of a CSV table).
    /// </summary>
    public ReportPage Add(string? name, ReportTable table, bool shown = true)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (shown)
        {
            _parts.Add(table);
        }

        if (name is not null)
        {
            _tables.Add(name, table);
        }

        return this;
    }
}
