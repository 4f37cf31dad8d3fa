using Detente.Rules.Ast;

namespace Detente.Rules.Parsing;

/// <summary>A problem in rule text: the file, the position and what was expected, with a suggestion when one is near.</summary>
internal sealed record RuleError(string File, Position Position, string Message)
{
    public override string ToString() => File.Length == 0 ? $"{Position}: {Message}" : $"{File}:{Position}: {Message}";
}

/// <summary>Thrown when rule text cannot be parsed, checked or compiled; carries every error found.</summary>
internal sealed class RuleException : Exception
{
    public RuleException(IReadOnlyList<RuleError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public RuleException(RuleError error)
        : this([error])
    {
    }

    public IReadOnlyList<RuleError> Errors { get; }
}
