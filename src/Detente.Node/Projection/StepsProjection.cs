using System.Text;
using Detente.Node.Following;
using Detente.Record.Admission;
using Detente.Record.Statements;
using Detente.Core;
using Detente.Verification.Steps;

namespace Detente.Node.Projection;

/// <summary>
/// The verification steps of the integrated log (inspection requests, answers, reports, consultation steps), kept in log order as
/// statements are integrated. Its position is recomputed: a new projection reads the log from the start.
/// </summary>
public sealed class StepsProjection
{
    private readonly List<Step> _steps = [];

    // Lateness is judged from the signing time; a demo record's steps are a reconstruction signed long after, so their stated dates stand.
    private readonly bool _signed;

    /// <summary>An empty projection at position 0 for a log of <paramref name="origin"/>.</summary>
    public StepsProjection(string origin) => _signed = !DemoKeys.IsDemoOrigin(origin);

    /// <summary>The statements before this index are in <see cref="Steps"/>.</summary>
    public long Position { get; private set; }

    /// <summary>Every step so far, in log order.</summary>
    public IReadOnlyList<Step> Steps => _steps;

    /// <summary>
    /// Takes the steps of a batch that starts at <see cref="Position"/>; returns those added. A step whose body is not valid is a
    /// <see cref="NodeException"/> with its location, and nothing of the batch is taken.
    /// </summary>
    public IReadOnlyList<Step> Take(IntegratedStatements batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.FirstIndex != Position)
        {
            throw new ArgumentException($"the batch starts at {batch.FirstIndex}; the steps projection is at {Position}", nameof(batch));
        }

        var added = new List<Step>();
        foreach (var (index, s) in batch.Statements)
        {
            if (!StepReader.IsStepKind(s.Kind))
            {
                continue;
            }

            Step step;
            try
            {
                step = StepReader.Read(s.Kind, s.Author, s.BodyUtf8.ToArray(), $"record entry {index}", index);
            }
            catch (InputException e)
            {
                throw new NodeException(e.Message);
            }

            added.Add(_signed ? step with { SignedAt = s.Time } : step);
        }

        _steps.AddRange(added);
        Position = batch.End;
        return added;
    }
}
