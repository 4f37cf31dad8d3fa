using System.Collections.Immutable;
using Detente.Core;

namespace Detente.Security.Tests.Input;

/// <summary>Helpers of the hostile-input tests: a thread with a small stack, and a small world to evaluate rules in.</summary>
internal static class Hostile
{
    /// <summary>
    /// The stack of the thread the worst cases run on: a quarter of .NET's default for a new thread (1.5 MiB on Linux), so a
    /// recursion the limits do not bound overflows here first. An overflow would end the test host; the limits make it impossible.
    /// </summary>
    public const int SmallStack = 384 * 1024;

    /// <summary>The sizes every sweep tries: nesting depth or length of a chain.</summary>
    public static readonly int[] Sizes = [10, 95, 1_000, 10_000, 100_000];

    /// <summary>
    /// Runs <paramref name="work"/> on a thread with <see cref="SmallStack"/> bytes of stack and returns its result or rethrows
    /// its exception. Ten minutes is a guard against a hang (a quadratic step on 100,000 terms), never a speed figure.
    /// </summary>
    public static T OnSmallStack<T>(Func<T> work) => OnSmallStack(work, TimeSpan.FromMinutes(10));

    /// <summary>As <see cref="OnSmallStack{T}(Func{T})"/> with a guard of <paramref name="guard"/> against a hang.</summary>
    public static T OnSmallStack<T>(Func<T> work, TimeSpan guard)
    {
        T? result = default;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                error = e;
            }
        }, SmallStack);
        thread.IsBackground = true;
        thread.Start();
        if (!thread.Join(guard))
        {
            throw new TimeoutException($"the work did not finish in {guard.TotalMinutes} minutes: a hang, not a slow machine");
        }

        return error is null ? result! : throw new AggregateException(error);
    }

    /// <summary>A world of one foreign Russian deployment of 200 troops in Belarus on 2022-01-12.</summary>
    public static World World()
    {
        var source = new SourceId("test-source");
        var evidence = Evidence.From(source, Confidence.Verified);
        var scenario = new Scenario(
            new ScenarioInfo("hostile", "hostile", null),
            [new Source(source, "Test", "Detente", "2026", null, SourceKind.Synthetic)],
            new[] { "RUS", "USA", "BLR" }.Select(c => new Party(new PartyId(c), c, PartyKind.State)),
            [],
            [],
            [],
            [],
            [new Deployment(new FactId("rus-blr"), new PartyId("RUS"), new PartyId("BLR"), null, null, null, null, Quantity.Of(200),
                ForceUnit.Troops, Permanence.Permanent, Mission.Combat, new Period(new DateOnly(2021, 10, 1)), Provenance.Declared, evidence)],
            [],
            [],
            ImmutableArray<Observation>.Empty,
            ImmutableArray<Consent>.Empty);
        return scenario.At(new DateOnly(2022, 1, 12));
    }
}

/// <summary>The repository the tests run from.</summary>
internal static class Repository
{
    /// <summary>The directory holding Detente.slnx, found from the test binary.</summary>
    public static string Root()
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
}
