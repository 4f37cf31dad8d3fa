using Detente.Core;
using Detente.Rules.Compilation;
using Detente.Rules.Evaluation;
using Detente.Rules.Parsing;
using Detente.Rules.Runtime;

namespace Detente.Rules.Tests;

/// <summary>
/// A <c>require … due … exists</c> obligation past its due day: a statement on record that bears on it and does not meet it is
/// evidence (<c>violated</c>); nothing on record at all is absence of evidence (<c>not-reported</c>), the reading
/// <c>detente obligations</c> gives (issue 17, class 7).
/// </summary>
public sealed class ObligationFindingTests
{
    private static readonly string[] Regions = ["europe"];
    private static readonly string[] Parties = ["USA", "POL", "RUS", "DEU", "LTU", "NATO"];

    // The test world holds RUS exercises a0..a5 and ad; one notice is on record: a1-figure (RUS, kind other, of a1, 2021-12-20).
    private const string Notify =
        "require activities a by a.participants where a.troops >= 13000 due a.start - 7 days " +
        "exists notifications n where n.activity = a.id and n.kind = vienna-prior-notification and n.given <= a.start - 7 days";

    private static List<Finding> Evaluate(string kind, string clause, DateOnly? at = null)
    {
        var text = $"agreement t title \"t\" kind {kind} date 2011-11-30 parties {{RUS}}" +
                   (kind == "treaty" ? " in-force 2011-12-01 \"t\"" : "") + $" article 1 \"x\" clause \"c\"\n{clause}";
        var agreement = AgreementCompiler.Compile(Parser.ParseDocument(text, "t.accord"), Regions, Parties);
        Activity A(string id, int m, int d, Quantity troops) => Some.Activity(id, "RUS", new DateOnly(m == 12 ? 2021 : 2022, m, d),
            new DateOnly(m == 12 ? 2021 : 2022, m, d).AddDays(5), troops);
        var scenario = Some.Scenario([A("a0", 12, 1, Quantity.Of(14000)), A("a1", 1, 1, Quantity.Of(14000)), A("a4", 1, 12, Quantity.Of(14000)),
            A("a9", 1, 30, Quantity.Of(14000))]);
        return [.. new Evaluator(new RuleGeography(null, null)).Evaluate(agreement, scenario.At(at ?? Some.Day)).Where(f => f.Subject.Kind != "party")];
    }

    private static Finding Of(List<Finding> findings, string activity) => Assert.Single(findings, f => f.Subject.Id == activity);

    [Fact]
    public void Require_NothingOnRecordPastDue_IsNotReported_NotViolated()
    {
        var f = Of(Evaluate("treaty", Notify), "a0");
        Assert.Equal(FindingStatus.NotReported, f.Status);
        Assert.Equal("not-reported", f.StatusWord);
        Assert.Equal(new DateOnly(2021, 11, 24), f.Due);
        Assert.Contains("no statement by RUS that bears on it is recorded by 2021-11-24; the sources do not say whether it was made", f.Explanation,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Require_NoticeOnRecordThatDoesNotMeetIt_IsViolated_AndNamesIt()
    {
        // a1-figure is of kind 'other': evidence that what was given is not the notice the clause asks for.
        var f = Of(Evaluate("treaty", Notify), "a1");
        Assert.Equal(FindingStatus.Violated, f.Status);
        Assert.Contains("a1-figure", f.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Require_NoticeOfTheRightKind_IsComplied_AndNotYetDue_IsNotApplicable()
    {
        var findings = Evaluate("treaty", Notify.Replace("n.kind = vienna-prior-notification", "n.kind = other", StringComparison.Ordinal));
        Assert.Equal(FindingStatus.Complied, Of(findings, "a1").Status);
        Assert.Equal(FindingStatus.NotReported, Of(findings, "a0").Status);

        // a9 starts on 2022-01-30: its notice is due on 2022-01-23, after the date.
        Assert.Equal(FindingStatus.NotApplicable, Of(findings, "a9").Status);
    }

    [Fact]
    public void Require_NotReported_UnderADraft_ReadsWouldBeNotReported()
    {
        var f = Of(Evaluate("draft", Notify), "a0");
        Assert.True(f.Hypothetical);
        Assert.Equal(FindingStatus.NotReported, f.Status);
        Assert.Equal("would be not reported", f.StatusWord);
    }

    [Fact]
    public void IncrementalChecker_AddingAnActivityWithoutNotice_GivesNotReported_AsAFullEvaluation()
    {
        var text = "agreement t title \"t\" kind treaty date 2011-11-30 parties {RUS} in-force 2011-12-01 \"t\" article 1 \"x\" clause \"c\"\n" + Notify;
        var agreement = AgreementCompiler.Compile(Parser.ParseDocument(text, "t.accord"), Regions, Parties);
        var evaluator = new Evaluator(new RuleGeography(null, null));
        var before = Some.Scenario();
        var added = Some.Activity("a0", "RUS", new DateOnly(2021, 12, 1), new DateOnly(2021, 12, 6), Quantity.Of(14000));
        var after = Some.Scenario([added]);
        var checker = new IncrementalChecker(evaluator, agreement, before.At(Some.Day));
        checker.Add(added, after.At(Some.Day));
        var full = evaluator.Evaluate(agreement, after.At(Some.Day)).Select(f => (f.Key, f.Status)).Order().ToList();
        Assert.Equal(full, checker.Findings.Select(f => (f.Key, f.Status)).Order().ToList());
        Assert.Contains(checker.Findings, f => f.Subject.Id == "a0" && f.Status == FindingStatus.NotReported);
    }
}
