using System.Globalization;
using Detente.Core;
using Detente.Negotiation.Analysis;
using Detente.Node.Reports.Rules;
using Detente.Node.Reports.Tables;
using Detente.Node.Reports.Verification;
using Detente.Node.Sessions;
using Detente.Rules;
using Detente.Rules.Runtime;
using Detente.Verification.Inspections;

namespace Detente.Node.Reports.Demo;

/// <summary>
/// The pages of <c>detente demo</c> besides the world's (<see cref="DemoWorld"/>) and the negotiation's: the scenario in one line,
/// the agreements, the alerts, verification and the record, in the order the demo shows them.
/// </summary>
public static class DemoSections
{
    /// <summary>The day of the NATO–Russia Council meeting in the January 2022 talks: the demo's default date.</summary>
    public static readonly DateOnly Day = new(2022, 1, 12);

    /// <summary>The day of the closed Vienna Document meeting that Russia did not attend: the alerts' day unless one is chosen.</summary>
    public static readonly DateOnly AlertsDay = new(2022, 2, 15);

    /// <summary>The day of the consultations shown unless one is chosen: the February 2022 Chapter III requests.</summary>
    public static readonly DateOnly ConsultationsDay = new(2022, 2, 20);

    /// <summary>
    /// What the demo asks of the positions of 26 January 2022 (the day the US non-paper and the NATO reply were handed over): RUS, USA
    /// and NATO, the pair USA and NATO; linkage on 17 February 2022, when Russia called its proposals a package.
    /// </summary>
    public static readonly OverviewQuestions Negotiation = new(
        [new("RUS"), new("USA"), new("NATO")], [new("USA"), new("NATO")], new DateOnly(2022, 1, 26), new DateOnly(2022, 2, 17),
        "rus-ukraine-military-presence");

    /// <summary>The regime of the HYPOTHETICAL Aegis Ashore run whose reciprocity balance the demo shows, and the run's last day.</summary>
    private const string AegisAshore = "aegis-ashore-transparency";

    private static readonly DateOnly BalanceEnd = new(2023, 12, 31);

    /// <summary>The scenario in one line: its id, dated facts and their span, sources, systems and sites.</summary>
    public static ReportPage Opening(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var (first, last) = scenario.Span();
        return new ReportPage().Line(new Cell("Detente", "bold"), " — scenario ", new Cell(scenario.Info.Id, "bold"), string.Create(
            CultureInfo.InvariantCulture, $": {scenario.DatedFactCount:N0} dated facts from {first:yyyy-MM-dd} to {last:yyyy-MM-dd}, " +
            $"{scenario.Sources.Count:N0} sources, {scenario.Systems.Count} systems, {scenario.Sites.Count} sites."));
    }

    /// <summary>
    /// The agreements on <paramref name="day"/>: the compliance matrix of all <paramref name="documents"/>, then the most telling
    /// findings — for each clause its disputed findings first, then its violations, one of each per clause.
    /// </summary>
    public static ReportPage Rules(ComplianceMatrix matrix, int documents, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var telling = matrix.Findings.Where(f => f.Status is FindingStatus.Disputed or FindingStatus.Violated && f.Subject.Kind != "party")
            .GroupBy(f => (f.Clause, f.Status)).Select(g => g.First())
            .OrderBy(f => f.Status == FindingStatus.Disputed ? 0 : 1).ThenBy(f => f.Clause).Take(14);
        return new ReportPage().Line("")
            .Line(new Cell("Agreements as code", "bold"), $": {documents} documents, {matrix.Findings.Count} findings on " +
                $"{day:yyyy-MM-dd} (drafts and proposals are evaluated as if they applied on the day).")
            .Add("matrix", FindingTables.Matrix(matrix))
            .Add("telling", FindingTables.Table(
                "Telling findings (one per clause and status; 'detente explain CLAUSE --subject ID' for the steps)", telling));
    }

    /// <summary>The alerts of <paramref name="alerts"/>' day under a heading.</summary>
    public static ReportPage Alerts(AlertsReport alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        return new ReportPage($"Alerts on {alerts.Day:yyyy-MM-dd} — observations against declarations and Vienna Document thresholds")
            .Add("alerts", alerts.Table());
    }

    /// <summary>
    /// Verification: the reciprocity balance of the HYPOTHETICAL Aegis Ashore run, and the Chapter III consultations of
    /// <paramref name="day"/> with their clocks and overdue flags.
    /// </summary>
    public static ReportPage Verification(VerificationHistory history, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(history);
        return new ReportPage().Line("")
            .Line(new Cell("Inspections", "bold"), ": the Aegis Ashore transparency mechanism the US proposed in January 2022 was never " +
                "agreed; the run below is ", new Cell("HYPOTHETICAL", "yellow"), ", invented to exercise every path of the lifecycle, " +
                "the same for both sides.")
            .Add("balance", InspectionsReport.BalanceTable(history, Balance.Of(history.Ledger, BalanceEnd, AegisAshore), BalanceEnd))
            .Line("")
            .Line(new Cell("Consultations", "bold"),
                " (Vienna Document Chapter III, 48-hour clocks; a clock from a day runs from its end):")
            .Add("consultations", ConsultationsReport.Build(history, day).Table());
    }

    /// <summary>The record the demo read: its size and checkpoint, and one fact proven to be in it.</summary>
    public static ReportPage Record(DemoRecordSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var page = new ReportPage("The record — every fact above was read from signed statements");
        if (summary.Checkpoint is not { } checkpoint)
        {
            return page.Line(string.Create(CultureInfo.InvariantCulture,
                $"log {summary.Origin}: {summary.Size:N0} statements, no checkpoint yet"));
        }

        page.Line("log ", new Cell(summary.Origin, "bold"), string.Create(CultureInfo.InvariantCulture,
            $"{(summary.Temporary ? " (temporary, demo keys)" : "")}: {checkpoint.Size:N0} signed statements; " +
            $"checkpoint root {checkpoint.RootHash.ToBase64()}"));
        if (summary.Sample is not { } sample)
        {
            return page;
        }

        Cell[] verdict = sample.Check switch
        {
            DemoProofCheck.Verified => [new("verified", "green"), $" against the checkpoint signed by {sample.LogKey}"],
            DemoProofCheck.MerklePathOnly =>
                [new("Merkle path verified", "green"), " (no log key in the keyring: checkpoint signature not checked)"],
            _ => [new("does not verify", "red")],
        };
        return page.Line([
                "inclusion proof of deployment ", new Cell(sample.Deployment, "bold"),
                string.Create(CultureInfo.InvariantCulture, $" (log entry {sample.Index}, {sample.Hashes} hashes): "), .. verdict])
            .Line("prove any fact yourself: detente record import --db FILE, then detente record prove --db FILE --index N --out F and " +
                "detente record verify-proof F --vkey KEY", "grey");
    }
}
