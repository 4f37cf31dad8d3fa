namespace Detente.Data;

/// <summary>A place in a data file: path, 1-based line and 1-based column (in characters).</summary>
/// <param name="File">The file's path as it was given to the loader.</param>
/// <param name="Line">The line, from 1.</param>
/// <param name="Column">The column, from 1.</param>
public readonly record struct DataLocation(string File, int Line, int Column)
{
    /// <inheritdoc/>
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}

/// <summary>
/// Bad input in a data file: where it is, which field, and what was expected. Loading stops at the first one and nothing
/// is kept, so a scenario is loaded whole or not at all.
/// </summary>
public sealed class DataException : Exception
{
    /// <summary>Creates the error for a problem at <paramref name="location"/> in <paramref name="field"/> (null for the whole record or file).</summary>
    public DataException(DataLocation location, string? field, string problem)
        : base(field is null ? $"{location}: {problem}" : $"{location}: field '{field}': {problem}")
    {
        Location = location;
        Field = field;
        Problem = problem;
    }

    /// <summary>Where the problem is.</summary>
    public DataLocation Location { get; }

    /// <summary>The field, as a path like <c>location.lat</c>, or null.</summary>
    public string? Field { get; }

    /// <summary>What is wrong and what was expected.</summary>
    public string Problem { get; }
}
