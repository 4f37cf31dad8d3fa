using Detente.Record.Keys;
using Detente.Storage;

namespace Detente.Benchmarks;

/// <summary>
/// Makes a record built by the suites (e.g. <see cref="NodeRecord"/>'s cached 1,000,000-deployment record, a copy of it) ready for
/// bench/verify-side-by-side.sh: a log key named like the store's origin in the keyring (created when missing) and a checkpoint
/// signed with it over the integrated tree. Run as <c>Detente.Benchmarks checkpoint-record DB KEYRING</c>; prints the checkpoint.
/// </summary>
internal static class CheckpointRecord
{
    public static int Run(string connection, string keyringPath)
    {
        var origin = RecordStores.ExistingOrigin(connection) ?? throw new ArgumentException($"no record in {connection}");
        var keyring = File.Exists(keyringPath) ? Keyring.Load(keyringPath) : Keyring.Empty;
        if (keyring.Find(origin) is null)
        {
            using var generated = SigningKey.Generate(origin);
            keyring = keyring.Add(generated, KeyPurpose.Log);
            keyring.Save(keyringPath);
        }

        using var store = RecordStores.Open(connection, origin);
        using var key = keyring.Find(origin)!.Open();
        Console.Write(store.Checkpoint(key).ToString());
        return 0;
    }
}
