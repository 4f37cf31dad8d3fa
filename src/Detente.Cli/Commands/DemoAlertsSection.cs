using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary>The demo's alerts section: the build-up alerts of 15 February 2022, each with its sources and finding.</summary>
internal static class DemoAlertsSection
{
    /// <summary>The day of the closed Vienna Document meeting that Russia did not attend.</summary>
    public static readonly DateOnly Day = new(2022, 2, 15);

    public static void Render(Session session, DateOnly day)
    {
        session.Console.Write(new Rule($"[bold]Alerts on {day:yyyy-MM-dd}[/] — observations against declarations and Vienna Document thresholds").LeftJustified());
        session.Show(AlertsCommand.Build(RulesContext.Open(session, null), day).Table(), csv: false);
    }
}
