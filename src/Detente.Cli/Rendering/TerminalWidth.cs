namespace Detente.Cli.Rendering;

/// <summary>How wide tables may be: the terminal's width, else <c>COLUMNS</c>, else <see cref="Default"/>.</summary>
internal static class TerminalWidth
{
    /// <summary>The width when output is not a terminal and <c>COLUMNS</c> is not set (a file, a pipe).</summary>
    public const int Default = 120;

    /// <summary>Narrower than this, no table can show an id with its borders; wider values are taken as given.</summary>
    public const int Minimum = 40;

    /// <summary>
    /// The terminal's window width when output is a terminal that reports one, else a valid <c>COLUMNS</c>, else
    /// <see cref="Default"/>. Widths under <see cref="Minimum"/> are raised to it.
    /// </summary>
    public static int Resolve(bool isTerminal, int? windowWidth, string? columns) =>
        isTerminal && windowWidth is > 0 and var w ? Math.Max(Minimum, w)
        : int.TryParse(columns, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var c) && c > 0
            ? Math.Max(Minimum, c)
            : Default;

    /// <summary>The width for this process's standard output.</summary>
    public static int OfConsole()
    {
        try
        {
            return Resolve(!Console.IsOutputRedirected, Console.IsOutputRedirected ? null : Console.WindowWidth, Environment.GetEnvironmentVariable("COLUMNS"));
        }
        catch (IOException)
        {
            // No console attached after all: fall back to COLUMNS.
            return Resolve(false, null, Environment.GetEnvironmentVariable("COLUMNS"));
        }
    }
}
