using System.Diagnostics.CodeAnalysis;

namespace Detente.Record.Statements;

/// <summary>The result of parsing or validating a statement: the statement, or an error code with a plain-language message.</summary>
public sealed record StatementCheck
{
    private StatementCheck(SignedStatement? statement, StatementError? error, string? message, Admission.BodyRule? rule = null)
    {
        Statement = statement;
        Error = error;
        Message = message;
        Rule = rule;
    }

    /// <summary>The body rule that rejected the statement, when <see cref="Error"/> is <see cref="StatementError.BodyRule"/>.</summary>
    public Admission.BodyRule? Rule { get; }

    /// <summary>The accepted statement; null when rejected.</summary>
    public SignedStatement? Statement { get; }

    /// <summary>Why it was rejected; null when accepted.</summary>
    public StatementError? Error { get; }

    /// <summary>The rejection message; null when accepted.</summary>
    public string? Message { get; }

    /// <summary>True when accepted.</summary>
    [MemberNotNullWhen(true, nameof(Statement))]
    [MemberNotNullWhen(false, nameof(Error), nameof(Message))]
    public bool IsAccepted => Statement is not null;

    internal static StatementCheck Accept(SignedStatement statement) => new(statement, null, null);

    internal static StatementCheck Reject(StatementError error, string message) => new(null, error, message);

    /// <summary>A rejection by a body rule: the message starts with the rule's name.</summary>
    public static StatementCheck Reject(Admission.RuleBreach breach)
    {
        ArgumentNullException.ThrowIfNull(breach);
        return new(null, StatementError.BodyRule, breach.ToString(), breach.Rule);
    }

    /// <inheritdoc/>
    public override string ToString() => IsAccepted ? "accepted" : $"{Error}: {Message}";
}
