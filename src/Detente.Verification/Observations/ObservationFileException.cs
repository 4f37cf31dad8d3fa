namespace Detente.Verification.Observations;

/// <summary>
/// An observation file that cannot be recorded: the message names the file, the row (the line in a CSV file, the feature in a
/// GeoJSON file) and the column (field) at fault. Nothing from the file is recorded when this is thrown.
/// </summary>
public sealed class ObservationFileException : Exception
{
    /// <summary>Creates the error for <paramref name="file"/>, <paramref name="row"/> (1-based) and <paramref name="column"/>.</summary>
    public ObservationFileException(string file, long row, int column, string field, string problem)
        : base(ObservationMessages.Located(file, row, column, field, problem))
    {
        File = file;
        Row = row;
        Column = column;
        Field = field;
        Problem = problem;
    }

    /// <summary>Creates the error for feature <paramref name="feature"/> of a GeoJSON file at <paramref name="line"/>:<paramref name="column"/>.</summary>
    public ObservationFileException(string file, long feature, long line, int column, string field, string problem)
        : base(ObservationMessages.LocatedFeature(file, feature, line, column, field, problem))
    {
        File = file;
        Row = feature;
        Column = column;
        Field = field;
        Problem = problem;
    }

    /// <summary>The file as the user named it.</summary>
    public string File { get; }

    /// <summary>The 1-based row: the line of a CSV file (the header is line 1), or the feature number of a GeoJSON file.</summary>
    public long Row { get; }

    /// <summary>The 1-based column: the field's position in a CSV line, or the character column in a GeoJSON file.</summary>
    public int Column { get; }

    /// <summary>The field (column name or property) at fault; empty when the whole row is.</summary>
    public string Field { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }
}
