using Detente.Core;
using Detente.Rules;
using Detente.Rules.Compilation;
using Detente.Rules.Runtime;

namespace Detente.Verification.Obligations;

/// <summary>
/// The clauses whose findings are dated duties (Vienna Document notices, invitations and communications), with the kind each is
/// listed as among the obligations; the rules already check them, and each finding carries its due date as data.
/// </summary>
public static class DutyClauses
{
    /// <summary>Each duty clause (<c>agreement/article</c>, its numbered clauses included) and the kind of obligation it is.</summary>
    public static IReadOnlyList<(string Clause, string Kind)> All { get; } =
    [
        ("vienna-document-2011/38", "prior-notification"),
        ("vienna-document-2011/40", "concentration-notification"),
        ("vienna-document-2011/41", "alert-notification"),
        ("vienna-document-2011/47", "observation-invitation"),
        ("vienna-document-2011/61", "annual-calendar"),
        ("vienna-document-2011/69", "large-activity-communication"),
    ];

    /// <summary>
    /// The findings of the duty clauses on the world's date with their kind, for <see cref="ObligationList.At"/>; documents the
    /// library does not hold are skipped.
    /// </summary>
    public static List<(string Kind, Finding Finding)> Findings(RuleEngine engine, AgreementLibrary library, World world)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(library);
        var duties = new List<(string, Finding)>();
        foreach (var group in All.GroupBy(d => d.Clause[..d.Clause.IndexOf('/', StringComparison.Ordinal)]))
        {
            if (library.Find(group.Key) is not { } agreement)
            {
                continue;
            }

            foreach (var f in engine.Evaluate(agreement, world))
            {
                var id = f.Clause.ToString();
                if (group.FirstOrDefault(d => id == d.Clause || id.StartsWith(d.Clause + ".", StringComparison.Ordinal)) is { Kind: not null } duty)
                {
                    duties.Add((duty.Kind, f));
                }
            }
        }

        return duties;
    }
}
