namespace Detente.Core;

/// <summary>Rules shared by the lower-case ids of data: sites, systems, facts, sources and areas.</summary>
public static class Slug
{
    /// <summary>True when <paramref name="text"/> is 1 to 100 characters of a-z, 0-9, '-', '.', '_', starting with a letter or digit.</summary>
    public static bool IsValid(ReadOnlySpan<char> text)
    {
        if (text.Length is 0 or > 100 || !char.IsAsciiLetterLower(text[0]) && !char.IsAsciiDigit(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c is not ('-' or '.' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    internal static string Checked(string value, string what)
    {
        ArgumentNullException.ThrowIfNull(value);
        return IsValid(value)
            ? value
            : throw new ArgumentException($"'{value}' is not a {what} id: expected lower-case a-z, 0-9, '-', '.' or '_'.", nameof(value));
    }
}

/// <summary>The id of a site (a named facility), e.g. <c>aegis-ashore-deveselu</c>.</summary>
public readonly record struct SiteId(string Value)
{
    /// <summary>The id text.</summary>
    public string Value { get; } = Slug.Checked(Value, "site");

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>The id of a system in the catalogue, e.g. <c>9m729</c>.</summary>
public readonly record struct SystemId(string Value)
{
    /// <summary>The id text.</summary>
    public string Value { get; } = Slug.Checked(Value, "system");

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>The id of a dated fact: a membership, control, deployment, activity, notification or observation.</summary>
public readonly record struct FactId(string Value)
{
    /// <summary>The id text.</summary>
    public string Value { get; } = Slug.Checked(Value, "fact");

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>The id of a source (a publication or document) that facts cite.</summary>
public readonly record struct SourceId(string Value)
{
    /// <summary>The id text.</summary>
    public string Value { get; } = Slug.Checked(Value, "source");

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>The id of a mapped area whose control is recorded, e.g. <c>crimea</c>.</summary>
public readonly record struct AreaId(string Value)
{
    /// <summary>The id text.</summary>
    public string Value { get; } = Slug.Checked(Value, "area");

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}
