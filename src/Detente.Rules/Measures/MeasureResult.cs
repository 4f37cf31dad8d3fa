using System.Collections.Immutable;

namespace Detente.Rules.Measures;

/// <summary>Whether a measure settled on one value.</summary>
public enum MeasureOutcome
{
    /// <summary>One value: every fact that decided it is recorded and undisputed.</summary>
    Determined,

    /// <summary>Sources disagree: the value is one of <see cref="MeasureResult.Candidates"/>, depending on whose claim holds.</summary>
    Disputed,

    /// <summary>Data is missing: the value lies somewhere in <see cref="MeasureResult.Candidates"/> or is unknown.</summary>
    Undetermined,
}

/// <summary>What a measure found in the world on a date, with why.</summary>
/// <param name="Outcome">Whether one value was found.</param>
/// <param name="Value">The value when determined (yes/no measures give 1 or 0), else null.</param>
/// <param name="Candidates">The values it could be when not determined, ascending (empty when nothing bounds it).</param>
/// <param name="Notes">Disputes, missing data and doubtful facts met on the way, in words.</param>
/// <param name="Facts">The ids of the facts that decided the value.</param>
public sealed record MeasureResult(
    MeasureOutcome Outcome,
    double? Value,
    ImmutableArray<double> Candidates,
    ImmutableArray<string> Notes,
    ImmutableArray<string> Facts);
