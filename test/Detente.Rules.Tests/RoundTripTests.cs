using Detente.Rules.Parsing;

namespace Detente.Rules.Tests;

/// <summary>Printing a parsed expression and parsing the print prints the same text again: the printer keeps the grouping the parser read.</summary>
public sealed class RoundTripTests
{
    public static TheoryData<string> Expressions()
    {
        var data = new TheoryData<string>();
        foreach (var (input, expected) in GoldenCases.ParseCases.Select(row => ((string)row[0], (string)row[1])))
        {
            if (!expected.StartsWith("error", StringComparison.Ordinal))
            {
                data.Add(input);
            }
        }

        foreach (var file in Directory.GetFiles(Path.Combine(AgreementsTests.DataDirectory(), "agreements"), "*.accord"))
        {
            var doc = Parser.ParseDocument(File.ReadAllText(file), file);
            foreach (var clause in doc.Articles.SelectMany(a => a.Clauses))
            {
                if (clause.Where is not null)
                {
                    data.Add(clause.Where.ToString()!);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Expressions))]
    public void PrintOfParse_ParsesToTheSamePrint(string input)
    {
        var once = Parser.ParseExpression(input);
        var twice = Parser.ParseExpression(once.ToString()!);
        Assert.Equal(once.ToString(), twice.ToString());
    }
}
