namespace Detente.Geo;

/// <summary>
/// A geographic data file (or a shape a person supplied) is not usable: it names the file, where in it the
/// problem is, and what was expected.
/// </summary>
public sealed class GeoDataException : Exception
{
    /// <summary>Creates the exception from its three parts; the message is "file: location: problem".</summary>
    public GeoDataException(string file, string location, string problem)
        : base($"{file}: {location}: {problem}")
    {
        File = file;
        Location = location;
        Problem = problem;
    }

    /// <summary>Creates the exception with the exception that revealed the problem (e.g. a JSON parse error).</summary>
    public GeoDataException(string file, string location, string problem, Exception inner)
        : base($"{file}: {location}: {problem}", inner)
    {
        File = file;
        Location = location;
        Problem = problem;
    }

    /// <summary>The file (or the name the caller gave the input), as given to the loader.</summary>
    public string File { get; }

    /// <summary>Where in the input: "line 3, column 7", or a feature id with ring and position.</summary>
    public string Location { get; }

    /// <summary>What is wrong and what was expected.</summary>
    public string Problem { get; }
}
