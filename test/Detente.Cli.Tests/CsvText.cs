namespace Detente.Cli.Tests;

/// <summary>Reads CSV the CLI writes (or any RFC 4180 text) back into records, so tests can compare it with the JSON.</summary>
internal static class CsvText
{
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
