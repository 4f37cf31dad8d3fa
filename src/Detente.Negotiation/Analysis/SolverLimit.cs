using System.Globalization;
using Google.OrTools.Sat;

namespace Detente.Negotiation.Analysis;

/// <summary>
/// How much work CP-SAT may do for one question, in its deterministic time: units that count the solver's own work the same
/// way on any machine (not seconds: building models and the search around the solver are not counted), with one worker
/// and a fixed seed, so the same input and limit give the same answer however slow or busy the machine is. A limit reached
/// is reported as such, never as "cannot meet".
/// </summary>
public readonly record struct SolverLimit
{
    /// <summary>The number of CP-SAT workers: one, so the search does not depend on thread timing.</summary>
    public const int Workers = 1;

    /// <summary>CP-SAT's random seed, fixed.</summary>
    public const int Seed = 1;

    /// <summary>A limit of <paramref name="deterministicTime"/> CP-SAT deterministic time units.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When it is negative, infinite or not a number.</exception>
    public SolverLimit(double deterministicTime)
    {
        if (!(deterministicTime >= 0) || double.IsInfinity(deterministicTime))
        {
            throw new ArgumentOutOfRangeException(nameof(deterministicTime), deterministicTime, "expected a finite number at least 0");
        }

        DeterministicTime = deterministicTime;
    }

    /// <summary>The limit in CP-SAT deterministic time units.</summary>
    public double DeterministicTime { get; }

    /// <summary>A share of the limit, for one part of a larger question.</summary>
    public static SolverLimit operator /(SolverLimit limit, double divisor) => new(limit.DeterministicTime / divisor);

    /// <summary>A share of the limit, for one part of a larger question.</summary>
    public static SolverLimit Divide(SolverLimit limit, double divisor) => limit / divisor;

    /// <inheritdoc />
    public override string ToString() => DeterministicTime.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>CP-SAT's parameters for one call that may spend <paramref name="deterministicTime"/> units.</summary>
    internal static string Parameters(double deterministicTime) =>
        $"num_workers:{Workers},random_seed:{Seed},max_deterministic_time:"
        + Math.Max(0, deterministicTime).ToString("0.#########", CultureInfo.InvariantCulture);

    /// <summary>The deterministic time a finished solve spent.</summary>
    internal static double Spent(CpSolver solver) =>
        solver.Response?.DeterministicTime ?? throw new InvalidOperationException("CP-SAT returned no response");
}
