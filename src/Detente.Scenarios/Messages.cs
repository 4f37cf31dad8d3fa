namespace Detente.Scenarios;

/// <summary>The wording of data errors, in one place.</summary>
internal static class Messages
{
    public static string Unknown(string what, string name, IEnumerable<string> known)
    {
        var near = Nearest(name, known);
        return near is null ? $"unknown {what} '{Clip(name)}'" : $"unknown {what} '{Clip(name)}'; did you mean '{near}'?";
    }

    public static string Duplicate(string id, DataLocation first) => $"duplicate id '{id}', first defined at {first}";

    public static string Clip(string? text) => text is null ? "" : text.Length <= 60 ? text : text[..57] + "...";

    /// <summary>Strips System.Text.Json's own location suffix; the location is reported separately.</summary>
    public static string JsonProblem(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = (cut >= 0 ? message[..cut] : message).Trim();
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..].TrimEnd('.') : "invalid JSON";
    }

    /// <summary>The known name closest to <paramref name="name"/>, if it is close enough to be a likely typo.</summary>
    public static string? Nearest(string name, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
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

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
