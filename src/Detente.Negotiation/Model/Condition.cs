using System.Collections.Immutable;

namespace Detente.Negotiation;

/// <summary>The comparison in an <see cref="Compare"/> condition.</summary>
public enum CompareOp
{
    /// <summary>Equal.</summary>
    Eq,

    /// <summary>Not equal.</summary>
    Ne,

    /// <summary>Less than.</summary>
    Lt,

    /// <summary>At most.</summary>
    Le,

    /// <summary>Greater than.</summary>
    Gt,

    /// <summary>At least.</summary>
    Ge,
}

/// <summary>
/// A constraint on issues in the positions' small language: comparisons, membership, not, all, any and if-then. Typed
/// against the issue domains when read, so every value in a condition lies in its issue's domain.
/// </summary>
public abstract record Condition
{
    /// <summary>Whether the condition holds for a complete assignment of issue values.</summary>
    public abstract bool Holds(IReadOnlyDictionary<IssueId, int> values);

    /// <summary>The issues the condition mentions.</summary>
    public abstract IEnumerable<IssueId> Issues();

    /// <summary>The condition in words, with values named by the issues' labels.</summary>
    public abstract string Describe(IReadOnlyDictionary<IssueId, Issue> issues);
}

/// <summary><c>issue op value</c>.</summary>
/// <param name="Issue">The issue.</param>
/// <param name="Op">The comparison.</param>
/// <param name="Value">The value, in the issue's domain.</param>
public sealed record Compare(IssueId Issue, CompareOp Op, int Value) : Condition
{
    /// <summary>The operator as written.</summary>
    public static string Symbol(CompareOp op) => op switch
    {
        CompareOp.Eq => "=",
        CompareOp.Ne => "!=",
        CompareOp.Lt => "<",
        CompareOp.Le => "<=",
        CompareOp.Gt => ">",
        _ => ">=",
    };

    /// <summary>Applies <paramref name="op"/>.</summary>
    public static bool Apply(CompareOp op, int left, int right) => op switch
    {
        CompareOp.Eq => left == right,
        CompareOp.Ne => left != right,
        CompareOp.Lt => left < right,
        CompareOp.Le => left <= right,
        CompareOp.Gt => left > right,
        _ => left >= right,
    };

    /// <inheritdoc/>
    public override bool Holds(IReadOnlyDictionary<IssueId, int> values) => Apply(Op, values[Issue], Value);

    /// <inheritdoc/>
    public override IEnumerable<IssueId> Issues() => [Issue];

    /// <inheritdoc/>
    public override string Describe(IReadOnlyDictionary<IssueId, Issue> issues)
    {
        var issue = issues[Issue];
        if (issue.Domain.IsYesNo && Op is CompareOp.Eq or CompareOp.Ne)
        {
            var yes = (Value == 1) == (Op == CompareOp.Eq);
            return yes ? issue.Title : $"not: {issue.Title}";
        }

        return $"{issue.Title} {Symbol(Op)} {issue.Describe(Value)}";
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Issue} {Symbol(Op)} {Value}";
}

/// <summary><c>issue in [values]</c>.</summary>
/// <param name="Issue">The issue.</param>
/// <param name="Values">The allowed values, ascending, each in the issue's domain.</param>
public sealed record Membership(IssueId Issue, ImmutableArray<int> Values) : Condition
{
    /// <inheritdoc/>
    public override bool Holds(IReadOnlyDictionary<IssueId, int> values) => Values.Contains(values[Issue]);

    /// <inheritdoc/>
    public override IEnumerable<IssueId> Issues() => [Issue];

    /// <inheritdoc/>
    public override string Describe(IReadOnlyDictionary<IssueId, Issue> issues)
    {
        var issue = issues[Issue];
        return $"{issue.Title} is one of: {string.Join(", ", Values.Select(issue.Describe))}";
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Issue} in [{string.Join(", ", Values)}]";

    /// <inheritdoc/>
    public bool Equals(Membership? other) => other is not null && Issue == other.Issue && Values.SequenceEqual(other.Values);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Issue, Values.Length);
}

/// <summary><c>not c</c>.</summary>
/// <param name="Operand">The negated condition.</param>
public sealed record Not(Condition Operand) : Condition
{
    /// <inheritdoc/>
    public override bool Holds(IReadOnlyDictionary<IssueId, int> values) => !Operand.Holds(values);

    /// <inheritdoc/>
    public override IEnumerable<IssueId> Issues() => Operand.Issues();

    /// <inheritdoc/>
    public override string Describe(IReadOnlyDictionary<IssueId, Issue> issues) => $"not ({Operand.Describe(issues)})";

    /// <inheritdoc/>
    public override string ToString() => $"not ({Operand})";
}

/// <summary>Every operand holds (true when empty).</summary>
/// <param name="Operands">The conjuncts.</param>
public sealed record All(ImmutableArray<Condition> Operands) : Condition
{
    /// <inheritdoc/>
    public override bool Holds(IReadOnlyDictionary<IssueId, int> values) => Operands.All(o => o.Holds(values));

    /// <inheritdoc/>
    public override IEnumerable<IssueId> Issues() => Operands.SelectMany(o => o.Issues());

    /// <inheritdoc/>
    public override string Describe(IReadOnlyDictionary<IssueId, Issue> issues) =>
        string.Join("; and ", Operands.Select(o => o.Describe(issues)));

    /// <inheritdoc/>
    public override string ToString() => $"all({string.Join(", ", Operands)})";

    /// <inheritdoc/>
    public bool Equals(All? other) => other is not null && Operands.SequenceEqual(other.Operands);

    /// <inheritdoc/>
    public override int GetHashCode() => Operands.Length;
}

/// <summary>At least one operand holds (false when empty).</summary>
/// <param name="Operands">The disjuncts.</param>
public sealed record Any(ImmutableArray<Condition> Operands) : Condition
{
    /// <inheritdoc/>
    public override bool Holds(IReadOnlyDictionary<IssueId, int> values) => Operands.Any(o => o.Holds(values));

    /// <inheritdoc/>
    public override IEnumerable<IssueId> Issues() => Operands.SelectMany(o => o.Issues());

    /// <inheritdoc/>
    public override string Describe(IReadOnlyDictionary<IssueId, Issue> issues) =>
        "either " + string.Join(", or ", Operands.Select(o => o.Describe(issues)));

    /// <inheritdoc/>
    public override string ToString() => $"any({string.Join(", ", Operands)})";

    /// <inheritdoc/>
    public bool Equals(Any? other) => other is not null && Operands.SequenceEqual(other.Operands);

    /// <inheritdoc/>
    public override int GetHashCode() => Operands.Length;
}

/// <summary><c>if c then d</c>: d holds whenever c holds.</summary>
/// <param name="Condition">The premise.</param>
/// <param name="Then">The consequence.</param>
public sealed record Implies(Condition Condition, Condition Then) : Condition
{
    /// <inheritdoc/>
    public override bool Holds(IReadOnlyDictionary<IssueId, int> values) => !Condition.Holds(values) || Then.Holds(values);

    /// <inheritdoc/>
    public override IEnumerable<IssueId> Issues() => Condition.Issues().Concat(Then.Issues());

    /// <inheritdoc/>
    public override string Describe(IReadOnlyDictionary<IssueId, Issue> issues) =>
        $"if {Condition.Describe(issues)}, then {Then.Describe(issues)}";

    /// <inheritdoc/>
    public override string ToString() => $"if ({Condition}) then ({Then})";
}
