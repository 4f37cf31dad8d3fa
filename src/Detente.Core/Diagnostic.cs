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

    /// <summary>
    /// The part of the file at fault in the file format's own words, printed in parentheses after the location in place of
    /// <c>field '…'</c>: a CSV column (<c>f.csv:3:8 (where): …</c>) or a GeoJSON feature and property
    /// (<c>g.geojson:3:5 (feature 2, count): …</c>); null for the usual form.
    /// </summary>
    public string? Place { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        Place is not null ? $"{Location} ({Place}): {Message}"
        : Field is null ? $"{Location}: {Message}"
        : $"{Location}: field '{Field}': {Message}";
}
