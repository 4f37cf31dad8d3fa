using System.Globalization;
using System.Text;
using Detente.Rules.Ast;

namespace Detente.Rules.Parsing;

/// <summary>Splits rule text into tokens. Comments run from <c>#</c> to the end of the line.</summary>
internal static class Tokenizer
{
    private static readonly string[] Symbols = ["!=", "<=", ">=", "(", ")", "{", "}", ",", ".", ":", "=", "<", ">", "|", "&", "+", "-", "/"];

    public static List<Token> Tokenize(string text, string file)
    {
        var tokens = new List<Token>();
        int i = 0, line = 1, lineStart = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var pos = new LineColumn(line, i - lineStart + 1);
            if (c == '\n')
            {
                i++;
                line++;
                lineStart = i;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '#')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (c == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length || text[i] == '\n')
                    {
                        throw new RuleException(new RuleError(file, pos, RuleMessages.UnterminatedText));
                    }

                    if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        sb.Append('"');
                        i += 2;
                        continue;
                    }

                    if (text[i] == '"')
                    {
                        i++;
                        break;
                    }

                    sb.Append(text[i++]);
                }

                tokens.Add(new Token(TokenKind.Text, sb.ToString(), pos));
                continue;
            }

            if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '.' || text[i] == '-'
                       || text[i] == '_'))
                {
                    // A '-' belongs to the token only inside a date (digits on both sides at positions 4 and 7).
                    if (text[i] == '-' && !(i - start is 4 or 7 && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
                    {
                        break;
                    }

                    // A '.' belongs to the token only between digits (2.2), never before a field name.
                    if (text[i] == '.' && !(i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
                    {
                        break;
                    }

                    i++;
                }

                var word = text[start..i];
                if (word.Length == 10 && word[4] == '-' && word[7] == '-')
                {
                    if (!DateOnly.TryParseExact(word, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    {
                        throw new RuleException(new RuleError(file, pos, RuleMessages.BadDate(word)));
                    }

                    tokens.Add(new Token(TokenKind.Date, word, pos));
                }
                else if (double.TryParse(word, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
                {
                    tokens.Add(new Token(TokenKind.Number, word, pos));
                }
                else
                {
                    tokens.Add(new Token(TokenKind.Word, word, pos));
                }

                continue;
            }

            if (char.IsAsciiLetter(c))
            {
                var start = i;
                var upper = char.IsAsciiLetterUpper(c);
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'
                       || (text[i] == '-' && i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i + 1]))))
                {
                    i++;
                }

                var word = text[start..i];
                tokens.Add(new Token(upper && word.All(ch => !char.IsAsciiLetterLower(ch)) ? TokenKind.Party : TokenKind.Word, word, pos));
                continue;
            }

            var symbol = Symbols.FirstOrDefault(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0);
            if (symbol is null)
            {
                throw new RuleException(new RuleError(file, pos, RuleMessages.UnexpectedCharacter(c)));
            }

            tokens.Add(new Token(TokenKind.Symbol, symbol, pos));
            i += symbol.Length;
        }

        tokens.Add(new Token(TokenKind.End, "", new LineColumn(line, i - lineStart + 1)));
        return tokens;
    }
}
