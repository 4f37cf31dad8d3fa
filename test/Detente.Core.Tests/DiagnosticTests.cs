using Detente.Core;
using Xunit;

namespace Detente.Core.Tests;

public sealed class DiagnosticTests
{
    private static readonly SourceLocation At = new("f.csv", 3, 8);

    [Fact]
    public void ToString_WithField_NamesTheFieldAfterTheLocation()
    {
        Assert.Equal("f.csv:3:8: field 'sites[3].lat': out of range", new Diagnostic(At, "sites[3].lat", "out of range").ToString());
    }

    [Fact]
    public void ToString_WithoutField_IsLocationAndMessage()
    {
        Assert.Equal("f.csv:3:8: out of range", new Diagnostic(At, null, "out of range").ToString());
        Assert.Equal("f.csv: empty", new Diagnostic(SourceLocation.Whole("f.csv"), null, "empty").ToString());
    }

    [Fact]
    public void ToString_WithPlace_PutsThePlaceInParenthesesInsteadOfTheField()
    {
        var d = new Diagnostic(At, "where", "too long") { Place = "feature 2, where" };
        Assert.Equal("f.csv:3:8 (feature 2, where): too long", d.ToString());
        Assert.Equal("where", d.Field);
    }

    [Fact]
    public void InputException_Message_IsEveryDiagnosticOneALine()
    {
        var e = new InputException([new Diagnostic(At, null, "first"), new Diagnostic(At, "count", "second") { Place = "count" }]);
        Assert.Equal("f.csv:3:8: first\nf.csv:3:8 (count): second", e.Message);
        Assert.Equal("first", e.Problem);
    }
}
