namespace Detente.Core;

/// <summary>
/// A party: a state by its ISO 3166 alpha-3 code (<c>RUS</c>, <c>USA</c>), an alliance (<c>NATO</c>, <c>CSTO</c>),
/// or another actor named in data (a de facto authority, a monitor). Codes are upper case.
/// </summary>
public readonly record struct PartyId : IComparable<PartyId>
{
    /// <summary>Creates a party id; the code must already be valid (see <see cref="IsValidCode"/>).</summary>
    public PartyId(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (!IsValidCode(code))
        {
            throw new ArgumentException($"'{code}' is not a party code: expected 2 to 24 characters, A-Z, 0-9 or '-'.", nameof(code));
        }

        Code = code;
    }

    /// <summary>The code, e.g. <c>POL</c> or <c>NATO</c>.</summary>
    public string Code { get; }

    /// <summary>True when <paramref name="code"/> has the form of a party code: an upper-case letter, then 1 to 23 of A-Z, 0-9, '-'.</summary>
    public static bool IsValidCode(ReadOnlySpan<char> code)
    {
        if (code.Length is < 2 or > 24 || code[0] is < 'A' or > 'Z')
        {
            return false;
        }

        foreach (var c in code)
        {
            if (c is not ((>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public int CompareTo(PartyId other) => string.CompareOrdinal(Code, other.Code);

    /// <inheritdoc/>
    public override string ToString() => Code ?? "";
}
