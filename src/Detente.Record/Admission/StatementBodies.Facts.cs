using System.Globalization;
using System.Text;
using System.Text.Json;
using Detente.Core;
using Detente.Record.Statements;

namespace Detente.Record.Admission;

/// <summary>
/// The fact a statement states, as <c>record verify</c> re-derives the <c>facts</c> cache for every entry: the same answer as
/// <see cref="Read"/>, read for the common shapes without a document.
/// </summary>
public static partial class StatementBodies
{
    private static readonly byte[][] DeploymentMembers =
    [
        "id"u8.ToArray(), "owner"u8.ToArray(), "host"u8.ToArray(), "site"u8.ToArray(), "area"u8.ToArray(), "location"u8.ToArray(),
        "system"u8.ToArray(), "quantity"u8.ToArray(), "unit"u8.ToArray(), "permanence"u8.ToArray(), "mission"u8.ToArray(),
        "from"u8.ToArray(), "to"u8.ToArray(), "provenance"u8.ToArray(), "description"u8.ToArray(), "note"u8.ToArray(),
        "sources"u8.ToArray(), "confidence"u8.ToArray(), "credibility"u8.ToArray(),
    ];

    private static readonly byte[][] ActivityMembers =
    [
        "id"u8.ToArray(), "name"u8.ToArray(), "kind"u8.ToArray(), "participants"u8.ToArray(), "hosts"u8.ToArray(), "start"u8.ToArray(),
        "end"u8.ToArray(), "area"u8.ToArray(), "sites"u8.ToArray(), "troops"u8.ToArray(), "equipment"u8.ToArray(), "note"u8.ToArray(),
        "sources"u8.ToArray(), "confidence"u8.ToArray(), "credibility"u8.ToArray(),
    ];

    /// <summary>
    /// The fact <paramref name="statement"/> states at log index <paramref name="index"/>: exactly
    /// <c>Read(statement).Claims?.ToFact(statement, index)</c>. Deployment declarations and activities of the usual shape are read in
    /// one pass over the body's bytes, checking every condition <see cref="Read"/> checks for them; a body of any other kind or
    /// shape (an escaped string, a nested quantity, a location, equipment, a repeated member, anything that fails) goes to
    /// <see cref="Read"/>, so what is derived never depends on which way was taken.
    /// </summary>
    public static StatedFact? Fact(Statement statement, long index)
    {
        ArgumentNullException.ThrowIfNull(statement);
        if (!MayStateFact(statement.Kind))
        {
            return null;
        }

        var quick = statement.BodyUtf8.IsEmpty ? null : statement.Kind switch
        {
            StatementKind.DeploymentDeclaration => QuickDeployment(statement),
            StatementKind.Activity => QuickActivity(statement),
            _ => null,
        };
        return quick is { } q
            ? new StatedFact(q.Id, statement.Kind, statement.Author, q.Parties, index, null)
            : Read(statement).Claims?.ToFact(statement, index);
    }

    /// <summary>A deployment declaration that certainly passes <see cref="Read"/>: its id and owner; null when not certain.</summary>
    private static (string Id, string Parties)? QuickDeployment(Statement s)
    {
        try
        {
            var r = new Utf8JsonReader(s.BodyUtf8.Span);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? id = null, owner = null, provenance = null;
            DateOnly? from = null, to = null;
            var seen = 0;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                var m = Member(ref r, DeploymentMembers);
                if (m < 0 || (seen & (1 << m)) != 0 || !r.Read())
                {
                    return null;
                }

                seen |= 1 << m;
                var ok = m switch
                {
                    0 => (id = SlugOf(ref r)) is not null,
                    1 => (owner = PartyOf(ref r)) is not null,
                    2 => PartyOf(ref r) is not null,
                    3 or 6 => SlugOf(ref r) is not null,
                    4 or 14 or 15 => r.TokenType == JsonTokenType.String,
                    7 => IsCount(ref r, 0, AdmissionLimits.MaxCount),
                    8 => IsWord(ref r, Vocabulary.Unit),
                    9 => IsWord(ref r, Vocabulary.Permanence),
                    10 => IsWord(ref r, Vocabulary.Mission),
                    11 => (from = DateOf(ref r)) is not null,
                    12 => (to = DateOf(ref r)) is not null,
                    13 => (provenance = WordOf(ref r, Vocabulary.Provenance)) is not null,
                    16 => IsSources(ref r),
                    17 => IsWord(ref r, Vocabulary.Confidence),
                    18 => IsCount(ref r, 1, 6),
                    _ => false, // a location: read by the full reader
                };
                if (!ok)
                {
                    return null;
                }
            }

            // Required: id, owner, host or site, quantity, unit, permanence, mission, from, provenance, sources, confidence.
            const int required = (1 << 0) | (1 << 1) | (1 << 7) | (1 << 8) | (1 << 9) | (1 << 10) | (1 << 11) | (1 << 13) | (1 << 16) | (1 << 17);
            if (r.TokenType != JsonTokenType.EndObject || r.Read() || (seen & required) != required || (seen & ((1 << 2) | (1 << 3))) == 0
                || (to is { } t && t < from!.Value))
            {
                return null;
            }

            var own = s.Author == Librarian ? provenance == "reported" : owner == s.Author.Code && provenance == "declared";
            return own ? (id!, owner!) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>An activity that certainly passes <see cref="Read"/>: its id and participants; null when not certain.</summary>
    private static (string Id, string Parties)? QuickActivity(Statement s)
    {
        try
        {
            var r = new Utf8JsonReader(s.BodyUtf8.Span);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? id = null;
            List<string>? participants = null;
            DateOnly? start = null, end = null;
            var seen = 0;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                var m = Member(ref r, ActivityMembers);
                if (m < 0 || (seen & (1 << m)) != 0 || !r.Read())
                {
                    return null;
                }

                seen |= 1 << m;
                var ok = m switch
                {
                    0 => (id = SlugOf(ref r)) is not null,
                    1 or 7 or 11 => r.TokenType == JsonTokenType.String,
                    2 => IsWord(ref r, Vocabulary.ActivityKind),
                    3 => (participants = PartiesOf(ref r)) is not null,
                    4 => PartiesOf(ref r) is not null,
                    5 => (start = DateOf(ref r)) is not null,
                    6 => (end = DateOf(ref r)) is not null,
                    8 => IsSlugs(ref r, nonEmpty: false),
                    9 => IsCount(ref r, 0, AdmissionLimits.MaxCount),
                    12 => IsSources(ref r),
                    13 => IsWord(ref r, Vocabulary.Confidence),
                    14 => IsCount(ref r, 1, 6),
                    _ => false, // equipment: read by the full reader
                };
                if (!ok)
                {
                    return null;
                }
            }

            // Required: id, name, kind, participants, start, sources, confidence.
            const int required = (1 << 0) | (1 << 1) | (1 << 2) | (1 << 3) | (1 << 5) | (1 << 12) | (1 << 13);
            if (r.TokenType != JsonTokenType.EndObject || r.Read() || (seen & required) != required || (end is { } e && e < start!.Value))
            {
                return null;
            }

            return s.Author == Librarian || participants!.Contains(s.Author.Code) ? (id!, string.Join(' ', participants!)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The index of the member name the reader is on among <paramref name="names"/>; −1 when it is none of them.</summary>
    private static int Member(ref Utf8JsonReader r, byte[][] names)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (r.ValueTextEquals(names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>True when the value is an unescaped ASCII string of at most <paramref name="max"/> bytes, copied to <paramref name="text"/>.</summary>
    private static bool Ascii(ref Utf8JsonReader r, int max, scoped Span<char> text, out int length)
    {
        length = 0;
        if (r.TokenType != JsonTokenType.String || r.ValueIsEscaped || r.HasValueSequence || r.ValueSpan.Length > max)
        {
            return false;
        }

        var bytes = r.ValueSpan;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] >= 0x80)
            {
                return false;
            }

            text[i] = (char)bytes[i];
        }

        length = bytes.Length;
        return true;
    }

    private static string? SlugOf(ref Utf8JsonReader r)
    {
        Span<char> text = stackalloc char[100];
        return Ascii(ref r, 100, text, out var n) && Slug.IsValid(text[..n]) ? new string(text[..n]) : null;
    }

    private static string? PartyOf(ref Utf8JsonReader r)
    {
        Span<char> text = stackalloc char[24];
        return Ascii(ref r, 24, text, out var n) && PartyId.IsValidCode(text[..n]) ? Interned(text[..n]) : null;
    }

    private static DateOnly? DateOf(ref Utf8JsonReader r)
    {
        Span<char> text = stackalloc char[10];
        return Ascii(ref r, 10, text, out var n) && n == 10
               && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;
    }

    private static string? WordOf(ref Utf8JsonReader r, IReadOnlyList<string> words)
    {
        if (r.TokenType != JsonTokenType.String)
        {
            return null;
        }

        foreach (var word in words)
        {
            if (r.ValueTextEquals(word))
            {
                return word;
            }
        }

        return null;
    }

    private static bool IsWord(ref Utf8JsonReader r, IReadOnlyList<string> words) => WordOf(ref r, words) is not null;

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, as <see cref="BodyReader.CountOf"/> accepts it.</summary>
    private static bool IsCount(ref Utf8JsonReader r, double min, double max) =>
        r.TokenType == JsonTokenType.Number && r.TryGetDouble(out var d) && double.IsFinite(d) && d == Math.Floor(d) && d >= min && d <= max;

    /// <summary>A non-empty array of source ids (the form with a locator goes to the full reader).</summary>
    private static bool IsSources(ref Utf8JsonReader r) => IsSlugs(ref r, nonEmpty: true);

    private static bool IsSlugs(ref Utf8JsonReader r, bool nonEmpty)
    {
        if (r.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var count = 0;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (SlugOf(ref r) is null)
            {
                return false;
            }

            count++;
        }

        return r.TokenType == JsonTokenType.EndArray && (count > 0 || !nonEmpty);
    }

    /// <summary>An array of distinct party codes, possibly empty.</summary>
    private static List<string>? PartiesOf(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        var list = new List<string>(4);
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (PartyOf(ref r) is not { } party || list.Contains(party))
            {
                return null;
            }

            list.Add(party);
        }

        return r.TokenType == JsonTokenType.EndArray ? list : null;
    }

    // Party codes repeat in every body: one string per code and thread instead of one per body.
    [ThreadStatic]
    private static Dictionary<int, string[]>? _codes;

    private static string Interned(ReadOnlySpan<char> code)
    {
        var codes = _codes ??= [];
        var hash = string.GetHashCode(code, StringComparison.Ordinal);
        if (codes.TryGetValue(hash, out var known))
        {
            foreach (var k in known)
            {
                if (code.SequenceEqual(k))
                {
                    return k;
                }
            }
        }

        var made = new string(code);
        if (codes.Count < 4096)
        {
            codes[hash] = known is null ? [made] : [.. known, made];
        }

        return made;
    }
}
