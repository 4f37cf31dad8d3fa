namespace Detente.Node.Sessions;

/// <summary>
/// Where the shipped data is: beside the binary (copied at build, and packed with the .NET tool, so an installed tool finds
/// it in its own folder) or in the repository the command runs in.
/// </summary>
public static class Paths
{
    /// <summary>The scenario used when no <c>--scenario</c> is given.</summary>
    public const string DefaultScenario = "europe-2022";

    /// <summary>The data directory: <c>DETENTE_DATA</c>, else <c>data/</c> beside the binary, else the repository's <c>data/</c>.</summary>
    public static string DataDirectory()
    {
        if (Environment.GetEnvironmentVariable("DETENTE_DATA") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data");
                if (File.Exists(Path.Combine(candidate, "scenarios", DefaultScenario, "scenario.json")))
                {
                    return candidate;
                }
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "data");
    }

    /// <summary>
    /// The scenario directory for a scenario option (<c>--scenario</c>): null is the default scenario; an existing path is
    /// itself; otherwise the name of a shipped scenario when one has that name, else the text as given (reading it then fails
    /// with the path in the message).
    /// </summary>
    public static string Scenario(string? option)
    {
        if (option is null)
        {
            return Path.Combine(DataDirectory(), "scenarios", DefaultScenario);
        }

        if (Directory.Exists(option) || File.Exists(option))
        {
            return option;
        }

        var shipped = Path.Combine(DataDirectory(), "scenarios", option);
        return Directory.Exists(shipped) ? shipped : option;
    }
}
