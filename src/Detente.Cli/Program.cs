using Detente.Cli;
using Spectre.Console;

// Tables fit the terminal's width; piped or redirected output uses COLUMNS, else a default (docs/cli.md, "Tables").
AnsiConsole.Profile.Width = Detente.Cli.Rendering.TerminalWidth.OfConsole();

return DetenteCommand.Run(args, AnsiConsole.Console, Console.Out, Console.Error);
