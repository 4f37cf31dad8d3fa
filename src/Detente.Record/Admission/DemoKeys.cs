using System.Collections.Concurrent;
using Detente.Record.Keys;

namespace Detente.Record.Admission;

/// <summary>
/// Demo keys are derived from their name (<see cref="SigningKey.Demo"/>), so anyone can sign with them. They are accepted only in a
/// record created as a demo, whose origin says so (see <see cref="IsDemoOrigin"/>, e.g.
/// <c>log.detente.local/demo-1a2b3c4d</c>): the origin is in every checkpoint and every proof.
/// </summary>
public static class DemoKeys
{
    private static readonly ConcurrentDictionary<string, bool> Known = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="key"/> is the demo key of its own name (as a note or cosigner key).</summary>
    public static bool IsDemo(VerifierKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Known.GetOrAdd(key.ToString(), static (_, k) =>
        {
            if (!KeyName.IsValid(k.Name))
            {
                return false;
            }

            using var demo = SigningKey.Demo(k.Name);
            return demo.NoteKey.Equals(k) || demo.CosignerKey.Equals(k);
        }, key);
    }

    /// <summary>True when a key reference (<c>name+hex8</c>) names the demo key of its name.</summary>
    public static bool IsDemo(KeyReference reference)
    {
        if (!KeyName.IsValid(reference.Name))
        {
            return false;
        }

        using var demo = SigningKey.Demo(reference.Name);
        return demo.NoteKey.Reference == reference;
    }

    /// <summary>True when <paramref name="origin"/> names a demo record: its host starts with <c>demo.</c>, or a path segment is <c>demo</c> or starts with <c>demo-</c>.</summary>
    public static bool IsDemoOrigin(string? origin)
    {
        if (origin is null)
        {
            return false;
        }

        var segments = origin.Split('/');
        return segments[0].StartsWith("demo.", StringComparison.Ordinal)
               || segments.Skip(1).Any(s => s == "demo" || s.StartsWith("demo-", StringComparison.Ordinal));
    }

    /// <summary>The origin for a new demo record: <c>log.detente.local/demo-&lt;label&gt;</c>.</summary>
    public static string DemoOrigin(string label) => $"log.detente.local/demo-{label}";

    /// <summary>Why a demo key is refused outside a demo record.</summary>
    public static string Refusal(VerifierKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return $"{key.Reference} is a demo key: anyone can derive it from its name '{key.Name}', so it proves nothing about who signed; "
               + "demo keys are accepted only in a record created as a demo (detente record import, detente demo, or --demo)";
    }

    /// <summary>The warning every output of a demo record carries.</summary>
    public const string Warning =
        "this is a demo record: its statements are signed with demo keys that anyone can derive from a party's name, so they show what the data says, not who said it";
}
