using Detente.Core;
using Detente.Rules.Ast;

namespace Detente.Rules.Parsing;

/// <summary>A problem in rule text: the file, the line and column (1-based, in characters) and what was expected, with a suggestion when one is near.</summary>
public sealed record RuleError
{
    internal RuleError(string file, LineColumn position, string message)
    {
        File = file;
        Position = position;
        Message = message;
    }

    /// <summary>The file as the caller named it; empty for text that has no file (a <c>--param</c> value).</summary>
    public string File { get; }

    /// <summary>The line, from 1.</summary>
    public int Line => Position.Line;

    /// <summary>The column, from 1, counted in characters.</summary>
    public int Column => Position.Column;

    /// <summary>What is wrong and what was expected.</summary>
    public string Message { get; }

    /// <summary>The file, line and column as the one source location every input error uses.</summary>
    public SourceLocation Location => new(File, Position.Line, Position.Column);

    internal LineColumn Position { get; }

    /// <summary>The error as people read it: <c>file:line:column: message</c>.</summary>
    public override string ToString() => File.Length == 0 ? $"{Position}: {Message}" : $"{File}:{Position}: {Message}";
}

/// <summary>Thrown when rule text cannot be parsed, checked or compiled; carries every error found.</summary>
public sealed class RuleException : Exception
{
    /// <summary>Creates the exception of several errors, in the order of the text.</summary>
    public RuleException(IReadOnlyList<RuleError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception of one error.</summary>
    public RuleException(RuleError error)
        : this([error])
    {
    }

    /// <summary>Every error found, at least one.</summary>
    public IReadOnlyList<RuleError> Errors { get; }
}
