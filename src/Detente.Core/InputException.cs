using System.Collections.Immutable;

namespace Detente.Core;

/// <summary>
/// Input a person or another party supplied is not usable (a file that cannot be read, malformed JSON, a bad field): carries
/// the <see cref="Diagnostic"/>s, each with file, line, column and field, and nothing is loaded or recorded when one is thrown.
/// The one exception type for bad input at a place; its message is the diagnostics, one a line.
/// </summary>
public sealed class InputException : Exception
{
    /// <summary>Creates the error for one problem.</summary>
    public InputException(Diagnostic diagnostic)
        : this([diagnostic])
    {
    }

    /// <summary>Creates the error for a problem at <paramref name="location"/> in <paramref name="field"/> (null for the whole value or file).</summary>
    public InputException(SourceLocation location, string? field, string message)
        : this(new Diagnostic(location, field, message))
    {
    }

    /// <summary>Creates the error for one or more problems (at least one).</summary>
    public InputException(IEnumerable<Diagnostic> diagnostics, Exception? inner = null)
        : this([.. diagnostics ?? throw new ArgumentNullException(nameof(diagnostics))], inner)
    {
    }

    private InputException(ImmutableArray<Diagnostic> diagnostics, Exception? inner)
        : base(diagnostics.IsEmpty ? throw new ArgumentException("at least one diagnostic is needed", nameof(diagnostics)) : string.Join("\n", diagnostics), inner)
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Every problem, in the order found (at least one).</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The first problem.</summary>
    public Diagnostic First => Diagnostics[0];

    /// <summary>Where the first problem is.</summary>
    public SourceLocation Location => First.Location;

    /// <summary>The field of the first problem, or null.</summary>
    public string? Field => First.Field;

    /// <summary>What is wrong with the first problem, without its location and field.</summary>
    public string Problem => First.Message;
}
