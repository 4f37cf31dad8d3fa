using System.Collections.Immutable;
using System.Text;
using Detente.Core;

namespace Detente.Verification.Observations;

/// <summary>
/// The source ids an observation file may cite: those the world already knows (the scenario's and the record's sources) and
/// those the file declares itself (a GeoJSON file's top-level <c>sources</c> member). A row citing any other id is an error
/// at its line and column.
/// </summary>
public sealed class ObservationSources
{
    private readonly HashSet<string> _ids;

    /// <summary>Creates the set of known ids.</summary>
    public ObservationSources(IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        _ids = new HashSet<string>(known, StringComparer.Ordinal);
    }

    /// <summary>A copy that also knows the sources <paramref name="declared"/> in a file.</summary>
    internal ObservationSources With(IEnumerable<Source> declared) => new(_ids.Concat(declared.Select(s => s.Id.Value)));

    internal bool Contains(string id) => _ids.Contains(id);

    internal bool Contains(ReadOnlySpan<byte> id) => _ids.Contains(Encoding.UTF8.GetString(id));

    /// <summary>The known id nearest to a misspelt one, if any is near.</summary>
    internal string? Nearest(string id) => Spelling.Nearest(id, _ids);

    /// <summary>The source kinds a declared source may have (as in a scenario's sources.json).</summary>
    internal static readonly ImmutableArray<(string Word, SourceKind Kind)> Kinds =
    [
        ("official", SourceKind.Official), ("press", SourceKind.Press), ("analysis", SourceKind.Analysis), ("dataset", SourceKind.Dataset),
        ("reference-work", SourceKind.ReferenceWork), ("synthetic", SourceKind.Synthetic),
    ];
}
