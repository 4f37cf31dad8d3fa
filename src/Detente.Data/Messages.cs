using Detente.Core;

namespace Detente.Data;

/// <summary>The wording of data errors, in one place: the JSON reader's and the file formats'.</summary>
internal static class Messages
{
    public static string DuplicateMember(string name) => $"the member '{Clip(name)}' appears twice in one object; give each member once";

    public const string EndsEarly = "malformed JSON: the file ends too early";

    public const string TrailingContent = "expected the end of the file after the top-level value";

    public const string Empty = "the file is empty; expected a JSON value";

    public static string Malformed(string jsonExceptionMessage) => $"malformed JSON: {JsonProblem(jsonExceptionMessage)}";

    public static string UnknownField(string name, IReadOnlyCollection<string> known) =>
        Spelling.Nearest(name, known) is { } near ? $"unknown field; did you mean '{near}'?" : $"unknown field; expected one of: {string.Join(", ", known)}";

    public static string Unknown(string what, string name, IEnumerable<string> known)
    {
        var near = Nearest(name, known);
        return near is null ? $"unknown {what} '{Clip(name)}'" : $"unknown {what} '{Clip(name)}'; did you mean '{near}'?";
    }

    public static string Duplicate(string id, SourceLocation first) => $"duplicate id '{id}', first defined at {first}";

    public static string Clip(string? text) => text is null ? "" : text.Length <= 60 ? text : text[..57] + "...";

    /// <summary>Strips System.Text.Json's own location suffix; the location is reported separately.</summary>
    public static string JsonProblem(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = (cut >= 0 ? message[..cut] : message).Trim();
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..].TrimEnd('.') : "invalid JSON";
    }

    public static string? Nearest(string name, IEnumerable<string> known) => Spelling.Nearest(name, known);
}
