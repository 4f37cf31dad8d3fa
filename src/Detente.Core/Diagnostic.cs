namespace Detente.Core;

/// <summary>
/// One problem in input a person typed (a data file, rule text, a request): where it is, which field, what is wrong, what
/// was expected and, for a likely typo, the name probably meant. Printed as
/// <c>file:line:column: field 'sites[3].location.lat': 95 is out of range; expected a latitude in [-90, 90]</c>.
/// </summary>
/// <param name="Location">Where the problem is.</param>
/// <param name="Field">The field as a path from the top of the document (<c>regimes[0].quota</c>), or null for the whole value or file.</param>
/// <param name="Message">What is wrong, in words, including what was expected and the suggestion: the text a person reads.</param>
public sealed record Diagnostic(SourceLocation Location, string? Field, string Message)
{
    /// <summary>What was expected there ("a date like 2022-01-12", "one of: verified, recalled"), as data; null when the message says it all.</summary>
    public string? Expected { get; init; }

    /// <summary>The known name the person probably meant (see <see cref="Spelling"/>), as data; null when none is close.</summary>
    public string? Suggestion { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Field is null ? $"{Location}: {Message}" : $"{Location}: field '{Field}': {Message}";
}
