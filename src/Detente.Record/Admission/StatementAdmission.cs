using Detente.Core;
using Detente.Record.Statements;

namespace Detente.Record.Admission;

/// <summary>
/// The body rules that read the record's state: ids stated once, references resolved (with the right kind and party), steps not
/// dated before what they answer, batch rows stored and in the author's name, demo keys only in a demo record. Call
/// <see cref="StatementBodies.Read"/> first (it needs no state and can run on every core), then <see cref="Check"/> under the write lock.
/// </summary>
public static class StatementAdmission
{
    /// <summary>
    /// Checks <paramref name="claims"/> of <paramref name="statement"/> against what <paramref name="facts"/> says was stated before it;
    /// null when every rule holds.
    /// </summary>
    /// <param name="statement">The statement.</param>
    /// <param name="claims">Its body's claims, from <see cref="StatementBodies.Read"/>.</param>
    /// <param name="facts">The record before the statement.</param>
    /// <param name="demoRecord">True for a record created as a demo (see <see cref="DemoKeys.IsDemoOrigin"/>): demo keys are accepted.</param>
    public static RuleBreach? Check(Statement statement, BodyClaims claims, IStatedFacts facts, bool demoRecord)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(facts);
        if (claims.Id is { } id && facts.Find(id) is { } existing)
        {
            return new RuleBreach(BodyRules.UniqueId,
                $"id: '{id}' is already stated (a {existing.Kind.WireName()} by {existing.Author} at log index {existing.Index})");
        }

        foreach (var reference in claims.References)
        {
            var found = facts.Find(reference.Id);
            var expected = string.Join(" or ", reference.Kinds.Select(k => k.WireName()));
            if (found is null)
            {
                return new RuleBreach(BodyRules.ReferenceResolves, $"{reference.Field}: no {expected} '{reference.Id}' is stated in the record");
            }

            if (!reference.Kinds.Contains(found.Kind))
            {
                return new RuleBreach(BodyRules.ReferenceResolves,
                    $"{reference.Field}: '{reference.Id}' is a {found.Kind.WireName()} (log index {found.Index}), not a {expected}");
            }

            if (reference.Check?.Invoke(found) is { } breach)
            {
                return breach;
            }
        }

        if (claims.BatchDigest is { } digest)
        {
            var batch = facts.Batch(digest);
            if (batch is null)
            {
                return new RuleBreach(BodyRules.BatchRowsStored, $"{ObservationBatch.DigestMember}: no rows are stored under {digest}; store the rows with the batch");
            }

            if (batch.Rows != claims.BatchRows)
            {
                return new RuleBreach(BodyRules.BatchRowsStored,
                    $"{ObservationBatch.RowsMember}: the statement says {claims.BatchRows} rows, {batch.Rows} are stored under {digest}");
            }

            // The librarian passes on published observations of many observers (they become reported facts); a party's batch holds only its own.
            if (statement.Author != StatementBodies.Librarian && batch.Observers.FirstOrDefault(o => o != statement.Author.Code) is { } other)
            {
                return new RuleBreach(BodyRules.OwnObservation,
                    $"a row of batch {digest} names the observer '{other}', not the author {statement.Author}; a batch holds only its author's observations");
            }
        }

        if (claims.NewKey is { } key && !demoRecord && DemoKeys.IsDemo(key))
        {
            return new RuleBreach(BodyRules.DemoKeyRefused, DemoKeys.Refusal(key));
        }

        return null;
    }
}
