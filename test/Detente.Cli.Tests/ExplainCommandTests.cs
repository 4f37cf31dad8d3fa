namespace Detente.Cli.Tests;

/// <summary><c>detente explain</c>: every claim with its bound, author and sources; only the parameters a clause uses, with units.</summary>
public sealed class ExplainCommandTests
{
    // The steps' whole text, read from the CSV so that no assertion depends on where the table wraps a line.
    private static string Explain(params string[] args)
    {
        var result = Cli.Run(["explain", .. args, "--csv"]);
        Assert.True(result.ExitCode == 0, result.Error);
        return string.Join("\n", CsvText.Parse(result.Output).Skip(1).Select(r => r[^1]));
    }

    [Fact]
    public void Explain_OpenEndedRangeClaim_KeepsItsBoundAuthorAndSource()
    {
        var output = Explain("ru-nato-2021-draft/5", "--subject", "rus-chernyakhovsk-iskander", "--at", "2022-01-12");

        // The Interia claim is "more than 500 km" (min 501, no maximum), unattributed and disputed: never just "501".
        Assert.Contains("9m728 ≥501 km → yes", output);
        Assert.DoesNotContain("9m728 501 km", output);
        Assert.Contains("- at least 501 km — by no party named; disputed; note: unconfirmed reports of more than 500 km; sources: interia-iskander (Interia)", output);
        Assert.Contains("- up to 499 km — by RUS; disputed;", output);
        Assert.Contains("- between 380 and 500 km — by no party named; disputed;", output);
    }

    [Fact]
    public void Explain_ListsOnlyTheParametersTheClauseUses_WithUnitsAndOrigin()
    {
        var output = Explain("ru-nato-2021-draft/5", "--subject", "rus-chernyakhovsk-iskander", "--at", "2022-01-12");
        Assert.Contains("Parameter intermediate-short-min-km (km) = 500 km (the default, 500 km)", output);
        Assert.Contains("Parameter intermediate-short-max-km (km) = 5,500 km (the default, 5500 km)", output);
        Assert.DoesNotContain("Parameter zone-width-km", output);
        Assert.DoesNotContain("Parameter brigade-level-troops", output);
        Assert.DoesNotContain("Parameter europe", output);

        var set = Explain("vienna-document-2011/38", "--subject", "zapad-2021", "--at", "2021-09-30", "--param", "notification-days=21 days");
        Assert.Contains("Parameter notification-days (days) = 21 days (set with --param; the default is 42 days)", set);
        Assert.Contains("Parameter notification-troops (number) = 9,000 (the default, 9000)", set);
    }

    [Fact]
    public void Explain_RuNato4_ShowsWhichForcesItCounts()
    {
        var output = Explain("ru-nato-2021-draft/4", "--subject", "usa-pol-2021", "--at", "2022-01-12");
        Assert.Contains("Parameter art4-count-mission-staff (number) = 0 (the default, 0)", output);
        var set = Explain("ru-nato-2021-draft/4", "--subject", "usa-est-2021", "--at", "2022-01-12", "--param", "art4-count-mission-staff=1");
        Assert.Contains("Parameter art4-count-mission-staff (number) = 1 (set with --param; the default is 0)", set);
    }

    [Fact]
    public void Explain_ClauseWithoutParameters_SaysItUsesNone()
    {
        var output = Explain("ru-nato-2021-draft/6", "--at", "2022-01-12");
        Assert.Contains("The clause uses none of the document's 8 parameters.", output);
        Assert.DoesNotContain("Parameter ", output);
    }

    [Fact]
    public void Explain_SubjectOfAnotherKind_SaysSoInsteadOfFailing()
    {
        // A deployment named as the subject of a clause over memberships used to end in an InvalidCastException.
        var output = Explain("ru-nato-2021-draft/6", "--subject", "rus-chernyakhovsk-iskander", "--at", "2022-01-12");
        Assert.Contains("rus-chernyakhovsk-iskander is a deployment; the clause ranges over a membership, so its condition is not evaluated on it.", output);
    }

    [Fact]
    public void Explain_ActivityTroops_ListsEveryClaimWithItsSources()
    {
        var output = Explain("vienna-document-2011/38", "--subject", "zapad-2021", "--at", "2021-09-30");
        Assert.Contains("Claims for the troops of zapad-2021, as the data gives them:", output);
        Assert.Contains("- 200,000 troops — by RUS; disputed; note: Russian MoD", output);
        Assert.Contains("sources: tass-2021-09-zapad (TASS)", output);
    }
}
