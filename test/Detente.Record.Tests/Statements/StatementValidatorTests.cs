using System.Text;
using Detente.Core;
using Detente.Record.Statements;

namespace Detente.Record.Tests.Statements;

public sealed class StatementValidatorTests
{
    [Fact]
    public void Validate_SignedStatement_Accepted()
    {
        using var key = Some.StatementKey(Some.Pol);
        var state = Some.State(key);
        var entry = Some.Signed(key, Some.Pol, 1).Entry.AsSpan();
        var check = StatementValidator.Validate(entry, state, Some.Now);
        Assert.True(check.IsAccepted, check.ToString());
        Assert.Equal(StatementKind.Position, check.Statement.Statement.Kind);
        Assert.Equal(2, state.Apply(check.Statement).NextSequence(Some.Pol));
    }

    [Fact]
    public void Entry_IsCanonicalJsonWithEnvelopeMembers()
    {
        using var key = Some.StatementKey(Some.Pol);
        var text = Encoding.UTF8.GetString(Some.Signed(key, Some.Pol, 1).Entry.AsSpan());
        Assert.StartsWith("""{"author":"POL","body":{"issue":"ukr-nato-membership","stance":"red-line"},"key":"pol.detente.test/statements/1+""", text, StringComparison.Ordinal);
        Assert.Contains(""","kind":"position","seq":1,"sig":""", text, StringComparison.Ordinal);
        Assert.EndsWith(""","time":"2026-11-22T13:00:00Z"}""", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_DeepAndNonAsciiBody_EntryIsCanonicalAndValidates()
    {
        using var key = Some.StatementKey(Some.Pol);
        var deep = new string('[', 100) + "\"Чорноморськ 🚢 \\u0001\"" + new string(']', 100);
        var body = $$"""{"note":{{deep}},"z":1e21,"a":-0.0}""";
        var signed = Some.Signed(key, Some.Pol, 1, StatementKind.Observation, body);
        Assert.True(Detente.Record.Canonical.CanonicalJson.IsCanonical(signed.Entry.AsSpan(), out var error), error.ToString());
        Assert.Contains("\"a\":0,\"note\":", Encoding.UTF8.GetString(signed.Entry.AsSpan()), StringComparison.Ordinal);
        var check = StatementValidator.Validate(signed.Entry.AsSpan(), Some.State(key), Some.Now);
        Assert.True(check.IsAccepted, check.ToString());
        Assert.Equal(signed.Statement.Body, check.Statement.Statement.Body);
    }

    [Fact]
    public void Validate_WhitespaceAdded_RejectsAsNotCanonical()
    {
        using var key = Some.StatementKey(Some.Pol);
        var text = Encoding.UTF8.GetString(Some.Signed(key, Some.Pol, 1).Entry.AsSpan()).Replace("\"seq\":1", "\"seq\": 1", StringComparison.Ordinal);
        var check = StatementValidator.Validate(Encoding.UTF8.GetBytes(text), Some.State(key), Some.Now);
        Assert.Equal(StatementError.NotCanonical, check.Error);
        Assert.Contains("at byte", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownKey_Rejects()
    {
        using var key = Some.StatementKey(Some.Pol);
        var check = StatementValidator.Validate(Some.Signed(key, Some.Pol, 1), RecordStateWithoutKeys(), Some.Now);
        Assert.Equal(StatementError.UnknownKey, check.Error);
    }

    [Fact]
    public void Validate_AuthorDoesNotOwnKey_Rejects()
    {
        using var polKey = Some.StatementKey(Some.Pol);
        var check = StatementValidator.Validate(Some.Signed(polKey, Some.Rus, 1), Some.State(polKey), Some.Now);
        Assert.Equal(StatementError.KeyNotOwnedByAuthor, check.Error);
        Assert.Contains("belongs to POL, not to the author RUS", check.Message, StringComparison.Ordinal);
    }

    // Bad inputs tried: one flipped bit in the body, a signature from another key spliced in.
    [Fact]
    public void Validate_TamperedBody_RejectsBadSignature()
    {
        using var key = Some.StatementKey(Some.Pol);
        var text = Encoding.UTF8.GetString(Some.Signed(key, Some.Pol, 1).Entry.AsSpan()).Replace("red-line", "red-lime", StringComparison.Ordinal);
        var check = StatementValidator.Validate(Encoding.UTF8.GetBytes(text), Some.State(key), Some.Now);
        Assert.Equal(StatementError.BadSignature, check.Error);
    }

    [Fact]
    public void Validate_SignatureFromOtherKey_RejectsBadSignature()
    {
        using var key = Some.StatementKey(Some.Pol);
        using var other = Some.StatementKey(Some.Pol, 2);
        var good = Encoding.UTF8.GetString(Some.Signed(key, Some.Pol, 1).Entry.AsSpan());
        var forged = Some.Signed(other, Some.Pol, 1);
        var sig = Convert.ToBase64String(forged.Signature.AsSpan());
        var text = System.Text.RegularExpressions.Regex.Replace(good, "\"sig\":\"[^\"]+\"", $"\"sig\":\"{sig}\"");
        var check = StatementValidator.Validate(Encoding.UTF8.GetBytes(text), Some.State(key), Some.Now);
        Assert.Equal(StatementError.BadSignature, check.Error);
    }

    [Fact]
    public void Validate_SameSequenceTwice_RejectsReplay()
    {
        using var key = Some.StatementKey(Some.Pol);
        var first = Some.Signed(key, Some.Pol, 1);
        var state = Some.State(key).Apply(first);
        var check = StatementValidator.Validate(first, state, Some.Now);
        Assert.Equal(StatementError.SequenceReplayed, check.Error);
    }

    [Fact]
    public void Validate_SequenceThreeAfterOne_RejectsSkip()
    {
        using var key = Some.StatementKey(Some.Pol);
        var state = Some.State(key).Apply(Some.Signed(key, Some.Pol, 1));
        var check = StatementValidator.Validate(Some.Signed(key, Some.Pol, 3), state, Some.Now);
        Assert.Equal(StatementError.SequenceSkipped, check.Error);
        Assert.Contains("the next is 2", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TimeTenMinutesAhead_RejectsAsFuture()
    {
        using var key = Some.StatementKey(Some.Pol);
        var check = StatementValidator.Validate(Some.Signed(key, Some.Pol, 1, time: Some.Now.AddMinutes(10)), Some.State(key), Some.Now);
        Assert.Equal(StatementError.TimeInFuture, check.Error);
        var withinSkew = StatementValidator.Validate(Some.Signed(key, Some.Pol, 1, time: Some.Now.AddMinutes(4)), Some.State(key), Some.Now);
        Assert.True(withinSkew.IsAccepted);
    }

    [Fact]
    public void Validate_Entry65536Bytes_RejectsTooLarge()
    {
        var entry = new byte[65_536];
        var check = StatementValidator.Validate(entry, RecordStateWithoutKeys(), Some.Now);
        Assert.Equal(StatementError.TooLarge, check.Error);
    }

    [Fact]
    public void Sign_BodyTooLargeForEntry_Throws()
    {
        using var key = Some.StatementKey(Some.Pol);
        var body = $$"""{"text":"{{new string('a', 65_400)}}"}""";
        Assert.Throws<ArgumentException>(() => Some.Signed(key, Some.Pol, 1, StatementKind.AgreementText, body));
    }

    // Bad inputs tried: unknown kind, missing member, extra member, sequence 0, non-object body.
    [Theory]
    [InlineData("\"kind\":\"position\"", "\"kind\":\"threat\"", StatementError.UnknownKind)]
    [InlineData("\"seq\":1,", "", StatementError.Malformed)]
    [InlineData("\"seq\":1,", "\"seq\":1,\"seq2\":1,", StatementError.Malformed)]
    [InlineData("\"seq\":1,", "\"seq\":0,", StatementError.Malformed)]
    public void Validate_MalformedEnvelope_Rejects(string find, string replace, StatementError expected)
    {
        using var key = Some.StatementKey(Some.Pol);
        var text = Encoding.UTF8.GetString(Some.Signed(key, Some.Pol, 1).Entry.AsSpan()).Replace(find, replace, StringComparison.Ordinal);
        var check = StatementValidator.Validate(Encoding.UTF8.GetBytes(text), Some.State(key), Some.Now);
        Assert.Equal(expected, check.Error);
    }

    [Fact]
    public void KeyRotation_NewKeySigns_OldKeyRevoked()
    {
        using var old = Some.StatementKey(Some.Pol);
        using var next = Some.StatementKey(Some.Pol, 2);
        var state = Some.State(old);
        var rotation = Some.Signed(old, Some.Pol, 1, StatementKind.KeyRotation, $$"""{"newKey":"{{next.NoteKey}}"}""");
        var check = StatementValidator.Validate(rotation, state, Some.Now);
        Assert.True(check.IsAccepted, check.ToString());
        state = state.Apply(rotation);

        Assert.True(StatementValidator.Validate(Some.Signed(next, Some.Pol, 2), state, Some.Now).IsAccepted);
        var withOld = StatementValidator.Validate(Some.Signed(old, Some.Pol, 2), state, Some.Now);
        Assert.Equal(StatementError.RevokedKey, withOld.Error);
    }

    [Fact]
    public void KeyRevocation_RevokedKey_RejectedAfterwards()
    {
        using var a = Some.StatementKey(Some.Pol);
        using var b = Some.StatementKey(Some.Pol, 2);
        var state = Some.State(a, b);
        var revoke = Some.Signed(b, Some.Pol, 1, StatementKind.KeyRevocation, $$"""{"key":"{{a.NoteKey.Reference}}"}""");
        Assert.True(StatementValidator.Validate(revoke, state, Some.Now).IsAccepted);
        state = state.Apply(revoke);
        Assert.Equal(StatementError.RevokedKey, StatementValidator.Validate(Some.Signed(a, Some.Pol, 2), state, Some.Now).Error);
    }

    [Fact]
    public void KeyRevocation_OtherPartysKey_RejectsBody()
    {
        using var pol = Some.StatementKey(Some.Pol);
        using var rus = Some.StatementKey(Some.Rus);
        var revoke = Some.Signed(rus, Some.Rus, 1, StatementKind.KeyRevocation, $$"""{"key":"{{pol.NoteKey.Reference}}"}""");
        var check = StatementValidator.Validate(revoke, Some.State(pol, rus), Some.Now);
        Assert.Equal(StatementError.BadBody, check.Error);
    }

    [Fact]
    public void ObservationBatch_DigestBindsRows_AndBodyIsChecked()
    {
        using var key = Some.StatementKey(Some.Pol);
        var rows = new[] { """{"b":2, "a":1}"""u8.ToArray(), """{"site":"Deveselu"}"""u8.ToArray() };
        var digest = ObservationBatch.Digest(rows);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            Encoding.UTF8.GetBytes("{\"a\":1,\"b\":2}\n{\"site\":\"Deveselu\"}\n")));
        Assert.Equal(expected, digest);

        var good = Some.Signed(key, Some.Pol, 1, StatementKind.ObservationBatch, $$"""{"rows":2,"sha256":"{{digest}}"}""");
        Assert.True(StatementValidator.Validate(good, Some.State(key), Some.Now).IsAccepted);
        var bad = Some.Signed(key, Some.Pol, 1, StatementKind.ObservationBatch, """{"rows":2,"sha256":"XYZ"}""");
        Assert.Equal(StatementError.BadBody, StatementValidator.Validate(bad, Some.State(key), Some.Now).Error);
    }

    [Fact]
    public void StatementKinds_EveryKind_HasUniqueWireNameThatParses()
    {
        var names = StatementKinds.All.Select(k => k.WireName()).ToList();
        Assert.Equal(29, names.Count); // 20 + the 8 verification kinds (designation, visit, countersignature, dissent, 4 consultation kinds) + consent
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(StatementKinds.All, k => Assert.True(StatementKinds.TryParse(k.WireName(), out var back) && back == k));
    }

    private static RecordState RecordStateWithoutKeys() => RecordState.Empty;
}
