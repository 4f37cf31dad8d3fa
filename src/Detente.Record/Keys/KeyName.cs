using System.Buffers;
using System.Text;

namespace Detente.Record.Keys;

/// <summary>Rules for signed-note key names: non-empty, valid text, no Unicode white space or control characters, and no '+'.</summary>
public static class KeyName
{
    /// <summary>True when <paramref name="name"/> may name a signed-note key.</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        for (var i = 0; i < name.Length;)
        {
            if (Rune.DecodeFromUtf16(name.AsSpan(i), out var rune, out var used) != OperationStatus.Done
                || rune.Value == '+' || Rune.IsWhiteSpace(rune) || Rune.IsControl(rune))
            {
                return false;
            }

            i += used;
        }

        return true;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="name"/> is not a valid key name.</summary>
    public static void Check(string name, string paramName)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException(RecordMessages.BadKeyName(name), paramName);
        }
    }
}
