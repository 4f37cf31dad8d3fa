using System.Security.Cryptography;
using Detente.Record.Canonical;

namespace Detente.Record.Statements;

/// <summary>
/// Binds a batch of observation rows stored outside the log to one statement. The digest is
/// <c>SHA-256</c> of the rows in order, each as RFC 8785 canonical JSON followed by '\n' (canonical JSON Lines).
/// The statement body is <c>{"rows": n, "sha256": "&lt;hex&gt;", ...}</c>.
/// </summary>
public static class ObservationBatch
{
    /// <summary>Body member holding the number of rows.</summary>
    public const string RowsMember = "rows";

    /// <summary>Body member holding the lower-case hex SHA-256 of the rows.</summary>
    public const string DigestMember = "sha256";

    /// <summary>Computes the digest of rows given as JSON (each is canonicalised first; invalid JSON throws <see cref="RecordFormatException"/>).</summary>
    public static string Digest(IEnumerable<byte[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var row in rows)
        {
            hash.AppendData(CanonicalJson.Canonicalize(row));
            hash.AppendData("\n"u8);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>True when <paramref name="text"/> is 64 lower-case hex digits.</summary>
    public static bool IsDigestText(string? text) =>
        text is { Length: 64 } && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
