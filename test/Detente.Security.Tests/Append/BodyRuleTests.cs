using System.Security.Cryptography;
using System.Text;
using Detente.Core;
using Detente.Record.Admission;
using Detente.Record.Statements;
using Detente.Storage;
using Xunit.Abstractions;

namespace Detente.Security.Tests.Append;

/// <summary>
/// Attacks 1, 2, 7 and 9 of the trust issue, replayed on the store's append — the one path every writer reaches — on SQLite and
/// PostgreSQL: each must be refused by the named body rule with every table unchanged.
/// </summary>
public sealed class BodyRuleTests(ITestOutputHelper output)
{
    public static TheoryData<Backend, Attack> ForgedAuthor => Attacks.On(Attacks.ForgedAuthor);

    public static TheoryData<Backend, Attack> Librarian => Attacks.On(Attacks.Librarian);

    public static TheoryData<Backend, Attack> BreakTheRecord => Attacks.On(Attacks.BreakTheRecord);

    public static TheoryData<Backend, Attack> Quantities => Attacks.On(Attacks.Quantities);

    public static TheoryData<Backend, Attack> Times => Attacks.On(Attacks.Times);

    [Theory]
    [MemberData(nameof(ForgedAuthor))]
    public void ForgedAuthor_RejectedByItsRule_NothingWritten(Backend backend, Attack attack) => Replay(backend, attack);

    [Theory]
    [MemberData(nameof(Librarian))]
    public void Librarian_StatesOnlyReportedFacts_NothingWritten(Backend backend, Attack attack) => Replay(backend, attack);

    [Theory]
    [MemberData(nameof(BreakTheRecord))]
    public void BodyThatWouldBreakTheWorld_Rejected_NothingWritten(Backend backend, Attack attack) => Replay(backend, attack);

    [Theory]
    [MemberData(nameof(Quantities))]
    public void QuantityThatIsNotACount_Rejected_NothingWritten(Backend backend, Attack attack) => Replay(backend, attack);

    [Theory]
    [MemberData(nameof(Times))]
    public void StepDatedAfterSigningOrBeforeWhatItAnswers_Rejected_NothingWritten(Backend backend, Attack attack) => Replay(backend, attack);

    [Fact]
    public void ForgedAuthor_CoversEveryStatementKind()
    {
        var covered = Attacks.ForgedAuthor.Select(a => a.Kind).Concat(Attacks.KindsWithoutAuthorField.Keys).ToHashSet();
        var missing = StatementKinds.All.Where(k => !covered.Contains(k)).Select(k => k.WireName()).ToList();
        Assert.True(missing.Count == 0, "kinds with no forged-author case: " + string.Join(", ", missing));
    }

    [Fact]
    public void Census_CasesPerClass()
    {
        var lines = Attacks.Classes.Select(c => $"{c.Class}: {c.Cases.Count} cases x 2 backends").ToList();
        lines.Add($"forged author covers {Attacks.ForgedAuthor.Select(a => a.Kind).Distinct().Count()} of {StatementKinds.All.Count} kinds "
                  + $"({Attacks.KindsWithoutAuthorField.Count} name no author)");
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        Assert.All(Attacks.Classes, c => Assert.NotEmpty(c.Cases));
    }

    [Theory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Postgres)]
    public void LegitimateStatements_OfEachParty_Accepted(Backend backend)
    {
        using var world = new AppendWorld(backend);
        world.Accept(StatementKind.InspectionAnswer, AppendWorld.Blr, """{"accepted":true,"at":"2022-02-02","confidence":"verified","request":"req-usa","sources":["src"]}""");
        world.Accept(StatementKind.InspectionVisit, AppendWorld.Usa, """{"at":"2022-02-11","confidence":"verified","from":"2022-02-10","request":"req-usa","sources":["src"],"team_size":4,"to":"2022-02-11"}""");
        world.Accept(StatementKind.ConsultationAnswer, AppendWorld.Blr, """{"at":"2022-02-02","confidence":"verified","request":"cons-usa","sources":["src"],"text":"an exercise"}""");
        world.Accept(StatementKind.Observation, AppendWorld.Rus,
            """{"confidence":"uncertain","date":"2022-02-01","id":"o-rus","observer":"RUS","quantity":{"max":40,"min":30},"sources":["src"],"subject":"USA","what":"sm-3"}""");
        world.Accept(StatementKind.DeploymentDeclaration, AppendWorld.Librarian, AppendWorld.Deployment("usa-reported", "USA", provenance: "reported"));
        world.Accept(StatementKind.Notification, AppendWorld.Rus,
            """{"activity":"union-resolve","confidence":"verified","given":"2022-02-01","id":"n-rus","kind":"vienna-prior-notification","notifier":"RUS","sources":["src"]}""");
        Assert.Equal(19, world.Store.PendingCount);
    }

    [Theory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Postgres)]
    public void ObservationBatch_OwnRows_Accepted_OthersRows_RejectedWithNothingStored(Backend backend)
    {
        using var world = new AppendWorld(backend);
        var batches = (IBatchRowStore)world.Store;
        var own = Batch("RUS", "RUS");
        var entry = world.Entry(StatementKind.ObservationBatch, AppendWorld.Rus, BatchBody(own));
        Assert.True(batches.AppendObservationBatches([own], [entry], AppendWorld.Now).Single().IsAccepted);
        var before = world.Counts();
        var forged = Batch("RUS", "USA");
        var check = batches.AppendObservationBatches([forged], [world.Entry(StatementKind.ObservationBatch, AppendWorld.Rus, BatchBody(forged))], AppendWorld.Now).Single();
        Assert.Equal("own-observation", check.Rule?.Name);
        Assert.Equal(before, world.Counts());
        Assert.Null(batches.ReadBatchRows(forged.Sha256));
    }

    private void Replay(Backend backend, Attack attack)
    {
        using var world = new AppendWorld(backend);
        var body = attack.Body.Replace("attack.detente.test/USA+00000000", world.Key(AppendWorld.Usa).NoteKey.Reference.ToString(), StringComparison.Ordinal);
        StatementCheck check;
        if (body.StartsWith("batch:", StringComparison.Ordinal))
        {
            var rows = Batch(body["batch:".Length..], body["batch:".Length..]);
            var entry = world.Entry(attack.Kind, attack.Author, BatchBody(rows), attack.Time);
            var before = world.Counts();
            check = ((IBatchRowStore)world.Store).AppendObservationBatches([rows], [entry], AppendWorld.Now).Single();
            Assert.Equal(before, world.Counts());
        }
        else
        {
            var entry = world.Entry(attack.Kind, attack.Author, body, attack.Time);
            var before = world.Counts();
            check = world.Store.Append(entry, AppendWorld.Now);
            Assert.Equal(before, world.Counts());
        }

        Assert.False(check.IsAccepted, $"{attack} was accepted");
        Assert.Equal(attack.Rule, check.Rule?.Name ?? check.Error.ToString());
        if (check.Rule is not null)
        {
            Assert.StartsWith(attack.Rule + ": ", check.Message, StringComparison.Ordinal);
        }

        output.WriteLine($"{backend} {attack}: {check.Message}");
    }

    internal static BatchRows Batch(params string[] observers)
    {
        var data = Encoding.UTF8.GetBytes(string.Concat(observers.Select((o, i) =>
            $$"""{"confidence":"verified","count":{{i + 1}},"high":1,"low":1,"observer":"{{o}}","party":"BLR","source":"src","time":"2022-02-01","what":"troops"}""" + "\n")));
        return new BatchRows(Convert.ToHexStringLower(SHA256.HashData(data)), observers.Length, data);
    }

    internal static string BatchBody(BatchRows rows) => $$"""{"rows":{{rows.Rows}},"sha256":"{{rows.Sha256}}"}""";
}
