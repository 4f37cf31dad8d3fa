using Detente.Cli.Rendering;
using Detente.Node.Reports.Tables;

namespace Detente.Cli.Tests;

public sealed class RenderingTests
{
    private static ReportTable Some()
    {
        var table = new ReportTable("Some table", new Column("Clause", ColumnKind.Id), new Column("Party", ColumnKind.Id), new Column("Explanation"));
        table.Add("nato-russia-founding-act-1997/4b", "USA", "No recorded deployments count towards the limit for USA on 2022-03-02 (no additional " +
                                                        "permanent stationing of substantial combat forces on the territory of new members).");
        table.Add("vienna-document-2011/38", "RUS", "short");
        return table;
    }

    [Theory]
    [InlineData(40)]
    [InlineData(60)]
    [InlineData(80)]
    [InlineData(120)]
    public void Lines_AnyWidth_KeepEveryIdWholeOnOneLineAndStayWithinTheWidth(int width)
    {
        var lines = TextTable.Lines(Some(), width).Select(l => l.Plain).ToList();
        Assert.All(lines, l => Assert.True(l.Length <= width, $"{l.Length} > {width}: {l}"));
        Assert.Contains(lines, l => l.Contains("nato-russia-founding-act-1997/4b", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("vienna-document-2011/38", StringComparison.Ordinal));
    }

    [Fact]
    public void Lines_TooWideForOneTable_SplitsIntoPartsRepeatingTheKey()
    {
        var columns = new[] { new Column("Party", ColumnKind.Id) }
            .Concat(Enumerable.Range(1, 6).Select(i => new Column($"agreement-number-{i}-of-six", ColumnKind.Id))).ToArray();
        var table = new ReportTable(null, columns);
        table.Add(["RUS", .. Enumerable.Range(1, 6).Select(i => (Cell)$"{i} ok")]);
        var lines = TextTable.Lines(table, 80).Select(l => l.Plain).ToList();
        Assert.Contains(lines, l => l.StartsWith("(part 1 of ", StringComparison.Ordinal));
        Assert.True(lines.Count(l => l.StartsWith("│ RUS", StringComparison.Ordinal)) >= 2, string.Join("\n", lines));
        Assert.All(Enumerable.Range(1, 6), i => Assert.Contains(lines, l => l.Contains($"agreement-number-{i}-of-six", StringComparison.Ordinal)));
    }

    [Fact]
    public void Lines_IdWiderThanTheTerminal_IsWrittenWholeInBlocks()
    {
        var id = new string('x', 70);
        var table = new ReportTable(null, new Column("Id", ColumnKind.Id), new Column("Text")).Add(id, "some words");
        var lines = TextTable.Lines(table, 40).Select(l => l.Plain).ToList();
        Assert.Contains(lines, l => l.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public void Wrap_FreeText_BreaksBetweenWords()
    {
        Assert.Equal(["one two", "three"], TextTable.Wrap("one two three", 8, ColumnKind.Text));
        Assert.Equal(["abcde", "fgh"], TextTable.Wrap("abcdefgh", 5, ColumnKind.Text));
        Assert.Equal(["abcdefgh"], TextTable.Wrap("abcdefgh", 5, ColumnKind.Id));
    }

    [Fact]
    public void Wrap_NoBreakSpace_HoldsWordsTogetherAndIsShownAsASpace() =>
        Assert.Equal(["1 ok", "2 n/chk"], TextTable.Wrap("1\u00a0ok 2\u00a0n/chk", 6, ColumnKind.Id));

    [Fact]
    public void GroupedBy_RowsEqualButForTheParty_BecomeOneRowListingThem()
    {
        var table = new ReportTable(null, new Column("Clause", ColumnKind.Id), new Column("Party", ColumnKind.Id), new Column("After", ColumnKind.Id));
        foreach (var p in new[] { "ALB", "BEL", "BGR" })
        {
            table.Add("ru-nato-2021-draft/6", p, "violated");
        }

        table.Add("ru-nato-2021-draft/4", "USA", "violated");
        var grouped = table.GroupedBy(1, "parties");
        Assert.Equal(2, grouped.Rows.Count);
        Assert.Equal("3 parties: ALB BEL BGR", grouped.Rows[0][1].Text);
        Assert.Equal("USA", grouped.Rows[1][1].Text);
    }

    [Fact]
    public void Csv_QuotesCommasQuotesAndLineBreaks_AndParsesBack()
    {
        var table = new ReportTable(null, new Column("A"), new Column("B"));
        table.Add("plain", "with, comma");
        table.Add("with \"quote\"", "two\nlines");
        table.Add(new Cell("a, b +1", Whole: "a, b, c"), "");
        var writer = new StringWriter();
        Csv.Write(writer, table);
        var text = writer.ToString();
        Assert.StartsWith("A,B\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\"with \"\"quote\"\"\",\"two\nlines\"\r\n", text, StringComparison.Ordinal);
        var records = CsvText.Parse(text);
        Assert.Equal(4, records.Count);
        Assert.Equal(["with \"quote\"", "two\nlines"], records[2]);
        Assert.Equal(["a, b, c", ""], records[3]);
    }

    [Fact]
    public void Csv_Parse_UnterminatedQuote_Throws() => Assert.Throws<FormatException>(() => CsvText.Parse("a,\"b\r\n"));

    [Theory]
    [InlineData(true, 100, null, 100)]
    [InlineData(true, 100, "80", 100)]
    [InlineData(false, null, "80", 80)]
    [InlineData(false, null, null, TerminalWidth.Default)]
    [InlineData(false, null, "wide", TerminalWidth.Default)]
    [InlineData(false, null, "-5", TerminalWidth.Default)]
    [InlineData(false, null, "10", TerminalWidth.Minimum)]
    [InlineData(true, 0, "90", 90)]
    public void Resolve_TerminalThenColumnsThenDefault(bool terminal, int? window, string? columns, int expected) =>
        Assert.Equal(expected, TerminalWidth.Resolve(terminal, window, columns));
}
