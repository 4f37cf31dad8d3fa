namespace Detente.Cli.Tests;

public sealed class DemoCommandTests
{
    [Fact]
    public void Demo_ShowsTheWorldOfTwelveJanuary2022()
    {
        var result = Cli.Run("demo");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("the world on 2022-01-12", result.Output);
        Assert.Contains("NATO: 16 members on 1997-05-27, 30 on 2022-01-12", result.Output);
        Assert.Contains("Disputed figures", result.Output);
        Assert.Contains("9M729", result.Output);
    }
}
