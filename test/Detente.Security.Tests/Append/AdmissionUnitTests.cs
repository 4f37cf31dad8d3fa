using Detente.Core;
using Detente.Verification.Steps;
using Scenario = Detente.Data;

namespace Detente.Security.Tests.Append;

/// <summary>The pieces the append path relies on: the rules' vocabulary equals the data format's, and deadlines use the signing time.</summary>
public sealed class AdmissionUnitTests
{
    [Fact]
    public void RuleVocabulary_EqualsTheDataFormats()
    {
        static void Same<T>(IReadOnlyList<string> rules, Scenario.WordMap<T> format)
            where T : struct, Enum => Assert.Equal(format.Keys.Order(), rules.Order());

        Same(Record.Admission.Vocabulary.Confidence, Scenario.Vocabulary.Confidence);
        Same(Record.Admission.Vocabulary.SourceKind, Scenario.Vocabulary.SourceKind);
        Same(Record.Admission.Vocabulary.PartyKind, Scenario.Vocabulary.PartyKind);
        Same(Record.Admission.Vocabulary.SiteKind, Scenario.Vocabulary.SiteKind);
        Same(Record.Admission.Vocabulary.SystemCategory, Scenario.Vocabulary.SystemCategory);
        Same(Record.Admission.Vocabulary.LaunchMode, Scenario.Vocabulary.LaunchMode);
        Same(Record.Admission.Vocabulary.Guidance, Scenario.Vocabulary.Guidance);
        Same(Record.Admission.Vocabulary.Role, Scenario.Vocabulary.Role);
        Same(Record.Admission.Vocabulary.Nuclear, Scenario.Vocabulary.Nuclear);
        Same(Record.Admission.Vocabulary.Unit, Scenario.Vocabulary.Unit);
        Same(Record.Admission.Vocabulary.Permanence, Scenario.Vocabulary.Permanence);
        Same(Record.Admission.Vocabulary.Mission, Scenario.Vocabulary.Mission);
        Same(Record.Admission.Vocabulary.Provenance, Scenario.Vocabulary.Provenance);
        Same(Record.Admission.Vocabulary.ActivityKind, Scenario.Vocabulary.ActivityKind);
        Same(Record.Admission.Vocabulary.NotificationKind, Scenario.Vocabulary.NotificationKind);
    }

    [Fact]
    public void Step_GivenAtItsSigningTime_NotItsStatedDate()
    {
        Assert.True(Moment.TryParse("2022-02-02", out var stated));
        var answer = new ConsultationAnswerStep
        {
            Author = new PartyId("BLR"), At = stated, Sources = ["src"], Confidence = Confidence.Verified, Where = "test", Request = "cons", Text = "x",
        };
        Assert.Equal(stated, answer.Given);

        var signed = new DateTimeOffset(2022, 2, 20, 9, 0, 0, TimeSpan.Zero);
        var late = answer with { SignedAt = signed };
        Assert.Equal(new Moment(signed, false), late.Given);
        Assert.True(Moment.TryParse("2022-02-04", out var due));
        Assert.True(due.IsMetBy(answer.Given));
        Assert.False(due.IsMetBy(late.Given));
    }

    // The verifier skips reading the bodies of kinds that never state a fact: each such kind, with bodies that name ids of every
    // shape a member could take, still states none.
    [Theory]
    [InlineData("position", """{"id":"looks-like-a-fact","issue":"x","stance":"red-line"}""")]
    [InlineData("observation-batch", """{"file":"f.csv","first_row":2,"rows":3,"sha256":"0000000000000000000000000000000000000000000000000000000000000000"}""")]
    [InlineData("key-revocation", """{"key":"pol.detente.test/2+01234567"}""")]
    public void KindsThatNeverStateAFact_StateNone(string kind, string body)
    {
        Assert.True(Core.StatementKinds.TryParse(kind, out var parsed));
        Assert.False(Record.Admission.StatementBodies.MayStateFact(parsed.Value));
        using var key = Record.Keys.SigningKey.Demo("pol.detente.test/1");
        var statement = new Record.Statements.Statement(parsed.Value, new PartyId("POL"), key.NoteKey.Reference, 1, DateTimeOffset.UnixEpoch, body);
        Assert.Null(Record.Admission.StatementBodies.Read(statement).Claims?.Id);
        Assert.True(Record.Admission.StatementBodies.MayStateFact(Core.StatementKind.Source));
    }
}
