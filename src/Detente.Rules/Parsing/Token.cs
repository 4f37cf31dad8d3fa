using Detente.Rules.Ast;

namespace Detente.Rules.Parsing;

/// <summary>The kinds of tokens of the rule language.</summary>
internal enum TokenKind
{
    Word,
    Party,
    Number,
    Date,
    Text,
    Symbol,
    End,
}

/// <summary>One token with its text and where it starts.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, LineColumn Position)
{
    public bool Is(string word) => (Kind is TokenKind.Word or TokenKind.Symbol) && Text == word;
}
