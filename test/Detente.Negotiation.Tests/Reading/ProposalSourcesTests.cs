using Detente.Core;
using Detente.Negotiation;

namespace Detente.Negotiation.Tests.Reading;

/// <summary>A proposal file may define its own sources beside the ids of sources.json; bad ones are located errors.</summary>
public sealed class ProposalSourcesTests : IDisposable
{
    private readonly string _dir = System.IO.Directory.CreateTempSubdirectory("detente-proposal-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_dir, recursive: true);

    private string Proposal(string sources)
    {
        var path = Path.Combine(_dir, "p.json");
        File.WriteAllText(path, "{ \"id\": \"p\", \"title\": \"t\", \"party\": \"USA\", \"date\": \"2022-01-26\",\n"
                                + "  \"values\": { \"enlargement-ban\": \"no\" },\n"
                                + "  \"sources\": [" + sources + "] }\n");
        return path;
    }

    [Fact]
    public void ReadProposal_OwnSourceBesideAKnownId_KeepsBoth()
    {
        var proposal = Some.ShippedData.ReadProposal(Proposal(
            "\"us-nonpaper-ap\", {\"id\": \"note-1\", \"title\": \"Seminar package\", \"publisher\": \"Example\", \"date\": \"2022-02-01\", \"kind\": \"press\", \"reliability\": \"C\", \"origin\": \"independent\", \"confidence\": \"recalled\"}"));
        Assert.Equal(2, proposal.Sources.Length);
        Assert.Equal("Example", proposal.Sources[1].Source.Publisher);
        Assert.Equal(Core.Confidence.Recalled, proposal.Sources[1].Confidence);
    }

    [Fact]
    public void ReadProposal_OwnSourceCitedAgainByItsId_Resolves()
    {
        var proposal = Some.ShippedData.ReadProposal(Proposal(
            "{\"id\": \"note-1\", \"title\": \"t\", \"publisher\": \"Example\", \"date\": \"2022-02-01\", \"kind\": \"press\", \"reliability\": \"C\", \"origin\": \"independent\", \"confidence\": \"verified\"}, \"note-1\""));
        Assert.Equal(2, proposal.Sources.Length);
        Assert.Same(proposal.Sources[0], proposal.Sources[1]);
    }

    [Theory]
    [InlineData("{\"id\": \"us-nonpaper-ap\", \"title\": \"t\", \"publisher\": \"p\", \"date\": \"2022-02-01\", \"kind\": \"press\", \"reliability\": \"C\", \"origin\": \"independent\", \"confidence\": \"verified\"}",
        "already defined in sources.json")]
    [InlineData("{\"id\": \"n\", \"title\": \"t\", \"publisher\": \"p\", \"date\": \"2022-02-01\", \"kind\": \"press\", \"reliability\": \"C\", \"origin\": \"independent\", \"confidence\": \"verified\"}, "
                + "{\"id\": \"n\", \"title\": \"t\", \"publisher\": \"p\", \"date\": \"2022-02-01\", \"kind\": \"press\", \"reliability\": \"C\", \"origin\": \"independent\", \"confidence\": \"verified\"}", "already defined in this file")]
    [InlineData("{\"id\": \"n\", \"title\": \"t\", \"publisher\": \"p\", \"date\": \"2022-02-01\", \"kind\": \"press\", \"reliability\": \"C\", \"origin\": \"independent\", \"confidence\": \"verified\", \"licence\": \"x\"}", "licence")]
    [InlineData("{\"id\": \"n\", \"title\": \"t\", \"publisher\": \"p\", \"date\": \"Feb 2022\", \"kind\": \"press\", \"reliability\": \"C\", \"origin\": \"independent\", \"confidence\": \"verified\"}", "3:")]
    [InlineData("\"us-nonpaper-pim\"", "did you mean 'us-nonpaper-pism'?")]
    [InlineData("{\"id\": \"n\", \"title\": \"t\", \"publisher\": \"p\", \"date\": \"2022-02-01\", \"kind\": \"press\", \"origin\": \"independent\", \"confidence\": \"verified\"}",
        "missing field 'reliability' (the source's Admiralty grade, A to F)")]
    [InlineData("{\"id\": \"n\", \"title\": \"t\", \"publisher\": \"p\", \"date\": \"2022-02-01\", \"kind\": \"press\", \"reliability\": \"C\", \"confidence\": \"verified\"}",
        "missing field 'origin'")]
    [InlineData("{\"id\": \"n\", \"title\": \"t\", \"publisher\": \"p\", \"date\": \"2022-02-01\", \"kind\": \"press\", \"reliability\": \"B2\", \"origin\": \"independent\", \"confidence\": \"verified\"}",
        "'B2' is not a grade")]
    [InlineData("{\"id\": \"n\", \"title\": \"t\", \"publisher\": \"p\", \"date\": \"2022-02-01\", \"kind\": \"press\", \"reliability\": \"C\", \"origin\": \"Kremlin\", \"confidence\": \"verified\"}",
        "'Kremlin' is not an origin")]
    [InlineData("{\"id\": \"n\", \"title\": \"t\", \"publisher\": \"p\", \"date\": \"2022-02-01\", \"kind\": \"blog\", \"reliability\": \"C\", \"origin\": \"independent\", \"confidence\": \"verified\"}",
        "'blog' is not a source kind")]
    public void ReadProposal_BadSource_LocatedError(string sources, string expected)
    {
        var e = Assert.Throws<InputException>(() => Some.ShippedData.ReadProposal(Proposal(sources)));
        Assert.Contains(":3:", e.Message);
        Assert.Contains(expected, e.Message);
    }
}
