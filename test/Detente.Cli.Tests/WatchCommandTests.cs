using System.Diagnostics;
using System.Text.Json;

namespace Detente.Cli.Tests;

/// <summary>
/// <c>detente watch</c> as its own process, following a record that this process writes: the summary line on start, then the
/// finding changes of a statement once it is integrated, with the statement that caused them.
/// </summary>
public sealed class WatchCommandTests : IDisposable
{
    // Hang guard only: no assertion depends on how fast the machine is.
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(10);

    private readonly string _dir = Directory.CreateTempSubdirectory("detente-cli-watch-").FullName;
    private Process? _watch;

    private string Db => Path.Combine(_dir, "record.db");

    private string Keyring => Path.Combine(_dir, "keyring.json");

    public void Dispose()
    {
        if (_watch is { HasExited: false })
        {
            _watch.Kill();
            _watch.WaitForExit();
        }

        _watch?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "detente.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        return _watch = Process.Start(start)!;
    }

    private static string ReadLine(Process process)
    {
        var read = process.StandardOutput.ReadLineAsync();
        Assert.True(read.Wait(Guard), "watch wrote nothing within the hang guard");
        return read.Result ?? throw new InvalidOperationException("watch ended: " + process.StandardError.ReadToEnd());
    }

    [Fact]
    public void Watch_StatementIntegratedByAnotherProcess_PrintsItsChangesWithTheCause()
    {
        Assert.Equal(0, Cli.Run("record", "import", "--db", Db, "--keyring", Keyring).ExitCode);
        var watch = Start("watch", "--db", Db, "--at", "2022-03-15", "--json");
        long integrated;
        using (var start = JsonDocument.Parse(ReadLine(watch)))
        {
            Assert.Equal("watching", start.RootElement.GetProperty("event").GetString());
            integrated = start.RootElement.GetProperty("integrated").GetInt64();
            Assert.True(integrated > 500, $"the imported record holds {integrated} statements");
            Assert.Equal("2022-03-15", start.RootElement.GetProperty("at").GetString());
            Assert.True(start.RootElement.GetProperty("findings").GetInt32() > 0);
        }

        var body = Path.Combine(_dir, "deployment.json");
        File.WriteAllText(body, """
            {"id": "x-missiles", "owner": "USA", "host": "POL", "site": "aegis-ashore-redzikowo", "system": "ground-launched-tomahawk-2019",
             "quantity": 50, "unit": "missiles", "permanence": "permanent", "mission": "combat", "from": "2022-03-01",
             "provenance": "declared", "sources": ["academic-ru-nato"], "confidence": "uncertain"}
            """);
        var append = Cli.Run("record", "append", "--kind", "deployment-declaration", "--party", "USA", "--body", body, "--db", Db, "--keyring", Keyring);
        Assert.True(append.ExitCode == 0, append.Error);
        Assert.Equal(0, Cli.Run("record", "integrate", "--db", Db, "--keyring", Keyring).ExitCode);

        // Every change line of the batch names the statement; one of them is the new deployment's own finding.
        JsonElement line;
        do
        {
            using var change = JsonDocument.Parse(ReadLine(watch));
            line = change.RootElement.Clone();
            Assert.Equal("change", line.GetProperty("event").GetString());
            // The appended statement is the next entry after everything the import integrated.
            Assert.Equal(integrated, line.GetProperty("cause").GetProperty("index").GetInt64());
            Assert.Equal("USA", line.GetProperty("cause").GetProperty("author").GetString());
            Assert.Equal("deployment-declaration", line.GetProperty("cause").GetProperty("kind").GetString());
        }
        while (line.GetProperty("subject").GetString() != "x-missiles");

        Assert.Null(line.GetProperty("before").GetString());
        Assert.Equal("violated", line.GetProperty("after").GetString());
        Assert.True(line.GetProperty("hypothetical").GetBoolean());
    }

    [Fact]
    public void Watch_NoRecord_IsABadInputError()
    {
        // Tried: a --db that holds no record, and a malformed --at.
        var none = Cli.Run("watch", "--db", Path.Combine(_dir, "none.db"));
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("no record in", none.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "none.db")));
        var date = Cli.Run("watch", "--db", Db, "--at", "March");
        Assert.Equal(2, date.ExitCode);
        Assert.Contains("--at: expected a date", date.Error, StringComparison.Ordinal);
    }
}
