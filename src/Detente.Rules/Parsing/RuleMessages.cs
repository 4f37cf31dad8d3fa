using Detente.Core;

namespace Detente.Rules.Parsing;

/// <summary>Every message the rule language gives about text a person wrote, in one place.</summary>
internal static class RuleMessages
{
    public static string Expected(string what, Token found) => $"expected {what}, found {Describe(found)}";

    public static string Describe(Token t) => t.Kind switch
    {
        TokenKind.End => "the end of the file",
        TokenKind.Text => $"text \"{Clip(t.Text)}\"",
        _ => $"'{Clip(t.Text)}'",
    };

    public static string Unknown(string what, string name, IEnumerable<string> known)
    {
        var nearest = Spelling.Nearest(name, known);
        return nearest is null ? $"unknown {what} '{name}'" : $"unknown {what} '{name}'; did you mean '{nearest}'?";
    }

    /// <summary>
    /// An unknown field, with a hint when the name is a known field, a '-' and more: the tokenizer joins <c>a.start-notice-days</c>
    /// into one name, where the writer meant a subtraction.
    /// </summary>
    public static string UnknownField(string targetType, string target, string field, IEnumerable<string> known)
    {
        var names = known.ToList();
        for (var i = field.IndexOf('-', StringComparison.Ordinal); i > 0; i = field.IndexOf('-', i + 1))
        {
            if (names.Contains(field[..i], StringComparer.Ordinal))
            {
                return $"unknown field of {targetType} '{field}': a '-' between letters joins one name; to subtract, put spaces around it: " +
                    $"'{target}.{field[..i]} - {field[(i + 1)..]}'";
            }
        }

        return Unknown($"field of {targetType}", field, names);
    }

    public static string NestingTooDeep => RuleLimits.TooDeepMessage;

    public static string ConditionCycle(IReadOnlyList<string> cycle) =>
        $"'only while' conditions form a cycle ({string.Join(" -> ", cycle)}): a clause cannot depend on itself";

    public static string TypeMismatch(string where, string expected, string found) => $"{where}: expected {expected}, found {found}";

    public static string UnterminatedText => "unterminated text: expected a closing '\"' before the end of the line";

    public static string BadDate(string text) => $"expected a date as YYYY-MM-DD, found '{text}'";

    public static string UnexpectedCharacter(char c) => $"unexpected character '{c}'";

    public static string Clip(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
