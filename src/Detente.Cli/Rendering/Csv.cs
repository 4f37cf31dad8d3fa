namespace Detente.Cli.Rendering;

/// <summary>
/// Writes a <see cref="TableView"/> as CSV by RFC 4180: a header row of the column names, one record per row with each cell's
/// whole value, CRLF line breaks, and fields holding a comma, a double quote, CR or LF enclosed in double quotes with inner
/// quotes doubled.
/// </summary>
internal static class Csv
{
    public static void Write(TextWriter output, TableView table)
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

    /// <summary>Reads CSV written by <see cref="Write"/> (or any RFC 4180 text) back into records; for tests and round trips.</summary>
    public static List<List<string>> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new System.Text.StringBuilder();
        var i = 0;
        var quoted = false;
        var any = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }

                if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }

                i++;
                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    any = true;
                    break;
                case ',':
                    record.Add(field.ToString());
                    field.Clear();
                    any = true;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                case '\n':
                    record.Add(field.ToString());
                    records.Add(record);
                    record = [];
                    field.Clear();
                    any = false;
                    if (c == '\r')
                    {
                        i++;
                    }

                    break;
                default:
                    field.Append(c);
                    any = true;
                    break;
            }

            i++;
        }

        if (quoted)
        {
            throw new FormatException("unterminated quoted field at the end of the CSV text");
        }

        if (any || field.Length > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }
}
