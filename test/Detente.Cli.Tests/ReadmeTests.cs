using System.Text.RegularExpressions;

namespace Detente.Cli.Tests;

public sealed partial class ReadmeTests
{
    private static readonly string Root = Cli.RepositoryRoot();
    private static readonly string Readme = File.ReadAllText(Path.Combine(Root, "README.md"));

    [Theory]
    [InlineData("detente")]
    [InlineData("test.sh")]
    [InlineData(".ci/run")]
    public void Readme_Commands_ExistAndAreExecutable(string script)
    {
        var path = Path.Combine(Root, script);
        Assert.True(File.Exists(path), $"{script} is missing");
        Assert.True(OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0, $"{script} is not executable");
    }

    [Fact]
    public void Readme_GivesTheTwoCommands()
    {
        Assert.Contains("./detente demo", Readme);
        Assert.Contains("./test.sh", Readme);
        Assert.Contains("./test.sh", File.ReadAllText(Path.Combine(Root, ".ci", "run")));
    }

    [Fact]
    public void Readme_NamesTheRealSolutionAndSdk()
    {
        Assert.True(File.Exists(Path.Combine(Root, "Detente.slnx")));
        Assert.Contains("Detente.slnx", Readme);
        var sdk = SdkVersion().Match(File.ReadAllText(Path.Combine(Root, "global.json"))).Groups[1].Value;
        Assert.Contains(sdk, Readme);
    }

    [Fact]
    public void Readme_EveryDetenteVerbShown_IsAVerbOfTheCommand()
    {
        var verbs = DetenteCommand.Create(new CliOptions(Spectre.Console.AnsiConsole.Console, TextWriter.Null, TextWriter.Null))
            .Subcommands.Select(c => c.Name).ToHashSet();
        var shown = Verb().Matches(Readme).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(shown);
        Assert.All(shown, verb => Assert.Contains(verb, verbs));
    }

    [Fact]
    public void Readme_EveryVerbThatEvaluatesADate_IsShownWithAt()
    {
        string[] dated = ["world", "brief", "deployments", "check", "explain", "whatif", "alerts", "consultations", "obligations", "inspections"];
        var lines = Readme.Split('\n').Where(l => l.Contains("./detente ", StringComparison.Ordinal)).ToList();
        var shown = lines.Where(l => Verb().Match(l) is { Success: true } m && dated.Contains(m.Groups[1].Value)).ToList();
        Assert.NotEmpty(shown);
        Assert.All(shown, l => Assert.Contains("--at ", l, StringComparison.Ordinal));
    }

    [GeneratedRegex("\"version\":\\s*\"([0-9.]+)\"")]
    private static partial Regex SdkVersion();

    [GeneratedRegex(@"\./detente ([a-z]+)")]
    private static partial Regex Verb();
}
