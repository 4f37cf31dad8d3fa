namespace Detente.Core;

/// <summary>The id of an agreement (a document of the rule language), its slug, e.g. <c>ru-nato-2021-draft</c>.</summary>
public readonly record struct AgreementId : IComparable<AgreementId>
{
    /// <summary>Creates an agreement id.</summary>
    /// <exception cref="ArgumentException">The text is not a slug (lower-case a-z, 0-9, '-', '.', '_', starting with a letter or digit).</exception>
    public AgreementId(string value)
    {
        Value = Slug.Checked(value, "agreement");
    }

    /// <summary>The id text.</summary>
    public string Value { get; }

    /// <inheritdoc/>
    public int CompareTo(AgreementId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>
/// The id of a clause: its agreement and its number within the agreement, written <c>&lt;agreement&gt;/&lt;article&gt;</c> for an
/// article of one clause or <c>&lt;agreement&gt;/&lt;article&gt;.&lt;n&gt;</c>, e.g. <c>us-2022-response/2.1</c>.
/// </summary>
public readonly record struct ClauseId : IComparable<ClauseId>
{
    /// <summary>Creates the id of clause <paramref name="number"/> (e.g. <c>4</c> or <c>2.1</c>) of <paramref name="agreement"/>.</summary>
    /// <exception cref="ArgumentException">The number is empty, longer than 100 characters, or holds other than A-Z, a-z, 0-9, '.', '-', '_'.</exception>
    public ClauseId(AgreementId agreement, string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        if (agreement.Value is null)
        {
            throw new ArgumentException("A clause id needs an agreement.", nameof(agreement));
        }

        if (!IsValidNumber(number))
        {
            throw new ArgumentException($"'{number}' is not a clause number: expected 1 to 100 of A-Z, a-z, 0-9, '.', '-' or '_'.", nameof(number));
        }

        Agreement = agreement;
        Number = number;
    }

    /// <summary>The agreement the clause belongs to.</summary>
    public AgreementId Agreement { get; }

    /// <summary>The clause's number within its agreement: the article's number, with <c>.n</c> when the article has several clauses.</summary>
    public string Number { get; }

    /// <summary>True when <paramref name="text"/> has the form <c>agreement/number</c> (see <see cref="TryParse"/>).</summary>
    public static bool IsValid(string? text) => TryParse(text, out _);

    /// <summary>Reads <c>agreement/number</c>; false for anything else (no spaces, exactly one '/').</summary>
    public static bool TryParse(string? text, out ClauseId id)
    {
        id = default;
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (text is null || slash <= 0 || !Slug.IsValid(text.AsSpan(0, slash)) || !IsValidNumber(text.AsSpan(slash + 1)))
        {
            return false;
        }

        id = new ClauseId(new AgreementId(text[..slash]), text[(slash + 1)..]);
        return true;
    }

    /// <summary>Reads <c>agreement/number</c>.</summary>
    /// <exception cref="ArgumentException">The text is not a clause id; the message says the form expected.</exception>
    public static ClauseId Parse(string text) =>
        TryParse(text, out var id)
            ? id
            : throw new ArgumentException($"'{text}' is not a clause id: expected <agreement>/<article> or <agreement>/<article>.<n>, e.g. us-2022-response/2.1.",
                nameof(text));

    /// <summary>True when the clause is <paramref name="number"/> of <paramref name="agreement"/>.</summary>
    public bool Is(AgreementId agreement, string number) => Agreement == agreement && Number == number;

    /// <inheritdoc/>
    public int CompareTo(ClauseId other) => string.CompareOrdinal(ToString(), other.ToString());

    /// <summary>The id as written: <c>agreement/number</c>.</summary>
    public override string ToString() => Number is null ? "" : $"{Agreement.Value}/{Number}";

    private static bool IsValidNumber(ReadOnlySpan<char> text)
    {
        if (text.Length is 0 or > 100)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
