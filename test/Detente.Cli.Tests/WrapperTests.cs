using System.Diagnostics;

namespace Detente.Cli.Tests;

/// <summary>
/// The repository wrapper <c>./detente</c>, run on a copy of the script in a scratch repository whose <c>dotnet</c> is a fake
/// that records each build and run: when it builds, what it passes through, and that concurrent first calls build once.
/// </summary>
public sealed class WrapperTests : IDisposable
{
    private const string FakeDotnet = """
        #!/usr/bin/env bash
        if [ "$1" = build ]; then
          echo build >> "$FAKE_LOG"
          sleep "${FAKE_BUILD_SECONDS:-0}"
          [ "${FAKE_BUILD_STATUS:-0}" = 0 ] || { echo "Program.cs(1,1): error CS1002: ; expected"; exit "$FAKE_BUILD_STATUS"; }
          while [ $# -gt 0 ]; do [ "$1" = -o ] && out="$2"; shift; done
          mkdir -p "$out" && echo built > "$out/detente.dll"
          exit 0
        fi
        echo "run $1" >> "$FAKE_LOG"
        shift
        for a in "$@"; do echo "arg:$a"; done
        echo "data:$DETENTE_DATA"
        cat
        exit "${FAKE_EXIT:-0}"
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"detente-wrapper-{Guid.NewGuid():N}");
    private readonly string _log;

    public WrapperTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "src", "Detente.Cli"));
        Directory.CreateDirectory(Path.Combine(_root, "data"));
        Directory.CreateDirectory(Path.Combine(_root, "fake-bin"));
        File.Copy(Path.Combine(Cli.RepositoryRoot(), "detente"), Path.Combine(_root, "detente"));
        File.WriteAllText(Path.Combine(_root, "src", "Detente.Cli", "Detente.Cli.csproj"), "<Project />");
        File.WriteAllText(Path.Combine(_root, "src", "Detente.Cli", "Program.cs"), "// program");
        File.WriteAllText(Path.Combine(_root, "global.json"), "{}");
        File.WriteAllText(Path.Combine(_root, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(_root, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(_root, "fake-bin", "dotnet"), FakeDotnet.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            // The wrapper is a bash script; on Windows these tests fail at the first run, never pass silently.
            File.SetUnixFileMode(Path.Combine(_root, "fake-bin", "dotnet"), (UnixFileMode)0b111_101_101);
            File.SetUnixFileMode(Path.Combine(_root, "detente"), (UnixFileMode)0b111_101_101);
        }
        _log = Path.Combine(_root, "calls.log");
    }

    [Fact]
    public void FirstCall_Builds_ThenPassesArgumentsStdinStdoutAndExitCode()
    {
        var result = Run(["world", "--at", "1997-05-27 x"], stdin: "line from stdin\n", exit: 3);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(
            ["arg:world", "arg:--at", "arg:1997-05-27 x", $"data:{Path.Combine(_root, "data")}", "line from stdin"],
            result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("building", result.Error);
        Assert.Equal(["build", $"run {Path.Combine(_root, ".build", "detente", "detente.dll")}"], Calls());
    }

    [Fact]
    public void SecondCall_NothingChanged_RunsWithoutBuilding()
    {
        Run([]);
        var second = Run(["demo"]);

        Assert.Equal(0, second.ExitCode);
        Assert.Equal("", second.Error);
        Assert.Equal(1, Calls().Count(c => c == "build"));
        Assert.Equal(2, Calls().Count(c => c.StartsWith("run ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("src/Detente.Cli/Program.cs")]
    [InlineData("src/Detente.Cli/Detente.Cli.csproj")]
    [InlineData("src/Detente.Core/New.cs")]
    [InlineData("global.json")]
    [InlineData("Directory.Build.props")]
    [InlineData("Directory.Packages.props")]
    public void SourceNewerThanTheBuild_Rebuilds_Once(string edited)
    {
        Run([]);
        AgeTheBuild();
        var path = Path.Combine(_root, edited);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "// edited");

        var after = Run([]);
        Run([]);

        Assert.Contains(edited, after.Error);
        Assert.Equal(2, Calls().Count(c => c == "build"));
    }

    [Fact]
    public void SourceDeleted_Rebuilds()
    {
        File.WriteAllText(Path.Combine(_root, "src", "Detente.Cli", "Old.cs"), "// old");
        Run([]);
        AgeTheBuild();
        File.Delete(Path.Combine(_root, "src", "Detente.Cli", "Old.cs"));

        Run([]);

        Assert.Equal(2, Calls().Count(c => c == "build"));
    }

    [Theory]
    [InlineData("src/Detente.Cli/obj/project.assets.json")]
    [InlineData("src/Detente.Cli/bin/Release/net10.0/detente.dll")]
    [InlineData("data/scenarios/europe-2022/deployments.json")]
    [InlineData("README.md")]
    public void OutputsDataAndDocsNewer_DoNotRebuild(string touched)
    {
        Directory.CreateDirectory(Path.Combine(_root, "src", "Detente.Cli", "obj"));
        Directory.CreateDirectory(Path.Combine(_root, "src", "Detente.Cli", "bin"));
        Run([]);
        AgeTheBuild();
        var path = Path.Combine(_root, touched);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{}");

        Run([]);

        Assert.Equal(1, Calls().Count(c => c == "build"));
    }

    [Fact]
    public void BuildFails_ReportsTheErrorAndRunsNothing_ThenRetries()
    {
        var failed = Run(["demo"], buildStatus: 1);
        var retried = Run(["demo"]);

        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("error CS1002", failed.Error);
        Assert.Equal("", failed.Output);
        Assert.Equal(0, retried.ExitCode);
        Assert.Equal(["build", "build", $"run {Path.Combine(_root, ".build", "detente", "detente.dll")}"], Calls());
    }

    [Fact]
    public async Task ConcurrentFirstCalls_BuildOnce_AndAllRun()
    {
        var calls = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => Run([$"call{i}"], buildSeconds: 1))));

        Assert.All(calls, c => Assert.Equal(0, c.ExitCode));
        Assert.Equal(1, Calls().Count(c => c == "build"));
        Assert.Equal(4, Calls().Count(c => c.StartsWith("run ", StringComparison.Ordinal)));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void AgeTheBuild()
    {
        // Sets the last build an hour back, as if the edit that follows came later (file times are not trusted to tick).
        File.SetLastWriteTimeUtc(Path.Combine(_root, ".build", "detente", ".built"), DateTime.UtcNow.AddHours(-1));
        foreach (var dir in Directory.EnumerateDirectories(Path.Combine(_root, "src"), "*", SearchOption.AllDirectories).Append(Path.Combine(_root, "src")))
        {
            Directory.SetLastWriteTimeUtc(dir, DateTime.UtcNow.AddHours(-2));
        }

        foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/.build/", StringComparison.Ordinal)))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-2));
        }
    }

    private List<string> Calls() => File.Exists(_log) ? [.. File.ReadAllLines(_log)] : [];

    private Cli.Result Run(string[] args, string stdin = "", int exit = 0, int buildStatus = 0, int buildSeconds = 0)
    {
        var start = new ProcessStartInfo(Path.Combine(_root, "detente"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["PATH"] = Path.Combine(_root, "fake-bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment.Remove("DETENTE_DATA");
        start.Environment["FAKE_LOG"] = _log;
        start.Environment["FAKE_EXIT"] = exit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["FAKE_BUILD_STATUS"] = buildStatus.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["FAKE_BUILD_SECONDS"] = buildSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // A guard against a hung script only: each call takes milliseconds.
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "the wrapper hung");
        return new Cli.Result(process.ExitCode, output.Result, error.Result);
    }
}
