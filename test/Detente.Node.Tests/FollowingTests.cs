using Detente.Core;
using Detente.Node.Following;
using Detente.Node.Projection;
using Detente.Record.Statements;
using Detente.Rules;
using Detente.Rules.Runtime;

namespace Detente.Node.Tests;

/// <summary>
/// The followers over a real SQLite record of europe-2022: the world projection, the verification steps and the live compliance
/// follower, which must equal a full evaluation of the record's world after every batch.
/// </summary>
public sealed class FollowingTests : IDisposable
{
    private static readonly DateOnly Day = new(2022, 3, 15);
    private readonly TestRecord _record = new();

    public void Dispose() => _record.Dispose();

    private LiveRecord Open(bool steps = false) =>
        LiveRecord.Open(_record.Store, null, new RuleEngine(TestRecord.Geography), TestRecord.Library.All, Day, steps);

    /// <summary>Every finding of a full evaluation of what the record holds now.</summary>
    private List<(string Key, FindingStatus Status)> FullEvaluation()
    {
        var world = RecordProjection.Load(_record.Store, null).At(Day);
        var engine = new RuleEngine(TestRecord.Geography);
        return [.. TestRecord.Library.All.SelectMany(a => engine.Evaluate(a, world)).Select(f => (f.Key, f.Status)).Order()];
    }

    private static List<(string Key, FindingStatus Status)> Held(LiveRecord live) =>
        [.. live.Findings.Findings.Select(f => (f.Key, f.Status)).Order()];

    [Fact]
    public void Poll_AppendedButNotIntegrated_SeesNothing_ThenItsChangesWithTheirCause()
    {
        var live = Open();
        var before = Held(live);
        var index = _record.Append(StatementKind.DeploymentDeclaration, "USA", TestRecord.Missiles("x-missiles"), integrate: false);

        var early = live.Poll();
        Assert.Empty(early.Batch.Statements);
        Assert.Empty(early.Changes);
        Assert.Equal(index, live.Position);

        _record.Store.Integrate();
        var followed = live.Poll();
        Assert.Equal(index, followed.Batch.FirstIndex);
        Assert.Single(followed.Batch.Statements);
        Assert.NotEmpty(followed.Changes);
        Assert.All(followed.Changes, c => Assert.Equal(new StatementCause(index, new PartyId("USA"), StatementKind.DeploymentDeclaration), c.Cause));
        Assert.Contains(followed.Changes, c => c.Kind == FindingChangeKind.Appeared && c.Finding.Subject.Id == "x-missiles");

        // The changes, applied to what was held before, give what a full evaluation of the grown world finds.
        var replay = before.ToDictionary(f => f.Key, f => f.Status, StringComparer.Ordinal);
        foreach (var c in followed.Changes)
        {
            Assert.Equal(c.Before?.Status, replay.TryGetValue(c.Finding.Key, out var s) ? s : null);
            if (c.After is null)
            {
                replay.Remove(c.Finding.Key);
            }
            else
            {
                replay[c.Finding.Key] = c.After.Status;
            }
        }

        Assert.Equal(FullEvaluation(), [.. replay.Select(kv => (kv.Key, kv.Value)).Order()]);
        Assert.Equal(FullEvaluation(), Held(live));
    }

    [Fact]
    public void Take_ManyKindsInOneBatch_MatchesAFullEvaluation()
    {
        var live = Open();
        _record.Append(StatementKind.DeploymentDeclaration, "USA", TestRecord.Missiles("x-missiles-1"), integrate: false);
        _record.Append(StatementKind.MembershipEvent, TestRecord.Librarian, TestRecord.UkraineJoinsNato, integrate: false);
        _record.Append(StatementKind.DeploymentDeclaration, "USA", TestRecord.Troops("x-troops-ukr", "UKR"), integrate: false);
        _record.Append(StatementKind.Observation, "USA", TestRecord.InspectedRussia, integrate: true);

        var followed = live.Poll();
        Assert.Equal(4, followed.Batch.Statements.Count);

        // Ukraine joining NATO changes findings of the enlargement ban: caused by the membership, not by the deployments.
        Assert.Contains(followed.Changes, c => c.Cause?.Kind == StatementKind.MembershipEvent);
        Assert.Equal(FullEvaluation(), Held(live));
        Assert.Equal(_record.Store.Size, live.Position);
        Assert.Contains(live.World.Scenario.Memberships, m => m.Id.Value == "x-ukr-nato" && m.Evidence.RecordIndex == followed.Batch.FirstIndex + 1);
    }

    [Fact]
    public void Take_ControlStatement_EvaluatesAgainAndStillMatches()
    {
        var live = Open();
        _record.Append(StatementKind.Control, TestRecord.Librarian, TestRecord.ControlOfCrimea, integrate: true);
        live.Poll();
        Assert.Equal(FullEvaluation(), Held(live));
    }

    [Fact]
    public void Take_FactTheWorldCannotRead_IsRefusedAndTheWorldStaysWhereItWas()
    {
        // Tried: a deployment reusing the id of one the world holds, after a good one in the same batch (the record's body rules
        // refuse most bad facts before they are written; this is the projection's own guard, fed the batch directly).
        var live = Open();
        var position = live.Position;
        var scenario = live.World.Scenario;
        using var key = Record.Keys.SigningKey.Demo("party.detente.local/USA/demo");
        IntegratedStatement Stated(long index, string body) => new(index,
            new Statement(StatementKind.DeploymentDeclaration, new PartyId("USA"), key.NoteKey.Reference, 1_000 + index, DateTimeOffset.UnixEpoch, body));
        var taken = scenario.Deployments[0].Id.Value;
        var batch = new IntegratedStatements(position, [Stated(position, TestRecord.Missiles("x-good")), Stated(position + 1, TestRecord.Missiles(taken))]);

        var e = Assert.Throws<NodeException>(() => live.World.Take(batch));
        Assert.Contains($"record entry {position + 1}", e.Message, StringComparison.Ordinal);
        Assert.Contains($"duplicate id '{taken}'", e.Message, StringComparison.Ordinal);
        Assert.Equal(position, live.World.Position);
        Assert.Same(scenario, live.World.Scenario);

        // Nothing of the refused batch was kept: the good deployment alone is taken afterwards.
        var step = live.World.Take(new IntegratedStatements(position, [Stated(position, TestRecord.Missiles("x-good"))]));
        Assert.Single(step.Facts);
        Assert.Equal(position + 1, live.World.Position);
    }

    [Fact]
    public async Task Take_AppendersIntegratedBatch_EmitsItsChangesOnce()
    {
        var live = Open();
        using var appender = new Detente.Node.Appending.Appender(_record.Store);
        var follow = appender.Follow();
        var result = appender.Append(Detente.Node.Appending.AppendRequest.Of(_record.Sign(StatementKind.DeploymentDeclaration, "USA", TestRecord.Missiles("x-appended"))));
        Assert.True(result.IsAccepted, result.Message);

        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(10)); // a hang guard only
        var batch = await follow.ReadAsync(guard.Token);
        var followed = live.Take(batch);
        Assert.Contains(followed.Changes, c => c.Finding.Subject.Id == "x-appended" && c.Cause?.Index == batch.FirstIndex);
        Assert.Equal(batch.Size, live.Position);

        // The same batch again (an event and a poll may both deliver it): nothing is taken twice.
        Assert.Empty(live.Take(batch).Changes);
        Assert.Empty(live.Poll().Changes);
        Assert.Equal(FullEvaluation(), Held(live));
    }

    [Fact]
    public void Take_BatchNotAtThePosition_IsRefused()
    {
        var live = Open();
        var batch = new IntegratedStatements(live.Position + 1, []);
        Assert.Throws<ArgumentException>(() => live.World.Take(batch));
    }
}
