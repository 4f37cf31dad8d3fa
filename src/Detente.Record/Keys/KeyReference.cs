namespace Detente.Record.Keys;

/// <summary>Names a key inside the record as <c>name+hex8</c> (the first two parts of its verifier key).</summary>
/// <param name="Name">The key name.</param>
/// <param name="Id">The key id.</param>
public readonly record struct KeyReference(string Name, KeyId Id)
{
    /// <summary>Parses <c>name+hex8</c>; throws <see cref="RecordFormatException"/> when malformed.</summary>
    public static KeyReference Parse(string text)
    {
        if (!TryParse(text, out var reference))
        {
            throw new RecordFormatException(RecordMessages.KeyReferenceShape(text));
        }

        return reference;
    }

    /// <summary>Tries to parse <c>name+hex8</c>.</summary>
    public static bool TryParse(string? text, out KeyReference reference)
    {
        reference = default;
        if (text is null)
        {
            return false;
        }

        var plus = text.LastIndexOf('+');
        if (plus <= 0 || text.Length - plus - 1 != 8 || !KeyName.IsValid(text[..plus]))
        {
            return false;
        }

        try
        {
            reference = new KeyReference(text[..plus], KeyId.ParseHex(text[(plus + 1)..]));
            return true;
        }
        catch (RecordFormatException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}+{Id}";
}
