using System.Text.Json;
using Spectre.Console;

namespace Detente.Security.Tests;

/// <summary>Runs the detente command in-process and captures what it writes.</summary>
internal static class Cli
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public JsonElement Json() => JsonDocument.Parse(Output).RootElement.Clone();

        public string All => Output + Error;
    }

    public static Result Run(params string[] args)
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
        console.Profile.Width = 200;
        var code = Detente.Cli.DetenteCommand.Run(args, console, output, error);
        return new Result(code, output.ToString(), error.ToString());
    }
}
