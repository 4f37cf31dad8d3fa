using Detente.Record.Keys;

namespace Detente.Record.Tests.Keys;

public sealed class KeyringTests
{
    [Fact]
    public void Save_ThenLoad_RoundTripsWithMode0600()
    {
        var path = Path.Combine(Path.GetTempPath(), $"detente-keyring-{Guid.NewGuid():N}.json");
        try
        {
            using var statementKey = Some.StatementKey(Some.Pol);
            using var logKey = SigningKey.Generate("log.detente.test");
            var ring = Keyring.Empty.Add(statementKey, KeyPurpose.Statement, Some.Pol).Add(logKey, KeyPurpose.Log);
            ring.Save(path);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }

            var loaded = Keyring.Load(path);
            Assert.Equal(ring, loaded);
            Assert.True(loaded.Entries[0].IsDemo);
            Assert.False(loaded.Entries[1].IsDemo);
            Assert.Contains("\"demo\": true", File.ReadAllText(path), StringComparison.Ordinal);
            using var reopened = loaded.Find("log.detente.test")!.Open();
            Assert.Equal(logKey.NoteKey, reopened.NoteKey);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_WorldReadableFile_Refused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = Path.Combine(Path.GetTempPath(), $"detente-keyring-{Guid.NewGuid():N}.json");
        try
        {
            using var key = Some.StatementKey(Some.Pol);
            Keyring.Empty.Add(key, KeyPurpose.Statement, Some.Pol).Save(path);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
            var e = Assert.Throws<RecordFormatException>(() => Keyring.Load(path));
            Assert.Contains("chmod 600", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    // Bad inputs tried: not JSON, wrong format tag, a number where the private key belongs, an unknown purpose, a bad party code,
    // a private key whose key id was altered.
    [Theory]
    [InlineData("{")]
    [InlineData("""{"format":"other","keys":[]}""")]
    [InlineData("""{"format":"detente-keyring/v1","keys":[{"private":5,"purpose":"log"}]}""")]
    [InlineData("""{"format":"detente-keyring/v1","keys":[{"private":"PRIVATE+KEY+a+00000000+AQ==","purpose":"boss"}]}""")]
    [InlineData("""{"format":"detente-keyring/v1","keys":[{"private":"PRIVATE+KEY+a+00000000+AQ==","purpose":"log","party":"pol"}]}""")]
    [InlineData("""{"format":"detente-keyring/v1","keys":[{"private":"PRIVATE+KEY+a+00000000+AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","purpose":"log"}]}""")]
    public void Load_Malformed_ThrowsFormatError(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"detente-keyring-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, json);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            var e = Assert.Throws<RecordFormatException>(() => Keyring.Load(path));
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Demo_SameName_SameKeyAndMarkedDemo()
    {
        using var a = SigningKey.Demo("pol.demo");
        using var b = SigningKey.Demo("pol.demo");
        using var c = SigningKey.Demo("rus.demo");
        Assert.Equal(a.NoteKey, b.NoteKey);
        Assert.NotEqual(a.NoteKey.PublicKey.AsSpan().ToArray(), c.NoteKey.PublicKey.AsSpan().ToArray());
        Assert.True(a.IsDemo);
    }

    [Fact]
    public void PrivateKeyText_RoundTrips_AndWrongKeyIdRejected()
    {
        using var key = SigningKey.Generate("example.org/k");
        var text = key.ExportPrivate();
        using var back = SigningKey.ParsePrivate(text);
        Assert.Equal(key.NoteKey, back.NoteKey);
        var parts = text.Split('+');
        var wrongId = string.Join('+', parts[0], parts[1], parts[2], "00000000", string.Join('+', parts[4..]));
        Assert.Throws<RecordFormatException>(() => SigningKey.ParsePrivate(wrongId));
    }

    // Bad inputs tried: wrong key id, unknown type byte, too few parts, a name with a space.
    [Theory]
    [InlineData("example.org/test-log+00000000+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4")]
    [InlineData("example.org/test-log+4b5177e6+AgOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4")]
    [InlineData("example.org/test-log+4b5177e6")]
    [InlineData("example org+4b5177e6+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4")]
    public void VerifierKey_Malformed_Rejected(string vkey)
    {
        Assert.Throws<RecordFormatException>(() => VerifierKey.Parse(vkey));
    }
}
