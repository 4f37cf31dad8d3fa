namespace Detente.Cli.Tests;

/// <summary><c>detente agreements diff</c>: the documented JSON, overlays that <c>whatif</c> accepts, and bad input.</summary>
public sealed class AgreementsDiffTests
{
    [Fact]
    public void Diff_Json_RussianDraftAgainstNatoResponse_IsIncomparable_WithSeparatingWorlds()
    {
        var result = Cli.Run("agreements", "diff", "--at", "2022-01-12", "ru-nato-2021-draft", "nato-2022-response", "--json");
        Assert.Equal(0, result.ExitCode);
        var json = result.Json();
        Assert.Equal("incomparable", json.GetProperty("strength").GetString());
        var forbidden = json.GetProperty("separating").EnumerateArray().Select(s => s.GetProperty("forbiddenBy").GetString()).ToList();
        Assert.Contains("ru-nato-2021-draft", forbidden);
        Assert.Contains("nato-2022-response", forbidden);
        var pair = json.GetProperty("clauses").EnumerateArray().Single(c => c.GetProperty("a").GetString() == "ru-nato-2021-draft/7.1");
        Assert.Equal("nato-2022-response/2.1", pair.GetProperty("b").GetString());
        Assert.Equal("incomparable", pair.GetProperty("strength").GetString());
        Assert.NotEmpty(pair.GetProperty("constructs").EnumerateArray());
    }

    [Fact]
    public void Diff_Overlays_AreAcceptedByWhatIf()
    {
        var dir = Directory.CreateTempSubdirectory("detente-diff-").FullName;
        try
        {
            var result = Cli.Run("agreements", "diff", "--at", "2022-01-12", "ru-nato-2021-draft", "nato-2022-response", "--worlds", "100", "--overlays", dir);
            Assert.Equal(0, result.ExitCode);
            var overlay = Assert.Single(Directory.GetFiles(dir).Where(f => f.Contains("-only-ru-nato-2021-draft", StringComparison.Ordinal)).Take(1));
            var whatif = Cli.Run("whatif", "--at", "2022-01-12", "--apply", overlay, "--agreement", "ru-nato-2021-draft", "--json");
            Assert.Equal(0, whatif.ExitCode);
            Assert.Contains(whatif.Json().GetProperty("changes").EnumerateArray(), c => c.GetProperty("after").GetString() == "violated");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public void Diff_NonPositiveWorlds_ExitsTwo(string worlds)
    {
        var result = Cli.Run("agreements", "diff", "--at", "2022-01-12", "inf-1987", "ru-us-2021-draft", "--worlds", worlds);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--worlds", result.Error);
    }

    [Fact]
    public void Diff_OverlaysIntoAFile_ExitsTwoWithAMessage()
    {
        var file = Path.GetTempFileName();
        try
        {
            var result = Cli.Run("agreements", "diff", "--at", "2022-01-12", "ru-nato-2021-draft", "nato-2022-response", "--worlds", "20", "--overlays", Path.Combine(file, "sub"));
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("--overlays", result.Error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Diff_UnknownAgreement_SuggestsNearestAndExitsTwo()
    {
        var result = Cli.Run("agreements", "diff", "--at", "2022-01-12", "ru-nato-2021-draft", "nato-2022-respons");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("did you mean 'nato-2022-response'?", result.Error);
    }
}
