namespace Detente.Verification.Data;

/// <summary>Nearest-name suggestions for unknown ids and fields ("did you mean 'quota'?").</summary>
public static class Names
{
    /// <summary>"; did you mean 'x'?" when a known name is within a third of the length in edits, else empty.</summary>
    public static string Suggestion(string text, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(known);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var k in known)
        {
            var d = Distance(text, k);
            if (d < bestDistance)
            {
                best = k;
                bestDistance = d;
            }
        }

        return best is not null && bestDistance <= Math.Max(2, text.Length / 3) ? $"; did you mean '{best}'?" : "";
    }

    /// <summary>The Levenshtein distance, case-insensitive.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
