using Detente.Cli;
using Spectre.Console;

// Redirected output has no terminal width; tables then get a width that fits their columns instead of 80.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 40 ? columns : 160;
}

return DetenteCommand.Run(args, AnsiConsole.Console, Console.Out, Console.Error);
