using Detente.Rules.Compilation;
using Detente.Rules.Parsing;

namespace Detente.Rules.Tests;

/// <summary>
/// `lint` reports every error of a document, each located (issue 18, point 7): the parser resumes at the next clause, article,
/// parameter or header field; the checker reports the clauses that parsed.
/// </summary>
public sealed class LintRecoveryTests
{
    private static IReadOnlyList<string> Errors(string text, string expectedId = "t")
    {
        var e = Assert.Throws<RuleException>(() => AgreementLibrary.CompileText(text, expectedId, "t.accord", ["europe"], ["RUS", "USA"]));
        return e.Errors.Select(x => x.ToString()).ToList();
    }

    private const string Header = """
        agreement t
          title "t"
          kind draft
          date 2021-12-17
          parties {RUS, USA}

        """;

    [Fact]
    public void Lint_ErrorsInSeveralClausesAndArticles_ReportsEachWithItsPlace()
    {
        // Tried: an unfinished condition, a field written without spaces around '-', a misspelt field, an unknown clause kind.
        var errors = Errors(Header + """
            article 1 "x"
              clause "a"
                forbid deployments d by d.owner
                  where d.quantity >
              clause "b"
                forbid activities a by a.participants
                  where a.start-notice-days > 2021-01-01
            article 2 "y"
              clause "c"
                forbid deployments d by d.owner
                  where d.hots = RUS
            article 3 "z"
              clause "d"
                prohibit deployments d
            """);
        Assert.Equal(4, errors.Count);
        Assert.StartsWith("t.accord:10:3: expected a value", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("t.accord:12:14: unknown field of an activity 'start-notice-days'", errors[1], StringComparison.Ordinal);
        Assert.Contains("'a.start - notice-days'", errors[1], StringComparison.Ordinal);
        Assert.Equal("t.accord:16:14: unknown field of a deployment 'hots'; did you mean 'host'?", errors[2]);
        Assert.StartsWith("t.accord:19:5: expected a clause kind", errors[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_ErrorsInHeaderAndParameters_ReportsEach()
    {
        // Tried: an unknown header field, a misspelt document kind, a parameter with no value, a parameter with an unknown type.
        var errors = Errors("""
            agreement t
              title "t"
              colour red
              kind traety
              kind draft
              date 2021-12-17
              parties {RUS, USA}
            param a: km = )
              "no value"
            param b: miles = 5
              "unknown type"
            article 1 "x"
              uncheckable "no data"
            """);
        Assert.Equal(4, errors.Count);
        Assert.StartsWith("t.accord:3:3: unknown header field 'colour'", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("t.accord:4:8: unknown document kind 'traety'", errors[1], StringComparison.Ordinal);
        Assert.StartsWith("t.accord:8:15: expected a value", errors[2], StringComparison.Ordinal);
        Assert.StartsWith("t.accord:10:1: unknown parameter type 'miles'", errors[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_IdDiffersFromFileName_IsLocatedAtTheId()
    {
        // Tried: the id on the first line after extra spaces, and on a line of its own after a comment.
        Assert.Equal("t.accord:1:14: the document's id 't' differs from its file name 'other'",
            Errors(Header.Replace("agreement t", "agreement    t", StringComparison.Ordinal) + "article 1 \"x\"\n  uncheckable \"no data\"\n", "other").Single());
        Assert.Equal("t.accord:3:3: the document's id 't' differs from its file name 'other'",
            Errors("# a comment\nagreement\n  t" + Header["agreement t".Length..] + "article 1 \"x\"\n  uncheckable \"no data\"\n", "other").Single());
    }

    [Fact]
    public void Lint_ClauseAfterAFailedClause_KeepsItsId()
    {
        // The second clause of article 1 keeps the id 1.2 when the first fails, so 'only while 1.2' still resolves.
        var errors = Errors(Header + """
            article 1 "x"
              clause "a"
                forbid deployments d by d.owner where d.quantity >
              clause "b"
                forbid deployments d by d.owner where d.quantity > 1
            article 2 "y"
              clause "c"
                forbid deployments d by d.owner where d.quantity > 2
                only while 1.2 holds
            """);
        Assert.Single(errors);
    }
}
