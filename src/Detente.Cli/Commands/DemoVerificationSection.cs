using Detente.Cli.Verification;
using Detente.Node.Reports.Verification;
using Detente.Verification.Inspections;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary>
/// The verification part of <c>detente demo</c>: the reciprocity balance of the HYPOTHETICAL Aegis Ashore run, and the
/// February 2022 Chapter III consultations with their clocks and overdue flags — both read from the shipped events files.
/// </summary>
internal static class DemoVerificationSection
{
    /// <summary>Writes the section; the consultations are those of <paramref name="at"/> when given, else of 2022-02-20.</summary>
    public static void Render(Session session, DateOnly? at)
    {
        var context = VerificationContext.Open(session, null, [], record: null);
        var console = session.Console;
        var end = new DateOnly(2023, 12, 31);
        console.MarkupLine("\n[bold]Inspections[/]: the Aegis Ashore transparency mechanism the US proposed in January 2022 was never agreed; " +
                           "the run below is [yellow]HYPOTHETICAL[/], invented to exercise every path of the lifecycle, the same for both sides.");
        session.Show(InspectionsReport.BalanceTable(context, Balance.Of(context.Ledger, end, "aegis-ashore-transparency"), end), csv: false);
        var day = at ?? new DateOnly(2022, 2, 20);
        console.MarkupLine("\n[bold]Consultations[/] (Vienna Document Chapter III, 48-hour clocks; a clock from a day runs from its end):");
        session.Show(ConsultationsReport.Build(context, day).Table(), csv: false);
    }
}
