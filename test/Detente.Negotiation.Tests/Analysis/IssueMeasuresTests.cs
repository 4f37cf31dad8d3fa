using Detente.Core;
using Detente.Negotiation;

namespace Detente.Negotiation.Tests.Analysis;

public sealed class IssueMeasuresTests
{
    private sealed class Fixed(int value) : IIssueMeasure
    {
        public IssueValue Measure(World world) => new(value, "measured", "fixed for the test");
    }

    [Fact]
    public void StatusQuo_WithoutWorld_UsesRecordedData()
    {
        var issue = Some.ShippedData.IssuesById[new IssueId("attack-on-ukraine")];
        var measures = new IssueMeasures();
        measures.Register(issue.Id, new Fixed(1));
        Assert.Equal(0, measures.StatusQuo(issue, new DateOnly(2022, 1, 26), null)!.Value.Value);
        Assert.Equal(1, measures.StatusQuo(issue, new DateOnly(2022, 3, 1), null)!.Value.Value);
        Assert.Equal("recorded", measures.StatusQuo(issue, new DateOnly(2022, 1, 26), null)!.Value.Basis);
    }

    [Fact]
    public void StatusQuo_WithWorldAndRegisteredMeasure_PrefersTheMeasure()
    {
        var issue = Some.ShippedData.IssuesById[new IssueId("attack-on-ukraine")];
        var world = Scenarios.ScenarioLoader.Load(Path.Combine(RepositoryRoot(), "data", "scenarios", "europe-2022")).At(new DateOnly(2022, 1, 26));
        var measures = new IssueMeasures();
        Assert.Equal("recorded", measures.StatusQuo(issue, world.At, world)!.Value.Basis);
        measures.Register(issue.Id, new Fixed(1));
        var measured = measures.StatusQuo(issue, world.At, world)!.Value;
        Assert.Equal(("measured", 1), (measured.Basis, measured.Value));
        measures.Register(issue.Id, new Fixed(7));
        Assert.Throws<InvalidOperationException>(() => measures.StatusQuo(issue, world.At, world));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Detente.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Detente.slnx not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void StatusQuo_BeforeAnyRecord_IsUnknown()
    {
        var issue = Some.ShippedData.IssuesById[new IssueId("attack-on-ukraine")];
        Assert.Null(new IssueMeasures().StatusQuo(issue, new DateOnly(1990, 1, 1), null));
    }
}
