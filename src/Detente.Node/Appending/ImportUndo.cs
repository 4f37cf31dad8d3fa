using Detente.Storage;

namespace Detente.Node.Appending;

/// <summary>
/// The backstop of an all-or-nothing import: remembers whether the SQLite record existed and what the keyring held, and unless
/// <see cref="Done"/> is called, removes the record this import created and puts the keyring back as it was. (An import checks
/// every statement before it writes, so this only acts when writing itself fails; a PostgreSQL record is left to the operator.)
/// </summary>
public sealed class ImportUndo : IDisposable
{
    private readonly string? _newDatabase;
    private readonly string _keyringPath;
    private readonly byte[]? _keyring;
    private bool _done;

    private ImportUndo(string? newDatabase, string keyringPath, byte[]? keyring)
    {
        _newDatabase = newDatabase;
        _keyringPath = keyringPath;
        _keyring = keyring;
    }

    /// <summary>Remembers, before an import, whether the SQLite record exists and what the keyring holds.</summary>
    public static ImportUndo Before(string connection, string keyringPath)
    {
        var newDatabase = !RecordStores.IsPostgres(connection) && !Core.InputFile.Exists(connection) ? connection : null;
        var keyring = File.Exists(keyringPath) ? File.ReadAllBytes(keyringPath) : null;
        return new ImportUndo(newDatabase, keyringPath, keyring);
    }

    /// <summary>The import is complete: keep what it wrote.</summary>
    public void Done() => _done = true;

    /// <summary>Unless the import is done, removes the record it created and restores the keyring.</summary>
    public void Dispose()
    {
        if (_done)
        {
            return;
        }

        if (_newDatabase is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            {
                File.Delete(_newDatabase + suffix);
            }
        }

        if (_keyring is null)
        {
            File.Delete(_keyringPath);
        }
        else if (!File.Exists(_keyringPath) || !File.ReadAllBytes(_keyringPath).AsSpan().SequenceEqual(_keyring))
        {
            File.WriteAllBytes(_keyringPath, _keyring);
        }
    }
}
