using System.Diagnostics;
using Npgsql;

namespace Detente.Storage.Tests.Postgres;

/// <summary>
/// A PostgreSQL server for the specification tests: the one named by <c>DETENTE_TEST_POSTGRES</c> (a connection string), or else a
/// throwaway cluster this fixture creates with <c>initdb</c> and starts with <c>pg_ctl</c> on a private Unix socket, and stops after.
/// When neither is possible the tests fail with a message saying how to provide one; they never pass silently.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string EnvironmentVariable = "DETENTE_TEST_POSTGRES";
    private readonly string? _directory;
    private readonly string? _binDirectory;

    public PostgresServer()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            ConnectionString = Generous(configured);
            return;
        }

        _binDirectory = FindBinDirectory() ?? throw new InvalidOperationException(
            $"PostgreSQL tests need a server: set {EnvironmentVariable} to a connection string, or install PostgreSQL "
            + "(apt-get install postgresql) so initdb and pg_ctl can start a throwaway cluster.");
        _directory = Path.Combine(Path.GetTempPath(), $"detente-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", $"postgres \"{_directory}\"", asPostgres: false);
        }

        var data = Path.Combine(_directory, "data");
        Run(Path.Combine(_binDirectory, "initdb"), $"-D \"{data}\" -U detente -A trust -E UTF8 --no-sync", asRoot);
        Run(Path.Combine(_binDirectory, "pg_ctl"),
            $"-D \"{data}\" -l \"{Path.Combine(_directory, "log")}\" -w -o \"-k {_directory} -p 5432 -c listen_addresses=\" start", asRoot);
        ConnectionString = Generous($"Host={_directory};Port=5432;Username=detente;Database=postgres;Pooling=false");
    }

    public string ConnectionString { get; }

    /// <summary>
    /// <paramref name="connection"/> with generous connect and command timeouts (Npgsql's defaults, 15 s and 30 s, are
    /// reached on a loaded machine): they guard against a hung server only, never decide a test by speed. No pooling: every
    /// test schema is its own connection string, hence its own pool, and Npgsql keeps a pool's idle connections for 300 s, so
    /// the Storage and Security suites running at once filled the server's 300 connection slots ("too many clients").
    /// </summary>
    public static string Generous(string connection) =>
        new NpgsqlConnectionStringBuilder(connection) { Timeout = 300, CommandTimeout = 900, Pooling = false }.ToString();

    /// <summary>Creates an empty schema and returns a connection string whose search path is that schema.</summary>
    public string NewSchema()
    {
        var schema = $"t_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            connection.Open();
            using var cmd = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            cmd.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ToString();
    }

    public void Dispose()
    {
        if (_directory is null || _binDirectory is null)
        {
            return;
        }

        try
        {
            Run(Path.Combine(_binDirectory, "pg_ctl"), $"-D \"{Path.Combine(_directory, "data")}\" -m immediate -w stop",
                Environment.UserName == "root");
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static string? FindBinDirectory()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")) : []);
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static void Run(string program, string arguments, bool asPostgres)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {program} {arguments}")
            : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{program} {arguments}' failed ({process.ExitCode}): {error}{output.Result}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL server";
}
