using System.Collections.Immutable;
using Detente.Core;
using Detente.Verification.Regimes;

namespace Detente.Verification.Inspections;

/// <summary>One side's inspections in one calendar year under one regime.</summary>
/// <param name="Regime">The regime.</param>
/// <param name="Year">The year.</param>
/// <param name="Side">The side (whose sites are inspected).</param>
/// <param name="Inspecting">Who inspected.</param>
/// <param name="Receiving">Who received.</param>
/// <param name="Requested">Requests made.</param>
/// <param name="Accepted">Requests accepted.</param>
/// <param name="Refused">Requests refused.</param>
/// <param name="Pending">Requests not answered yet.</param>
/// <param name="AnsweredLate">Answers given after the clock.</param>
/// <param name="Visits">Visits made.</param>
/// <param name="Reports">Reports made.</param>
/// <param name="Countersigned">Reports countersigned.</param>
/// <param name="Dissented">Reports dissented from.</param>
/// <param name="QuotaRemaining">Requests the receiving side may still receive that year (null: no quota).</param>
public sealed record BalanceRow(string Regime, int Year, string Side, ImmutableArray<PartyId> Inspecting, ImmutableArray<PartyId> Receiving,
    int Requested, int Accepted, int Refused, int Pending, int AnsweredLate, int Visits, int Reports, int Countersigned, int Dissented, int? QuotaRemaining);

/// <summary>The reciprocity balance: per regime, year and side, what each side asked for, got, refused and signed.</summary>
public static class Balance
{
    /// <summary>Rows for every year with a request, up to the end of <paramref name="at"/>; both sides appear each year.</summary>
    public static List<BalanceRow> Of(VerificationLedger ledger, DateOnly at, string? regimeId = null)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var rows = new List<BalanceRow>();
        foreach (var regime in ledger.Regimes.All.Where(r => regimeId is null || r.Id == regimeId))
        {
            var cases = ledger.Inspections.Where(c => c.Regime == regime && c.Request.At.Day <= at).ToList();
            foreach (var year in cases.Select(c => c.Year).Distinct().Order())
            {
                foreach (var side in regime.Sides)
                {
                    var mine = cases.Where(c => c.Side == side && c.Year == year).ToList();
                    if (mine.Count == 0 && !regime.IsReciprocal)
                    {
                        continue;
                    }

                    var stages = mine.Select(c => c.StageOn(at)).ToList();
                    int? remaining = null;
                    if (side.Receiving.Length == 1 && ledger.ReceivingQuota(regime, side.Receiving[0], year, out _) is { } quota)
                    {
                        remaining = Math.Max(0, quota - mine.Count(c => c.StageOn(at) != InspectionStage.Refused));
                    }

                    rows.Add(new BalanceRow(regime.Id, year, side.Id,
                        side.Inspecting.IsDefaultOrEmpty ? [.. mine.Select(c => c.Request.Author).Distinct()] : side.Inspecting,
                        side.Receiving.IsDefaultOrEmpty ? [.. mine.Select(c => c.Request.Receiving).Distinct()] : side.Receiving,
                        mine.Count,
                        stages.Count(s => s is not (InspectionStage.Requested or InspectionStage.Refused)),
                        stages.Count(s => s == InspectionStage.Refused),
                        stages.Count(s => s == InspectionStage.Requested),
                        mine.Count(c => c.Answer is { } a && a.At.Day <= at && c.AnsweredLate),
                        stages.Count(s => s >= InspectionStage.Visited),
                        stages.Count(s => s >= InspectionStage.Reported),
                        stages.Count(s => s == InspectionStage.Countersigned),
                        stages.Count(s => s == InspectionStage.Dissented),
                        remaining));
                }
            }
        }

        return rows;
    }
}
