using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Detente.Core;

namespace Detente.Record.Keys;

/// <summary>One private key in a keyring, with what it is for and, for statement keys, the party it signs for.</summary>
/// <param name="PrivateKey">The Go x/mod private key text <c>PRIVATE+KEY+name+hex8+base64</c>.</param>
/// <param name="Purpose">What the key signs.</param>
/// <param name="Party">The party a statement key signs for; null for log and witness keys.</param>
/// <param name="IsDemo">True for deterministic demo keys, which anyone can recompute.</param>
public sealed record KeyringEntry(string PrivateKey, KeyPurpose Purpose, PartyId? Party, bool IsDemo)
{
    /// <summary>Opens the private key; dispose the result when done.</summary>
    public SigningKey Open() => SigningKey.ParsePrivate(PrivateKey, IsDemo);

    /// <summary>The public verifier key to publish: type 0x04 for witnesses, 0x01 otherwise.</summary>
    public VerifierKey VerifierKey()
    {
        using var key = Open();
        return Purpose == KeyPurpose.Witness ? key.CosignerKey : key.NoteKey;
    }

    /// <summary>The key name.</summary>
    public string Name => VerifierKey().Name;
}

/// <summary>
/// A JSON file of private keys (<c>{"format":"detente-keyring/v1","keys":[...]}</c>). It is written with mode 0600 and, on Unix,
/// refused when group or others may read it. Demo keys are marked <c>"demo": true</c>.
/// </summary>
public sealed record Keyring
{
    /// <summary>The format tag written in every keyring file.</summary>
    public const string Format = "detente-keyring/v1";

    private Keyring(ImmutableArray<KeyringEntry> entries) => Entries = entries;

    /// <summary>A keyring with no keys.</summary>
    public static Keyring Empty { get; } = new([]);

    /// <summary>The keys, in the order added.</summary>
    public ImmutableArray<KeyringEntry> Entries { get; }

    /// <summary>Adds <paramref name="key"/>; statement keys need a party. Names must be unique within the keyring.</summary>
    public Keyring Add(SigningKey key, KeyPurpose purpose, PartyId? party = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (purpose == KeyPurpose.Statement && party is null)
        {
            throw new ArgumentException(RecordMessages.KeyringStatementParty, nameof(party));
        }

        if (Entries.Any(e => e.Name == key.Name))
        {
            throw new ArgumentException(RecordMessages.KeyringDuplicate(key.Name), nameof(key));
        }

        return new Keyring(Entries.Add(new KeyringEntry(key.ExportPrivate(), purpose, party, key.IsDemo)));
    }

    /// <summary>Finds an entry by key name.</summary>
    public KeyringEntry? Find(string name) => Entries.FirstOrDefault(e => e.Name == name);

    /// <summary>Writes the keyring to <paramref name="path"/> with owner-only permissions (0600), replacing any file there.</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var keys = new JsonArray();
        foreach (var e in Entries)
        {
            keys.Add(new JsonObject
            {
                ["name"] = e.Name,
                ["purpose"] = e.Purpose.ToString().ToLowerInvariant(),
                ["party"] = e.Party?.Code,
                ["demo"] = e.IsDemo,
                ["vkey"] = e.VerifierKey().ToString(),
                ["private"] = e.PrivateKey,
            });
        }

        var json = new JsonObject { ["format"] = Format, ["keys"] = keys }
            .ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(json);
            writer.Write('\n');
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads a keyring; throws <see cref="RecordFormatException"/> when malformed or, on Unix, readable by group or others.</summary>
    public static Keyring Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
            {
                throw new RecordFormatException(RecordMessages.KeyringPermissions(path));
            }
        }

        try
        {
            return Parse(path, InputFile.ReadAllText(path, InputFile.KeyringLimit));
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException || (e is FormatException && e is not RecordFormatException))
        {
            // Wrong JSON types (a number where a string belongs) or broken key text.
            throw new RecordFormatException(RecordMessages.KeyringShape(path, e.Message));
        }
    }

    private static Keyring Parse(string path, string json)
    {
        if (JsonMembers.FirstDuplicate(System.Text.Encoding.UTF8.GetBytes(json)) is { } twice)
        {
            throw new RecordFormatException(RecordMessages.KeyringShape(path, $"line {twice.Line}, column {twice.Column}: the member '{twice.Name}' appears twice"));
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new RecordFormatException(RecordMessages.KeyringShape(path, e.Message));
        }

        if (root?["format"]?.GetValue<string>() != Format || root["keys"] is not JsonArray keys)
        {
            throw new RecordFormatException(RecordMessages.KeyringFormat(path, Format));
        }

        var entries = ImmutableArray.CreateBuilder<KeyringEntry>();
        foreach (var k in keys)
        {
            var privateText = k?["private"]?.GetValue<string>();
            var purposeText = k?["purpose"]?.GetValue<string>();
            if (privateText is null || !Enum.TryParse<KeyPurpose>(purposeText, ignoreCase: true, out var purpose)
                || !Enum.IsDefined(purpose))
            {
                throw new RecordFormatException(RecordMessages.KeyringEntryShape(path));
            }

            var partyText = k!["party"]?.GetValue<string>();
            if (partyText is not null && !PartyId.IsValidCode(partyText))
            {
                throw new RecordFormatException(RecordMessages.KeyringParty(path, partyText));
            }

            var entry = new KeyringEntry(privateText, purpose, partyText is null ? null : new PartyId(partyText),
                k["demo"]?.GetValue<bool>() ?? false);
            try
            {
                // Opening checks the key text and its key id.
                entry.Open().Dispose();
            }
            catch (RecordFormatException e)
            {
                throw new RecordFormatException(RecordMessages.KeyringShape(path, e.Message));
            }

            entries.Add(entry);
        }

        return new Keyring(entries.ToImmutable());
    }

    /// <summary>Keyrings are equal when their entries are equal, in order.</summary>
    public bool Equals(Keyring? other) => other is not null && Entries.SequenceEqual(other.Entries);

    /// <inheritdoc/>
    public override int GetHashCode() => Entries.Length;
}
