namespace Detente.Negotiation;

/// <summary>An issue's id, a slug such as <c>ukr-nato-member</c>.</summary>
/// <param name="Value">The slug.</param>
public readonly record struct IssueId(string Value) : IComparable<IssueId>
{
    /// <inheritdoc/>
    public int CompareTo(IssueId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}

/// <summary>A position's id, a slug such as <c>rus-2021-12-no-enlargement</c>; also names a linkage.</summary>
/// <param name="Value">The slug.</param>
public readonly record struct PositionId(string Value) : IComparable<PositionId>
{
    /// <inheritdoc/>
    public int CompareTo(PositionId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}
