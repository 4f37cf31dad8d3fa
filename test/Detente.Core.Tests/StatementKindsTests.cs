namespace Detente.Core.Tests;

public sealed class StatementKindsTests
{
    [Fact]
    public void EveryKind_HasUniqueWireNameThatParsesBack()
    {
        var names = StatementKinds.All.Select(k => k.WireName()).ToList();
        Assert.Equal(Enum.GetValues<StatementKind>().Length, names.Count);
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(StatementKinds.All, k => Assert.Equal(k, StatementKinds.Parse(k.WireName())));
    }

    [Theory]
    [InlineData("deploymnet-declaration")]
    [InlineData("Deployment-Declaration")]
    [InlineData("DeploymentDeclaration")]
    [InlineData(" observation")]
    [InlineData("")]
    public void Parse_UnknownName_FailsWithTheKnownNames(string name)
    {
        Assert.False(StatementKinds.TryParse(name, out var kind));
        Assert.Null(kind);
        var e = Assert.Throws<ArgumentException>(() => StatementKinds.Parse(name));
        Assert.Contains("deployment-declaration", e.Message, StringComparison.Ordinal);
        Assert.Contains("consultation-meeting-request", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Null_IsFalse() => Assert.False(StatementKinds.TryParse(null, out _));

    [Fact]
    public void UnknownValue_IsAnError_NeverADefault()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((StatementKind)999).WireName());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((StatementKind)(-1)).Carries());
    }

    [Theory]
    [InlineData(StatementKind.DeploymentDeclaration, FactKind.Deployment)]
    [InlineData(StatementKind.MembershipEvent, FactKind.Membership)]
    [InlineData(StatementKind.Control, FactKind.Control)]
    [InlineData(StatementKind.Consent, FactKind.Consent)]
    [InlineData(StatementKind.Activity, FactKind.Activity)]
    [InlineData(StatementKind.Notification, FactKind.Notification)]
    [InlineData(StatementKind.Observation, FactKind.Observation)]
    public void Carries_FactStatement_NamesItsFactKind(StatementKind kind, FactKind fact) => Assert.Equal(fact, kind.Carries());

    [Fact]
    public void Carries_EveryFactKind_ByExactlyOneStatementKind()
    {
        var carried = StatementKinds.All.Select(k => k.Carries()).OfType<FactKind>().ToList();
        Assert.Equal(FactKinds.All.Order(), carried.Order());
        Assert.Null(StatementKind.ObservationBatch.Carries());
        Assert.Null(StatementKind.Source.Carries());
        Assert.Null(StatementKind.DeploymentChange.Carries());
    }
}
