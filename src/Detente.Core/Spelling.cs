namespace Detente.Core;

/// <summary>Suggests the known name a person probably meant when they mistyped one.</summary>
public static class Spelling
{
    /// <summary>
    /// The candidate closest to <paramref name="name"/> by edit distance (case-insensitive), if it is close enough to be a likely
    /// typo: at most a third of the shorter length, and at least one edit allowed.
    /// </summary>
    public static string? Nearest(string name, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidates);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var d = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }

        return best is not null && bestDistance <= Math.Max(1, Math.Min(name.Length, best.Length) / 3) ? best : null;
    }

    /// <summary>"; did you mean 'x'?" when <see cref="Nearest"/> finds a likely typo, else empty: the one wording of a suggestion.</summary>
    public static string Suggestion(string name, IEnumerable<string> candidates) =>
        Nearest(name, candidates) is { } near ? $"; did you mean '{near}'?" : "";

    /// <summary>The edit distance between two strings counting insertions, deletions, substitutions and swaps of neighbours as one edit each.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
