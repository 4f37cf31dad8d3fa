namespace Detente.Cli.Rendering;

/// <summary>
/// Writes a <see cref="ReportTable"/> as CSV by RFC 4180: a header row of the column names, one record per row with each cell's
/// whole value, CRLF line breaks, and fields holding a comma, a double quote, CR or LF enclosed in double quotes with inner
/// quotes doubled.
/// </summary>
internal static class Csv
{
    public static void Write(TextWriter output, ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(table);
        output.Write(Record(table.Columns.Select(c => c.Name)));
        foreach (var row in table.Rows)
        {
            output.Write(Record(row.Select(c => c.Value)));
        }
    }

    public static string Record(IEnumerable<string> fields) => string.Join(",", fields.Select(Field)) + "\r\n";

    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
