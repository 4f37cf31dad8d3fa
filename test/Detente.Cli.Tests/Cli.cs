using System.Text.Json;
using Spectre.Console;

namespace Detente.Cli.Tests;

/// <summary>Runs the detente command in-process and captures what it writes.</summary>
internal static class Cli
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public JsonElement Json() => JsonDocument.Parse(Output).RootElement.Clone();
    }

    public static Result Run(params string[] args) => RunAt(200, args);

    /// <summary>Runs the command with a console of <paramref name="width"/> columns, as a terminal of that width would be.</summary>
    public static Result RunAt(int width, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        var code = DetenteCommand.Run(args, console, output, error);
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>The repository root (the directory holding Detente.slnx), found from the test binary.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Detente.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Detente.slnx not found above " + AppContext.BaseDirectory);
    }
}
