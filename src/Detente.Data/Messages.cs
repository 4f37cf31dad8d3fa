namespace Detente.Data;

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

    public static string? Nearest(string name, IEnumerable<string> known) => Core.Spelling.Nearest(name, known);
}
